"""Reporting periods: month, quarter, half-year, year; with the plan's cut-off day, when set,
a month runs from the day after the cut-off in the month before to the cut-off day
(cut-off 14: "11/2026" is 15/10/2026 – 14/11/2026)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from atgt_cli.dates import YEARS, DateError, format_date, month_bounds, parse_month
from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.text import fold

KINDS = ("month", "quarter", "half", "year")
MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}
# Periods in words, folded: "quý 4/2026", "quý IV năm 2026", "6 tháng đầu năm 2026".
_QUARTER_WORDS = re.compile(r"quy\s+(\d|i{1,3}|iv)\s*(?:/|nam)\s*(\d{4})")
_HALF_WORDS = re.compile(r"6\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_NUMBER_YEAR = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{4})\s*$")


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int  # the month, quarter or half; 1 for a year
    start: dt.date
    end: dt.date
    cutoff: int | None = None

    @property
    def key(self) -> str:
        suffix = {
            "month": f"-{self.number:02d}",
            "quarter": f"-Q{self.number}",
            "half": f"-H{self.number}",
        }
        return f"{self.year}{suffix.get(self.kind, '')}"

    @property
    def label(self) -> str:
        if self.kind == "ytd":
            return t("periodname.ytd", start=format_date(self.start), end=format_date(self.end))
        return t(f"periodname.{self.kind}", number=self.number, year=self.year)

    def months(self) -> list[Period]:
        first = (self.number - 1) * MONTHS_IN[self.kind] + 1
        return [
            make("month", self.year, m, self.cutoff)
            for m in range(first, first + MONTHS_IN[self.kind])
        ]

    def parts(self, kind: str) -> list[Period]:
        """The periods of a shorter kind that make up this one (itself for the same kind)."""
        size = MONTHS_IN[kind]
        first_month = (self.number - 1) * MONTHS_IN[self.kind] + 1
        count = MONTHS_IN[self.kind] // size
        return [
            make(kind, self.year, (first_month - 1) // size + 1 + i, self.cutoff)
            for i in range(count)
        ]

    def enclosing(self, kind: str) -> Period:
        """The period of a longer (or the same) kind that holds this one."""
        last_month = self.number * MONTHS_IN[self.kind]
        return make(kind, self.year, (last_month - 1) // MONTHS_IN[kind] + 1, self.cutoff)

    def year_to_date(self) -> Period:
        """Lũy kế: from the start of the year to the end of this period."""
        year = make("year", self.year, 1, self.cutoff)
        return Period("ytd", self.year, self.number, year.start, self.end, self.cutoff)

    def last_year(self) -> Period:
        """Cùng kỳ: the same period a year before."""
        if self.kind != "ytd":
            return make(self.kind, self.year - 1, self.number, self.cutoff)
        start = make("year", self.year - 1, 1, self.cutoff).start
        return Period(
            "ytd", self.year - 1, self.number, start, _shift_year(self.end, -1), self.cutoff
        )


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _month_range(year: int, month: int, cutoff: int | None) -> tuple[dt.date, dt.date]:
    if cutoff is None:
        return month_bounds(year, month)
    prev_year, prev_month = (year, month - 1) if month > 1 else (year - 1, 12)
    return dt.date(prev_year, prev_month, cutoff + 1), dt.date(year, month, cutoff)


def make(kind: str, year: int, number: int, cutoff: int | None = None) -> Period:
    if year not in YEARS:  # a period near year 9999 has no next one to compare with
        raise InputError(t("date.out_of_range", text=year))
    size = MONTHS_IN[kind]
    first = (number - 1) * size + 1
    start = _month_range(year, first, cutoff)[0]
    end = _month_range(year, first + size - 1, cutoff)[1]
    return Period(kind, year, number, start, end, cutoff)


def containing(day: dt.date, kind: str, cutoff: int | None = None) -> Period:
    year, month = day.year, day.month
    if cutoff is not None and day.day > cutoff:
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return make("month", year, month, cutoff).enclosing(kind)


def parse_period(
    *,
    month: str | None,
    quarter: str | None,
    half: str | None,
    year: str | None,
    today: dt.date,
    cutoff: int | None,
) -> Period:
    """The period chosen by one of --month/--quarter/--half/--year; default the month of today."""
    given = [
        (kind, value)
        for kind, value in zip(KINDS, (month, quarter, half, year), strict=True)
        if value
    ]
    if len(given) > 1:
        raise InputError(t("period.one_only"))
    if not given:
        return containing(today, "month", cutoff)
    kind, text = given[0]
    limit = {"month": 12, "quarter": 4, "half": 2}
    if kind == "year":
        if not re.fullmatch(r"\s*\d{4}\s*", text):
            raise InputError(t("period.invalid", option="--year", value=text, form="2026"))
        return make("year", int(text), 1, cutoff)
    if kind == "month":  # as dates.parse_month reads it: "tháng 11/2026", "tháng 11 năm 2026"
        with contextlib.suppress(DateError):
            return make("month", *parse_month(text), cutoff)
    said = fold(text)
    if kind == "half" and (h := _HALF_WORDS.fullmatch(said)):  # "6 tháng đầu năm 2026"
        return make("half", int(h.group(2)), 1 if h.group(1) == "dau" else 2, cutoff)
    if kind == "quarter" and (q := _QUARTER_WORDS.fullmatch(said)):  # "quý IV/2026", "quý 4"
        text = f"{_ROMAN.get(q.group(1), q.group(1))}/{q.group(2)}"
    m = _NUMBER_YEAR.match(text) or re.match(
        r"^\s*(\d{4})-(?:Q|H)?(\d{1,2})\s*$", text, re.IGNORECASE
    )
    if m is None:
        raise InputError(
            t("period.invalid", option=f"--{kind}", value=text, form=f"{limit[kind]}/2026")
        )
    number, year_ = (
        (int(m.group(1)), int(m.group(2)))
        if m.re is _NUMBER_YEAR
        else (int(m.group(2)), int(m.group(1)))
    )
    if not 1 <= number <= limit[kind]:
        raise InputError(
            t("period.invalid", option=f"--{kind}", value=text, form=f"{limit[kind]}/2026")
        )
    return make(kind, year_, number, cutoff)
