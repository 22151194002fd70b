"""A histogram of pay in US dollars a month, laid out for a server-side SVG (no JavaScript).

`pay_histogram(values)` takes the US-dollars-a-month values of the postings a page shows (from
`common_pay.best_usd_a_month_by_posting`, or the listing index) and returns the bins, the count,
the median and quartiles, and the bars' geometry that `templates/postings/_pay_chart.html` draws.
It knows nothing of where the values come from, so any page can show one.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from postings.models import format_money

# Bin widths a reader takes in at a glance, in US dollars a month.
NICE_WIDTHS = (250, 500, 1000, 2000, 2500, 5000, 10000)
MAX_BINS = 16
# The SVG's own coordinates; CSS scales it to the width it is given.
WIDTH, HEIGHT = 320, 120
PLOT_TOP, PLOT_BOTTOM = 18, 100  # room above for the median label, below for the axis


@dataclass(frozen=True)
class Bar:
    low: int
    high: int
    count: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label(self) -> str:
        noun = "internship" if self.count == 1 else "internships"
        low, high = (format_money(Decimal(amount), "USD") for amount in (self.low, self.high))
        return f"{low}–{high}: {self.count} {noun}"


@dataclass(frozen=True)
class PayChart:
    bars: list[Bar]
    count: int
    median: int
    lower_quartile: int
    upper_quartile: int
    low: int
    high: int
    median_x: float
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: int = PLOT_BOTTOM

    def money(self, amount: int) -> str:
        return format_money(Decimal(amount), "USD")

    @property
    def median_text(self) -> str:
        return self.money(self.median)

    @property
    def median_label_x(self) -> float:
        """Where the median's label starts (or ends), beside its line, inside the chart."""
        return self.median_x + 4 if self.median_x < self.width / 2 else self.median_x - 4

    @property
    def median_label_anchor(self) -> str:
        return "start" if self.median_x < self.width / 2 else "end"

    @property
    def summary(self) -> str:
        """The chart's text alternative: count, median and quartiles."""
        noun = "internship states" if self.count == 1 else "internships state"
        return (
            f"{self.count} {noun} pay. Median {self.money(self.median)} a month; the middle half "
            f"earn {self.money(self.lower_quartile)} to {self.money(self.upper_quartile)}."
        )

    @property
    def low_text(self) -> str:
        return self.money(self.low)

    @property
    def high_text(self) -> str:
        return self.money(self.high)


def bin_width(low: float, high: float, *, max_bins: int = MAX_BINS) -> int:
    """The smallest nice width that covers low to high in at most `max_bins` bins."""
    for width in NICE_WIDTHS:
        if (np.ceil(high / width) - np.floor(low / width)) <= max_bins:
            return width
    return int(np.ceil((high - low) / max_bins / NICE_WIDTHS[-1]) * NICE_WIDTHS[-1])


def pay_histogram(values: Iterable, *, max_bins: int = MAX_BINS) -> PayChart | None:
    """The histogram of `values` (US dollars a month); None when there are none."""
    amounts = np.array([float(value) for value in values if value is not None], dtype=float)
    if amounts.size == 0:
        return None
    width = bin_width(amounts.min(), amounts.max(), max_bins=max_bins)
    start = int(np.floor(amounts.min() / width) * width)
    stop = int(np.ceil(amounts.max() / width) * width)
    if stop == start or stop == amounts.max():
        stop += width  # the top value falls inside the last bin, not on its edge
    edges = np.arange(start, stop + width, width)
    counts, edges = np.histogram(amounts, bins=edges)
    tallest = counts.max()
    bar_width = WIDTH / len(counts)
    plot_height = PLOT_BOTTOM - PLOT_TOP
    bars = [
        Bar(
            low=int(edges[i]),
            high=int(edges[i + 1]),
            count=int(count),
            x=round(i * bar_width, 2),
            y=round(PLOT_BOTTOM - count / tallest * plot_height, 2),
            width=round(max(bar_width - 1, 0.5), 2),  # a hairline gap between bars
            height=round(count / tallest * plot_height, 2),
        )
        for i, count in enumerate(counts)
    ]
    lower, median, upper = (int(round(q)) for q in np.percentile(amounts, [25, 50, 75]))
    span = edges[-1] - edges[0]
    return PayChart(
        bars=bars,
        count=int(amounts.size),
        median=median,
        lower_quartile=lower,
        upper_quartile=upper,
        low=int(edges[0]),
        high=int(edges[-1]),
        median_x=round((median - edges[0]) / span * WIDTH, 2),
    )
