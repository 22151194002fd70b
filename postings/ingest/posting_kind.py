"""Whether a text is one internship posting at all, and if not, why.

A posting describes one role, and that role is an internship. Texts that look like postings but
are not: a job that is no internship (its header says "Full-time" or "Permanent", or it speaks
to "a Senior Engineer"), a programme page that lists several internships each with its own
facts, and a talent community's sign-up form. For those the reader gives no facts (the corpus
README).
"""

import re

from postings.ingest import passages
from postings.ingest.document import Document
from postings.ingest.headings import SectionKind
from postings.ingest.identity import INTERNSHIP_WORD
from postings.ingest.sections import Section

HEADER_LINES = 8
MAX_HEADER_WORDS = 10
# An employment type that is no internship, as a header states it: "Savannah, GA · Full-time",
# "Employment type: Permanent". (Part-time, temporary and fixed-term jobs include students'
# research assistantships and working-student roles, so they say nothing.)
OTHER_EMPLOYMENT = re.compile(
    r"full[- ]?time|permanent|regular|(?:senior|mid)[- ]level|experienced hire", re.IGNORECASE
)
SEGMENTS = re.compile(r"\s+[|·•—–-]\s+|[()]|\s{2,}")
EMPLOYMENT_LABEL = re.compile(
    r"^(?:employment|job|position|contract|work|time|worker)[ _-]?type\s*:\s*", re.IGNORECASE
)
# The role the text speaks to: "As a Senior Machine Learning Engineer, you will ...".
ROLE_ADDRESSED = re.compile(
    r"\b(?:As|as) an? (?P<role>[A-Z][\w/&-]*(?: [A-Z&][\w/&-]*){0,6}),? (?:you|you'll|you’ll)\b"
)
# A rank no intern holds: the role a text speaks to with it is a job, not an internship (an
# "As a Research Assistant, you will" says nothing).
SENIOR_RANK = re.compile(
    r"\b(?:Senior|Sr\.?|Staff|Principal|Lead|Manager|Director|Head|Chief|VP|Vice President|"
    r"Architect)\b"
)
# A sentence speaking of the posting's role as an internship: "this internship", "an intern",
# "our 12-week internship". (Other people's internships, "our summer interns", are plural.)
ONE_INTERNSHIP = re.compile(
    r"\b(?:this|the|an?|our|your)\s+(?:[\w-]+\s+){0,3}?(?:internship|intern|co-?op|"
    r"praktikum|stage|traineeship|apprenticeship|placement)\b|"
    r"\b(?:hiring|looking for|seeking|recruiting|welcomes?)\s+(?:[\w-]+\s+){0,3}?interns\b",
    re.IGNORECASE,
)
# A title naming internships only in the plural or as a programme: "Summer Internships 2026",
# "Internship Programme", not "Machine Learning Intern".
PROGRAMME_TITLE = re.compile(
    r"\b(?:internships|interns|internship program(?:me)?s?|early careers?|graduate programmes?)\b",
    re.IGNORECASE,
)
SINGLE_ROLE_TITLE = re.compile(
    r"\b(?:intern|internship|co-?op|trainee|student)\b(?! program)", re.IGNORECASE
)
# A line of facts about one role: "Hartford, CT · Master's and PhD students · $48–$55/hour".
FACTS_LINE_SEPARATOR = re.compile(r"\s[·|•]\s")
MIN_LISTED_ROLES = 2
TALENT_POOL = re.compile(r"\btalent (?:community|network|pool|pipeline)\b", re.IGNORECASE)
# A line sending the reader on to a list of openings: "→ See open ML internships", "View all
# software roles". A page with several such lines, or that says each internship has its own
# posting, is a careers landing page over several tracks.
TO_THE_OPENINGS = re.compile(
    r"\b(?:see|view|browse|explore)\s+(?:all\s+|our\s+)?(?:open|current)?\s*(?:[\w&-]+\s+){0,3}?"
    r"(?:internships|roles|positions|jobs|openings|vacancies)\b",
    re.IGNORECASE,
)
EACH_HAS_ITS_POSTING = re.compile(
    r"\b(?:each|every)\s+(?:internship|role|position|track)\b[^.]{0,40}\b(?:its|their) (?:own )?"
    r"(?:posting|listing|job description)|\bapply to the individual (?:internship|role|position)",
    re.IGNORECASE,
)
NOT_AN_APPLICATION = re.compile(
    r"\bis not an application for (?:any|a) (?:position|role|job|specific)", re.IGNORECASE
)


def why_not_one_internship(document: Document, sections: list[Section], title: str) -> str:
    """Why the text is not one internship's posting; "" when it is one."""
    if _names_a_talent_pool(document) or NOT_AN_APPLICATION.search(document.text):
        return "The text invites people to join a talent pool: it offers no role to apply for."
    if not INTERNSHIP_WORD.search(title) and (kind := _other_employment(document)):
        return f"The role is no internship: the text offers {kind}."
    if _points_to_several_postings(document):
        return (
            "The text sends applicants on to several internships' own postings: it is a careers "
            "landing page, not one internship's posting."
        )
    if title and _lists_several_roles(sections, title):
        return (
            "The text lists several internships, each with its own facts: it is a programme's "
            "overview, not one internship's posting."
        )
    return ""


def _names_a_talent_pool(document: Document) -> bool:
    """The page's own title or breadcrumb, a short line at the top, names a talent pool."""
    return any(
        TALENT_POOL.search(line.text) and len(line.text.split()) <= MAX_HEADER_WORDS
        for line in document.lines[:HEADER_LINES]
    )


def _points_to_several_postings(document: Document) -> bool:
    """Several lines lead on to lists of openings, or the text says each internship has its own
    posting."""
    leads_on = sum(1 for line in document.lines if TO_THE_OPENINGS.search(line.text))
    return leads_on >= MIN_LISTED_ROLES or bool(EACH_HAS_ITS_POSTING.search(document.text))


def _other_employment(document: Document) -> str:
    """With no internship title: an employment type in the header, or the role the text speaks
    to, that is no internship; only when the text never speaks of the role as an internship."""
    if any(ONE_INTERNSHIP.search(line.text) for line in document.lines):
        return ""
    header = _header(document)
    if any(INTERNSHIP_WORD.search(line.text) for line in header):
        return ""  # "Type: Intern (Full-Time)"
    for line in header:
        for segment in SEGMENTS.split(line.text):
            segment = EMPLOYMENT_LABEL.sub("", segment.strip())
            if OTHER_EMPLOYMENT.fullmatch(segment):
                return f"a {segment.casefold()} job"
    for line in document.lines:
        match = ROLE_ADDRESSED.search(line.text)
        if (
            match
            and SENIOR_RANK.search(match["role"])
            and not INTERNSHIP_WORD.search(match["role"])
        ):
            return f"the role of {match['role']}"
    return ""


def _header(document: Document) -> list:
    """The lines above the first heading or paragraph of prose: the page's title, labels and
    facts."""
    header = []
    for line in document.lines[:HEADER_LINES]:
        if passages.is_prose(line.text) or (header and line.is_heading):
            break
        header.append(line)
    return header


def _lists_several_roles(sections: list[Section], title: str) -> bool:
    """A title naming internships only in the plural, over several sections that each open with
    a line of one role's facts (its place, who may apply, its pay)."""
    if not PROGRAMME_TITLE.search(title) or SINGLE_ROLE_TITLE.search(title):
        return False
    listed = [
        section
        for section in sections
        if section.heading is not None
        and section.kind is SectionKind.OTHER
        and section.lines
        and FACTS_LINE_SEPARATOR.search(section.lines[0].text)
    ]
    return len(listed) >= MIN_LISTED_ROLES
