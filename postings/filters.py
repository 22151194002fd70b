"""The filters, search and sorts of the student list page and its feeds."""

import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import QueryDict
from django.utils.http import urlencode
from django_filters.constants import EMPTY_VALUES

from postings.models import (
    ANYWHERE,
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
    based_in_label,
    based_in_stored,
    format_money,
)
from postings.search import (
    MAX_QUERY_LENGTH,
    NO_WORDS_MESSAGE,
    best_match_first,
    has_searchable_words,
    search_postings,
)

PAY_CURRENCY = "USD"
MIN_PAY_RULE = (
    "Compared per month in US dollars: hourly pay counts 40 hours a week, yearly pay a twelfth. "
    "A posting qualifies when the top of any of its USD pay ranges reaches this amount; "
    "postings that state no pay, or pay only in another currency, are left out."
)


def validate_searchable(words):
    """A search with nothing to search for is no search: reported, and every posting shown."""
    if not has_searchable_words(words):
        raise ValidationError(NO_WORDS_MESSAGE, code="no_words", params={"value": words.strip()})


class Sort(models.TextChoices):
    NEWEST = "newest", "Newest"
    PAY = "pay", "Highest pay"
    CLOSING = "closing", "Closing soonest"
    RELEVANCE = "relevance", "Best match"


class PostedWithin(models.IntegerChoices):
    WEEK = 7, "Last 7 days"
    MONTH = 30, "Last 30 days"
    QUARTER = 90, "Last 90 days"


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class IdChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Model choices by id that reject non-ids before the query (SQLite overflows on 2**64)."""

    def _check_values(self, value):
        for item in value:
            if not re.fullmatch(r"\s*\d{1,18}\s*", str(item), flags=re.ASCII):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class IdChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = IdChoiceField


class OptInCheckbox(forms.CheckboxInput):
    """Ticked only by the value the form sends, so `include_closed=0` reads as no."""

    TICKED = ("1", "on", "true", "True")

    def value_from_datadict(self, data, files, name):
        return data.get(name) in self.TICKED


def is_unset(value):
    """No value chosen; an empty model choice cleans to `.none()`, which is no choice either."""
    if isinstance(value, models.QuerySet):
        return value.query.is_empty()
    return value in EMPTY_VALUES


@dataclass(frozen=True)
class ActiveFilter:
    """One chosen filter value, shown as a chip that links to the list without it."""

    name: str
    group: str
    value: str
    label: str
    remove_query: str


class PostingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Words",
        max_length=MAX_QUERY_LENGTH,
        validators=[validate_searchable],
        method="filter_words",
    )
    company = django_filters.ModelMultipleChoiceFilter(
        label="Company",
        queryset=Company.objects.on_public_postings(),
        to_field_name="slug",
        method="filter_companies",
    )
    location = IdChoiceFilter(
        label="Location", queryset=Location.objects.on_public_postings(), method="filter_locations"
    )
    arrangement = django_filters.MultipleChoiceFilter(
        label="Work arrangement", choices=WorkArrangement.choices, method="filter_arrangements"
    )
    season = django_filters.ChoiceFilter(label="Season", choices=Season.choices)
    year = IntegerFilter(label="Year", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    degree = django_filters.MultipleChoiceFilter(
        label="Degree level", choices=DegreeLevel.choices, method="filter_degrees"
    )
    area = django_filters.ModelMultipleChoiceFilter(
        label="Research area",
        queryset=ResearchArea.objects.on_public_postings(),
        to_field_name="slug",
        method="filter_areas",
    )
    min_pay = django_filters.NumberFilter(
        label="Minimum pay (USD a month)",
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=MIN_PAY_RULE,
        method="filter_min_pay",
    )
    based_in = django_filters.CharFilter(
        label="Who may apply",
        validators=[
            RegexValidator(
                rf"^(?i:[a-z]{{2}}|{ANYWHERE})$",
                f"Choose a two-letter country code such as US, or “{ANYWHERE}”.",
            )
        ],
        method="filter_based_in",
    )
    authorization = django_filters.MultipleChoiceFilter(
        label="Work authorization",
        field_name="work_authorization",
        choices=WorkAuthorization.choices,
    )
    posted_within = django_filters.TypedChoiceFilter(
        label="Posted", choices=PostedWithin.choices, coerce=int, method="filter_posted_within"
    )
    include_closed = django_filters.BooleanFilter(
        label="Include closed postings", widget=OptInCheckbox, method="filter_closed"
    )
    # Last, so that it orders whatever the filters above left (search orders by best match).
    sort = django_filters.ChoiceFilter(label="Sort", choices=Sort.choices, method="sort_results")

    class Meta:
        model = Posting
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        # Always bound, even to nothing, so that "open postings only" applies by default.
        if not isinstance(data, QueryDict):
            data = QueryDict(urlencode(data or {}, doseq=True))
        data = without_blank_values(data)
        if queryset is None:
            queryset = Posting.objects.newest_first()
        super().__init__(data, queryset, **kwargs)

    def filter_queryset(self, queryset):
        """Applies every valid filter value.

        This is what each filter and sort means; the list page answers the same questions from
        the listing index (postings/listing_index.py), and tests check the two agree. Which
        postings show at all is decided here, by "include closed": open ones by default,
        every public one with it ticked.
        """
        for name, value in self.cleaned_data.items():
            if name != "include_closed" and not is_unset(value):
                queryset = self.filters[name].filter(queryset, value)
        return self.filter_closed(queryset, "include_closed", self.closed_included())

    def closed_included(self):
        """Whether closed postings are among the results."""
        return bool(self.cleaned_data.get("include_closed"))

    @property
    def cleaned_data(self):
        """The valid values; invalid ones are left out here and reported on the form."""
        self.errors  # noqa: B018 (validates the form once, as FilterSet.qs does)
        return self.form.cleaned_data

    def filter_words(self, postings, name, words):
        return search_postings(postings, words)

    def filter_companies(self, postings, name, companies):
        return postings.from_companies(companies)

    def filter_locations(self, postings, name, locations):
        return postings.at_locations(locations)

    def filter_arrangements(self, postings, name, arrangements):
        return postings.offering_arrangements(arrangements)

    def filter_degrees(self, postings, name, levels):
        return postings.for_degree_levels(levels)

    def filter_areas(self, postings, name, areas):
        return postings.in_research_areas(areas)

    def filter_min_pay(self, postings, name, amount):
        return postings.paying_at_least(amount, currency=PAY_CURRENCY)

    def filter_based_in(self, postings, name, country):
        return postings.for_applicants_based_in(based_in_stored(country))

    def filter_posted_within(self, postings, name, days):
        return postings.posted_within(days)

    def filter_closed(self, postings, name, include_closed):
        return postings.publicly_visible() if include_closed else postings.open_for_applications()

    def sort_results(self, postings, name, sort):
        if sort == Sort.PAY:
            return postings.highest_pay_first(currency=PAY_CURRENCY)
        if sort == Sort.CLOSING:
            return postings.closing_soonest_first(closed_included=self.closed_included())
        if sort == Sort.RELEVANCE:
            return best_match_first(postings)
        return postings.newest_first()

    @property
    def words(self):
        """The valid search words, or ""."""
        if not self.is_valid_field("q"):
            return ""
        return (self.cleaned_data.get("q") or "").strip()

    @property
    def chosen_sort(self):
        """The sort asked for in the URL, if valid, to carry into the forms; else ""."""
        if not self.is_valid_field("sort"):
            return ""
        return self.cleaned_data.get("sort") or ""

    @property
    def current_sort(self):
        chosen = self.chosen_sort
        if chosen == Sort.RELEVANCE and not self.words:
            return Sort.NEWEST
        return chosen or (Sort.RELEVANCE if self.words else Sort.NEWEST)

    def is_valid_field(self, name):
        return name not in self.errors and name in self.cleaned_data

    def active_filters(self):
        """Each valid value chosen, with its label and the query string that removes it."""
        if not hasattr(self, "_active_filters"):
            self._active_filters = self._find_active_filters()
        return self._active_filters

    def _find_active_filters(self):
        labels = self._value_labels()
        active, seen = [], set()
        for name, raw in self.data.lists():
            if name not in labels or not self.is_valid_field(name):
                continue
            for value in raw:
                key = value.strip()
                if key == "" or (name, key) in seen or key not in labels[name]:
                    continue
                seen.add((name, key))
                active.append(
                    ActiveFilter(
                        name=name,
                        group=str(self.filters[name].label),
                        value=key,
                        label=labels[name][key],
                        remove_query=self._query_without(name, key),
                    )
                )
        return active

    def active_query(self, *, without=()):
        """The query string of the valid chosen values, leaving out the names in `without`."""
        pairs = [(f.name, f.value) for f in self.active_filters() if f.name not in without]
        return urlencode(pairs)

    def _query_without(self, name, value):
        pairs = [
            (key, item)
            for key, items in self.data.lists()
            for item in items
            if key != "page" and not (key == name and item.strip() == value)
        ]
        return urlencode(pairs)

    def _value_labels(self):
        """For every filter that makes chips: {raw value: label} for the values chosen."""
        data = self.cleaned_data
        words = data.get("q") or ""
        min_pay = data.get("min_pay")
        based_in = data.get("based_in") or ""
        posted_within = data.get("posted_within")
        return {
            "q": {words.strip(): f"“{words.strip()}”"} if words.strip() else {},
            "company": {c.slug: c.name for c in data.get("company") or ()},
            "location": {str(place.pk): str(place) for place in data.get("location") or ()},
            "arrangement": dict(WorkArrangement.choices),
            "season": dict(Season.choices),
            "year": {str(data["year"]): str(data["year"])} if data.get("year") else {},
            "degree": dict(DegreeLevel.choices),
            "area": {area.slug: area.name for area in data.get("area") or ()},
            "min_pay": {
                self.data.get("min_pay", "").strip(): "Pays at least "
                f"{format_money(min_pay, PAY_CURRENCY)} a month"
            }
            if min_pay is not None
            else {},
            "based_in": {based_in.strip(): based_in_label(based_in_stored(based_in))}
            if based_in
            else {},
            "authorization": dict(WorkAuthorization.choices),
            "posted_within": {str(posted_within): f"Posted in the last {posted_within} days"}
            if posted_within
            else {},
            "include_closed": dict.fromkeys(OptInCheckbox.TICKED, "Including closed")
            if data.get("include_closed")
            else {},
        }


def without_blank_values(data):
    """`data` without its empty values: `area=` chooses nothing, it is not a bad choice."""
    if all(item.strip() for _, items in data.lists() for item in items):
        return data
    kept = QueryDict(mutable=True)
    for name, items in data.lists():
        kept.setlist(name, [item for item in items if item.strip()])
    return kept
