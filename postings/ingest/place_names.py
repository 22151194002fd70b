"""Finds the names of cities, regions and countries in a line of text, with what follows them.

This module only recognises names; `places.py` decides which of them are where the internship is.
A city needs a capital letter and a name in the gazetteer; the region or country written right
after it ("Portland, OR", "London, UK", "Toronto, Ontario, Canada") picks among cities that share
the name. A city that is only part of a longer name ("San Francisco Bay Area", "Boston Dynamics",
"University of Washington") is no city.
"""

import re
from dataclasses import dataclass
from itertools import islice

from postings.ingest.gazetteer import MAX_NAME_WORDS, City, Country, Region, fold, gazetteer

WORD = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'’.-]*")
# One-word names shorter than this ("We", "Ba") are words far more often than towns.
MIN_SINGLE_WORD_NAME = 4
# Capitalised words that may follow a city without making it part of another name.
PLACE_FOLLOWERS = {
    "office",
    "offices",
    "hq",
    "headquarters",
    "hub",
    "campus",
    "studio",
    "or",
    "and",
}
# "... Bay Area", "Greater Boston", "Boston Metro": a region around a city, not the city.
AREA_AFTER = re.compile(
    r"^\s*(?:bay area|area|metro(?:politan)?(?: area)?|region|county|valley|tri-state)\b|"
    # "Spring 2026" is a term and "August 14" a date, not towns; "Toulouse (31)" is a French
    # town with its département's number.
    r"^\s*\d|^\s*\((?!\d{2,3}\))\d",
    re.I,
)
AREA_BEFORE = re.compile(r"\b(?:greater|metro)\s+$", re.I)
PART_OF_LONGER_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+ (?:of|de|at) $")


@dataclass(frozen=True)
class CityMention:
    candidates: tuple[City, ...]  # cities the name (and any qualifier) can be, largest first
    written: str  # the city's name as the text writes it
    start: int
    end: int  # end of the name together with its qualifier
    qualified: bool  # a region or country was written with it

    @property
    def text(self) -> str:
        return self.written


@dataclass(frozen=True)
class Qualifier:
    region: Region | None
    country: Country | None
    end: int


def city_mentions(text: str) -> list[CityMention]:
    places = gazetteer()
    words = list(WORD.finditer(text))
    mentions = []
    index = 0
    while index < len(words):
        mention = _city_at(text, words, index, places)
        if mention is None:
            # "New Mexico", "South Africa": no town called "Mexico" or "Africa" inside them.
            end = _region_or_country_end(text, words, index)
            while index < len(words) and words[index].start() < end:
                index += 1
            index += end == 0
            continue
        mentions.append(mention)
        while index < len(words) and words[index].start() < mention.end:
            index += 1
    return mentions


def _region_or_country_end(text: str, words, index: int) -> int:
    """Where a state's or country's name of several words that starts here ends (0 if none)."""
    following = words[index + 1].group() if index + 1 < len(words) else ""
    if not (words[index].group()[0].isupper() and following[:1].isupper()):
        return 0
    position = words[index].start()
    found = _name_at(text, position)
    if found is None or " " not in text[position : found[1]]:
        return 0
    return found[1]


def _city_at(text, words, index, places) -> CityMention | None:
    first = words[index]
    if not first.group()[0].isupper():
        return None
    for count in range(min(MAX_NAME_WORDS, len(words) - index), 0, -1):
        last = words[index + count - 1]
        written = text[first.start() : last.end()].rstrip(".")
        if count == 1 and len(written) < MIN_SINGLE_WORD_NAME and not written.isupper():
            return None
        cities = places.cities_named(written)
        if not cities:
            continue
        end = first.start() + len(written)
        if not _stands_alone(text, first.start(), end):
            return None
        qualifier = qualifier_after(text, end)
        if qualifier:
            matching = [c for c in cities if _fits(c, qualifier)]
            if matching:
                return CityMention(tuple(matching), written, first.start(), qualifier.end, True)
        before = _qualifier_before(text, first.start())
        if before:
            qualifier, start = before
            matching = [c for c in cities if _fits(c, qualifier)]
            if matching:
                return CityMention(tuple(matching), written, start, end, True)
        if not places.spelled_as_a_city(written):
            continue  # "Washington, DC" is no spelling of its own: "Washington" then "DC"
        return CityMention(tuple(cities), written, first.start(), end, False)
    return None


CONTEXT = 60  # characters either side of a name that can make it part of another name


def _stands_alone(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    if AREA_AFTER.match(after) or AREA_BEFORE.search(before):
        return False
    if PART_OF_LONGER_NAME_BEFORE.search(before):
        return False
    following = re.match(r"^[ -]([A-Z][\w&]*)", after)
    if following and following.group(1).casefold() not in PLACE_FOLLOWERS:
        word = following.group(1)
        return bool(region_or_country(word)) or word.isupper() and len(word) <= 3
    return True


def _fits(city: City, qualifier: Qualifier) -> bool:
    if qualifier.country and city.country != qualifier.country.code:
        return False
    if qualifier.region:
        same_region = not qualifier.region.code or city.region == qualifier.region.code
        return city.country == qualifier.region.country and same_region
    return True


QUALIFIER_START = re.compile(r"\s*,\s*|\s+\(|\s+")


def qualifier_after(text: str, end: int) -> Qualifier | None:
    """The region and/or country written right after a city: ", CA", " NSW", ", Ontario, Canada"."""
    region = country = None
    position = end
    for _ in range(2):
        start = QUALIFIER_START.match(text, position)
        if not start:
            break
        found = _name_at(text, start.end())
        if not found:
            break
        thing, found_end = found
        if isinstance(thing, Region) and not thing.code and gazetteer().cities_named(thing.name):
            break  # "Munich, Berlin": a second city, not Berlin the Land
        if isinstance(thing, Region) and region is None and country is None:
            region = thing
        elif isinstance(thing, Country) and country is None:
            country = thing
        else:
            break
        position = found_end
        if text[position : position + 1] == ")":
            position += 1
    if region is None and country is None:
        return None
    if region and country and region.country != country.code:
        return None
    return Qualifier(region, country, position)


# Workday writes the country and state first: "US, CA, Santa Clara".
CODES_BEFORE = re.compile(r"(?:^|(?<=[\s(]))([A-Z]{2}), ([A-Z]{2,3}), $")


def _qualifier_before(text: str, start: int) -> tuple[Qualifier, int] | None:
    """The country and region codes written right before a city, and where they start."""
    match = CODES_BEFORE.search(text[max(0, start - 20) : start])
    if not match:
        return None
    places = gazetteer()
    country = places.country_by_code.get(match.group(1))
    region = country and places.regions_by_code.get((match.group(2), country.code))
    if not region:
        return None
    return Qualifier(region, country, start), start - len(match.group())


def _name_at(text: str, position: int):
    """A region or country name or code starting exactly at `position`, longest first."""
    words = list(islice(WORD.finditer(text, position), MAX_NAME_WORDS))
    if not words or words[0].start() != position:
        return None
    for count in range(len(words), 0, -1):
        if count > 1 and text[words[count - 2].end() : words[count - 1].start()] not in (" ",):
            continue
        written = text[position : words[count - 1].end()].rstrip(".")
        if written.isupper() and "." in written:
            written = text[position : words[count - 1].end()]
        thing = region_or_country(written)
        if thing:
            return thing, position + len(written)
    return None


def region_or_country(written: str) -> Region | Country | None:
    """A state, province or country by its name, or by its code when written in capitals."""
    places = gazetteer()
    key = fold(written)
    if written.isupper() and written.isalpha() and len(written) in (2, 3):
        regions = places.regions_with_code(written)
        if regions:
            return regions[0]
        return places.country_by_code.get(written) or places.country_by_name.get(key)
    if not written[:1].isupper():
        return None
    return places.regions_by_name.get(key) or places.country_by_name.get(key)


def countries_named(text: str) -> list[tuple[Country, int, int]]:
    """Every country the text names (by name, or as "US", "U.S.", "UK"), with its span."""
    places = gazetteer()
    return [
        (places.country_by_name[fold(match.group())], match.start(), match.end())
        for match in places.country_pattern.finditer(text)
    ]
