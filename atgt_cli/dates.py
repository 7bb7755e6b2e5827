"""Dates as Vietnamese offices write them, parsed in one place (day first)."""

from __future__ import annotations

import datetime as dt
import re

from atgt_cli.labels import t
from atgt_cli.text import fold

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
# A spreadsheet's date cell read as text may carry a midnight time.
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$", re.IGNORECASE)
# Year first with a slash or a dot, as some forms write it: 2026/11/20, 2026.11.20.
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
# In words, folded: "20 thang 11 nam 2026", "ngay 20 thang 11, 2026".
_WORDS = re.compile(r"^(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|,)?\s*(\d{4})$")
# "ngày 20/11/2026": the word a form puts before the date.
_DAY_WORD = re.compile(r"^ngay\s+(?=\d)")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")  # Excel day numbers 10000-99999: 1927-2173
_TODAY = {"hom nay": 0, "today": 0, "hom qua": -1, "yesterday": -1}
EXCEL_EPOCH = dt.date(1899, 12, 30)
# The years a record, a plan or "today" may fall in: dates near year 9999 would overflow the
# arithmetic of deadlines and periods (a month after 12/9999), and none is a record's date.
YEARS = range(1900, 3000)  # day 1 is 1/1/1900 in the 1900 date system (after 28/2)


class DateError(ValueError):
    """A text that is not a date: the message key says why; `swapped` marks a date that makes
    sense only with day and month swapped (a column typed month first)."""

    def __init__(self, key: str, text: str, *, swapped: bool = False) -> None:
        super().__init__(t(key, text=text))
        self.key, self.text, self.swapped = key, text, swapped


def parse_date(text: str, *, today: dt.date | None = None, serial: bool = False) -> dt.date:
    """17/8/2023, 17/08/2023, 17-8-23, 17.8.2023, 2023-08-17 or 2023/08/17, "ngày 17/8/2023",
    "17 tháng 8 năm 2023" → date; with today, also "hôm nay"/"today" and "hôm qua"; with serial
    (a workbook's cell), Excel's day numbers."""
    raw = text.strip()
    said = _DAY_WORD.sub("", fold(raw))
    if today is not None and (offset := _TODAY.get(fold(raw))) is not None:
        return today + dt.timedelta(days=offset)
    if serial and _SERIAL.match(raw):
        return from_excel_serial(float(raw))
    if m := _ISO.match(said) or _YMD.match(said):
        year, month, day = (int(g) for g in m.groups())
    elif m := _WORDS.match(said):
        day, month, year = (int(g) for g in m.groups())
    elif m := _DMY.match(said):
        day, month, year = (int(g) for g in m.groups())
        if year < 100:
            year += 2000
    else:
        raise DateError("date.invalid", raw)
    if year not in YEARS:
        raise DateError("date.out_of_range", raw)
    try:
        return dt.date(year, month, day)
    except ValueError:
        try:
            dt.date(year, day, month)
        except ValueError:
            raise DateError("date.nonexistent", raw) from None
        raise DateError("imp.maybe_swapped", raw, swapped=True) from None


def from_excel_serial(serial: float) -> dt.date:
    """An Excel day number typed as a number (45966 → 5/11/2025), in the 1900 date system."""
    try:
        day = EXCEL_EPOCH + dt.timedelta(days=int(serial))
    except (OverflowError, ValueError):
        raise DateError("date.out_of_range", str(serial)) from None
    if day.year not in YEARS:
        raise DateError("date.out_of_range", str(serial))
    return day


def to_excel_serial(day: dt.date) -> int:
    return (day - EXCEL_EPOCH).days


def parse_user_date(text: str, today: dt.date) -> dt.date:
    """A date typed on the command line: as parse_date, or "hôm nay"/"today", "hôm qua"."""
    return parse_date(text, today=today)


_MONTH = re.compile(r"^\s*(?:(\d{1,2})(?:[/.-]|\s*nam\s*)(\d{4})|(\d{4})[-/](\d{1,2}))\s*$")


def parse_month(text: str) -> tuple[int, int]:
    """11/2026, 2026-11, 2026/11, "tháng 11/2026" or "tháng 11 năm 2026" → (2026, 11)."""
    m = _MONTH.match(re.sub(r"^\s*thang\s+(?=\d)", "", fold(text)))
    if m is None:
        raise DateError("month.invalid", text.strip())
    month, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    if not 1 <= int(month) <= 12:
        raise DateError("month.invalid", text.strip())
    if int(year) not in YEARS:
        raise DateError("date.out_of_range", text.strip())
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
