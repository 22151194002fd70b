"""How many postings each filter option would give, keeping the other filters chosen."""

import html
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from django.utils.safestring import mark_safe

from postings.listing.facets import FACETS, Choices, Present, Related

SHOWN_OPTIONS = 8
# One option of a facet: its box, its label and how many postings it would give.
OPTION_HTML = (
    '<li{}><label><input type="{}" name="{}" value="{}"{}> <span class="facet__label">{}</span>'
    ' <span class="count">({}<span class="visually-hidden"> {}</span>)</span></label></li>'
)
EMPTY_CLASS = mark_safe(' class="is-empty"')
# The same few hundred option values and labels come back on every list page.
escape = lru_cache(maxsize=4096)(html.escape)
CHECKED = mark_safe(" checked")


class Option(NamedTuple):
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

    The markup is written here rather than by a template partial per option: with hundreds of
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
        self.shown_html = options_html(self.name, self.multiple, tuple(self.shown))
        self.more_html = options_html(self.name, self.multiple, tuple(self.more))

    def _split(self):
        """The options shown at once: all of a short list; of a long one, the chosen ones and
        then those with the most postings. The rest go behind "Show all", by name."""
        if len(self.options) <= SHOWN_OPTIONS + 2:
            return self.options, []
        ranked = sorted(self.options, key=lambda option: (not option.selected, -option.count))
        cut = max(SHOWN_OPTIONS, self.selected_count)
        rest = sorted(ranked[cut:], key=lambda option: option.label.casefold())
        return ranked[:cut], rest

    @property
    def any_selected(self):
        return any(option.selected for option in self.options)

    @property
    def selected_count(self):
        return sum(option.selected for option in self.options)


# The same options with the same counts come back (the default list, a popular filter): their
# markup is kept, for the last 128 option lists (a few MB at most).
@lru_cache(maxsize=128)
def options_html(name, multiple, options):
    # str.format with html.escape: Django's format_html escapes through lazy-string
    # wrappers that cost ~50 µs an option, 20 ms a page with 400 companies.
    kind = "checkbox" if multiple else "radio"
    name = escape(name)
    return mark_safe(
        "\n".join(
            OPTION_HTML.format(
                EMPTY_CLASS if option.is_empty else "",
                kind,
                name,
                escape(option.value),
                CHECKED if option.selected else "",
                escape(option.label),
                option.count,
                "internship" if option.count == 1 else "internships",
            )
            for option in options
        )
    )


def facet_counts(results):
    """Every counted facet of the list page, each option with how many postings it would give.

    A facet's counts come from the postings all *other* filters give; for a facet with nothing
    chosen that is simply the current result. Options of a `Related` facet (company, location,
    research area) are those of any public posting, so one the other filters rule out shows
    with a count of 0. `results` (`postings.listing.results.ListingResults`) answers from the
    listing index, in memory, so a filter combination nobody has asked for costs no more than a
    familiar one.
    """
    facets = FacetCounter(results).count()
    for facet in facets.values():
        facet.errors = list(results.filterset.errors.get(facet.name, []))
    return facets


class FacetCounter:
    def __init__(self, results):
        self.results = results
        self.index = results.index
        self.filterset = results.filterset
        self.chosen = self.filterset.chosen()

    def count(self):
        facets = [self.facet(declared) for declared in FACETS if declared.counted]
        facets.append(self.include_closed())
        return {facet.name: facet for facet in facets}

    def facet(self, declared):
        """A facet's options, counted, as its declaration lists them."""
        chosen = {}
        if declared.name in self.chosen:
            for item in declared.chosen_items(self.chosen[declared.name]):
                value = declared.option_value(item)
                chosen[value] = declared.option_label(value, item)
        if isinstance(declared.options, Choices):
            listed = declared.options.labels().items()
        elif isinstance(declared.options, Related):
            listed = zip(
                self.index.values.get(declared.name, []),
                self.index.labels.get(declared.name, []),
                strict=True,
            )
        else:
            listed = [
                (value, declared.option_label(value))
                for value in self.index.values.get(declared.name, [])
            ]
        options = self._options(declared.name, listed, chosen)
        if isinstance(declared.options, Present):
            # The values the other filters' results have, and any chosen.
            options = [option for option in options if option.count or option.selected]
        if not isinstance(declared.options, Choices):
            # A chosen value on no public posting still shows, ticked, so it can be unticked.
            shown = {option.value for option in options}
            options += [
                Option(value, label, 0, True)
                for value, label in sorted(chosen.items(), key=lambda pair: pair[0])
                if value not in shown
            ]
        return Facet(declared.name, declared.label, declared.multiple, options)

    def _options(self, name, values_and_labels, chosen):
        """Options with the number of postings each would give, keeping the other filters."""
        counts = self.index.counts(name, self.results.given_by_other_filters(name))
        return [
            Option(value, label, counts.get(value, 0), value in chosen)
            for value, label in values_and_labels
        ]

    def include_closed(self):
        """One option: how many closed postings ticking it would add."""
        name = "include_closed"
        label = str(self.filterset.filters[name].label)
        closed = self.results.closed_count()
        ticked = bool(self.filterset.cleaned_data.get(name))
        return Facet(name, label, True, [Option("1", label, closed, ticked)])
