"""Reads one posting: its text becomes a `Document`, the document is cut into sections, and each
field is read from the sections where a posting states it, with the sentence it came from.

What the text does not state stays empty; where the reader leaves a field empty on purpose (the
text is ambiguous, or says something that only looks like the fact), `Reading.notes` says why.
"""

import re
from collections.abc import Iterable

from postings.ingest import (
    areas,
    dates,
    eligibility,
    identity,
    links,
    passages,
    posting_kind,
    statements,
    terms,
    workplace,
)
from postings.ingest.document import Document, Line, LineKind, document_from_text
from postings.ingest.headings import REQUIREMENT_SECTIONS, SectionKind
from postings.ingest.html_text import document_from_html, looks_like_html
from postings.ingest.pay_bands import pay_in
from postings.ingest.places import find_locations
from postings.ingest.reading import NOT_STATED, Reading
from postings.ingest.sections import split_sections

# Sections that are not the posting's own facts: the company's boilerplate and the form.
NOT_THE_ROLE = (
    SectionKind.ABOUT_COMPANY,
    SectionKind.EQUAL_OPPORTUNITY,
    SectionKind.APPLICATION_FORM,
    SectionKind.COMPANY_OFFICES,
)
# Where a role's own topics are named (research areas, degrees).
ROLE_DESCRIPTION = (
    SectionKind.PREAMBLE,
    SectionKind.ABOUT_ROLE,
    SectionKind.RESPONSIBILITY,
    SectionKind.QUALIFICATION,
    SectionKind.OTHER,
)
# Where a role's terms (season, duration, start) are stated; not in experience or perks.
# (DETAILS and LOCATION hold "Start date: ...", "Duration: ..." lines.)
TERMS = tuple(
    kind
    for kind in SectionKind
    if kind not in NOT_THE_ROLE
    and kind not in (SectionKind.QUALIFICATION, SectionKind.PREFERRED, SectionKind.BENEFIT)
)
# Sections where a company's about text may stand without a heading of its own.
UNHEADED_COMPANY_ABOUT = (
    SectionKind.PREAMBLE,
    SectionKind.OTHER,
    SectionKind.ABOUT_ROLE,
    SectionKind.LOCATION,  # a page's "locations" label over its header and the text under it
    SectionKind.DETAILS,
)
LINES_UNDER_TITLE = 3
# What a company does, said by the company: "We build ...", "We make ...", "We help ...".
WE_DO = re.compile(r"^We (?!(?:offer|sponsor|are|can|will|do|don't|may|also|welcome)\b)[a-z]+\b")


def read_posting(text: str, *, html: bool | None = None) -> Reading:
    """Reads one posting's text; `html` says whether it is an ATS's HTML (found out when None)."""
    if html is None:
        html = looks_like_html(text)
    document = document_from_html(text) if html else document_from_text(text)
    return _PostingReader(document).read()


class _PostingReader:
    def __init__(self, document: Document):
        self.document = document
        self.sections = split_sections(document)
        self.reading = Reading()
        # Ids of preamble paragraphs that only describe the company (no heading says so).
        self.company_lines: set[int] = set()

    def read(self) -> Reading:
        if not self._offers_a_role():
            self.reading.is_posting = False
            self.note("posting", "The text offers no role: it reads as no job posting.")
            return self.reading
        title = identity.find_title(self.document)
        if why := posting_kind.why_not_one_internship(self.document, self.sections, title):
            self.reading.is_posting = False
            self.note("posting", why)
            return self.reading
        self._read_title_and_company()
        self._read_statements()
        self._read_places()
        self._read_pay()
        self._read_terms()
        self._read_eligibility()
        self._read_arrangements()
        self._read_research_areas()
        self._read_requirements()
        self._read_dates()
        self._read_apply_url()
        return self.reading

    def _offers_a_role(self) -> bool:
        """A posting lists duties or requirements, or speaks to its applicant about the role."""
        if any(s.kind in REQUIREMENT_SECTIONS and s.lines for s in self.sections):
            return True
        return any(OFFERS_A_ROLE.search(line.text) for line in self.document.lines)

    # --- where to read
    def lines(self, kinds: Iterable[SectionKind], *, headings: bool = False) -> list[Line]:
        kinds = tuple(kinds)
        found = []
        for section in self.sections:
            if section.kind not in kinds:
                continue
            if headings and section.heading is not None:
                found.append(section.heading)
            found.extend(line for line in section.lines if id(line) not in self.company_lines)
        return found

    def texts(self, kinds: Iterable[SectionKind], *, title: bool = True, headings=False):
        found = [self.reading.title] if title and self.reading.title else []
        return found + [line.text for line in self.lines(kinds, headings=headings)]

    def found(self, field: str, value, *evidence: str):
        setattr(self.reading, field, value)
        self.reading.evidence[field] = list(dict.fromkeys(piece for piece in evidence if piece))

    def note(self, field: str, why: str):
        self.reading.notes[field] = why

    # --- fields
    def _read_title_and_company(self):
        title = identity.find_title(self.document)
        named_first, title_without_it = identity.company_before_title(title, self.document)
        company, company_evidence = identity.find_company(self.document, title)
        if named_first and not company:
            company, company_evidence = named_first, title
        if named_first and company == named_first:
            title = title_without_it
        if company:
            self.found("company", company, company_evidence)
        if title:
            self.found("title", identity.without_company(title, company), title)
        self.company_lines = {id(line) for line in self._unheaded_company_paragraphs()}
        role_text = "\n".join(
            self.texts(set(SectionKind) - set(NOT_THE_ROLE), title=False, headings=True)
        )
        organization, evidence = identity.find_organization(role_text)
        if organization:
            self.found("organization", organization, evidence)
        team, evidence = identity.find_team(role_text, organization, company)
        if team:
            self.found("team", team, evidence)

    def _unheaded_company_paragraphs(self) -> list[Line]:
        """With no "About" heading, the company's about text is a paragraph near the top that
        starts with its name and does not speak of the role ("Brightpath Media publishes ...")."""
        company = self.reading.company
        if not company or any(s.kind is SectionKind.ABOUT_COMPANY for s in self.sections):
            return []
        for section in self.sections:
            if section.kind in REQUIREMENT_SECTIONS:
                return []
            if section.kind not in UNHEADED_COMPANY_ABOUT:
                continue
            for line in section.lines:
                if line.kind is not LineKind.TEXT or not passages.is_prose(line.text):
                    continue
                if self.reading.title and line.text.endswith(self.reading.title):
                    continue
                if passages.is_about_role(line.text):
                    return []
                if re.match(rf"(?:At |The )?{re.escape(company)}\b", line.text):
                    return [line]
                if _opens_with_the_short_name(line.text, company):
                    return [line]  # "Harrowgate builds ..." for Harrowgate Legal Technologies
                if WE_DO.match(line.text) and not passages.states_pay(line.text):
                    return [line]  # "We build picking cells that ...", before any word of the role
        return []

    def _read_statements(self):
        about = statements.first_section_text(self.sections, SectionKind.ABOUT_COMPANY)
        if not about:
            about = statements.PARAGRAPH_BREAK.join(
                line.text for line in self._unheaded_company_paragraphs()
            )
        texts = {
            "company_about": about,
            "equal_opportunity_statement": statements.first_section_text(
                self.sections, SectionKind.EQUAL_OPPORTUNITY
            ),
            "note_to_applicants": statements.section_text(
                self.sections, SectionKind.NOTE_TO_APPLICANTS
            ),
            "in_office_requirement": statements.in_office_text(self.sections),
            "pay_note": statements.pay_note_text(self.sections),
            "summary": statements.section_text(self.sections, SectionKind.ABOUT_ROLE),
        }
        for field, text in texts.items():
            if text:
                self.found(field, text, text.split(statements.PARAGRAPH_BREAK)[0])

    def _read_places(self):
        found = find_locations(
            [s for s in self.sections if s.kind not in NOT_THE_ROLE],
            self.reading.title,
            self.reading.company,
            self.reading.company_about,
        )
        if found:
            self.found(
                "locations",
                [each.place for each in found],
                *dict.fromkeys(_sentence_naming(each.evidence, each.place.city) for each in found),
            )

    def _read_pay(self):
        pay = pay_in(
            [s for s in self.sections if s.kind not in NOT_THE_ROLE], self.reading.locations
        )
        if pay.bands:
            self.found("pay", pay.bands, *pay.evidence)
        if pay.left_out:
            self.note(
                "pay",
                "Amounts with no period, between 300 and 15,000, are left out: "
                + " / ".join(dict.fromkeys(pay.left_out)),
            )

    def _read_terms(self):
        title = self.reading.title
        texts = self.texts(TERMS, title=False, headings=True)
        self._read_season(title, texts)
        self._read_start_window(texts)
        self._read_year(title, texts)
        durations = [found for text in texts for found in terms.durations_in(text)]
        if durations:
            self.found("duration_weeks", durations[0].value, durations[0].evidence)

    def _read_season(self, title, texts):
        in_title = terms.season_words_in_title(title)
        found = in_title or [f for text in texts for f in terms.season_in(text)]
        seasons = list(dict.fromkeys(f.value for f in found))
        if len(seasons) == 1:
            self.found("season", seasons[0], found[0].evidence)
        elif seasons:
            self.note("season", f"The text names several seasons ({', '.join(seasons)}).")

    def _read_year(self, title, texts):
        found = terms.title_years(title) or [f for text in texts for f in terms.years_in(text)]
        if not found and self.reading.start_window:
            found = terms.title_years(self.reading.start_window)
        years = list(dict.fromkeys(f.value for f in found))
        if len(years) == 1:
            self.found("year", years[0], found[0].evidence)
        elif years:
            self.note("year", f"The text names several years ({', '.join(map(str, years))}).")

    def _read_start_window(self, texts):
        for text in texts:
            for found in terms.start_windows_in(text):
                self.found("start_window", found.value, _sentence_naming(text, found.evidence))
                return
        for line in self._header_lines():
            if found := terms.start_of_term_line(line.text):
                self.found("start_window", found.value, found.evidence)
                return

    def _header_lines(self) -> list[Line]:
        """The lines above the posting's first requirement heading (the page's header)."""
        lines = []
        for section in self.sections:
            if section.kind in REQUIREMENT_SECTIONS:
                break
            lines.extend(section.lines)
        return lines

    def _role_description_texts(self, *, prose_only: bool = True) -> list[str]:
        """The title, and the role's own text: under unknown headings (or none) only prose and
        list items, so that a page's navigation ("Search for Jobs") and labels are not read as
        topics."""
        texts = [self.reading.title] if self.reading.title else []
        under_title = self._lines_under_the_title()
        for section in self.sections:
            if section.kind not in ROLE_DESCRIPTION:
                continue
            unheaded = section.kind in (SectionKind.PREAMBLE, SectionKind.OTHER)
            texts.extend(
                line.text
                for line in section.lines
                if id(line) not in self.company_lines
                and (
                    not (unheaded and prose_only)
                    or line.kind is LineKind.ITEM
                    or passages.is_prose(line.text)
                    or id(line) in under_title
                )
            )
        return texts

    def _lines_under_the_title(self) -> set[int]:
        """The few lines right under the title, which state its facts ("MSc students only ·
        energy demand forecasting"), and not a page's menu above it."""
        lines = self.document.lines
        title = self.reading.title
        at = next((i for i, line in enumerate(lines) if title and title in line.text), None)
        if at is None:
            return set()
        following = []
        for line in lines[at + 1 : at + 1 + LINES_UNDER_TITLE]:
            if line.is_heading or line.after_gap:
                break
            following.append(id(line))
        return set(following)

    def _read_degrees(self):
        """Degrees from the title and the qualifications; from the rest of the role's text only
        when those name none (a summary may speak of a mentor's PhD)."""
        degrees, evidence = set(), []
        qualifications = self.texts([SectionKind.QUALIFICATION])
        for texts in (qualifications, self._role_description_texts(prose_only=False)):
            for text in texts:
                levels = eligibility.degrees_in(text)
                if levels and not degrees.issuperset(levels):
                    evidence.append(text)
                degrees.update(levels)
            if degrees:
                break
        if degrees:
            order = [eligibility.BACHELORS, eligibility.MASTERS, eligibility.PHD]
            self.found("degree_levels", [d for d in order if d in degrees], *evidence)

    def _read_eligibility(self):
        self._read_degrees()

        posting_texts = self.texts(set(SectionKind) - set(NOT_THE_ROLE))
        for text in posting_texts:
            if passages.excludes(text):
                continue
            if country := eligibility.applicants_country_in(text):
                self.found("applicants_based_in", country, text)
                break

        stated = {}
        for text in posting_texts:
            for sentence in passages.sentences(text):
                if value := eligibility.work_authorization_in(sentence):
                    stated.setdefault(value, sentence)
        for value in eligibility.AUTHORIZATION_PRECEDENCE:
            if value in stated:
                self.found("work_authorization", value, stated[value])
                break
        else:
            self.reading.work_authorization = NOT_STATED
            if any(re.search(r"authori[sz]ed to work", t, re.I) for t in posting_texts):
                self.note(
                    "work_authorization",
                    "Being authorized to work is asked for, which says nothing about sponsorship.",
                )

    def _read_arrangements(self):
        found: dict[str, str] = {}
        for text in self.texts(set(SectionKind) - set(NOT_THE_ROLE), headings=True):
            if passages.excludes(text):
                continue
            for arrangement, words in workplace.arrangements_in(text):
                found.setdefault(arrangement, _sentence_naming(text, words))
        order = [workplace.ONSITE, workplace.HYBRID, workplace.REMOTE]
        kept = [a for a in order if a in found]
        if kept:
            self.found("arrangements", kept, *(found[a] for a in kept))

    def _read_research_areas(self):
        found: dict[str, str] = {}
        for text in self._role_description_texts():
            for slug, words in areas.areas_in(text):
                found.setdefault(slug, _sentence_naming(text, words))
        slugs = areas.in_vocabulary_order(found)
        if slugs:
            self.found("research_areas", slugs, *(found[slug] for slug in slugs))

    def _read_requirements(self):
        for section in self.sections:
            if section.kind in REQUIREMENT_SECTIONS and section.lines:
                self.reading.requirements[section.kind.value].extend(
                    line.text
                    for index, line in enumerate(section.lines)
                    if not _opens_the_list(section.lines, index)
                )
                self.reading.evidence.setdefault(section.kind.value, []).append(
                    section.heading_text or section.lines[0].text
                )
            elif section.kind in REQUIREMENT_SECTIONS and section.heading is not None:
                self.note(section.kind.value, f"“{section.heading_text}” has nothing under it.")

    def _read_dates(self):
        relative = []
        for text in self.texts(set(SectionKind) - set(NOT_THE_ROLE), title=False):
            for field, cue in (("posted_on", POSTED), ("closes_on", CLOSING)):
                if getattr(self.reading, field) or not (match := cue.search(text)):
                    continue
                after = dates.dates_in(text[match.start() :])
                if not after and CLOSING_AFTER_THE_DATE.search(text):
                    after = dates.dates_in(text)[-1:]
                if after and after[0].value:
                    self.found(field, after[0].value, text)
                elif after:
                    self.note(field, f"“{after[0].written}” could be read two ways.")
                elif dates.is_relative_date(text) or _year_missing(text[match.start() :]):
                    relative.append((field, text))
        if not self.reading.posted_on:
            self._read_header_date()
        for field, text in relative:
            if not getattr(self.reading, field):
                self.note(field, f"“{text}” gives no full date.")

    def _read_header_date(self):
        """A date alone on a line of the page's header, above the posting's first known
        heading, is when it was posted (aggregators print it so)."""
        for section in self.sections:
            if section.kind not in (SectionKind.PREAMBLE, SectionKind.OTHER):
                return
            for line in section.lines:
                found = dates.dates_in(line.text)
                if len(found) == 1 and found[0].value and _is_a_date_stamp(line.text, found[0]):
                    self.found("posted_on", found[0].value, line.text)
                    return

    def _read_apply_url(self):
        form = [s for s in self.sections if s.kind is SectionKind.APPLICATION_FORM]
        texts = self.texts(set(SectionKind) - {SectionKind.EQUAL_OPPORTUNITY}, title=False)
        texts += [s.heading_text for s in form]
        url, evidence = links.apply_url(self.document.links, texts)
        if url:
            self.found("apply_url", url, evidence)


OFFERS_A_ROLE = re.compile(
    r"\byou(?:'|’)ll\b|\byou will\b|\bwe(?:'|’)re (?:looking|hiring|seeking)|\bwe are (?:looking|"
    r"hiring|seeking)|\bjoin (?:us|our [\w ]{1,40}team) as\b|\bas an? [\w ]{0,40}intern\b|"
    r"\b(?:this|the) (?:role|position|internship) (?:is|will|offers)\b|\bresponsibilities\b|"
    r"\bqualifications\b|\brequirements\b|\bapply (?:now|here|by|before|at|via|online|to)\b|"
    r"\bapply\s*(?::|→|->)|"
    # A chat-style post: "Hiring: ML Intern", "Looking for one intern to work on ..."
    r"^\W*hiring\s*:|\b(?:looking for|hiring|seeking)\s+(?:an?|one|two|our)\s+(?:[\w-]+\s+){0,3}?"
    r"interns?\b",
    re.IGNORECASE,
)
POSTED = re.compile(
    r"\b(?:posted|date posted|posting date|published|listed|opened)\b", re.IGNORECASE
)
CLOSING = re.compile(
    r"\b(?:deadline|apply (?:by|before)|applications? (?:close|closes|closing|due|are due|"
    r"will close|open until|(?:will be |are )?(?:accepted|received|considered) (?:until|through)|"
    r"(?:received |accepted )?(?:by|before|through))|"
    r"closing date|closes|close on|open until|no later than|last (?:day|date) to apply|"
    r"bewerbungsschluss|bewerbungsfrist|date limite|sluitingsdatum|candidatures? jusqu['’]|"
    r"(?:submit|send|apply)\b.{0,100}?\b(?:by|before)|(?:days?|weeks?) left to apply)\b",
    re.IGNORECASE,
)
# A cue that follows its date: "End Date: February 27, 2026 (30+ days left to apply)".
CLOSING_AFTER_THE_DATE = re.compile(r"\b(?:days?|weeks?) left to apply\b", re.IGNORECASE)


def _opens_with_the_short_name(text: str, company: str) -> bool:
    """A paragraph opening with the first word of the company's name of several words, then a
    verb of what it does: "Harrowgate builds ..." (for "Harrowgate Legal Technologies")."""
    words = company.split()
    if len(words) < 2 or len(words[0]) < 4 or not words[0][0].isupper():
        return False
    return bool(re.match(rf"{re.escape(words[0])} (?!is\b|was\b|has\b)[a-z]{{3,}}s\b", text))


def _opens_the_list(lines: list[Line], index: int) -> bool:
    """ "Depending on location, these include:" leads into the list under it; it is no line of
    the list."""
    line, following = lines[index], lines[index + 1 : index + 2]
    return (
        line.kind is LineKind.TEXT
        and line.text.endswith(":")
        and bool(following)
        and following[0].kind is LineKind.ITEM
    )


# What may stand beside a post's date: its time and its count of views ("8:14 AM · Jan 20, 2026
# · 4,812 Views").
STAMP_PART = re.compile(
    r"[0-2]?\d:[0-5]\d(?:\s?[AaPp]\.?[Mm]\.?)?|[\d,.]+[KkMm]?\s+(?:views|impressions)",
    re.IGNORECASE,
)


def _is_a_date_stamp(text: str, found: dates.FoundDate) -> bool:
    """A line of nothing but a date, or a post's date with its time and views."""
    rest = text[: found.start] + "·" + text[found.end :]
    return all(
        not part.strip() or STAMP_PART.fullmatch(part.strip()) for part in re.split(r"[·|]", rest)
    )


def _year_missing(text: str) -> bool:
    month = dates.month_pattern(capitalized=True)
    return bool(re.search(rf"(?-i:{month})\s+[0-3]?\d(?:st|nd|rd|th)?\b(?!,?\s*20\d\d)", text))


def _sentence_naming(text: str, words: str) -> str:
    """The sentence of `text` that holds `words` (the whole text when none does)."""
    for sentence in passages.sentences(text):
        if words in sentence:
            return sentence
    return text
