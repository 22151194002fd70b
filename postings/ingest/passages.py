"""What a paragraph or sentence is about, from its words: the role, the company, pay, equal
opportunity, applying, or where people work. Sections use these to end where their text ends;
the statements use them to pick their sentences.
"""

import re
from functools import lru_cache

EQUAL_OPPORTUNITY = re.compile(
    r"equal (?:employment )?opportunit|without regard to|affirmative action|\bEEO\b|"
    r"protected veteran|regardless of (?:race|age|gender|sex)|discriminat|fair chance|"
    r"criminal histor|reasonable accommodation|accommodations? (?:during|in) the (?:application|"
    r"interview|hiring)|disabilit(?:y|ies) (?:accommodation|access)|employment equity|"
    r"welcomes? (?:applications|applicants|people) from (?:everyone|all|every|any)|"
    r"welcomes? all (?:applications|applicants)|"
    r"welcomes? (?:applications|applicants) from (?:people|candidates|individuals) of all|"
    r"en faveur de la diversité|situation de handicap|"
    r"committed to (?:diversity|inclusion|equal|equality|an inclusive|accessibility)|"
    r"accommodat\w* (?:applicants|candidates|people) with disabilit|"
    r"encourag\w* (?:applications|applicants|candidates|women|people) (?:from|of|to apply)|"
    r"(?:individuals|people|persons|applicants) with (?:severe )?disabilities",
    re.IGNORECASE,
)
# Further paragraphs of an equal-opportunity statement speak of the same things.
EQUAL_OPPORTUNITY_CONTINUED = re.compile(
    r"divers\w+|inclusi\w+|belonging|accommodat\w+|adjustments|disabilit\w+|background|"
    r"veteran|gender|race|religion|protected|discriminat\w+|equal|fair chance|criminal",
    re.IGNORECASE,
)
PAY_NOTE = re.compile(
    r"pay transparency|transparen\w+\b.{0,80}\b(?:salary|pay|compensation)|"
    r"\b(?:salary|pay|compensation|wage|hourly|stipend)\s+(?:range|band|rate|scale)s?\b|"
    r"\bbase (?:salary|pay|compensation)|\bfinal (?:salary|pay|offer|compensation|rate)|"
    r"\b(?:salary|pay|compensation|offers?) (?:is|are|will be|may be) (?:based|determined|"
    r"dependent|set)|\bfactors?,? (?:including|such as)\b.{0,60}\b(?:location|experience|skills)|"
    r"\b(?:pay|salary|compensation|rate|stipend)s?\b[^.]{0,40}\b(?:depends? on|based on|varies|"
    r"vary|determined by)|\b(?:pay|salary|compensation) (?:reflects|is benchmarked)|"
    r"\bdepending on (?:location|experience)|\b(?:in|into) (?:account|consideration)\b.{0,40}"
    r"\b(?:location|experience|skills)|\btotal (?:rewards|compensation)",
    re.IGNORECASE,
)
ROLE = re.compile(
    r"\bintern(?:s|ship|ships)?\b|\bthis (?:role|position|team)\b|\byou(?:'|’)ll\b|\byou will\b|"
    r"\bwe(?:'|’)re (?:looking|hiring|seeking)\b|\bwe are (?:looking|hiring|seeking)\b|\bjoin us\b|"
    # French, German and Dutch: "vous étudierez", "Stage de fin d'études", "du wirst"
    r"\bvous\b|\bstage (?:de |d['’]|en |chez )|\bstagiaires?\b|\bpraktik\w*|\bdu wirst\b|"
    r"\bstagiair\w*",
    re.IGNORECASE,
)
APPLYING = re.compile(
    r"\bappl(?:y|ying|ied|ication|ications|icant|icants)\b|\brecruit\w*|\br[ée]sum[ée]|"
    r"\bcover letter|\binterview\w*|\bcandidates?\b",
    re.IGNORECASE,
)
WORKPLACE = re.compile(
    r"\boffices?\b|\bstudios?\b|\bheadquarters\b|in[- ]person|on-?site|\bhybrid\b|\bremote\w*|"
    r"\bcommut\w*|\bworkplace|\bcollaborat\w*|\bdays? (?:a|per) week|\bwork (?:from|in) ",
    re.IGNORECASE,
)
MONEY = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?(?:€|£)|\b(?:USD|EUR|GBP|CAD|AUD|CHF)\s?\d|\d\s?(?:USD|EUR|GBP)"
)


# The same paragraph is asked about several times while one posting is read (each section and
# each field asks); these long patterns are the reader's most expensive tests.
MEMO_SIZE = 4096

# "Candidates in Toronto or remote are not eligible": what the role is not.
EXCLUSION = re.compile(
    r"\b(?:not eligible|not open to|(?:is|are) excluded|cannot be considered|"
    r"will not be considered|(?:is|are) not available (?:in|to|for))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=MEMO_SIZE)
def excludes(text: str) -> bool:
    return bool(EXCLUSION.search(text))


@lru_cache(maxsize=MEMO_SIZE)
def is_equal_opportunity(text: str) -> bool:
    return bool(EQUAL_OPPORTUNITY.search(text))


@lru_cache(maxsize=MEMO_SIZE)
def continues_equal_opportunity(text: str) -> bool:
    return bool(EQUAL_OPPORTUNITY.search(text) or EQUAL_OPPORTUNITY_CONTINUED.search(text))


MIN_PROSE_WORDS = 6


def is_prose(text: str) -> bool:
    """A sentence or more, not a label, button or link of the page around the posting."""
    return len(text.split()) >= MIN_PROSE_WORDS and bool(re.search(r"[.!?…]$", text.strip()))


@lru_cache(maxsize=MEMO_SIZE)
def is_pay_note(text: str) -> bool:
    """Says how pay is set or shared, without being the amount itself."""
    return bool(PAY_NOTE.search(text)) and not MONEY.search(text)


PAY_WORDS = re.compile(
    r"\b(?:pay|paid|salary|salaries|compensation|wages?|rates?|range|band|stipend|offers?|"
    r"allowance)\b",
    re.I,
)


# "the minimum salary under the collective agreement ... is EUR 2,180": a floor the law or an
# agreement sets, stated beside the role's own pay.
LEGAL_MINIMUM = re.compile(
    r"\b(?:minimum (?:salary|wage|pay|compensation)|minimum\w* (?:under|according to|set by)|"
    r"collective(?: bargaining| labou?r)? agreement|kollektivvertrag|tarifvertrag|"
    r"statutory minimum|mindestlohn|mindestgehalt)",
    re.IGNORECASE,
)


def states_a_legal_minimum(text: str) -> bool:
    """Names a legal minimum and then its amount, in one clause ("the minimum salary under the
    collective agreement is EUR 2,180"); "we pay $25, well above the minimum wage" does not."""
    return any(is_a_legal_minimum(clause, len(clause)) for clause in text.split(";"))


def is_a_legal_minimum(text: str, position: int) -> bool:
    """Whether the amount at `position` is the legal minimum its clause names before it."""
    clause_start = text.rfind(";", 0, position) + 1
    minimum = LEGAL_MINIMUM.search(text, clause_start, position)
    return bool(minimum) and bool(MONEY.search(text, minimum.end(), max(position, len(text))))


def speaks_of_pay(text: str) -> bool:
    return bool(PAY_WORDS.search(text))


def states_pay(text: str) -> bool:
    return bool(MONEY.search(text))


def is_about_role(text: str) -> bool:
    return bool(ROLE.search(text))


def is_about_applying(text: str) -> bool:
    return bool(APPLYING.search(text))


def is_about_workplace(text: str) -> bool:
    return bool(WORKPLACE.search(text))


# "Location: Ann Arbor, MI", "JOB TITLE: ML Intern": a field's label, then its value.
# A label is at most three words ("Application deadline"); a clause before a colon ("This is a
# hybrid role: ...", "We work hybrid: ...") is prose.
LABEL = re.compile(
    r"^(?!(?:we|you|this|it|they|our|i|there|here|that)\b)"
    r"(?P<label>[A-Za-z][A-Za-z&/-]*(?: [A-Za-z&/-]+){0,2}):\s+(?P<value>\S.*)$",
    re.IGNORECASE,
)


def label_and_value(text: str) -> tuple[str, str] | None:
    """The label and value of a "Label: value" line, or None for any other line."""
    match = LABEL.match(text.strip())
    return (match["label"], match["value"]) if match else None


ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:e\.g|i\.e|etc|Inc|Corp|Ltd|Co|Jr|Sr|Dr|Mr|Ms|Mrs|St|vs|No|approx)\.)$"
)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """A paragraph cut into sentences, keeping "U.S. citizens" and "e.g. Python" whole."""
    pieces, start = [], 0
    for match in SENTENCE_BREAK.finditer(text):
        before = text[start : match.start()]
        if ABBREVIATION.search(before):
            continue
        pieces.append(text[start : match.start()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]
