"""The list page's facets, each declared once; the filter form, the index, the counts and the
chips all read these declarations (see the package docstring for how to add one).

A declaration says what a facet is called in the URL and on the page, where the listing index
reads its value from a posting (`reads`), how its options are listed (`options`), whether
several can be chosen, and which `PostingQuerySet` method gives its meaning in SQL (`narrows`).
"""

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_filters
from django.core.validators import RegexValidator
from django.db import models

from postings import pay
from postings.listing.fields import (
    PAY_PERIODS,
    IdChoiceFilter,
    IntegerFilter,
    MinimumPayFilter,
)
from postings.models import (
    ANYWHERE,
    ARRANGEMENT_FIELDS,
    DEGREE_FIELDS,
    FIRST_YEAR,
    LAST_YEAR,
    Company,
    DegreeLevel,
    Location,
    Posting,
    ResearchArea,
    Season,
    WorkArrangement,
    WorkAuthorization,
    based_in_choice,
    based_in_label,
    based_in_stored,
    format_money,
)

# How a facet's value is read from a posting, for the listing index -------------------------


@dataclass(frozen=True)
class Column:
    """One value a posting, in a column of the posting table; `option` turns the stored value
    into the option's value in URLs (for a related model, the row's `Related.value_field`)."""

    column: str
    option: Callable[[Any], str] = str


@dataclass(frozen=True)
class Flags:
    """One boolean column per option (a posting may have several): {option value: column}."""

    columns: dict[str, str]


@dataclass(frozen=True)
class Links:
    """A many-to-many relation of `Posting` (a posting may have several)."""

    relation: str

    @property
    def through(self):
        return getattr(Posting, self.relation).through

    @property
    def column(self):
        return getattr(Posting, self.relation).field.m2m_reverse_name()


@dataclass(frozen=True)
class Since:
    """A day column read as "within the last N days" of today: each option is a number of days."""

    column: str


@dataclass(frozen=True)
class TopPay:
    """A posting's best pay in US dollars a month, the board's common measure of pay
    (`pay.usd_a_month`), as `PostingQuerySet.paying_at_least` compares it."""


# How a facet's options are listed and labelled ---------------------------------------------


@dataclass(frozen=True)
class Choices:
    """A fixed list, in its own order, each shown even when no posting has it."""

    choices: list[tuple[Any, str]]

    def labels(self):
        return {str(value): str(label) for value, label in self.choices}


@dataclass(frozen=True)
class Related:
    """The rows of `model` on any public posting, in the model's order, each shown even when the
    other filters rule it out (with 0); in URLs by `value_field`, labelled by `label`."""

    model: type[models.Model]
    value_field: str = "slug"
    label: Callable[[models.Model], str] = str


@dataclass(frozen=True)
class Present:
    """The values the matching postings have (and any chosen), ordered by `order`."""

    label: Callable[[str], str] = str
    order: Callable[[str], Any] = str


# A facet ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    reads: Column | Flags | Links | Since | TopPay
    options: Choices | Related | Present | None
    # The PostingQuerySet method that gives the facet's meaning, called with `sql_value(value)`.
    narrows: str
    multiple: bool = False
    # The cleaned value as the QuerySet method takes it.
    sql_value: Callable[[Any], Any] = lambda value: value
    # The form field, when the options do not say enough (a number, a code typed by hand).
    filter_field: Callable[["Facet"], django_filters.Filter] | None = None
    # Shown as counted options in the filter panel (the pay filter is a box of its own).
    counted: bool = True
    # A chip's words for one chosen item (as cleaned), from its option's label.
    chip_label: Callable[[Any, str], str] = lambda item, label: label
    # A chip names the value as typed ("us", "6500.5"), not as the option value ("US").
    chip_keeps_typed_value: bool = False

    def filter(self):
        """The django-filter filter of this facet, narrowing through `narrows`."""
        method = self.narrow_filter_method
        if self.filter_field is not None:
            return self.filter_field(self, method)
        if isinstance(self.options, Related):
            if self.options.value_field == "pk":
                return IdChoiceFilter(
                    label=self.label,
                    queryset=self.options.model.objects.on_public_postings(),
                    method=method,
                )
            return django_filters.ModelMultipleChoiceFilter(
                label=self.label,
                queryset=self.options.model.objects.on_public_postings(),
                to_field_name=self.options.value_field,
                method=method,
            )
        kind = django_filters.MultipleChoiceFilter if self.multiple else django_filters.ChoiceFilter
        return kind(label=self.label, choices=self.options.choices, method=method)

    def narrow_filter_method(self, postings, name, value):
        return self.narrow(postings, value)

    def narrow(self, postings, value):
        """The postings `value` (as cleaned by the form) gives, in SQL."""
        return getattr(postings, self.narrows)(self.sql_value(value))

    def chosen_items(self, value):
        """A cleaned value as a list of what was chosen."""
        return list(value) if self.multiple else [value]

    def option_value(self, item):
        """The option value (as the index and the URLs have it) of one chosen item."""
        if isinstance(self.options, Related):
            return str(getattr(item, self.options.value_field))
        if self.multiple:
            return str(item)
        # As the QuerySet method takes it, then as the index names it (who may apply: "" is
        # anywhere; a minimum pay: US dollars a month).
        value = self.sql_value(item)
        return self.reads.option(value) if isinstance(self.reads, Column) else str(value)

    def option_label(self, value, item=None):
        if isinstance(self.options, Related):
            return self.options.label(item) if item is not None else value
        if isinstance(self.options, Choices):
            return self.options.labels().get(value, value)
        if isinstance(self.options, Present):
            return self.options.label(value)
        return value


def _year_field(facet, method):
    return IntegerFilter(
        label=facet.label, min_value=FIRST_YEAR, max_value=LAST_YEAR, method=method
    )


def _based_in_field(facet, method):
    return django_filters.CharFilter(
        label=facet.label,
        validators=[
            RegexValidator(
                rf"^(?i:[a-z]{{2}}|{ANYWHERE})$",
                f"Choose a two-letter country code such as US, or “{ANYWHERE}”.",
            )
        ],
        method=method,
    )


PAY_CURRENCY = "USD"
MIN_PAY_RULE = (
    "Compared in US dollars a month: hourly pay counts 40 hours a week, yearly pay a twelfth, "
    "other currencies at the board's exchange rates. A posting qualifies when the top of any "
    "of its pay ranges reaches this amount; postings that state no pay are left out."
)
PAY_PERIOD_WORDS = dict(PAY_PERIODS)


def _min_pay_field(facet, method):
    return MinimumPayFilter(label=facet.label, help_text=MIN_PAY_RULE, method=method)


def usd_a_month_asked(amount_and_period):
    """The minimum pay asked for, (amount, period) in US dollars, as US dollars a month."""
    amount, period = amount_and_period
    return pay.usd_a_month(amount, period=period, units_per_usd=1)


def _min_pay_chip(amount_and_period, label):
    amount, period = amount_and_period
    return f"Pays at least {format_money(amount, PAY_CURRENCY)} {PAY_PERIOD_WORDS[period]}"


class PostedWithin(models.IntegerChoices):
    WEEK = 7, "Last 7 days"
    MONTH = 30, "Last 30 days"
    QUARTER = 90, "Last 90 days"


def _posted_within_field(facet, method):
    return django_filters.TypedChoiceFilter(
        label=facet.label, choices=PostedWithin.choices, coerce=int, method=method
    )


FACETS = [
    Facet(
        name="company",
        label="Company",
        reads=Column("company_id"),
        options=Related(Company, "slug", operator.attrgetter("name")),
        narrows="from_companies",
        multiple=True,
    ),
    Facet(
        name="location",
        label="Location",
        reads=Links("locations"),
        options=Related(Location, "pk", str),
        narrows="at_locations",
        multiple=True,
    ),
    Facet(
        name="arrangement",
        label="Work arrangement",
        reads=Flags({kind.value: column for kind, column in ARRANGEMENT_FIELDS.items()}),
        options=Choices(WorkArrangement.choices),
        narrows="offering_arrangements",
        multiple=True,
    ),
    Facet(
        name="season",
        label="Season",
        reads=Column("season"),
        options=Choices(Season.choices),
        narrows="in_season",
    ),
    Facet(
        name="year",
        label="Year",
        reads=Column("year"),
        options=Present(order=int),
        narrows="in_year",
        filter_field=_year_field,
    ),
    Facet(
        name="degree",
        label="Degree level",
        reads=Flags({level.value: column for level, column in DEGREE_FIELDS.items()}),
        options=Choices(DegreeLevel.choices),
        narrows="for_degree_levels",
        multiple=True,
    ),
    Facet(
        name="area",
        label="Research area",
        reads=Links("research_areas"),
        options=Related(ResearchArea, "slug", operator.attrgetter("name")),
        narrows="in_research_areas",
        multiple=True,
    ),
    Facet(
        name="min_pay",
        label="Minimum pay (USD a month)",
        reads=TopPay(),
        options=None,
        narrows="paying_at_least",
        sql_value=usd_a_month_asked,
        filter_field=_min_pay_field,
        counted=False,
        chip_label=_min_pay_chip,
        chip_keeps_typed_value=True,
    ),
    Facet(
        name="based_in",
        label="Who may apply",
        reads=Column("applicants_based_in", option=based_in_choice),
        options=Present(
            label=lambda value: based_in_label(based_in_stored(value)), order=based_in_stored
        ),
        narrows="for_applicants_based_in",
        sql_value=based_in_stored,
        filter_field=_based_in_field,
        chip_keeps_typed_value=True,
    ),
    Facet(
        name="authorization",
        label="Work authorization",
        reads=Column("work_authorization"),
        options=Choices(WorkAuthorization.choices),
        narrows="with_work_authorization",
        multiple=True,
    ),
    Facet(
        name="posted_within",
        label="Posted",
        reads=Since("date_posted"),
        options=Choices(PostedWithin.choices),
        narrows="posted_within",
        filter_field=_posted_within_field,
        chip_label=lambda days, label: f"Posted in the last {days} days",
    ),
]
BY_NAME = {facet.name: facet for facet in FACETS}
