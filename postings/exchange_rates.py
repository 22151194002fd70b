"""The exchange rates the board starts with: migration 0005 loads them, superusers replace them.

Units one US dollar bought around 2 June 2025 (mid-market, rounded to about three figures;
pegged currencies at their peg), for the common currencies of internships. They serve the pay
checks, whose bounds are wide; a superuser replaces them with current official rates (the
ECB's reference rates, say) in the admin, which keeps each rate's date and source.
"""

import datetime
from decimal import Decimal

RATES_OF = datetime.date(2025, 6, 2)
SOURCE = (
    "Board default: approximate mid-market rate of early June 2025, rounded. "
    "Replace with a current official rate."
)
UNITS_PER_USD = {
    "USD": "1", "EUR": "0.877", "GBP": "0.738", "CAD": "1.37", "CHF": "0.82", "JPY": "144",
    "CNY": "7.19", "INR": "85.6", "AUD": "1.54", "NZD": "1.66", "SGD": "1.29", "HKD": "7.85",
    "KRW": "1370", "TWD": "30.0", "SEK": "9.6", "NOK": "10.1", "DKK": "6.54", "PLN": "3.76",
    "CZK": "21.9", "HUF": "355", "RON": "4.39", "ILS": "3.52", "TRY": "39.2", "AED": "3.6725",
    "SAR": "3.75", "BRL": "5.65", "MXN": "19.2", "ZAR": "17.9", "IDR": "16300", "MYR": "4.24",
    "THB": "32.7", "PHP": "55.8", "VND": "26000",
}  # fmt: skip


def add_missing_default_rates(exchange_rate_model) -> None:
    """Creates the default rate of each currency that has none; never changes a saved rate."""
    have = set(exchange_rate_model.objects.values_list("currency", flat=True))
    exchange_rate_model.objects.bulk_create(
        exchange_rate_model(
            currency=currency,
            units_per_usd=Decimal(rate),
            as_of=RATES_OF,
            source="The US dollar itself." if currency == "USD" else SOURCE,
        )
        for currency, rate in UNITS_PER_USD.items()
        if currency not in have
    )
