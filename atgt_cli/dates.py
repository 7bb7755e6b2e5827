"""Dates as Vietnamese offices write them, parsed in one place (day first)."""

from __future__ import annotations

import datetime as dt
import re

from atgt_cli.labels import t
from atgt_cli.text import fold

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class DateError(ValueError):
    """A text that is not a date; the message says why."""


def parse_date(text: str) -> dt.date:
    """17/8/2023, 17/08/2023, 17-8-23, 17.8.2023 or 2023-08-17 → date."""
    if m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY.match(text):
        day, month, year = (int(g) for g in m.groups())
        if year < 100:
            year += 2000
    else:
        raise DateError(t("date.invalid", text=text.strip()))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(t("date.nonexistent", text=text.strip())) from None


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 1 is 1/1/1900 in the 1900 date system (after 28/2)


def from_excel_serial(serial: float) -> dt.date:
    """An Excel day number typed as a number (45966 → 5/11/2025), in the 1900 date system."""
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


_TODAY = {"hom nay": 0, "today": 0, "hom qua": -1, "yesterday": -1}


def parse_user_date(text: str, today: dt.date) -> dt.date:
    """A date typed on the command line: as parse_date, or "hôm nay"/"today", "hôm qua"."""
    offset = _TODAY.get(fold(text))
    return today + dt.timedelta(days=offset) if offset is not None else parse_date(text)


_MONTH = re.compile(r"^\s*(?:(\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2}))\s*$")


def parse_month(text: str) -> tuple[int, int]:
    """11/2026 or 2026-11 → (2026, 11)."""
    m = _MONTH.match(text)
    if m is None:
        raise DateError(t("month.invalid", text=text.strip()))
    month, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    if not 1 <= int(month) <= 12:
        raise DateError(t("month.invalid", text=text.strip()))
    return int(year), int(month)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def format_date(day: dt.date) -> str:
    """The way the plan and reports write a date: 17/8/2023."""
    return f"{day.day}/{day.month}/{day.year}"


def format_timestamp(iso: str) -> str:
    """A stored UTC timestamp in local time, as offices write it: 24/11/2026 22:35."""
    moment = dt.datetime.fromisoformat(iso).astimezone()
    return f"{format_date(moment.date())} {moment:%H:%M}"
