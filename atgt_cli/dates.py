"""Dates as Vietnamese offices write them, parsed in one place (day first)."""

from __future__ import annotations

import datetime as dt
import re

from atgt_cli.labels import t

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


def format_date(day: dt.date) -> str:
    """The way the plan and reports write a date: 17/8/2023."""
    return f"{day.day}/{day.month}/{day.year}"


def format_timestamp(iso: str) -> str:
    """A stored UTC timestamp in local time, as offices write it: 24/11/2026 22:35."""
    moment = dt.datetime.fromisoformat(iso).astimezone()
    return f"{format_date(moment.date())} {moment:%H:%M}"
