"""A posting's pay bands: each amount `money` finds in the role's text, with the period,
currency and office the conventions give it (tests/ingest_corpus/README.md)."""

import re
from collections import Counter
from dataclasses import dataclass, field

from postings.ingest import money, passages
from postings.ingest.gazetteer import fold
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
    pay = Pay()
    for section in sections:
        previous_line = None
        for line in section.lines:
            for sentence in passages.sentences(line.text):
                for band in money.bands_in(sentence):
                    found = _pay_range(band, sentence, line, previous_line, locations)
                    if found is None:
                        pay.left_out.append(sentence)
                    else:
                        pay.bands.append(found)
                        pay.evidence.append(sentence)
            previous_line = line
    return pay


def _pay_range(band, sentence, line, previous_line, locations) -> PayRange | None:
    period = band.period
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
