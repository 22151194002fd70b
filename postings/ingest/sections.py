"""A `Document` cut at its headings into sections of known kinds."""

from dataclasses import dataclass, field

from postings.ingest import passages
from postings.ingest.document import Document, Line, LineKind
from postings.ingest.headings import REQUIREMENT_SECTIONS, SectionKind, heading_kind


@dataclass
class Section:
    kind: SectionKind
    heading: Line | None
    lines: list[Line] = field(default_factory=list)

    @property
    def heading_text(self) -> str:
        return self.heading.text if self.heading else ""


def split_sections(document: Document) -> list[Section]:
    """The document cut at each heading, then wherever the text turns to another matter."""
    return cut_where_the_text_changes(_cut_at_headings(document))


def _cut_at_headings(document: Document) -> list[Section]:
    sections = [Section(SectionKind.PREAMBLE, None)]
    for line in document.lines:
        if line.is_heading and _leads_into_its_heading(sections[-1], line):
            line = Line(line.text, LineKind.TEXT, line.after_gap)
        if line.is_heading:
            sections.append(Section(heading_kind(line.text), line))
        else:
            sections[-1].lines.append(line)
    return sections


def _leads_into_its_heading(current: Section, line: Line) -> bool:
    """ "Benefits" then "Depending on location, these include:": a line ending in a colon right
    under a known heading, and known as no heading itself, opens that heading's text."""
    return (
        current.heading is not None
        and current.kind is not SectionKind.OTHER
        and not current.lines
        and line.text.endswith(":")
        and heading_kind(line.text) is SectionKind.OTHER
    )


def cut_where_the_text_changes(sections: list[Section]) -> list[Section]:
    """Ends each section where its own text ends, whatever heading comes next (or none does).

    - The company's "about" (and its list of offices) runs until a paragraph speaks of the role
      ("As an intern, ..."); the rest is about the role. The "about" ends too at a line that is
      no prose ("Follow us").
    - An equal-opportunity statement goes on while its paragraphs speak of the same things.
    - A note to applicants keeps the paragraphs about applying; the rest is about the role.
    - An in-office statement keeps the paragraphs about where people work; pay talk after it
      is pay.
    - An application form holds field labels and questions; running text after it is not the
      form's.
    - Under any heading, an equal-opportunity paragraph starts the equal-opportunity text.
    - A list under a requirement heading ends at the first paragraph after it ("Applications
      close 31 July."); a paragraph about pay there, after a blank line, starts the pay text,
      list or no list.
    """
    cut = []
    for section in sections:
        current = Section(section.kind, section.heading)
        cut.append(current)
        for line in section.lines:
            kind = _kind_from_here(current, line)
            if kind is not current.kind:
                current = Section(kind, None)
                cut.append(current)
            current.lines.append(line)
    return [section for section in cut if section.heading is not None or section.lines]


def _kind_from_here(current: Section, line: Line) -> SectionKind:
    """The kind of section `line` belongs to, coming after the lines of `current`."""
    kind, text = current.kind, line.text
    if kind is SectionKind.APPLICATION_FORM:
        return kind if _is_form_field(text) else SectionKind.OTHER
    if _starts_equal_opportunity(current, line):
        return SectionKind.EQUAL_OPPORTUNITY
    if kind in (SectionKind.ABOUT_COMPANY, SectionKind.COMPANY_OFFICES) and passages.is_about_role(
        text
    ):
        return SectionKind.ABOUT_ROLE
    if not current.lines:
        return kind
    about_pay = passages.is_pay_note(text) or passages.states_pay(text)
    if text.endswith(":") and not passages.speaks_of_pay(text):
        about_pay = False  # "Depending on location, these include:" opens a list of perks
    if kind in REQUIREMENT_SECTIONS and _is_paragraph_after_a_list(current, line):
        return SectionKind.PAY if about_pay else SectionKind.OTHER
    if kind in REQUIREMENT_SECTIONS and line.after_gap and about_pay and passages.is_prose(text):
        return SectionKind.PAY  # unbulleted lines, then a paragraph about pay
    if kind is SectionKind.EQUAL_OPPORTUNITY and not passages.continues_equal_opportunity(text):
        return SectionKind.OTHER
    if kind is SectionKind.ABOUT_COMPANY and not passages.is_prose(text):
        return SectionKind.OTHER
    if kind is SectionKind.NOTE_TO_APPLICANTS and not passages.is_about_applying(text):
        return SectionKind.ABOUT_ROLE
    if kind is SectionKind.PAY and line.after_gap and _turns_from_pay(text):
        return SectionKind.OTHER
    if kind is SectionKind.IN_OFFICE:
        if passages.is_pay_note(text) or passages.states_pay(text):
            return SectionKind.PAY
        if not passages.is_about_workplace(text):
            return SectionKind.OTHER
    return kind


def _turns_from_pay(text: str) -> bool:
    """A paragraph of prose whose first sentence neither states nor speaks of pay."""
    first = passages.sentences(text)[0] if passages.is_prose(text) else ""
    return bool(first) and not (passages.speaks_of_pay(first) or passages.states_pay(first))


def _starts_equal_opportunity(current: Section, line: Line) -> bool:
    """An equal-opportunity paragraph, not a list item, and under a requirement heading only
    after a blank line (a requirement may mention "reasonable accommodation")."""
    if current.kind is SectionKind.EQUAL_OPPORTUNITY or line.kind is LineKind.ITEM:
        return False
    if current.kind in REQUIREMENT_SECTIONS and not line.after_gap:
        return False
    return passages.is_equal_opportunity(line.text)


def _is_paragraph_after_a_list(current: Section, line: Line) -> bool:
    return line.after_gap and line.kind is LineKind.TEXT and current.lines[-1].kind is LineKind.ITEM


MAX_FORM_FIELD_WORDS = 12


def _is_form_field(text: str) -> bool:
    return len(text.split()) <= MAX_FORM_FIELD_WORDS or text.rstrip(" *").endswith("?")
