"""Countries (ISO 3166-1) and currencies (ISO 4217) by code, from pycountry: choices and names.

Model fields take the choice functions themselves (callable choices), so a new pycountry
release changes the lists without a migration.
"""

from functools import cache

import pycountry

# Funds, precious metals and testing codes: no internship is paid in them.
NOT_PAY_CURRENCIES = {
    "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW",
}  # fmt: skip


@cache
def country_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) of every country, by name."""
    return tuple(
        sorted(((c.alpha_2, _common_name(c)) for c in pycountry.countries), key=lambda c: c[1])
    )


@cache
def currency_choices() -> tuple[tuple[str, str], ...]:
    """(code, "code – name") of every currency one could be paid in, by code."""
    return tuple(
        sorted(
            (c.alpha_3, f"{c.alpha_3} – {c.name}")
            for c in pycountry.currencies
            if c.alpha_3 not in NOT_PAY_CURRENCIES
        )
    )


@cache
def iso_currency_codes() -> frozenset[str]:
    return frozenset(code for code, _ in currency_choices())


def country_name(code: str) -> str:
    """ "KR" -> "South Korea"; an unknown code is returned as it is."""
    country = pycountry.countries.get(alpha_2=code) if code else None
    return _common_name(country) if country else code


def currency_name(code: str) -> str:
    """ "CHF" -> "Swiss Franc"; an unknown code is returned as it is."""
    currency = pycountry.currencies.get(alpha_3=code) if code else None
    return currency.name if currency else code


def _common_name(country) -> str:
    # "South Korea" rather than "Korea, Republic of", as people write it.
    return getattr(country, "common_name", None) or country.name
