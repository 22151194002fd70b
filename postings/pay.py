"""How pay in one period converts to another: every assumption lives here and nowhere else."""

from decimal import ROUND_HALF_UP, Decimal

HOURS_PER_WEEK = 40
WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12

ASSUMPTIONS = (
    f"Equivalents assume {HOURS_PER_WEEK} hours a week, {WEEKS_PER_YEAR} weeks a year and "
    f"{MONTHS_PER_YEAR} months a year (so a month is {WEEKS_PER_YEAR}/{MONTHS_PER_YEAR} weeks). "
    "They are estimates for comparison, not offers."
)

# How many of each period fit in one year.
PERIODS_PER_YEAR = {
    "hour": Decimal(HOURS_PER_WEEK * WEEKS_PER_YEAR),
    "week": Decimal(WEEKS_PER_YEAR),
    "month": Decimal(MONTHS_PER_YEAR),
    "year": Decimal(1),
}

CENT = Decimal("0.01")


def convert(amount: Decimal, *, from_period: str, to_period: str) -> Decimal:
    """Converts an amount paid per `from_period` into the same pay per `to_period`."""
    yearly = Decimal(amount) * PERIODS_PER_YEAR[from_period]
    return (yearly / PERIODS_PER_YEAR[to_period]).quantize(CENT, rounding=ROUND_HALF_UP)


def total_for_weeks(amount: Decimal, *, period: str, weeks: int) -> Decimal:
    """What an internship of `weeks` weeks pays in total at `amount` per `period`."""
    weekly = Decimal(amount) * PERIODS_PER_YEAR[period] / PERIODS_PER_YEAR["week"]
    return (weekly * weeks).quantize(CENT, rounding=ROUND_HALF_UP)


def monthly_factor(period: str) -> Decimal:
    """The multiplier that turns pay per `period` into pay per month."""
    return PERIODS_PER_YEAR[period] / PERIODS_PER_YEAR["month"]


# Believable pay for an intern anywhere, in US dollars per period: below the lowest is a typo or
# the wrong period (a month's pay entered as a year's), above the highest is no internship.
# Hourly 7 to 250 is about 280 to 10,000 a week at 40 hours; a month is 1,000 to 40,000 and a
# year twelve months of it.
USD_BOUNDS = {
    "hour": (Decimal(7), Decimal(250)),
    "week": (Decimal(280), Decimal(10_000)),
    "month": (Decimal(1_000), Decimal(40_000)),
    "year": (Decimal(12_000), Decimal(480_000)),
}
BOUNDS_RULE = (
    "Pay must be believable for an internship: in US dollars, 7–250 an hour, 280–10,000 a "
    "week, 1,000–40,000 a month or 12,000–480,000 a year, other currencies converted at the "
    "board's exchange rates."
)


def to_us_dollars(amount: Decimal, *, units_per_usd: Decimal) -> Decimal:
    """An amount in a currency worth `units_per_usd` to the US dollar, in US dollars.

    The one place amounts change currency; rates come from the ExchangeRate table.
    """
    return (Decimal(amount) / Decimal(units_per_usd)).quantize(CENT, rounding=ROUND_HALF_UP)


def usd_a_month(amount: Decimal, *, period: str, units_per_usd: Decimal) -> Decimal:
    """The board's common measure of pay: `amount` per `period` as US dollars a month.

    Cards, the pay sort, the minimum-pay filter, the compare page and the pay chart all read
    pay through this one conversion.
    """
    monthly = Decimal(amount) * monthly_factor(period)
    return to_us_dollars(monthly, units_per_usd=units_per_usd)


def outside_usd_bounds(amount_usd: Decimal, *, period: str) -> str | None:
    """ "low" or "high" when pay of `amount_usd` per `period` is not believable, else None."""
    low, high = USD_BOUNDS[period]
    if amount_usd < low:
        return "low"
    if amount_usd > high:
        return "high"
    return None
