"""How many postings each filter option would give, keeping the other filters chosen."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from postings.filters import ANYWHERE, PostedWithin, based_in_label, normalise_based_in
from postings.models import (
    ARRANGEMENT_FIELDS,
    DEGREE_FIELDS,
    DegreeLevel,
    Location,
    Season,
    WorkArrangement,
    WorkAuthorization,
)


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


def facet_counts(filterset):
    """Every facet of the list page, one query each, whatever the number of postings.

    Options are the values found on any publicly visible posting (plus any value chosen),
    so an option that the other filters rule out is shown with a count of 0.
    """
    chosen = _chosen_values(filterset)
    facets = [
        _grouped(filterset, "company", ("company__slug", "company__name"), chosen),
        _grouped(
            filterset,
            "location",
            ("locations__pk", "locations__city", "locations__region", "locations__country"),
            chosen,
        ),
        _flags(filterset, "arrangement", WorkArrangement, ARRANGEMENT_FIELDS, chosen),
        _by_column(filterset, "season", "season", Season, chosen),
        _grouped(filterset, "year", ("year",), chosen),
        _flags(filterset, "degree", DegreeLevel, DEGREE_FIELDS, chosen),
        _grouped(filterset, "area", ("research_areas__slug", "research_areas__name"), chosen),
        _grouped(filterset, "based_in", ("applicants_based_in",), chosen),
        _by_column(filterset, "authorization", "work_authorization", WorkAuthorization, chosen),
        _posted_within(filterset, chosen),
        _include_closed(filterset, chosen),
    ]
    for facet in facets:
        facet.errors = list(filterset.errors.get(facet.name, []))
    return {facet.name: facet for facet in facets}


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


def _label(filterset, name):
    return str(filterset.filters[name].label)


# How a grouped row (a dict of the values grouped on) becomes an option's value and label.
ROW_OPTIONS = {
    "company": lambda row: (row["company__slug"], row["company__name"]),
    "location": lambda row: (
        str(row["locations__pk"]),
        str(
            Location(
                city=row["locations__city"],
                region=row["locations__region"],
                country=row["locations__country"],
            )
        ),
    ),
    "year": lambda row: (str(row["year"]), str(row["year"])),
    "area": lambda row: (row["research_areas__slug"], row["research_areas__name"]),
    "based_in": lambda row: (
        row["applicants_based_in"] or ANYWHERE,
        based_in_label(row["applicants_based_in"]),
    ),
}
ROW_ORDER = {
    "company": ("company__name",),
    "location": ("locations__country", "locations__region", "locations__city"),
    "year": ("year",),
    "area": ("research_areas__name",),
    "based_in": ("applicants_based_in",),
}
MULTIPLE = {"company", "location", "area"}


def _grouped(filterset, name, fields, chosen):
    """Options found in the data: one GROUP BY over visible postings, counting the matches."""
    others = filterset.queryset_without(name)
    rows = (
        filterset.queryset.order_by()
        .filter(**{f"{fields[0]}__isnull": False})
        .values(*fields)
        .annotate(count=Count("pk", filter=Q(pk__in=others.values("pk"))))
        .order_by(*ROW_ORDER[name])
    )
    selected = chosen.get(name, set())
    options = []
    for row in rows:
        value, label = ROW_OPTIONS[name](row)
        options.append(Option(value, label, row["count"], value in selected))
    # A chosen value no visible posting has still shows, ticked, so it can be unticked.
    found = {option.value for option in options}
    labels = {f.value: f.label for f in filterset.active_filters() if f.name == name}
    for value in sorted(selected - found):
        options.append(Option(value, _option_label(name, value, labels), 0, True))
    return Facet(name, _label(filterset, name), name in MULTIPLE, options)


def _option_label(name, value, labels):
    if name == "based_in":
        return based_in_label(normalise_based_in(value))
    return labels.get(value, value)


def _by_column(filterset, name, column, choices, chosen):
    """Options from a choices class: one GROUP BY over the postings the other filters give."""
    rows = filterset.queryset_without(name).values(column).annotate(count=Count("pk"))
    counts = {row[column]: row["count"] for row in rows}
    selected = chosen.get(name, set())
    options = [
        Option(choice.value, choice.label, counts.get(choice.value, 0), choice.value in selected)
        for choice in choices
    ]
    return Facet(name, _label(filterset, name), name != "season", options)


def _flags(filterset, name, choices, flag_fields, chosen):
    """Options stored as one boolean column each: one aggregate with a count per column."""
    counts = filterset.queryset_without(name).aggregate(
        **{choice.value: Count("pk", filter=Q(**{flag_fields[choice]: True})) for choice in choices}
    )
    selected = chosen.get(name, set())
    options = [
        Option(choice.value, choice.label, counts[choice.value], choice.value in selected)
        for choice in choices
    ]
    return Facet(name, _label(filterset, name), True, options)


def _posted_within(filterset, chosen):
    visible = filterset.queryset.order_by()
    counts = filterset.queryset_without("posted_within").aggregate(
        **{
            f"days_{days}": Count("pk", filter=Q(pk__in=visible.posted_within(days).values("pk")))
            for days in PostedWithin.values
        }
    )
    selected = chosen.get("posted_within", set())
    options = [
        Option(str(days), label, counts[f"days_{days}"], str(days) in selected)
        for days, label in PostedWithin.choices
    ]
    return Facet("posted_within", _label(filterset, "posted_within"), False, options)


def _include_closed(filterset, chosen):
    """One option: how many closed postings ticking it would add."""
    still_open = filterset.queryset.order_by().open_for_applications().values("pk")
    counts = filterset.queryset_without("include_closed").aggregate(
        closed=Count("pk", filter=~Q(pk__in=still_open))
    )
    label = _label(filterset, "include_closed")
    option = Option("1", label, counts["closed"], "1" in chosen.get("include_closed", set()))
    return Facet("include_closed", label, True, [option])
