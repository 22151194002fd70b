"""The posting's own statements, verbatim: the company's about text, the equal-opportunity text,
the note to applicants, the in-office requirement and what it says about how pay is set.

Each is the text of its section (see `sections.cut_where_the_text_changes` for where a section
ends), paragraphs joined by a blank line. Pay talk is taken sentence by sentence: under a pay
heading every sentence that states no amount, elsewhere only sentences about how pay is set
("Final salary is based on a number of factors including location").
"""

from postings.ingest import passages
from postings.ingest.headings import SectionKind
from postings.ingest.sections import Section

PARAGRAPH_BREAK = "\n\n"
NO_PAY_TALK = (SectionKind.ABOUT_COMPANY, SectionKind.EQUAL_OPPORTUNITY)


def section_text(sections: list[Section], kind: SectionKind) -> str:
    return PARAGRAPH_BREAK.join(
        line.text for section in sections if section.kind is kind for line in section.lines
    )


def in_office_text(sections: list[Section]) -> str:
    """The in-office statement, up to the first sentence that turns to pay."""
    paragraphs = []
    for section in sections:
        if section.kind is not SectionKind.IN_OFFICE:
            continue
        for line in section.lines:
            kept = []
            for sentence in passages.sentences(line.text):
                if passages.is_pay_note(sentence) or passages.states_pay(sentence):
                    break
                kept.append(sentence)
            if kept:
                paragraphs.append(" ".join(kept))
            if len(kept) < len(passages.sentences(line.text)):
                break
    return PARAGRAPH_BREAK.join(paragraphs)


def pay_note_text(sections: list[Section]) -> str:
    paragraphs = []
    for section in sections:
        if section.kind in NO_PAY_TALK:
            continue
        under_pay_heading = section.kind is SectionKind.PAY and section.heading is not None
        for line in section.lines:
            kept = [
                sentence
                for sentence in passages.sentences(line.text)
                if not passages.states_pay(sentence)
                and (passages.is_pay_note(sentence) or under_pay_heading)
                and not passages.is_equal_opportunity(sentence)
            ]
            if kept:
                paragraphs.append(" ".join(kept))
    return PARAGRAPH_BREAK.join(paragraphs)
