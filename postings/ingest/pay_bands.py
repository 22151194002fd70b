"""A posting's pay bands: each amount `money` finds in the role's text, with the period,
currency and office the conventions give it (tests/ingest_corpus/README.md)."""

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from postings.ingest import money, passages
from postings.ingest.gazetteer import fold, gazetteer
from postings.ingest.place_names import city_mentions
from postings.ingest.places import place_line_cities, resolve
from postings.ingest.reading import PayRange, Place
from postings.ingest.sections import Section

# What may stand between an office and its pay: "San Francisco: $55/hr", "Austin (TX) - $48".
PAY_TIED_TO_PLACE = re.compile(
    r"^\)?\s*(?:[:=–—-]|\bis\b|,?\s*the (?:pay|range|rate)[^|·;]{0,30})?\s*$"
)


@dataclass
class Pay:
    bands: list[PayRange] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    # Sentences whose amounts have no period and none that their size implies.
    left_out: list[str] = field(default_factory=list)


def pay_in(sections: list[Section], locations: list[Place]) -> Pay:
    """Every band the role's text states, once; a band keeps its office only where the text
    states several bands (a band per office)."""
    pay = Pay()
    local_currency = _local_currency(locations)
    for section in sections:
        previous_line = None
        for index, line in enumerate(section.lines):
            for sentence in passages.sentences(line.text):
                for band in money.bands_in(sentence, local_currency=local_currency):
                    if passages.is_a_legal_minimum(sentence, band.start):
                        continue  # the law's or an agreement's minimum, not this role's pay
                    found = _pay_range(band, sentence, line, previous_line, locations)
                    if found is None and sentence == line.text:
                        found = _pay_range(band, sentence, line, previous_line, locations,
                                           period=_block_period(section, index))  # fmt: skip
                    if found is None:
                        pay.left_out.append(sentence)
                    elif found not in pay.bands:
                        pay.bands.append(found)
                        pay.evidence.append(sentence)
            previous_line = line
    if len(pay.bands) == 1 and pay.bands[0].place is not None:
        pay.bands = [replace(pay.bands[0], place=None)]
    return pay


def _local_currency(locations: list[Place]) -> str:
    """The currency of the one country every location is in ("" for none or several)."""
    countries = {place.country for place in locations}
    if len(countries) != 1:
        return ""
    country = gazetteer().countries.get(countries.pop())
    return country.currency if country else ""


def _block_period(section: Section, index: int) -> str:
    """The period a pay block states once for the amounts under it: its heading or a line above
    ("Monthly pay depends on your degree program:", a table's "Monthly pay" column)."""
    above = [section.heading_text] + [line.text for line in section.lines[:index]]
    for text in reversed(above):
        if passages.speaks_of_pay(text) and (period := money.period_named(text)):
            return period
    return ""


def _pay_range(band, sentence, line, previous_line, locations, period="") -> PayRange | None:
    period = band.period or period
    if not period:
        low, high = money.unstated_period(band.minimum), money.unstated_period(band.maximum)
        period = low if low == high else ""
    if not period:
        return None
    currency = band.currency
    if band.dollar_sign:
        currency = money.dollar_currency(sentence, {place.country for place in locations})
    place = _office(band, sentence, line, previous_line, locations)
    return PayRange(band.minimum, band.maximum, currency, period, place)


def _office(band, sentence, line, previous_line, locations) -> Place | None:
    """The one office the text ties these amounts to: named right before them in the sentence
    ("San Francisco: $55/hr"), or alone on the line above a line that holds only the amount (a
    pay block per office, in a posting of several offices: in a posting of one, the line above
    is its header, "📍 Davis, CA" over "💵 $30/hr")."""
    before = sentence[: band.start]
    earlier_bands = [b for b in money.bands_in(sentence) if b.end <= band.start]
    if earlier_bands:
        before = before[earlier_bands[-1].end :]
    cities = [c for c in city_mentions(before) if PAY_TIED_TO_PLACE.match(before[c.end :])]
    alone = sentence == line.text and _only_the_amount(sentence, band)
    if not cities and previous_line is not None and alone and len(locations) > 1:
        cities = place_line_cities(previous_line.text)
    if len(cities) != 1:
        return None
    place = resolve(cities[0], Counter(known.country for known in locations))
    for known in locations:
        if fold(known.city) == fold(place.city) and known.country == place.country:
            return known
    return place


def _only_the_amount(sentence: str, band) -> bool:
    """ "$50 — $55 USD", "$48/hr": nothing but the amount, its currency and its period."""
    rest = (sentence[: band.start] + sentence[band.end :]).casefold()
    return not re.search(r"[a-z]{3,}", rest.replace("usd", "").replace("per", ""))
