"""Reporting periods, with and without the plan's cut-off day."""

from __future__ import annotations

import datetime as dt

import pytest

from atgt_cli.errors import InputError
from atgt_cli.services.period import containing, make, parse_period

D = dt.date


def test_calendar_periods() -> None:
    assert (make("month", 2026, 2).start, make("month", 2026, 2).end) == (
        D(2026, 2, 1),
        D(2026, 2, 28),
    )
    q4 = make("quarter", 2026, 4)
    assert (q4.start, q4.end, [m.key for m in q4.months()]) == (
        D(2026, 10, 1),
        D(2026, 12, 31),
        ["2026-10", "2026-11", "2026-12"],
    )
    assert (make("half", 2026, 1).end, make("year", 2026, 1).key) == (D(2026, 6, 30), "2026")
    assert make("month", 2026, 11).enclosing("quarter").key == "2026-Q4"
    assert [p.key for p in make("year", 2026, 1).parts("half")] == ["2026-H1", "2026-H2"]


def test_a_cut_off_day_moves_the_months() -> None:
    november = make("month", 2026, 11, cutoff=14)
    assert (november.start, november.end) == (D(2026, 10, 15), D(2026, 11, 14))
    january = make("month", 2027, 1, cutoff=14)
    assert january.start == D(2026, 12, 15)
    assert containing(D(2026, 11, 14), "month", 14).key == "2026-11"
    assert containing(D(2026, 11, 15), "month", 14).key == "2026-12"
    assert containing(D(2026, 12, 20), "month", 14).key == "2027-01"
    assert make("year", 2026, 1, cutoff=14).start == D(2025, 12, 15)


def test_year_to_date_and_same_period_last_year() -> None:
    november = make("month", 2026, 11)
    ytd = november.year_to_date()
    assert (ytd.start, ytd.end) == (D(2026, 1, 1), D(2026, 11, 30))
    assert november.last_year().key == "2025-11"
    assert ytd.last_year().end == D(2025, 11, 30)


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"month": "11/2026"}, "2026-11"),
        ({"month": "2026-11"}, "2026-11"),
        ({"quarter": "4/2026"}, "2026-Q4"),
        ({"half": "2/2026"}, "2026-H2"),
        ({"year": "2026"}, "2026"),
        ({}, "2026-11"),
    ],
)
def test_period_options(kwargs: dict[str, str], key: str) -> None:
    base = {"month": None, "quarter": None, "half": None, "year": None}
    assert parse_period(**(base | kwargs), today=D(2026, 11, 24), cutoff=None).key == key


@pytest.mark.parametrize(
    "kwargs",
    [
        {"month": "13/2026"},
        {"quarter": "5/2026"},
        {"half": "3/2026"},
        {"year": "26"},
        {"month": "11/2026", "year": "2026"},
    ],
)
def test_bad_period_options(kwargs: dict[str, str]) -> None:
    base = {"month": None, "quarter": None, "half": None, "year": None}
    with pytest.raises(InputError):
        parse_period(**(base | kwargs), today=D(2026, 11, 24), cutoff=None)
