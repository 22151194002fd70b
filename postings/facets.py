"""How many postings each filter option would give, keeping the other filters chosen."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from postings.filters import ANYWHERE, PostedWithin, based_in_label, normalise_based_in
from postings.models import (
    ARRANGEMENT_FIELDS,
    DEGREE_FIELDS,
    Company,
    DegreeLevel,
    Location,
    ResearchArea,
    Season,
    WorkArrangement,
    WorkAuthorization,
    open_for_applications_condition,
)

SHOWN_OPTIONS = 8


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    multiple: bool
    options: list[Option] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def any_selected(self):
        return any(option.selected for option in self.options)

    @property
    def shown(self):
        """The options shown at once: all of a short list; of a long one, the chosen ones and
        then those with the most postings. The rest go behind "Show all", by name."""
        if len(self.options) <= SHOWN_OPTIONS + 2:
            return self.options
        ranked = sorted(self.options, key=lambda option: (not option.selected, -option.count))
        return ranked[: max(SHOWN_OPTIONS, self.selected_count)]

    @property
    def more(self):
        shown = {id(option) for option in self.shown}
        rest = [option for option in self.options if id(option) not in shown]
        return sorted(rest, key=lambda option: option.label.casefold())

    @property
    def selected_count(self):
        return sum(option.selected for option in self.options)


def facet_counts(filterset):
    """Every facet of the list page, in a fixed number of queries whatever the data.

    A facet's counts come from the postings all *other* filters give. For a facet with
    nothing chosen that is simply the current result, so all such facets share their
    queries: one aggregate for the fixed choices, one GROUP BY for the posting's own columns,
    one for locations and one for research areas, plus one of each kind per facet that has a
    choice. Company, location and research area options are those of any public posting,
    so one the other filters rule out shows with a count of 0.
    """
    counts = FacetCounter(filterset)
    facets = [
        counts.related("company"),
        counts.related("location"),
        counts.choices("arrangement"),
        counts.choices("season"),
        counts.column("year"),
        counts.choices("degree"),
        counts.related("area"),
        counts.column("based_in"),
        counts.choices("authorization"),
        counts.choices("posted_within"),
        counts.include_closed(),
    ]
    for facet in facets:
        facet.errors = list(filterset.errors.get(facet.name, []))
    return {facet.name: facet for facet in facets}


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


class FacetCounter:
    def __init__(self, filterset):
        self.filterset = filterset
        self.today = timezone.localdate()
        self.chosen = self._chosen_values()
        self._choice_counts = None
        self._column_counts = {}

    def _chosen_values(self):
        """{filter name: set of option values} for every valid value chosen."""
        chosen = {}
        for active in self.filterset.active_filters():
            value = active.value
            if active.name == "based_in":
                value = normalise_based_in(value) or ANYWHERE
            elif active.name == "include_closed":
                value = "1"
            chosen.setdefault(active.name, set()).add(value)
        return chosen

    def others(self, name):
        """What the other filters give; for an unchosen facet, the current result."""
        return self.filterset.queryset_without(name if name in self.chosen else None)

    def _facet(self, name, options):
        label = str(self.filterset.filters[name].label)
        return Facet(name, label, name not in SINGLE_CHOICE, options)

    def _option(self, name, value, label, count):
        return Option(value, label, count, value in self.chosen.get(name, set()))

    def choices(self, name):
        counts = self._all_choice_counts()[name]
        options = [
            self._option(name, value, label, counts[value])
            for value, label in CHOICE_LABELS[name].items()
        ]
        return self._facet(name, options)

    def _all_choice_counts(self):
        """Counts of every fixed option: one aggregate per distinct set of other filters."""
        if self._choice_counts is None:
            conditions = _choice_conditions(self.today)
            by_set = {}
            for name in conditions:
                by_set.setdefault(name if name in self.chosen else None, []).append(name)
            self._choice_counts = {}
            for key, names in by_set.items():
                aggregates = {
                    f"{name}_{index}": Count("pk", filter=condition)
                    for name in names
                    for index, condition in enumerate(conditions[name].values())
                }
                row = self.filterset.queryset_without(key).aggregate(**aggregates)
                for name in names:
                    values = list(conditions[name])
                    self._choice_counts[name] = {
                        value: row[f"{name}_{index}"] for index, value in enumerate(values)
                    }
        return self._choice_counts

    def _counts_by_column(self, name):
        """{column value: count}; the unchosen column facets share one GROUP BY."""
        if name not in self._column_counts:
            together = [n for n in COLUMNS if n not in self.chosen]
            names = together if name in together else [name]
            rows = (
                self.others(name)
                .values(*(COLUMNS[n] for n in names))
                .annotate(count=Count("pk"))
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
        visible = self.filterset.queryset.order_by()
        if name == "company":
            universe = Company.objects.filter(Exists(visible.filter(company=OuterRef("pk"))))
            counts = self._counts_by_column("company")
        else:
            model = Location if name == "location" else ResearchArea
            relation = RELATIONS[name]
            universe = model.objects.filter(Exists(visible.filter(**{relation: OuterRef("pk")})))
            rows = self.others(name).values(relation).annotate(count=Count("pk")).order_by()
            counts = {row[relation]: row["count"] for row in rows}
        options = []
        for item in universe:
            value = str(item.pk) if name == "location" else item.slug
            label = str(item) if name == "location" else item.name
            options.append(self._option(name, value, label, counts.get(item.pk, 0)))
        # A chosen value on no public posting still shows, ticked, so it can be unticked.
        listed = {option.value for option in options}
        for active in self.filterset.active_filters():
            if active.name == name and active.value not in listed:
                options.append(self._option(name, active.value, active.label, 0))
        return self._facet(name, options)

    def include_closed(self):
        """One option: how many closed postings ticking it would add."""
        row = self.filterset.queryset_without("include_closed").aggregate(
            closed=Count("pk", filter=~open_for_applications_condition(self.today))
        )
        name = "include_closed"
        label = str(self.filterset.filters[name].label)
        return Facet(name, label, True, [self._option(name, "1", label, row["closed"])])
