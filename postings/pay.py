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
