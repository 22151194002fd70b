"""Pay in the board's common measure, US dollars a month, as cards and pages show it.

Every amount goes through `pay.usd_a_month` (the one conversion) at the rates of the
ExchangeRate table; this module only chooses what to show beside the pay as posted.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format

from postings import pay
from postings.models import ExchangeRate, PayBand, PayPeriod, Posting, format_money

WHOLE = Decimal(1)


@dataclass(frozen=True)
class Rates:
    """The board's exchange rates as read once for a page: units per US dollar and their day."""

    units_per_usd: dict[str, Decimal]
    quoted_on: dict[str, date]

    @classmethod
    def current(cls) -> "Rates":
        """The rates as the table holds them now (one query)."""
        quotes = ExchangeRate.objects.quotes()
        return cls(
            units_per_usd={currency: units for currency, (units, _) in quotes.items()},
            quoted_on={currency: as_of for currency, (_, as_of) in quotes.items()},
        )

    @classmethod
    def for_request(cls, request) -> "Rates":
        """The rates read once per request, however many cards a page shows."""
        if request is None:
            return cls.current()
        if not hasattr(request, "_exchange_rates"):
            request._exchange_rates = cls.current()
        return request._exchange_rates


@dataclass(frozen=True)
class BandInUsd:
    """One pay band restated in US dollars: a month, an hour, and for the whole internship."""

    band: PayBand
    monthly: tuple[Decimal, Decimal]
    hourly: tuple[Decimal, Decimal]
    total: tuple[Decimal, Decimal] | None
    weeks: int | None
    rate_quoted_on: date | None  # None for pay posted in US dollars
    units_per_usd: Decimal

    @property
    def is_converted(self) -> bool:
        """Whether anything was estimated: another currency, or another period than a month."""
        return self.rate_quoted_on is not None or self.band.period != PayPeriod.MONTH

    @property
    def best_monthly(self) -> Decimal:
        return self.monthly[1]

    @property
    def monthly_text(self) -> str:
        return usd_text(self.monthly)

    @property
    def total_text(self) -> str:
        return usd_text(self.total) if self.total else ""

    @property
    def rate_text(self) -> str:
        """ "1 US dollar = 0.877 EUR"."""
        return f"1 US dollar = {self.units_per_usd.normalize():f} {self.band.currency}"

    @property
    def summary(self) -> str:
        """What a card shows beside the pay as posted: "≈ $12,448 a month, ≈ $28,726 for 10
        weeks (rate of 2 Jun 2025)"; empty for US dollars a month of unknown length."""
        parts = []
        if self.is_converted:
            parts.append(f"≈ {usd_text(self.monthly)} a month")
        if self.total:
            parts.append(f"≈ {usd_text(self.total)} for {self.weeks} weeks")
        text = ", ".join(parts)
        if text and self.rate_quoted_on:
            text += f" (rate of {date_format(self.rate_quoted_on, 'j M Y')})"
        return text


def _usd_range(amounts: tuple, *, quantum=WHOLE) -> tuple[Decimal, Decimal]:
    return tuple(amount.quantize(quantum, rounding=ROUND_HALF_UP) for amount in amounts)


def band_in_usd(band: PayBand, *, rates: Rates, weeks: int | None = None) -> BandInUsd | None:
    """`band` in US dollars, or None when the board has no rate for its currency."""
    units = rates.units_per_usd.get(band.currency)
    if units is None:
        return None
    monthly = tuple(
        pay.usd_a_month(amount, period=band.period, units_per_usd=units)
        for amount in (band.minimum, band.maximum)
    )
    hourly = tuple(
        pay.convert(amount, from_period=PayPeriod.MONTH, to_period=PayPeriod.HOUR)
        for amount in monthly
    )
    total = (
        _usd_range(
            tuple(
                pay.total_for_weeks(amount, period=PayPeriod.MONTH, weeks=weeks)
                for amount in monthly
            )
        )
        if weeks
        else None
    )
    return BandInUsd(
        band=band,
        monthly=_usd_range(monthly),
        hourly=_usd_range(hourly, quantum=pay.CENT),
        total=total,
        weeks=weeks or None,
        rate_quoted_on=None if band.currency == "USD" else rates.quoted_on.get(band.currency),
        units_per_usd=units,
    )


def posting_bands_in_usd(posting: Posting, *, rates: Rates) -> list[BandInUsd]:
    """Each of the posting's pay bands the board can convert, in its order."""
    converted = (
        band_in_usd(band, rates=rates, weeks=posting.duration_weeks)
        for band in posting.pay_bands.all()
    )
    return [band for band in converted if band is not None]


def best_usd_a_month_by_posting(bands, *, rates: Rates) -> dict[int, Decimal]:
    """{posting id: the top of its best pay band in US dollars a month} for pay band rows of
    (posting id, maximum, currency, period); bands in a currency without a rate are skipped.

    The one definition of "how much a posting pays" where postings are ranked by pay.
    """
    best = {}
    for posting_id, maximum, currency, period in bands:
        units = rates.units_per_usd.get(currency)
        if units is None:
            continue
        amount = pay.usd_a_month(maximum, period=period, units_per_usd=units)
        if amount > best.get(posting_id, 0):
            best[posting_id] = amount
    return best


def best_usd_a_month(posting: Posting, *, rates: Rates) -> Decimal | None:
    """The most the posting pays, in US dollars a month (the top of its best band)."""
    rows = [
        (posting.pk, band.maximum, band.currency, band.period) for band in posting.pay_bands.all()
    ]
    return best_usd_a_month_by_posting(rows, rates=rates).get(posting.pk)


def usd_text(bounds: tuple[Decimal, Decimal]) -> str:
    """ "$5,433" or "$5,433–$6,000"."""
    low, high = bounds
    if low == high:
        return format_money(low, "USD")
    return f"{format_money(low, 'USD')}–{format_money(high, 'USD')}"


@dataclass(frozen=True)
class PayLine:
    """One pay band as a card shows it: the office it is for (if any), as posted, in USD."""

    band: PayBand
    office: object
    usd: BandInUsd | None


def posting_pay_lines(posting: Posting, *, rates: Rates) -> list[PayLine]:
    """The posting's pay bands with their offices, read from the prefetched locations."""
    offices = {location.pk: location for location in posting.locations.all()}
    return [
        PayLine(
            band=band,
            office=offices.get(band.location_id),
            usd=band_in_usd(band, rates=rates, weeks=posting.duration_weeks),
        )
        for band in posting.pay_bands.all()
    ]
