"""The pay histogram: bins of nice widths, median and quartiles, an SVG with a text alternative."""

import re
from decimal import Decimal

from django.template.loader import render_to_string

from postings.pay_chart import bin_width, pay_histogram
from tests.pages import text_of


def test_values_fall_into_bins_of_a_nice_width_covering_them_all():
    chart = pay_histogram([Decimal(v) for v in (3100, 3900, 4200, 5000, 5000, 8700)])
    assert bin_width(3100, 8700) == 500
    assert [(bar.low, bar.high, bar.count) for bar in chart.bars][:4] == [
        (3000, 3500, 1), (3500, 4000, 1), (4000, 4500, 1), (4500, 5000, 0),
    ]  # fmt: skip
    assert (chart.bars[-1].low, chart.bars[-1].high, chart.bars[-1].count) == (8500, 9000, 1)
    assert sum(bar.count for bar in chart.bars) == chart.count == 6
    assert (chart.low, chart.high) == (3000, 9000)


def test_a_value_on_the_top_edge_is_counted_in_the_last_bin():
    chart = pay_histogram([4000, 5000])
    assert sum(bar.count for bar in chart.bars) == 2
    assert chart.high > 5000


def test_one_value_or_all_equal_still_draws_one_bar():
    chart = pay_histogram([6000, 6000, 6000])
    assert [bar.count for bar in chart.bars if bar.count] == [3]
    assert chart.median == chart.lower_quartile == chart.upper_quartile == 6000


def test_no_values_no_chart():
    assert pay_histogram([]) is None
    assert render_to_string("postings/_pay_chart.html", {"chart": None}).strip() == ""


def test_a_wide_spread_keeps_to_at_most_sixteen_bins():
    chart = pay_histogram([1000, 39000, 12000])
    assert len(chart.bars) <= 16
    assert chart.bars[0].low <= 1000 and chart.bars[-1].high > 39000


def test_the_tallest_bar_fills_the_plot_and_bars_sit_on_the_axis():
    chart = pay_histogram([3000, 3000, 3000, 7000])
    tallest = max(chart.bars, key=lambda bar: bar.count)
    assert tallest.y + tallest.height == chart.axis_y
    assert all(round(bar.y + bar.height, 2) == chart.axis_y for bar in chart.bars)


def test_the_svg_states_the_median_and_quartiles_in_words():
    values = [2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]
    html = render_to_string(
        "postings/_pay_chart.html", {"chart": pay_histogram(values), "chart_id": "pay"}
    )
    caption = (
        "9 internships state pay. Median $6,000 a month; the middle half earn $4,000 to $8,000."
    )
    assert text_of(re.search(r"<figcaption[^>]*>(.*?)</figcaption>", html, re.S)[1]) == caption
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="pay-title"', html)
    assert "median $6,000" in html
    assert html.count('<rect class="pay-chart__bar"') == len(pay_histogram(values).bars)
    assert "style=" not in html and "<script" not in html
