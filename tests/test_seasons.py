"""When an internship starts: the rule postings/seasons.py states, case by case."""

from datetime import date

import pytest

from postings.seasons import internship_start


@pytest.mark.parametrize(
    ("season", "starts"),
    [
        ("winter", date(2027, 1, 1)),
        ("spring", date(2027, 3, 1)),
        ("summer", date(2027, 5, 1)),
        ("fall", date(2027, 9, 1)),
    ],
)
def test_without_a_start_window_a_season_starts_on_the_first_day_of_its_first_month(season, starts):
    assert internship_start(season=season, year=2027) == starts


@pytest.mark.parametrize(
    ("season", "window", "starts"),
    [
        ("summer", "May or June", date(2026, 5, 1)),
        ("summer", "May or June (2 fixed start dates)", date(2026, 5, 1)),
        ("summer", "June or May", date(2026, 5, 1)),
        ("summer", "June (fixed date)", date(2026, 6, 1)),
        ("summer", "starting july", date(2026, 7, 1)),
        ("fall", "Aug or Sept.", date(2026, 8, 1)),
        ("winter", "starting January", date(2026, 1, 1)),
        ("spring", "MARCH", date(2026, 3, 1)),
    ],
)
def test_a_start_window_naming_months_starts_on_the_first_of_the_earliest(season, window, starts):
    assert internship_start(season=season, year=2026, start_window=window) == starts


def test_a_winter_postings_december_is_december_of_the_year_before():
    assert internship_start(season="winter", year=2027, start_window="December") == date(
        2026, 12, 1
    )
    assert internship_start(season="winter", year=2027, start_window="December or January") == date(
        2026, 12, 1
    )


@pytest.mark.parametrize("window", ["Flexible", "you may start any time", "ASAP", ""])
def test_a_start_window_naming_no_month_leaves_the_seasons_start(window):
    assert internship_start(season="summer", year=2026, start_window=window) == date(2026, 5, 1)
