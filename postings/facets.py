"""How many postings each filter option would give, keeping the other filters chosen."""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from jobboard.cache import page_generation
from postings.filters import (
    ANYWHERE,
    PostedWithin,
    based_in_label,
    is_unset,
    normalise_based_in,
)
from postings.models import (
    ARRANGEMENT_FIELDS,
    DEGREE_FIELDS,
    Company,
    DegreeLevel,
    Location,
    Posting,
    ResearchArea,
    Season,
    Status,
    WorkArrangement,
    WorkAuthorization,
)

SHOWN_OPTIONS = 8
# One option of a facet: its box, its label and how many postings it would give.
OPTION_HTML = (
    '<li{}><label><input type="{}" name="{}" value="{}"{}> <span class="facet__label">{}</span>'
    ' <span class="count">({}<span class="visually-hidden"> {}</span>)</span></label></li>'
)
EMPTY_CLASS = mark_safe(' class="is-empty"')
CHECKED = mark_safe(" checked")
# What counts postings: never null, and unlike the id in the covering index posting_open_facets,
# so that PostgreSQL counts from that index alone.
COUNTED = "status"
# Long enough to serve a burst of students paging and sorting; any write ends it sooner.
CACHE_SECONDS = 600


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool

    @property
    def is_empty(self):
        """Gives nothing and is not ticked: shown greyed out, still there to be chosen."""
        return not self.count and not self.selected


@dataclass
class Facet:
    """One filter's options with their counts, and the markup of those options.

    The markup is made once, when the facet is built, so that the cache keeps it with the
    counts. It is written here rather than by a template partial per option: with hundreds of
    companies that was most of the list page's rendering time (~25 ms of ~55 ms at 100,000
    postings).
    """

    name: str
    label: str
    multiple: bool
    options: list[Option] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    shown: list[Option] = field(init=False)
    more: list[Option] = field(init=False)
    shown_html: str = field(init=False)
    more_html: str = field(init=False)

    def __post_init__(self):
        self.shown, self.more = self._split()
        self.shown_html = self._options_html(self.shown)
        self.more_html = self._options_html(self.more)

    def _split(self):
        """The options shown at once: all of a short list; of a long one, the chosen ones and
        then those with the most postings. The rest go behind "Show all", by name."""
        if len(self.options) <= SHOWN_OPTIONS + 2:
            return self.options, []
        ranked = sorted(self.options, key=lambda option: (not option.selected, -option.count))
        cut = max(SHOWN_OPTIONS, self.selected_count)
        rest = sorted(ranked[cut:], key=lambda option: option.label.casefold())
        return ranked[:cut], rest

    def _options_html(self, options):
        kind = "checkbox" if self.multiple else "radio"
        return format_html_join(
            "\n",
            OPTION_HTML,
            (
                (
                    EMPTY_CLASS if option.is_empty else "",
                    kind,
                    self.name,
                    option.value,
                    CHECKED if option.selected else "",
                    option.label,
                    option.count,
                    "internship" if option.count == 1 else "internships",
                )
                for option in options
            ),
        )

    @property
    def any_selected(self):
        return any(option.selected for option in self.options)

    @property
    def selected_count(self):
        return sum(option.selected for option in self.options)


@dataclass
class FacetCounts:
    """Every facet of the list page, and `total`: how many postings the chosen filters give."""

    facets: dict[str, Facet]
    total: int


def facet_counts(filterset):
    """Every facet of the list page and the number of results, in a few queries or none.

    A facet's counts come from the postings all *other* filters give. For a facet with
    nothing chosen that is simply the current result, so all such facets share their
    queries: one aggregate for the fixed choices (which also counts the result and the closed
    postings), one GROUP BY for the posting's own columns, one for locations and one for
    research areas, plus one of each kind per facet that has a choice. Company, location and
    research area options are those of any public posting, so one the other filters rule out
    shows with a count of 0.

    The counts are kept in the cache under the page cache's generation, which every write
    changes, and today's date, so paging and sorting the same filters count nothing again.
    """
    generation = page_generation()
    key = _cache_key(filterset, generation)
    counted = cache.get(key) if key else None
    if counted is None:
        counted = FacetCounter(filterset, generation).count()
        if key:
            cache.set(key, counted, CACHE_SECONDS)
    for facet in counted.facets.values():
        facet.errors = list(filterset.errors.get(facet.name, []))
    return counted


def _cache_key(filterset, generation):
    """What the counts depend on: the data, the day, and every valid value chosen but the sort."""
    if generation is None:
        return None
    values = sorted(
        (name, _comparable(value))
        for name, value in filterset.cleaned_data.items()
        if name != "sort" and not is_unset(value)
    )
    chosen = sorted((name, sorted(chosen)) for name, chosen in _chosen_values(filterset).items())
    digest = hashlib.sha256(repr((values, chosen)).encode()).hexdigest()
    return f"facets:{generation}:{timezone.localdate().isoformat()}:{digest}"


def _comparable(value):
    if isinstance(value, QuerySet):
        return sorted(str(item.pk) for item in value)
    if isinstance(value, list | tuple | set):
        return sorted(str(item) for item in value)
    return repr(value)


def _chosen_values(filterset):
    """{filter name: set of option values} for every valid value chosen."""
    chosen = {}
    for active in filterset.active_filters():
        value = active.value
        if active.name == "based_in":
            value = normalise_based_in(value) or ANYWHERE
        elif active.name == "include_closed":
            value = "1"
        chosen.setdefault(active.name, set()).add(value)
    return chosen


def related_options(generation):
    """{facet: [(pk, value, label)]}: the companies, locations and research areas of public
    postings. Cached under the page cache's `generation`, so any write lists them afresh."""
    key = f"facets:options:{generation}"
    options = cache.get(key) if generation else None
    if options is None:
        public = Posting.objects.publicly_visible().order_by()
        companies = Company.objects.filter(Exists(public.filter(company=OuterRef("pk"))))
        locations = Location.objects.filter(Exists(public.filter(locations=OuterRef("pk"))))
        areas = ResearchArea.objects.filter(Exists(public.filter(research_areas=OuterRef("pk"))))
        options = {
            "company": [(c.pk, c.slug, c.name) for c in companies],
            "location": [(place.pk, str(place.pk), str(place)) for place in locations],
            "area": [(area.pk, area.slug, area.name) for area in areas],
        }
        if generation:
            cache.set(key, options, CACHE_SECONDS)
    return options


def _choice_conditions(today):
    """{facet: {option value: condition}} for the facets with a fixed list of options."""
    return {
        "arrangement": {
            kind.value: Q(**{ARRANGEMENT_FIELDS[kind]: True}) for kind in WorkArrangement
        },
        "season": {season.value: Q(season=season) for season in Season},
        "degree": {level.value: Q(**{DEGREE_FIELDS[level]: True}) for level in DegreeLevel},
        "authorization": {value.value: Q(work_authorization=value) for value in WorkAuthorization},
        "posted_within": {
            str(days): Q(posted_on__gte=today - timedelta(days=days))
            for days in PostedWithin.values
        },
    }


CHOICE_LABELS = {
    "arrangement": dict(WorkArrangement.choices),
    "season": dict(Season.choices),
    "degree": dict(DegreeLevel.choices),
    "authorization": dict(WorkAuthorization.choices),
    "posted_within": {str(days): label for days, label in PostedWithin.choices},
}
SINGLE_CHOICE = {"season", "year", "based_in", "posted_within"}
# Facets that are columns of the posting itself, grouped together when nothing is chosen.
COLUMNS = {"company": "company_id", "year": "year", "based_in": "applicants_based_in"}
RELATIONS = {"location": "locations", "area": "research_areas"}
RELATED_FIELDS = {"location": "location", "area": "researcharea"}


class FacetCounter:
    def __init__(self, filterset, generation=None):
        self.filterset = filterset
        self.generation = generation
        self.today = timezone.localdate()
        self.chosen = _chosen_values(filterset)
        self._aggregates = None
        self._column_counts = {}

    def count(self):
        facets = [
            self.related("company"),
            self.related("location"),
            self.choices("arrangement"),
            self.choices("season"),
            self.column("year"),
            self.choices("degree"),
            self.related("area"),
            self.column("based_in"),
            self.choices("authorization"),
            self.choices("posted_within"),
            self.include_closed(),
        ]
        return FacetCounts({facet.name: facet for facet in facets}, self._all_aggregates()["total"])

    def others(self, name):
        """What the other filters give; for an unchosen facet, the current result."""
        return self.filterset.queryset_without(name if name in self.chosen else None)

    def _facet(self, name, options):
        label = str(self.filterset.filters[name].label)
        return Facet(name, label, name not in SINGLE_CHOICE, options)

    def _option(self, name, value, label, count):
        return Option(value, label, count, value in self.chosen.get(name, set()))

    def choices(self, name):
        row = self._all_aggregates()
        options = [
            self._option(name, value, label, row[f"{name}_{index}"])
            for index, (value, label) in enumerate(CHOICE_LABELS[name].items())
        ]
        return self._facet(name, options)

    def _all_aggregates(self):
        """Counts of every fixed option, of the result and of the closed postings it leaves out.

        One aggregate per distinct set of other filters. With "include closed" ticked the
        current result already holds the closed postings, so that count joins its aggregate.
        """
        if self._aggregates is None:
            by_set = {None: {"total": None}}
            for name, conditions in _choice_conditions(self.today).items():
                counts = by_set.setdefault(name if name in self.chosen else None, {})
                for index, condition in enumerate(conditions.values()):
                    counts[f"{name}_{index}"] = condition
            closed_from = None if "include_closed" in self.chosen else "include_closed"
            by_set.setdefault(closed_from, {})["closed"] = _closed(self.today)
            self._aggregates = {}
            for key, counts in by_set.items():
                aggregates = {
                    alias: Count(COUNTED, filter=condition) for alias, condition in counts.items()
                }
                self._aggregates.update(
                    self.filterset.queryset_without(key).aggregate(**aggregates)
                )
        return self._aggregates

    def _counts_by_column(self, name):
        """{column value: count}; the unchosen column facets share one GROUP BY."""
        if name not in self._column_counts:
            together = [n for n in COLUMNS if n not in self.chosen]
            names = together if name in together else [name]
            rows = (
                self.others(name)
                .values(*(COLUMNS[n] for n in names))
                .annotate(count=Count(COUNTED))
                .order_by()
            )
            sums = {n: {} for n in names}
            for row in rows:
                for n in names:
                    value = row[COLUMNS[n]]
                    sums[n][value] = sums[n].get(value, 0) + row["count"]
            self._column_counts.update(sums)
        return self._column_counts[name]

    def column(self, name):
        """Year and who may apply: the values the other filters' results have, and any chosen."""
        counts = self._counts_by_column(name)
        options = {}
        for raw, count in sorted(counts.items()):
            if name == "year":
                options[str(raw)] = self._option(name, str(raw), str(raw), count)
            else:
                value = raw or ANYWHERE
                options[value] = self._option(name, value, based_in_label(raw), count)
        for value in self.chosen.get(name, set()) - set(options):
            label = value if name == "year" else based_in_label(normalise_based_in(value))
            options[value] = self._option(name, value, label, 0)
        return self._facet(name, list(options.values()))

    def related(self, name):
        """Company, location, research area: every one on a public posting, with counts."""
        if name == "company":
            counts = self._counts_by_column("company")
        else:
            # Only the links of the postings counted are read, not the whole link table.
            relation = RELATIONS[name]
            through = getattr(Posting, relation).through
            column = through._meta.get_field(RELATED_FIELDS[name]).attname
            rows = (
                through.objects.filter(posting__in=self.others(name).values("pk"))
                .values(column)
                .annotate(count=Count("pk"))
                .order_by()
            )
            counts = {row[column]: row["count"] for row in rows}
        options = [
            self._option(name, value, label, counts.get(pk, 0))
            for pk, value, label in related_options(self.generation)[name]
        ]
        # A chosen value on no public posting still shows, ticked, so it can be unticked.
        listed = {option.value for option in options}
        for active in self.filterset.active_filters():
            if active.name == name and active.value not in listed:
                options.append(self._option(name, active.value, active.label, 0))
        return self._facet(name, options)

    def include_closed(self):
        """One option: how many closed postings ticking it would add."""
        name = "include_closed"
        label = str(self.filterset.filters[name].label)
        closed = self._all_aggregates()["closed"]
        return Facet(name, label, True, [self._option(name, "1", label, closed)])


def _closed(today):
    """Public postings that no longer take applications (the rest of "public" is open)."""
    return Q(status=Status.CLOSED) | Q(status=Status.PUBLISHED, closes_on__lt=today)
