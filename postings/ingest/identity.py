"""Who is hiring for what: the role's title, the company, and the organisation and team.

The title is the first short line near the top that names an internship (job pages put buttons,
logos and "Back to jobs" above it), without a trailing " at Company". The company is the name the
text gives in its usual places: "About Acme", "Acme is an equal opportunity employer", "Why
intern at Acme", "At Acme, we", a title's "... at Acme"; the name most of them agree on wins.
A team is "the X team" the role joins; an organisation is the larger unit it sits "within" ("our
Discovery organization", "within the Monetization ML Engineering team").
"""

import re
from collections import Counter

from postings.ingest import passages
from postings.ingest.document import Document, LineKind
from postings.ingest.headings import REQUIREMENT_SECTIONS, SectionKind, heading_kind, normalized
from postings.ingest.place_names import city_mentions, countries_named

INTERNSHIP_WORD = re.compile(
    r"\b(?:intern|interns|internship|internships|co-?op|apprentice(?:ship)?|trainee(?:ship)?|"
    r"student researcher|working student|praktikum|praktikant\w*|stage|stagiaire|placement|"
    r"summer (?:analyst|associate)s?)\b",
    re.IGNORECASE,
)
TITLE_SEARCH_LINES = 15
MAX_TITLE_WORDS = 16
NOT_A_TITLE = re.compile(
    r"^(?:back to (?:jobs|all jobs|careers)|apply(?: now| here| for this job| to role)?\b.*|"
    r"share(?: this job)?|save(?: job)?|view website.*|jobs powered by .+|posted .+)$|"
    r"[›»]| > ",  # a breadcrumb: "Careers › Internships"
    re.IGNORECASE,
)

# Names stay on one line.
NAME = r"[A-Z][\w&.'’+-]*(?:[ ]+(?:[A-Z][\w&.'’+-]*|&|of|and|for|de|la|du))*"
COMPANY_CUES = [
    re.compile(rf"^(?P<name>{NAME}) is (?:an? |the )?(?:proud(?:ly)? |committed |an equal)", re.M),
    re.compile(
        rf"(?:^|\. )(?P<name>{NAME}) (?i:is an? (?:proud )?equal (?:opportunit|employment))"
    ),
    re.compile(rf"^(?P<name>{NAME}) is (?:hiring|looking for|recruiting)\b", re.M),
    re.compile(rf"(?:^|\. )At (?P<name>{NAME}),? we\b"),
]
# "Brightpath Media publishes ...": a paragraph opening with a name and its verb; the name must
# come back elsewhere in the text to count.
OPENING_NAME = re.compile(rf"^(?P<name>{NAME}) (?:is|are|[a-z]{{2,}}s)\b")
NOT_NAMES = {
    "This", "That", "Our", "We", "The", "As", "In", "At", "You", "It", "Interns", "Internships",
    "Each", "Every", "All", "Most", "Your", "If", "When", "Where", "Please", "Applications",
}  # fmt: skip
HEADING_CUES = [
    re.compile(rf"^About (?P<name>{NAME})$"),
    re.compile(
        rf"^Why (?:intern|work|join|interning|working)(?: (?:at|with|for))? (?P<name>{NAME})$"
    ),
    re.compile(rf"^Life at (?P<name>{NAME})$"),
]
TITLE_AT = re.compile(rf"\s+(?P<at>at|@)\s+(?P<name>{NAME})\s*$")
TITLE_TRAILING_COMPANY = r"\s*(?:[-–—|,@]|\bat\b)\s*{company}\s*$"

UNIT_NAME = r"[A-Z][\w&'’+/-]*(?:[ ]+(?:(?:&|and|of|for)[ ]+)?[A-Z][\w&'’+/-]*)*"
# A university's units: "School of Informatics", "College of Engineering" (one "of" each).
ACADEMIC_UNIT = (
    r"(?:Department|School|College|Faculty|Division) of "
    r"[A-Z][\w&'’-]*(?:[ ]+(?:(?:&|and)[ ]+)?[A-Z][\w&'’-]*)*"
)
ORGANIZATION = r"(?:organi[sz]ation|org|division)"
ORGANIZATION_CUES = [
    re.compile(rf"\b(?i:within (?:the|our)) (?P<name>{UNIT_NAME}) (?:team|group|{ORGANIZATION})\b"),
    re.compile(rf"\b(?i:the|our) (?P<name>{UNIT_NAME}) {ORGANIZATION}\b"),
    # "In our Inspection Software department you will ...": the department the role joins.
    re.compile(rf"\b(?i:in|join) (?i:the|our) (?P<name>{UNIT_NAME}) (?i:department)\b"),
    re.compile(rf"^(?:Organi[sz]ation|Org|Department|Division):\s*(?P<name>{UNIT_NAME})$", re.M),
    re.compile(rf"\b(?P<name>{ACADEMIC_UNIT})"),
]  # fmt: skip
TEAM_CUES = [
    re.compile(rf"\b(?i:the|our) (?P<name>{UNIT_NAME}) team\b"),
    re.compile(rf"\b(?i:the|our) (?P<name>{UNIT_NAME}) (?:research )?group\b"),
    re.compile(
        rf"\b(?i:the|our) (?P<name>(?:Lab|Laboratory|Group|Center|Centre) (?:for|of) {UNIT_NAME})"
    ),
    re.compile(rf"\b(?P<name>{UNIT_NAME} (?:Lab|Laboratory))\b"),
    re.compile(rf"^Team:\s*(?P<name>{UNIT_NAME})$", re.M),
    # French and German: "au sein de l'équipe Recherche & Innovation", "im Team Perception"
    re.compile(rf"\b(?i:l['’]équipe|im team) (?P<name>{UNIT_NAME})"),
]
NOT_UNIT_NAMES = {"ML", "AI", "Engineering", "Research", "Intern", "Internship", "Data"}


def find_title(document: Document) -> str:
    """The first short line near the top that names an internship and is no section heading,
    without a label in front ("Role: ", "Hiring: "), its dressing (an emoji, a "[Remote]" tag)
    and the facts after it ("| Portland, OR | ONSITE"). A line labelled as the title ("Job
    Title: ...") is the title whatever it names. The title stands above the posting's body, so
    the search ends at the first requirement heading."""
    for line in document.lines[:TITLE_SEARCH_LINES]:
        if line.is_heading and heading_kind(line.text) in REQUIREMENT_SECTIONS:
            break
        text = HIRING_CALL.sub("", LEADING_DRESSING.sub("", line.text))
        labelled = passages.label_and_value(text)
        if labelled and TITLE_LABEL.fullmatch(labelled[0]) and _could_be_title(labelled[1]):
            return _undressed(labelled[1])
        if labelled and not INTERNSHIP_WORD.search(labelled[0]):
            text = labelled[1]  # "Role: ML Intern", "Hiring: ML Intern"
        if line.kind is LineKind.ITEM or not _could_be_title(text) or SPEAKS.search(text):
            continue
        if LISTING.search(text):
            continue  # "Aérolis — Offres de stage": the careers page's header, not a role
        if INTERNSHIP_WORD.search(text) and heading_kind(text) is SectionKind.OTHER:
            return _undressed(text)
    return ""


# A page's header naming the company's openings, in the plural or as offers: "Offres de
# stage", "Internship opportunities", "Open internships", "Stellenangebote".
LISTING = re.compile(
    r"\b(?:offres?|offers|opportunities|openings|vacancies|listings) (?:de |d['’]|of |for )?"
    r"(?:stages?|internships?|praktika|interns)\b|\bopen internships\b|\bstellenangebote\b",
    re.IGNORECASE,
)
# An emoji or a bullet-like mark in front of a title: "📣 Hiring: ...".
LEADING_DRESSING = re.compile(r"^[^\w(\[\"“]+")
# "We're hiring! ML Intern @ Acme", "Now hiring - ML Intern".
HIRING_CALL = re.compile(
    r"^(?:we(?:'|’)re|we are|now|is)\s+hiring\s*(?:[!:.–—-]+\s*|\s(?=[A-Z]))", re.IGNORECASE
)
TITLE_LABEL = re.compile(r"(?:job |position |role |posting )?title|position|role", re.IGNORECASE)
# A line that speaks to someone ("Interns earn $9,500 a month, and we pay ...") is no title.
SPEAKS = re.compile(r"\b(?:[Ww]e|[Yy]ou|[Oo]ur|[Yy]our|us)\b|(?:'|’)(?:re|ll|ve)\b")  # not "US"
BRACKET_TAG = re.compile(r"^\[[^\]]*\]\s*|\s*\[[^\]]*\]$")
TITLE_PARTS = re.compile(r"\s+[|–—·-]\s+")
EMPLOYMENT_FACT = re.compile(
    r"(?:full|part)[- ]?time|internship|intern|remote|hybrid|on-?site|in[- ]person",
    re.IGNORECASE,
)


TRAILING_BRACKET = re.compile(r"\s*\((?P<facts>[^()]+)\)$")


def _undressed(title: str) -> str:
    """The title without a tag in square brackets and without the facts set off after a dash or
    a bar: a place, an arrangement, pay ("ML Intern — Zürich (hybrid)" is "ML Intern")."""
    title = BRACKET_TAG.sub("", title).strip()
    # "ML Intern @ Acme (Boise, ID — on-site)": several facts in brackets at the end ("ML
    # Intern (US)" keeps its one).
    facts = TRAILING_BRACKET.search(title)
    parts = TITLE_PARTS.split(facts["facts"]) if facts else []
    if len(parts) > 1 and all(_is_a_fact(part) for part in parts):
        title = title[: facts.start()].strip()
    parts = TITLE_PARTS.split(title)
    named = next((i for i, part in enumerate(parts) if INTERNSHIP_WORD.search(part)), None)
    if named is None:
        return title
    for index in range(named + 1, len(parts)):
        if _is_a_fact(parts[index]):
            kept = TITLE_PARTS.split(title, maxsplit=index)[:index]
            separators = TITLE_PARTS.findall(title)[: index - 1]
            return "".join(p + s for p, s in zip(kept, [*separators, ""], strict=True)).strip()
    return title


def _is_a_fact(part: str) -> bool:
    """A part of a title line that states a fact of the role rather than naming it: pay, an
    arrangement, or nothing but places ("Portland, OR", "Zürich (hybrid)", "London or Paris")."""
    bare = re.sub(r"\([^)]*\)", "", part).strip(" ,")
    if INTERNSHIP_WORD.search(part):
        return False
    return bool(
        passages.MONEY.search(part) or EMPLOYMENT_FACT.fullmatch(bare) or _only_places(bare)
    )


def _only_places(text: str) -> bool:
    spans = [(c.start, c.end) for c in city_mentions(text)]
    spans += [(start, end) for _, start, end in countries_named(text)]
    if not text or not spans:
        return False
    rest = list(text)
    for start, end in spans:
        rest[start:end] = " " * (end - start)
    return re.fullmatch(r"(?:[\s,/&;]|\bor\b|\band\b)*", "".join(rest)) is not None


def company_before_title(title: str, document: Document) -> tuple[str, str]:
    """ "Banyan Labs – Machine Learning Intern": the part before the dash names the company when
    it names no internship and the text names it again (a web address counts)."""
    parts = TITLE_SEPARATOR.split(title, maxsplit=1)
    if len(parts) != 2 or INTERNSHIP_WORD.search(parts[0]) or not INTERNSHIP_WORD.search(parts[1]):
        return "", title
    name = parts[0].strip()
    if not re.fullmatch(NAME, name) or city_mentions(name) or countries_named(name):
        return "", title
    squeezed = name.casefold().replace(" ", "")
    elsewhere = document.text.casefold().replace(title.casefold(), "", 1)
    if name.casefold() in elsewhere or squeezed in elsewhere:
        return name, parts[1].strip()
    return "", title


TITLE_SEPARATOR = re.compile(r"\s+[–—|-]\s+")


def _could_be_title(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_TITLE_WORDS or NOT_A_TITLE.search(text.strip()):
        return False
    if re.search(r"https?://|www\.|@\w+\.\w", text):
        return False  # an address names the posting's page, not its title
    return not re.search(r"[.!:;]$", text.strip())


def without_company(title: str, company: str) -> str:
    """ "ML Intern at Acme" or "ML Intern - Acme" is the title "ML Intern"."""
    if not company:
        return title
    pattern = TITLE_TRAILING_COMPANY.format(company=re.escape(company))
    stripped = re.sub(pattern, "", title, flags=re.IGNORECASE).strip()
    return stripped or title


def find_company(document: Document, title: str) -> tuple[str, str]:
    """The company's name and the piece of text that names it best."""
    votes: Counter[str] = Counter()
    evidence: dict[str, str] = {}

    def vote(name: str, where: str):
        name = _tidy_name(name)
        if name and name.casefold() not in ("us", "you", "the team", "the role"):
            votes[name] += 1
            evidence.setdefault(name, where)

    for line in document.lines:
        if line.kind is LineKind.HEADING and heading_kind(line.text) is not SectionKind.ABOUT_ROLE:
            for cue in HEADING_CUES:
                if match := cue.match(normalized_heading(line.text)):
                    vote(match["name"], line.text)
        for cue in COMPANY_CUES:
            for match in cue.finditer(line.text):
                vote(match["name"], line.text)
        if line.kind is LineKind.TEXT and (match := OPENING_NAME.match(line.text)):
            name = _tidy_name(match["name"])
            if name and name.split()[0] not in NOT_NAMES and document.text.count(name) > 1:
                vote(name, line.text)
    if match := TITLE_AT.search(title):
        name = _tidy_name(match["name"])
        named_again = document.text.casefold().count(name.casefold()) > 1
        if name in votes or named_again or match["at"] == "@":
            vote(name, title)
    for name, line in _names_around_title(document, title):
        vote(name, line)
    if not votes:
        return "", ""
    # "Neckar Institute" and "Neckar Institute for Intelligent Systems" are one name, written
    # in full where the text writes it longest.
    for short in list(votes):
        for full in votes:
            if full != short and full.startswith(short + " "):
                votes[full] += votes[short]
    best = max(votes, key=lambda name: (votes[name], len(name), -list(votes).index(name)))
    return best, evidence[best]


PAGE_HEADER_WORDS = re.compile(
    r"^(?:careers? at |jobs at )|\s*(?:careers|jobs|job board|engineering blog|is hiring!?)$",
    re.IGNORECASE,
)
SEGMENT = re.compile(r"\s+[|·•—–-]\s+")
TRAILING_DRESSING = re.compile(r"[^\w.)]+$")  # "Hivewise 🐝"
NOT_A_COMPANY = re.compile(r"\b(?:area|region|metro|remote|greater|hybrid|on-?site)\b", re.I)


def _names_around_title(document: Document, title: str):
    """A page's header or the line under the title often names the company ("Feldwerk | Jobs",
    "Kitefin · NYC (on-site)"); a name counts when the text names it again elsewhere."""
    texts = [line.text for line in document.lines]
    at = next((i for i, text in enumerate(texts) if title and text.endswith(title)), None)
    if at is None:
        return
    lowered = document.text.casefold()
    for line in texts[max(0, at - 4) : at] + texts[at + 1 : at + 3]:
        first = SEGMENT.split(line)[0]
        name = TRAILING_DRESSING.sub("", PAGE_HEADER_WORDS.sub("", first)).strip()
        if not re.fullmatch(NAME, name) or len(name.split()) > 4 or NOT_A_COMPANY.search(name):
            continue
        if INTERNSHIP_WORD.search(name) or heading_kind(name) is not SectionKind.OTHER:
            continue
        if city_mentions(name) or countries_named(name):
            continue
        squeezed = name.casefold().replace(" ", "")
        if lowered.count(name.casefold()) + lowered.count(squeezed) > (2 if " " not in name else 1):
            yield name, line


def normalized_heading(text: str) -> str:
    """The heading as written, without a trailing colon or question mark."""
    return text.strip().rstrip(":?!. ").strip()


def _tidy_name(name: str) -> str:
    name = name.strip(" ,.:;’'")
    name = re.sub(r"^The ", "", name)
    name = re.sub(r"[’']s$", "", name)
    if normalized(name) in ("us", "you", "the role", "the team", "this role"):
        return ""
    return name


def _unit_name(match: re.Match) -> str:
    return re.sub(r"^The ", "", match["name"].strip())  # "The Language and Learning Lab"


# "our Research division": a division named by one generic word is still the company's division.
NAMED_DIVISION = re.compile(r"\s+division\b", re.IGNORECASE)


def find_unit(text: str, cues: list[re.Pattern]) -> tuple[str, str]:
    for cue in cues:
        for match in cue.finditer(text):
            name = _unit_name(match)
            if name not in NOT_UNIT_NAMES or NAMED_DIVISION.match(text, match.end("name")):
                return name, _sentence_around(text, match.start(), match.end())
    return "", ""


def find_organization(text: str) -> tuple[str, str]:
    return find_unit(text, ORGANIZATION_CUES)


def find_team(text: str, organization: str, company: str) -> tuple[str, str]:
    """The team the role joins; a team the role sits "within" is its organisation, and "the
    Acme team" is the whole company."""
    for cue in TEAM_CUES:
        for match in cue.finditer(text):
            name = _unit_name(match)
            if name in NOT_UNIT_NAMES or name in (organization, company) or _is_a_place(name):
                continue  # "our Zürich research group" says where, not which team
            if not re.search(rf"\bwithin (?:the|our) {re.escape(name)} team", text, re.I):
                return name, _sentence_around(text, match.start(), match.end())
    return "", ""


def _is_a_place(name: str) -> bool:
    """A name that is nothing but a city or a country ("Zürich", "Germany")."""
    whole = [c for c in city_mentions(name) if c.start == 0 and c.end == len(name)]
    return bool(whole) or any(s == 0 and e == len(name) for _, s, e in countries_named(name))


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, 0)
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left:right].strip()
