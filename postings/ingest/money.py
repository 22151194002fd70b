"""Pay as a posting states it: amounts, ranges, currency and period, and the office it is for.

Rules (tests/ingest_corpus/README.md): "$120K" is 120000 and "3.000 €" 3000 (a dot or comma
followed by exactly three digits groups thousands); a range gives min and max, one amount both;
"$" is US dollars unless the sentence names another dollar ("CAD", "Canadian dollars") or every
location is in one country that pays in its own dollar; with no period stated, 15,000 or more is
yearly and under 300 hourly, and anything else is left out. Amounts about funding, relocation,
housing and the like are not pay.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from postings.ingest.gazetteer import gazetteer
from postings.models import PayPeriod

YEARLY_FROM = Decimal(15_000)
HOURLY_BELOW = Decimal(300)

# English, and the words German, French and Dutch postings use ("brutto/Monat", "par mois").
PERIOD_WORDS = {
    PayPeriod.HOUR: r"hours?|hourly|hr|hrs|h|stunde|heure|uur",
    PayPeriod.WEEK: r"weeks?|weekly|wk|wks|woche|semaine",
    PayPeriod.MONTH: r"months?|monthly|mo|mth|mos|monat|monatlich|mois|mensuel|maand",
    PayPeriod.YEAR: (
        r"years?|yearly|yr|yrs|annum|annually|annual|p\.?a\.?|jahr|jährlich|(?<=par )an|jaar"
    ),
}
_PERIOD_GROUPS = "|".join(f"(?P<{period}>{words})" for period, words in PERIOD_WORDS.items())
# "/hr", "per hour", "an hour", "a year", "hourly", "annually", "per annum", "p.a."
PERIOD_AFTER = re.compile(
    rf"^\s*(?:(?:gross|brutto|bruto|bruts?|net|netto|before tax(?:es)?),?-?\s*)?"
    rf"(?:/\s*|per\s+|pro\s+|par\s+|an?\s+|each\s+|every\s+)?(?:{_PERIOD_GROUPS})\b",
    re.IGNORECASE,
)
PERIOD_NEAR = re.compile(
    r"\b(?:(?P<hour>hourly|per hour|an hour|/\s?hr|/\s?hour)|(?P<week>weekly|per week|a week)|"
    r"(?P<month>monthly|per month|a month|/\s?mo(?:nth)?)|"
    r"(?P<year>annual(?:ly)?|yearly|per year|a year|per annum|/\s?yr|/\s?year|salary))\b",
    re.IGNORECASE,
)
NOT_PAY = re.compile(
    r"\b(?:fund\w*|raised|valuation|revenue|investors?|series [a-f]|relocation|housing|"
    r"sign[- ]?on|signing|bonus|equity|ARR|customers|users|grants?|prizes?|budget|awards?|"
    r"gift|reimburs\w*|travel|lunch|meals?|credits?|learning and development|"
    r"education|tuition|401\(?k\)?|wellness|commut\w*|transit|phone|internet|home office)\b",
    re.IGNORECASE,
)
RANGE_SEPARATOR = re.compile(r"^\s*(?:-|–|—|to|and|through|until|tot|bis|à)\s*$", re.IGNORECASE)
# "ranges from $8,000/month in our lowest market up to $13,500/month in our highest".
RANGE_FROM = re.compile(r"\b(?:from|between)\s*$", re.IGNORECASE)
RANGE_TO_AFTER_WORDS = re.compile(r"^[^.;$€£¥₹\d]{0,60}\b(?:up to|to|and)\s*$", re.IGNORECASE)
# Thousands grouped by a dot, comma, apostrophe ("CHF 5’000") or space ("1 400 €").
# Indian grouping writes a lakh as "1,00,000".
NUMBER = (
    r"\d{1,2}(?:,\d\d)+,\d{3}(?!\d)|"
    r"\d{1,3}(?:[.,’'\u202f ]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?"
)
SCALES = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str  # "" when none is written with it
    scaled: bool  # "K" or "thousand" was written
    period: str  # written right after it ("/hr"), else ""
    start: int
    end: int
    dollar_sign: bool  # a bare "$"


@dataclass(frozen=True)
class Band:
    minimum: Decimal
    maximum: Decimal
    currency: str
    period: str  # "" when the text states none and the amount does not tell
    start: int
    end: int
    dollar_sign: bool


@cache
def _amount_pattern() -> re.Pattern:
    places = gazetteer()
    signs = sorted(places.currency_signs, key=len, reverse=True)
    sign = "|".join(re.escape(s) for s in signs)
    words = "|".join(sorted(map(re.escape, _currency_words()), key=len, reverse=True))
    return re.compile(
        rf"(?:(?P<sign>{sign})\s?|\b(?P<code>[A-Z]{{3}})\s?)?"
        rf"(?P<number>{NUMBER})(?:\s?(?P<scale>[kKmM]\b|thousand\b|million\b))?"
        rf"(?:\s?(?P<after_sign>€|£)|\s(?P<after_code>[A-Z]{{3}})\b|"
        rf"\s(?P<word>(?i:{words})|dollars|pounds)\b)?"
    )


@cache
def _currency_words() -> dict[str, str]:
    """The words that name one of today's currencies after an amount ("2,500 yen", "300 euros",
    "20 000 kronor"), from CLDR's English names; a word several currencies share ("pesos",
    "rupees", "dollars") names none of them."""
    from babel.numbers import get_currency_name

    in_use = {country.currency for country in gazetteer().countries.values() if country.currency}
    codes_by_word: dict[str, set[str]] = {}
    for code in in_use:
        for count in (1, 2):
            word = get_currency_name(code, count=count, locale="en").split()[-1].casefold()
            if word.isalpha() and len(word) > 2:
                codes_by_word.setdefault(word, set()).add(code)
    return {word: codes.pop() for word, codes in codes_by_word.items() if len(codes) == 1}


@cache
def _currency_names() -> dict[str, str]:
    """English names of dollar currencies ("Canadian dollars") by their code."""
    from babel.numbers import get_currency_name

    places = gazetteer()
    names = {}
    for country in places.countries.values():
        if country.pays_in_dollars and country.currency:
            names[get_currency_name(country.currency, count=2, locale="en")] = country.currency
    return names


def amounts_in(text: str) -> list[Amount]:
    places = gazetteer()
    found = []
    for match in _amount_pattern().finditer(text):
        code = match["code"] if match["code"] in places.currency_codes else ""
        after_code = match["after_code"] if match["after_code"] in places.currency_codes else ""
        sign = match["sign"] or match["after_sign"] or ""
        currency = places.currency_signs.get(sign, "") or code or after_code
        word = (match["word"] or "").casefold()
        if not currency and word:
            currency = _currency_words().get(word, "")
        value = _number(match["number"])
        if value is None:
            continue
        scale = (match["scale"] or "").casefold()
        scaled = bool(scale)
        if scaled:
            value *= SCALES[scale]
        end = match.end()
        period_match = PERIOD_AFTER.match(text[end:])
        period = _period_of(period_match)
        if period_match and period:
            end += period_match.end()
        found.append(
            Amount(value, currency, scaled, period, match.start(), end, dollar_sign=sign == "$")
        )
    return found


def _number(written: str) -> Decimal | None:
    """ "10,000", "3.000" and "1,00,000" group digits; "22.50" and "22,5" have decimals."""
    if re.fullmatch(r"\d{1,2}(?:,\d\d)+,\d{3}", written):
        return Decimal(written.replace(",", ""))
    grouped = re.fullmatch(r"(\d{1,3}(?:([.,’'\u202f ])\d{3})+)(?:[.,](\d{1,2}))?", written)
    try:
        if grouped:
            whole = grouped.group(1).replace(grouped.group(2), "")
            return Decimal(f"{whole}.{grouped.group(3) or 0}")
        return Decimal(written.replace(",", "."))
    except InvalidOperation:
        return None


def _period_of(match) -> str:
    if not match:
        return ""
    for period in PERIOD_WORDS:
        if match.group(period.value):
            return period.value
    return ""


def bands_in(sentence: str, *, local_currency: str = "") -> list[Band]:
    """The pay ranges of one sentence, each with the period the sentence gives it. Amounts with
    no currency written count only on a line of nothing but them and their period ("35-45
    Hourly"), in the `local_currency` of the posting's one country."""
    amounts = amounts_in(sentence)
    bands = []
    index = 0
    while index < len(amounts):
        low = amounts[index]
        high = low
        if index + 1 < len(amounts):
            following = amounts[index + 1]
            if _joined_as_range(sentence, low, following):
                high = following
                index += 1
        index += 1
        currency = low.currency or high.currency
        if not currency and (high.period or low.period) and _only_amounts(sentence, low, high):
            currency = local_currency
        if not currency or _not_pay(sentence, low.start, high.end):
            continue
        minimum, maximum = low.value, high.value
        if high.scaled and not low.scaled and minimum < 1000 <= maximum:
            minimum *= 1000  # "$120-150K"
        if minimum > maximum or minimum <= 0:
            continue
        if low is high and _one_sided(sentence, low):
            continue  # "starting at $30/hour": the other end is not stated
        period = high.period or low.period or _period_near(sentence, low.start, high.end)
        bands.append(Band(minimum, maximum, currency, period, low.start, high.end, low.dollar_sign))
    return bands


WORDS_BEFORE, WORDS_AFTER = 4, 3


def _joined_as_range(sentence: str, low: Amount, high: Amount) -> bool:
    between = sentence[low.end : high.start]
    if RANGE_SEPARATOR.match(between):
        return True
    from_before = RANGE_FROM.search(sentence[: low.start])
    same_terms = low.currency == high.currency and low.period == high.period
    return bool(from_before and same_terms and RANGE_TO_AFTER_WORDS.match(between))


# "starting at $40 an hour", "up to $50", "from €2,000", "$30/hr or more", "at least £25".
ONE_SIDED_BEFORE = re.compile(
    r"\b(?:starting (?:at|from)|starts? at|from|up to|as much as|at least|minimum of|min\.?|"
    r"no less than|no more than|maximum of|max\.?|upwards of|over|above|more than|less than|"
    r"ab|bis zu|jusqu'à|à partir de|vanaf|tot)\s*$",
    re.IGNORECASE,
)
# ("$45+" is 45 or more; "$45/hr + help finding housing" is the pay plus a perk.)
ONE_SIDED_AFTER = re.compile(
    r"^\s*(?:\+(?!\s+[A-Za-z])|(?:or|and) (?:more|up|above|higher|over|less|below)\b|minimum\b|"
    r"at (?:least|most)\b)",
    re.IGNORECASE,
)


def _only_amounts(sentence: str, low: Amount, high: Amount) -> bool:
    return not (sentence[: low.start] + sentence[high.end :]).strip()


def period_named(text: str) -> str:
    """The one period a line names ("Monthly pay", "Hourly Pay Range"), "" for none or several."""
    periods = {
        period.value
        for match in PERIOD_NEAR.finditer(text)
        for period in PERIOD_WORDS
        if match.group(period.value)
    }
    return periods.pop() if len(periods) == 1 else ""


def _one_sided(sentence: str, amount: Amount) -> bool:
    return bool(
        ONE_SIDED_BEFORE.search(sentence[: amount.start])
        or ONE_SIDED_AFTER.match(sentence[amount.end :])
    )


def _not_pay(sentence: str, start: int, end: int) -> bool:
    """An amount is about something else when a word of NOT_PAY stands next to it in its clause:
    "a learning budget of £1,500", "a $2,000 housing stipend", "raised $20M"."""
    clause_start = max(sentence.rfind(",", 0, start), sentence.rfind(";", 0, start)) + 1
    clause_end = min(
        (i for i in (sentence.find(",", end), sentence.find(";", end)) if i >= 0),
        default=len(sentence),
    )
    before = " ".join(sentence[clause_start:start].split()[-WORDS_BEFORE:])
    # "$113,000-$150,000 + bonus + equity": what comes on top is not what the amount is.
    on_top = re.split(r"\+|\bplus\b", sentence[end:clause_end])[0]
    after = " ".join(on_top.split()[:WORDS_AFTER])
    return bool(NOT_PAY.search(before) or NOT_PAY.search(after))


def _period_near(sentence: str, start: int, end: int) -> str:
    """The period the rest of the sentence gives the amount, nearest first."""
    after = PERIOD_NEAR.search(sentence, end)
    candidates = []
    if after:
        candidates.append((after.start() - end, after))
    for before in PERIOD_NEAR.finditer(sentence, 0, start):
        candidates.append((start - before.end(), before))
    if not candidates:
        return ""
    # "A monthly salary of CHF 3,600": "salary" says a year only when no other period is named.
    named = [c for c in candidates if c[1].group().casefold() != "salary"]
    _, nearest = min(named or candidates, key=lambda c: c[0])
    return next(period.value for period in PERIOD_WORDS if nearest.group(period.value))


def unstated_period(amount: Decimal) -> str:
    """The period an amount implies when the text gives none: yearly, hourly, or unknowable."""
    if amount >= YEARLY_FROM:
        return PayPeriod.YEAR.value
    if amount < HOURLY_BELOW:
        return PayPeriod.HOUR.value
    return ""


def dollar_currency(sentence: str, location_countries: set[str]) -> str:
    """What a bare "$" means in this sentence of this posting."""
    places = gazetteer()
    for name, code in _currency_names().items():
        if name.casefold() in sentence.casefold():
            return code
    for code in re.findall(r"\b[A-Z]{3}\b", sentence):
        country = places.country_by_code.get(code[:2])
        if country and country.currency == code and country.pays_in_dollars:
            return code  # "CAD", "AUD" written beside a bare "$"
    if len(location_countries) == 1:
        country = places.countries.get(next(iter(location_countries)))
        if country and country.pays_in_dollars:
            return country.currency
    return "USD"
