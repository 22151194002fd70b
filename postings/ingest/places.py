"""Where the internship is: the cities a posting names as its offices or locations.

A city counts only where the text says it is a place of work. The posting states its place in a
line (or part of a title) that is nothing but places ("San Francisco, CA | Remote"), a Location
section or "Location:" label, or a line of facts with a city and its region or country
("Minneapolis, MN · Internship"). A sentence names one in passing with a cue ("in our San
Francisco or Seattle offices", "based in London"), and then it counts only when it speaks of the
internship, or when the posting states no place and it does not speak of the company's
headquarters or history. The company's "about" text, its list of offices and the
equal-opportunity text are never read for places ("San Francisco Fair Chance Ordinance"). A
region or country alone ("Bay Area", "EMEA", "Canada") is no location.
"""

import re
from collections import Counter
from dataclasses import dataclass

from postings.ingest import passages
from postings.ingest.gazetteer import USUAL_CITY_NAMES, City, fold
from postings.ingest.headings import SectionKind, heading_kind
from postings.ingest.place_names import CityMention, city_mentions, countries_named
from postings.ingest.reading import Place
from postings.ingest.sections import Section
from postings.ingest.workplace import REMOTE, arrangements_in

SECTIONS_WITHOUT_PLACES = (
    SectionKind.ABOUT_COMPANY,
    SectionKind.COMPANY_OFFICES,
    SectionKind.EQUAL_OPPORTUNITY,
)
SEGMENT_SEPARATORS = re.compile(r"\s+[|•·–—-]\s+|[()\[\];]|\s+/\s+")
# Words a line of places may also hold ("Remote or San Francisco, CA (Hybrid)").
PLACE_LINE_FILLER = re.compile(
    r"\b(?:remote(?:ly)?|hybrid|on-?site|in[- ](?:office|person)|offices?|hq|headquarters|"
    r"locations?|based|or|and|only|the|in|any|multiple|flexible|from|home|city|usa?|uk)\b",
    re.IGNORECASE,
)
LIST_SEPARATOR = re.compile(r"^\s*(?:,\s*(?:or|and)?|/|&|;|or|and)\s*$", re.IGNORECASE)
CUE_BEFORE = re.compile(
    r"\b(?:in|at|from|to|near|out of|between)\s+(?:(?:our|the|either|one of our|any of our|its)"
    r"\s+)?(?:offices? in\s+)?$|\b(?:offices|locations|hubs|sites)\s*:\s*$",
    re.IGNORECASE,
)
CUE_WORDS = re.compile(
    r"\b(?:offices?|based|located|locations?|on-?site|in[- ]person|hybrid|remote(?:ly)?|"
    r"relocat\w*|commut\w*|hubs?|campus|headquarter\w*|HQ)\b",
    re.IGNORECASE,
)
# "occasional travel to our Paris office": a place to visit, not of work.
VISITED_BEFORE = re.compile(
    r"\b(?:travel\w*|trips?|visit\w*|fly|flights?|offsites?)\b[^.;]{0,40}$", re.IGNORECASE
)
CUE_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:offices?|hubs?|campus(?:es)?|studios?|locations?|sites?)\b",
    re.IGNORECASE,
)
COMPANY_OFFICES = re.compile(
    r"\b(?:have|has|with|operate|operates)\s+(?:\w+\s+){0,2}(?:offices|hubs|locations)\s+"
    r"(?:in|across)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundPlace:
    place: Place
    evidence: str


@dataclass(frozen=True)
class _Named:
    """A city a line names as a place of work, and how the line names it."""

    mention: CityMention
    # The line states places (a Location label or section, a line of places, a title's place
    # part); otherwise a sentence names the city in passing, in `clause` (the sentence up to a
    # semicolon) and `phrase` (the clause up to a comma).
    stated: bool
    clause: str = ""
    phrase: str = ""


# A clause in passing that speaks of the internship ("this internship sits in our Austin office").
ABOUT_THE_ROLE = re.compile(
    r"\b(?:intern(?:s|ship|ships)?|co-?ops?|you|your|you(?:'|’)(?:ll|d|re)|role|position|job)\b",
    re.IGNORECASE,
)
# "Dallas, TX (HQ)" among a company's facts.
MARKED_AS_HEADQUARTERS = re.compile(r"\s*\((?:HQ|headquarters)\)", re.IGNORECASE)
# A clause about the company's own places: its headquarters, its history.
ABOUT_THE_COMPANYS_PLACES = re.compile(
    r"\b(?:headquarter\w*|head office|HQ|founded|founding|since (?:1[89]|20)\d\d)\b", re.IGNORECASE
)


def find_locations(
    sections: list[Section], title: str, company: str = "", company_about: str = ""
) -> list[FoundPlace]:
    """The places of work the posting names, once each, in order of first mention.

    Where the posting states its place (a Location label or section, a line of places, a place
    in the title), a city a sentence names in passing counts only when the sentence speaks of
    the internship: "our headquarters are in Dallas", "a second site in Stuttgart", "our claims
    centre is in Limerick" tell where the company is. A name that is the company's ("Google" is
    also a town in Kansas) is the company.

    A posting that names no place, but puts the internship in the company's office ("in person,
    in our office on University Avenue"), is where the company's about text says the company is,
    if it names one city only ("Ledgerlight is a London fintech")."""
    lines = list(_lines_to_read(sections, title))
    whole_text = "\n".join(text for text, _ in lines)
    named: list[tuple[_Named, str]] = []
    for text, standing in lines:
        in_location_section = standing == LOCATION_SECTION
        for each in named_places(text, in_location_section=in_location_section):
            mention = each.mention
            if _a_heading_word(mention, text, standing):
                continue
            if fold(mention.written) == fold(company) or _inside_name(mention, text, company):
                continue
            if _a_word_of_this_text(mention, text, whole_text):
                continue
            named.append((each, text))
    stated_somewhere = any(each.stated for each, _ in named)
    accepted = [
        (each.mention, text)
        for each, text in named
        if each.stated or _counts_in_passing(each, stated_somewhere=stated_somewhere)
    ]
    if not accepted and company_about and _in_the_companys_office(text for text, _ in lines):
        accepted = _the_companys_one_city(company_about)
    hints = _country_hints(mention for mention, _ in accepted)
    cities = {}
    for mention, text in accepted:
        city = _choose(mention.candidates, hints)
        cities.setdefault(city, (mention, text))
    return [
        FoundPlace(_place(mention, city), text)
        for city, (mention, text) in cities.items()
        if not _neighbourhood_of_another(city, cities)
    ]


# "in our office", "at the Shoreditch office": the company's own office, by no city's name.
THE_COMPANYS_OFFICE = re.compile(
    r"\b(?i:in|at|from|out of) (?i:our|the) (?:[A-Z][\w'’-]+ ){0,3}(?i:office|offices|studio)\b"
)
# Where the company began is history, not where it is.
COMPANY_HISTORY = re.compile(
    r"\b(?:founded|founding|since (?:1[89]|20)\d\d|started|began|spin-?off|spun out)\b",
    re.IGNORECASE,
)


def _in_the_companys_office(texts) -> bool:
    """The role is worked in the company's office, and not remotely."""
    texts = list(texts)
    arrangements = {arrangement for text in texts for arrangement, _ in arrangements_in(text)}
    return REMOTE not in arrangements and any(THE_COMPANYS_OFFICE.search(t) for t in texts)


def _the_companys_one_city(about: str) -> list[tuple[CityMention, str]]:
    found = [
        (mention, sentence)
        for sentence in passages.sentences(about)
        if not COMPANY_HISTORY.search(sentence)
        for mention in city_mentions(sentence)
    ]
    names = {fold(mention.written) for mention, _ in found}
    if len(names) != 1 or not _is_town(found[0][0]):
        return []
    return found[:1]


def _counts_in_passing(named: _Named, *, stated_somewhere: bool) -> bool:
    """ "Although our headquarters are in New York, ... this internship is with them": the phrase
    naming the city speaks of the company, whatever the rest of the sentence says."""
    phrase, clause = named.phrase, named.clause
    if ABOUT_THE_COMPANYS_PLACES.search(phrase) and not ABOUT_THE_ROLE.search(phrase):
        return False
    if ABOUT_THE_ROLE.search(clause):
        return True
    return not stated_somewhere and not ABOUT_THE_COMPANYS_PLACES.search(clause)


def _inside_name(mention: CityMention, text: str, company: str) -> bool:
    """ "Brazos Midstream moves gas": a town's name inside the company's is the company."""
    if not company or " " not in company.strip():
        return False
    return any(
        match.start() <= mention.start and mention.end <= match.end()
        for match in re.finditer(re.escape(company), text)
    )


NEIGHBOURHOOD_KM = 15
NEIGHBOURHOOD_SIZE_RATIO = 10


def _neighbourhood_of_another(city: City, cities) -> bool:
    """ "Our King's Cross office" beside London: a part of a city ten times its size nearby."""
    return any(
        other.population >= NEIGHBOURHOOD_SIZE_RATIO * city.population
        and city.kilometres_to(other) <= NEIGHBOURHOOD_KM
        for other in cities
        if other is not city
    )


def _a_word_of_this_text(mention: CityMention, line: str, whole_text: str) -> bool:
    """A one-word line ("Enterprise", "Mission") that the same text also writes in lowercase
    ("our enterprise customers") is that word, not the town."""
    word = mention.written
    bare = line.strip(" /|·•-–—") == word
    if mention.qualified or " " in word or not bare:
        return False
    return bool(re.search(rf"\b{re.escape(word.lower())}\b", whole_text))


HEADING = "heading"
LOCATION_SECTION = "location section"


def _lines_to_read(sections, title):
    """Each line with where it stands: the title, a heading, a Location section, elsewhere."""
    if title:
        yield title, ""
    for section in sections:
        if section.kind in SECTIONS_WITHOUT_PLACES:
            continue
        if section.heading is not None:
            yield section.heading.text, HEADING
        standing = LOCATION_SECTION if section.kind is SectionKind.LOCATION else ""
        for line in section.lines:
            yield line.text, standing


def _a_heading_word(mention: CityMention, line: str, standing: str) -> bool:
    """A heading of one word ("Mission", "Impact") titles its text; it names no town."""
    return standing == HEADING and line.strip(" :#*") == mention.written and " " not in line


def named_places(text: str, *, in_location_section: bool = False) -> list[_Named]:
    """The cities of one line that the line presents as places of work."""
    if passages.excludes(text):
        return []
    labelled = passages.label_and_value(text)
    if labelled and heading_kind(labelled[0]) is SectionKind.LOCATION:
        return [_Named(m, stated=True) for m in city_mentions(labelled[1])]
    if labelled and ABOUT_THE_COMPANYS_PLACES.search(labelled[0]):
        return []  # "Headquarters: Dallas, TX", "Founded: 2015, Austin"
    mentions = [m for m in city_mentions(text) if not MARKED_AS_HEADQUARTERS.match(text, m.end)]
    if not mentions:
        return []
    if in_location_section and not passages.is_prose(text) and not labelled:
        # "Houston, TX time type" (a page's labels run into the place); not "Time type" alone
        stated = [m for m in mentions if m.qualified or _is_place_line(text, mentions)]
        if stated:
            return [_Named(m, stated=True) for m in stated]
    if _is_place_line(text, mentions):
        return [
            _Named(m, stated=True)
            for m in mentions
            if m.qualified or len(mentions) > 1 or _is_town(m)
        ]
    # In a line of facts ("Minneapolis, MN · Internship"), a city with its state or a part of
    # the line that holds only places states the place. A sentence names a place of work only
    # with a cue ("based in Reading, PA", "our Austin office"): "you will partner with our
    # teams in Austin, TX" names where others are.
    place_only = _place_only_segments(text)
    found = {}
    if _is_a_line_of_facts(text, mentions):
        found = {
            m.start: _Named(m, stated=True)
            for m in mentions
            if m.qualified or any(s <= m.start and m.end <= e for s, e in place_only)
        }
    for group in _lists(text, mentions):
        if _list_is_cued(text, group):
            for m in group:
                found.setdefault(m.start, _in_passing(text, m))
    return [found[start] for start in sorted(found)]


# A line naming an internship, with its facts set off in brackets at the end.
TITLE_WITH_FACTS = re.compile(r"\b(?:intern|internship|co-?op)\b[^()]*\([^()]+\)$", re.IGNORECASE)
# Words a line of facts holds besides its places ("Minneapolis, MN · Internship · Req #24-0913").
MAX_FACT_LINE_WORDS = 6


def _is_a_line_of_facts(text: str, mentions: list[CityMention]) -> bool:
    """Facts set off by dots or bars, or a few words: not a sentence, even one without its full
    stop ("Our Dallas, TX office opened in 2019" as a list item); nor a line about the company's
    headquarters or history ("Headquartered in Dallas, TX since 1998")."""
    if passages.is_prose(text) or ABOUT_THE_COMPANYS_PLACES.search(text):
        return False
    if re.search(r"\s[|•·]\s", text):
        return True
    if TITLE_WITH_FACTS.search(text) and not re.search(r"[.!?]$", text.strip()):
        return True  # "Hiring: ML Intern @ Acme (Boise, ID — on-site)": a title and its facts
    rest = text
    for mention in sorted(mentions, key=lambda m: -m.start):
        rest = rest[: mention.start] + " " + rest[mention.end :]
    return len(re.findall(r"[^\W\d_]+", rest)) <= MAX_FACT_LINE_WORDS


def _in_passing(text: str, mention: CityMention) -> _Named:
    """The mention with its sentence cut at semicolons ("Our headquarters are in Dallas; this
    internship sits in our Austin office"), and the part of that clause between commas."""
    start = 0
    for sentence in passages.sentences(text):
        found = text.find(sentence, start)
        if found < 0:
            continue
        start = found + len(sentence)
        if mention.start < start:
            text, before, after = sentence, mention.start - found, mention.end - found
            break
    else:
        before, after = mention.start, mention.end

    def cut(marks: str) -> str:
        left = max(text.rfind(mark, 0, before) for mark in marks) + 1
        rights = [i for i in (text.find(mark, after) for mark in marks) if i >= 0]
        return text[left : min(rights, default=len(text))]

    return _Named(mention, stated=False, clause=cut(";"), phrase=cut(";,"))


# A name alone on a line, with nothing to say it is a place, must be a town of some size.
MIN_POPULATION_ALONE = 15_000


def _is_town(mention: CityMention) -> bool:
    return mention.candidates[0].population >= MIN_POPULATION_ALONE


def place_line_cities(text: str) -> list[CityMention]:
    """The cities of a line that is nothing but places ("New York City"), else none."""
    mentions = city_mentions(text)
    return mentions if mentions and _is_place_line(text, mentions) else []


def _is_place_line(text: str, mentions: list[CityMention]) -> bool:
    rest = text
    for mention in sorted(mentions, key=lambda m: -m.start):
        rest = rest[: mention.start] + " " + rest[mention.end :]
    for _, start, end in sorted(countries_named(rest), key=lambda c: -c[1]):
        rest = rest[:start] + " " + rest[end:]
    rest = PLACE_LINE_FILLER.sub(" ", rest)
    return not re.search(r"[^\W\d_]", rest)


def _place_only_segments(text: str) -> list[tuple[int, int]]:
    """Parts of a title or label, set off by dashes, bars or brackets, that hold only places."""
    spans = []
    for start, end, piece in _segments(text):
        if piece.strip() == text.strip():
            continue
        inside = city_mentions(piece)
        if inside and _is_place_line(piece, inside):
            spans.append((start, end))
    return spans


def _segments(text):
    start = 0
    for separator in SEGMENT_SEPARATORS.finditer(text):
        yield start, separator.start(), text[start : separator.start()]
        start = separator.end()
    yield start, len(text), text[start:]


def _lists(text: str, mentions: list[CityMention]):
    group = [mentions[0]]
    for previous, mention in zip(mentions, mentions[1:], strict=False):
        if LIST_SEPARATOR.match(text[previous.end : mention.start]):
            group.append(mention)
        else:
            yield group
            group = [mention]
    yield group


def _list_is_cued(text: str, group: list[CityMention]) -> bool:
    sentence_start = max(text.rfind(". ", 0, group[0].start) + 1, 0)
    sentence_end = text.find(". ", group[-1].end)
    sentence = text[sentence_start : sentence_end if sentence_end >= 0 else len(text)]
    before = text[sentence_start : group[0].start]
    after = text[group[-1].end :]
    if COMPANY_OFFICES.search(before) and not passages.is_about_role(sentence):
        return False  # "We have offices in London, Paris and Berlin": the company's, not the role's
    if VISITED_BEFORE.search(before):
        return False
    if CUE_AFTER.match(after):
        return True
    return bool(CUE_BEFORE.search(before) and CUE_WORDS.search(sentence))


def _country_hints(mentions) -> Counter:
    """Countries the posting's places are surely in, to choose among cities sharing a name."""
    hints = Counter()
    for mention in mentions:
        countries = {city.country for city in mention.candidates}
        if len(countries) == 1:
            hints.update(countries)
    return hints


def resolve(mention: CityMention, hints: Counter) -> Place:
    return _place(mention, _choose(mention.candidates, hints))


def _place(mention: CityMention, city: City) -> Place:
    return Place(city=_board_name(mention, city), region=city.region, country=city.country)


def _choose(candidates: tuple[City, ...], hints: Counter) -> City:
    for city in candidates:  # largest first
        if hints[city.country]:
            return city
    return candidates[0]


def _board_name(mention: CityMention, city: City) -> str:
    """The name as written ("Zurich", "Bangalore") unless written as initials, in capitals or
    shortened ("Ft. Worth" is Fort Worth)."""
    written = USUAL_CITY_NAMES.get(mention.written, mention.written)
    shortened = re.search(r"\b[A-Z][a-z]?\.", written)
    if written.isupper() or shortened or fold(written) == fold(city.name):
        return city.name
    return written
