"""The posting's own statements, verbatim: the company's about text, the equal-opportunity text,
the note to applicants, the in-office requirement and what it says about how pay is set.

Each is the text of its section (see `sections.cut_where_the_text_changes` for where a section
ends), paragraphs joined by a blank line. Pay talk is taken sentence by sentence: under a pay
heading every sentence that speaks of pay without stating an amount, elsewhere only sentences
about how pay is set
("Final salary is based on a number of factors including location").
"""

import re

from postings.ingest import passages, workplace
from postings.ingest.headings import SectionKind
from postings.ingest.sections import Section

PARAGRAPH_BREAK = "\n\n"
NO_PAY_TALK = (SectionKind.ABOUT_COMPANY, SectionKind.EQUAL_OPPORTUNITY)


def section_text(sections: list[Section], kind: SectionKind) -> str:
    return PARAGRAPH_BREAK.join(
        line.text for section in sections if section.kind is kind for line in section.lines
    )


def first_section_text(sections: list[Section], kind: SectionKind) -> str:
    """The text of the first section of `kind`, with the headless sections that go on from it
    ("About Acme", not the "Life at Acme" or "Accommodations" further down)."""
    lines = []
    for section in sections:
        if lines and (section.kind is not kind or section.heading is not None):
            break
        if section.kind is kind:
            lines.extend(line.text for line in section.lines)
    return PARAGRAPH_BREAK.join(lines)


# Where a paragraph of its own may state the in-office requirement without a heading.
UNHEADED_IN_OFFICE = (
    SectionKind.PREAMBLE,
    SectionKind.ABOUT_ROLE,
    SectionKind.OTHER,
    SectionKind.DETAILS,
    SectionKind.LOCATION,
)
# How often people are where: "two days a week", "3 days in office", "from home"; on which
# days is `workplace.sets_out_a_week` ("in our Los Angeles studio on Tuesdays and Thursdays").
SCHEDULE = re.compile(
    r"\bdays? (?:a|per|each) week\b|\bdays? in (?:the )?office\b|\bfrom home\b|\bwherever\b",
    re.IGNORECASE,
)


# A perk that splits the week: "Two days per week in our office, the rest remote".
OFFICE_AND_ELSEWHERE = re.compile(
    r"\boffice\b.*\b(?:remote(?:ly)?|from home|from anywhere)\b|"
    r"\b(?:remote(?:ly)?|from home|from anywhere)\b.*\boffice\b",
    re.IGNORECASE,
)


def in_office_text(sections: list[Section]) -> str:
    """The in-office statement: its section, up to the first sentence that turns to pay, or else
    a paragraph of its own about where people work that says how often or on which days ("This
    is a hybrid role: you'll work from our Bellevue office two days a week", "Hybrid (3 days in
    office)")."""
    if not any(section.kind is SectionKind.IN_OFFICE for section in sections):
        return _unheaded_in_office_paragraph(sections)
    paragraphs = []
    for section in sections:
        if section.kind is not SectionKind.IN_OFFICE:
            continue
        for line in section.lines:
            kept = []
            for sentence in passages.sentences(line.text):
                if passages.is_pay_note(sentence) or passages.states_pay(sentence):
                    break
                if not passages.is_about_workplace(sentence) and not kept:
                    break  # "This internship is based in Denver": a place, no requirement
                kept.append(sentence)
            if kept:
                paragraphs.append(" ".join(kept))
            if len(kept) < len(passages.sentences(line.text)):
                break
    return PARAGRAPH_BREAK.join(paragraphs)


def _unheaded_in_office_paragraph(sections: list[Section]) -> str:
    for section in sections:
        if section.kind not in UNHEADED_IN_OFFICE and section.kind is not SectionKind.BENEFIT:
            continue
        for line in section.lines:
            if section.kind is SectionKind.BENEFIT and not OFFICE_AND_ELSEWHERE.search(line.text):
                continue  # a perk "three days a week" (lunch) says nothing of the office
            # "Location: ...", but not "Hybrid: Tuesday to Thursday in our office."
            labelled = passages.label_and_value(line.text)
            is_a_field = labelled is not None and not passages.is_about_workplace(labelled[0])
            if is_a_field or not (
                SCHEDULE.search(line.text) or workplace.sets_out_a_week(line.text)
            ):
                continue
            every_sentence_on_workplace = all(
                passages.is_about_workplace(s) for s in passages.sentences(line.text)
            )
            if every_sentence_on_workplace:
                return line.text
    return ""


def pay_note_text(sections: list[Section]) -> str:
    """What the posting says about how pay is set. A sentence about pay counts under a pay
    heading, right after a line that states the pay, or right after another such sentence;
    elsewhere it must say how pay is set ("Final salary is based on ... location")."""
    paragraphs = []
    for section in sections:
        if section.kind in NO_PAY_TALK:
            continue
        under_pay_heading = section.kind is SectionKind.PAY and section.heading is not None
        if _is_pay_note_sentence(section.heading_text):
            paragraphs.append(section.heading_text)  # "Monthly pay depends on your degree:"
        after_pay = False
        for line in section.lines:
            kept = []
            for sentence in passages.sentences(line.text):
                if passages.states_a_legal_minimum(sentence):
                    kept.append(sentence)  # the law's minimum is said about pay, not the pay
                    continue
                if passages.states_pay(sentence) or passages.is_equal_opportunity(sentence):
                    continue
                if _is_a_label(sentence) or _introduces_something_else(sentence):
                    continue
                if _leads_into_the_amount(sentence):
                    continue
                about_pay = passages.speaks_of_pay(sentence) and not _names_a_perk(sentence)
                near_pay = under_pay_heading or after_pay or bool(kept)
                if passages.is_pay_note(sentence) or (near_pay and about_pay):
                    kept.append(sentence)
            if kept:
                paragraphs.append(" ".join(kept))
            after_pay = passages.states_pay(line.text)
    return PARAGRAPH_BREAK.join(paragraphs)


MIN_SENTENCE_WORDS = 4


def _is_a_label(text: str) -> bool:
    """ "Paid internship", "Hourly Pay Range": a label of the page, not a sentence about pay."""
    return len(text.split()) < MIN_SENTENCE_WORDS and not re.search(r"[.!?]$", text)


def _introduces_something_else(text: str) -> bool:
    """ "Depending on location and eligibility, these include:" opens a list of other things."""
    return text.endswith(":") and not passages.speaks_of_pay(text)


# A perk beside the pay: "On-campus housing is available at a reduced rate.", "A paid week at
# our depot". It speaks of a rate or of being paid, but not of how the pay is set.
PERK = re.compile(
    r"\b(?:housing|accommodation|relocation|travel|meals?|lunch|transit|commut\w*|gym|"
    r"paid (?:\w+ )?(?:weeks?|days?|time off|holidays?|leave|vacation|trips?|visits?))\b",
    re.IGNORECASE,
)
# "The hourly pay for this internship is:": a lead-in to the amount on the next line.
LEADS_INTO_AMOUNT = re.compile(r"\b(?:is|are|will be|as follows)\s*:$", re.IGNORECASE)


def _names_a_perk(text: str) -> bool:
    return bool(PERK.search(text))


def _leads_into_the_amount(text: str) -> bool:
    return bool(LEADS_INTO_AMOUNT.search(text.strip()))


def _is_pay_note_sentence(heading: str) -> bool:
    return (
        len(heading.split()) >= MIN_SENTENCE_WORDS
        and passages.is_pay_note(heading)
        and passages.speaks_of_pay(heading)
    )
