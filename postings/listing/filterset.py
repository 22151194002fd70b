"""The list page's filter form: the words, every declared facet, "include closed" and the sort.

Its `qs` is what every filter and sort means in SQL (the feeds use it; tests compare the
listing index with it); the list page itself answers from the index (`results`).
"""

from dataclasses import dataclass

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils.http import urlencode
from django_filters.constants import EMPTY_VALUES

from postings.listing.facets import BY_NAME, FACETS
from postings.listing.fields import OptInCheckbox
from postings.models import Posting
from postings.search import (
    MAX_QUERY_LENGTH,
    NO_WORDS_MESSAGE,
    best_match_first,
    has_searchable_words,
    search_postings,
)

# The filter whose postings the database finds (full-text search), through its own query.
WORDS = "q"


def validate_searchable(words):
    """A search with nothing to search for is no search: reported, and every posting shown."""
    if not has_searchable_words(words):
        raise ValidationError(NO_WORDS_MESSAGE, code="no_words", params={"value": words.strip()})


class Sort(models.TextChoices):
    NEWEST = "newest", "Newest"
    PAY = "pay", "Highest pay"
    CLOSING = "closing", "Closing soonest"
    RELEVANCE = "relevance", "Best match"


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


class SharedFields(dict):
    """Filters or form fields that every request's filter form shares.

    django-filter deep-copies a FilterSet's filters for each instance, and a Django form its
    fields: for the list page's fifteen (model choices among them) that was about 2 ms of every
    request. Nothing changes a filter or a field once made (the filters' SQL is applied by
    `PostingFilter.filter_queryset`, not through a filter bound to its form), so each request
    takes them as they are.
    """

    def __deepcopy__(self, memo):
        return dict(self)


class PostingFilter(django_filters.FilterSet):
    class Meta:
        model = Posting
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # Always bound, even to nothing, so that "open postings only" applies by default.
        if not isinstance(data, QueryDict):
            data = QueryDict(urlencode(data or {}, doseq=True))
        self.is_bound = True
        self.data = without_blank_values(data)
        self.queryset = Posting.objects.newest_first() if queryset is None else queryset
        self.request = request
        self.form_prefix = prefix
        # Shared, never bound to this instance (see SharedFields).
        self.filters = self.base_filters

    @classmethod
    def form_class(cls):
        """The form class, made once: its fields are the filters' fields, shared."""
        if "_form_class" not in cls.__dict__:
            fields = {name: filter_.field for name, filter_ in cls.base_filters.items()}
            form = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            form.base_fields = SharedFields(form.base_fields)
            cls._form_class = form
        return cls._form_class

    def get_form_class(self):
        return self.form_class()

    def filter_queryset(self, queryset):
        """Applies every valid filter value.

        This is what each filter and sort means; the list page answers the same questions from
        the listing index (postings/listing/index.py), and tests check the two agree. Which
        postings show at all is decided here, by "include closed": open ones by default,
        every public one with it ticked.
        """
        data = self.cleaned_data
        words = data.get(WORDS)
        if not is_unset(words):
            queryset = search_postings(queryset, words)
        for name, value in self.chosen().items():
            queryset = BY_NAME[name].narrow(queryset, value)
        queryset = self.filter_closed(queryset, "include_closed", self.closed_included())
        if not is_unset(data.get("sort")):
            queryset = self.sort_results(queryset, "sort", data["sort"])
        return queryset

    def closed_included(self):
        """Whether closed postings are among the results."""
        return bool(self.cleaned_data.get("include_closed"))

    @property
    def cleaned_data(self):
        """The valid values; invalid ones are left out here and reported on the form."""
        self.errors  # noqa: B018 (validates the form once, as FilterSet.qs does)
        return self.form.cleaned_data

    def chosen(self):
        """{facet name: cleaned value} for every facet with a valid value chosen."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in BY_NAME and not is_unset(value)
        }

    def filter_closed(self, postings, name, include_closed):
        return postings.publicly_visible() if include_closed else postings.open_for_applications()

    def sort_results(self, postings, name, sort):
        if sort == Sort.PAY:
            return postings.highest_pay_first()
        if sort == Sort.CLOSING:
            return postings.closing_soonest_first(closed_included=self.closed_included())
        if sort == Sort.RELEVANCE:
            return best_match_first(postings)
        return postings.newest_first()

    @property
    def words(self):
        """The valid search words, or ""."""
        if not self.is_valid_field(WORDS):
            return ""
        return (self.cleaned_data.get(WORDS) or "").strip()

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
        """For every filter that makes chips: {value as in the URL: label} for those chosen."""
        labels = {name: {} for name in (WORDS, *BY_NAME, "include_closed")}
        words = (self.cleaned_data.get(WORDS) or "").strip()
        if words:
            labels[WORDS][words] = f"“{words}”"
        for name, value in self.chosen().items():
            labels[name] = chip_labels(BY_NAME[name], value, self.data.get(name, ""))
        if self.cleaned_data.get("include_closed"):
            labels["include_closed"] = dict.fromkeys(OptInCheckbox.TICKED, "Including closed")
        return labels


def chip_labels(facet, value, raw):
    """{value as in the URL: chip label} for a facet's cleaned `value` (`raw`: as typed)."""
    labels = {}
    for item in facet.chosen_items(value):
        option = facet.option_value(item)
        key = raw.strip() if facet.chip_keeps_typed_value else option
        labels[key] = facet.chip_label(item, facet.option_label(option, item))
    return labels


def _declared_filters():
    """The form's filters in the order they apply: the words first (search ranks), then every
    facet, then "include closed", then the sort, which orders whatever the others left."""
    filters = {
        WORDS: django_filters.CharFilter(
            label="Words",
            max_length=MAX_QUERY_LENGTH,
            validators=[validate_searchable],
            method=_search,
        )
    }
    filters.update((facet.name, facet.filter()) for facet in FACETS)
    filters["include_closed"] = django_filters.BooleanFilter(
        label="Include closed postings", widget=OptInCheckbox
    )
    filters["sort"] = django_filters.ChoiceFilter(label="Sort", choices=Sort.choices)
    return SharedFields(filters)


def _search(postings, name, words):
    return search_postings(postings, words)


PostingFilter.base_filters = _declared_filters()


def without_blank_values(data):
    """`data` without its empty values: `area=` chooses nothing, it is not a bad choice."""
    if all(item.strip() for _, items in data.lists() for item in items):
        return data
    kept = QueryDict(mutable=True)
    for name, items in data.lists():
        kept.setlist(name, [item for item in items if item.strip()])
    return kept
