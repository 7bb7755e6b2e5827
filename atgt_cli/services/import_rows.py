"""Checking one imported row: text as offices write it → stored values, or the problems found,
each naming its column. Lookups repeat across a large file, so each is cached."""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from atgt_cli.dates import format_date, from_excel_serial
from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services.context import MAX_COUNT, Env
from atgt_cli.services.locks import month_key
from atgt_cli.services.plandata import PlanData
from atgt_cli.services.units import find_unit
from atgt_cli.store import queries
from atgt_cli.store.db import Store
from atgt_cli.text import FORMULA_TRIGGERS

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")  # Excel day numbers 10000-99999: 1927-2173
_PAIR = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class Bad(Exception):
    """One cell's problem; `swapped` marks a date that makes sense only as month/day."""

    def __init__(self, message: str, *, swapped: bool = False) -> None:
        super().__init__(message)
        self.message, self.swapped = message, swapped


class RowProblem(Exception):
    """A row refused: the field at fault (its column is named in the message) and why."""

    def __init__(self, field_name: str, message: str, *, swapped: bool = False) -> None:
        super().__init__(message)
        self.field, self.message, self.swapped = field_name, message, swapped


@dataclass
class Context:
    store: Store
    env: Env
    plan: PlanData
    default_unit: str | None = None
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # from a mapping file
    serial_dates: bool = False  # a workbook: 45500 in a date column is Excel's day number
    _cache: dict[str, dict[str, Any]] = field(default_factory=dict)
    _locked: set[str] = field(default_factory=set)
    _members: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._locked = set(queries.locked_months(self.store.conn))

    def cached(self, kind: str, raw: str, compute: Callable[[str], Any]) -> Any:
        """compute(raw), or its Bad, remembered: a large file repeats its values."""
        known = self._cache.setdefault(kind, {})
        try:
            found = known[raw]
        except KeyError:
            try:
                found = known[raw] = compute(raw)
            except Bad as exc:
                found = known[raw] = exc
        if isinstance(found, Bad):
            raise found
        return found

    def mapped(self, name: str, raw: str) -> str:
        """A value the mapping file translates (keys: the field names, e.g. channel, category)."""
        field_name = {"channels": "channel", "violation_categories": "category"}.get(name, name)
        return self.values.get(field_name, {}).get(raw, raw)

    # --- values -------------------------------------------------------------------------------

    def date(self, raw: str, *, required: bool = True) -> dt.date | None:
        if not raw:
            if required:
                raise Bad(t("imp.required"))
            return None
        day: dt.date = self.cached(
            "date", raw, _parse_serial if self.serial_dates and _SERIAL.match(raw) else _parse_date
        )
        return day

    def past_date(self, raw: str, *, required: bool = True) -> dt.date | None:
        if not raw:
            return self.date(raw, required=required)
        found: dt.date = self.cached("past_date", raw, self._past_date)
        return found

    def _past_date(self, raw: str) -> dt.date:
        day = self.date(raw)
        assert day is not None
        if day > self.env.today:
            raise Bad(t("imp.future", date=format_date(day), today=format_date(self.env.today)))
        if day < self.plan.date:
            raise Bad(t("imp.before_plan", date=format_date(day), plan=self.plan.symbol))
        if month_key(day) in self._locked:
            raise Bad(t("imp.locked", month=f"{day.month}/{day.year}"))
        return day

    def unit(self, raw: str) -> queries.UnitRow:
        raw = raw or (self.default_unit or "")
        if not raw:
            raise Bad(t("imp.required"))

        def find(text: str) -> queries.UnitRow:
            try:
                unit = find_unit(self.store, self.mapped("unit", text), on=self.env.today, field="")
            except InputError as exc:
                raise Bad(exc.message.removeprefix(": ")) from None
            if unit.retired_on is not None:
                raise Bad(
                    t(
                        "unit.retired",
                        unit=unit.name,
                        date=format_date(dt.date.fromisoformat(unit.retired_on)),
                    )
                )
            return unit

        unit: queries.UnitRow = self.cached("unit", raw, find)
        return unit

    def term(self, vocab: str, raw: str) -> str:
        def find(text: str) -> str:
            try:
                return self.plan.match(vocab, self.mapped(vocab, text), field="")
            except InputError as exc:
                raise Bad(exc.message.removeprefix(": ")) from None

        code: str = self.cached(vocab, raw, find)
        return code

    def terms(self, vocab: str, raw: str) -> list[str]:
        parts = [p for p in re.split(r"[;,\n]", raw) if p.strip()] if raw else []
        # A label may itself hold a comma ("Luật phòng, chống…"): try the whole cell first.
        if len(parts) > 1:
            try:
                return [self.term(vocab, raw)]
            except Bad:
                pass
            # Labels hold commas but no semicolons: "Luật phòng, chống…; Không can thiệp…".
            coarse = [p for p in re.split(r"[;\n]", raw) if p.strip()]
            if 1 < len(coarse) < len(parts):
                try:
                    return list(dict.fromkeys(self.term(vocab, p.strip()) for p in coarse))
                except Bad:
                    pass
        return list(dict.fromkeys(self.term(vocab, p.strip()) for p in parts))

    def terms_json(self, vocab: str, raw: str) -> str:
        """terms() as the stored JSON list, remembered per cell text."""
        found: str = self.cached(
            f"{vocab}-json",
            raw,
            lambda text: json.dumps(self.terms(vocab, text), ensure_ascii=False),
        )
        return found

    def item(self, raw: str) -> str | None:
        if not raw:
            return None

        def find(text: str) -> str:
            try:
                return self.plan.match_item(text)
            except InputError as exc:
                raise Bad(exc.message.split(": ", 1)[-1]) from None

        ident: str = self.cached("item", raw, find)
        return ident

    def members(self, unit_id: int, day: dt.date) -> tuple[int, int] | None:
        """Members and exempted in force on a day (each unit's history read once)."""
        found: tuple[int, int] | None = self.cached(
            "members", f"{unit_id}:{day.isoformat()}", lambda _: self._members_on(unit_id, day)
        )
        return found

    def _members_on(self, unit_id: int, day: dt.date) -> tuple[int, int] | None:
        if unit_id not in self._members:
            self._members[unit_id] = queries.members_history(self.store.conn, unit_id)
        history = self._members[unit_id]
        at = bisect.bisect_right(history, (day.isoformat(), float("inf"), float("inf")))
        if at == 0:
            return None
        _, members, exempt = history[at - 1]
        return int(members), int(exempt)


def count(raw: str) -> int | None:
    if not raw:
        return None
    try:
        value = int(float(raw.replace(",", "."))) if not raw.isdigit() else int(raw)
    except (ValueError, OverflowError):  # OverflowError: "inf"
        raise Bad(t("imp.not_number", value=raw)) from None
    if value < 0:
        raise Bad(t("imp.negative", value=raw))
    if value > MAX_COUNT:
        raise Bad(t("imp.too_large", value=raw, limit=MAX_COUNT))
    return value


def level(raw: str) -> float | None:
    if not raw:
        return None
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise Bad(t("imp.not_number", value=raw)) from None
    if not math.isfinite(value):
        raise Bad(t("imp.not_number", value=raw))
    if not value > 0:
        raise Bad(t("imp.not_positive", value=raw))
    return value


def pair(raw: str) -> tuple[int, int] | None:
    """ "12/15" (present out of total) in one cell."""
    m = _PAIR.match(raw)
    if not m:
        return None
    present, total = int(m.group(1)), int(m.group(2))
    if max(present, total) > MAX_COUNT:
        raise Bad(t("imp.too_large", value=raw, limit=MAX_COUNT))
    return present, total


def _parse_serial(raw: str) -> dt.date:
    return from_excel_serial(float(raw))


def _parse_date(raw: str) -> dt.date:
    if m := _ISO.match(raw):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY.match(raw):
        day, month, year = (int(g) for g in m.groups())
        year += 2000 if year < 100 else 0
    else:
        raise Bad(t("date.invalid", text=raw))
    try:
        return dt.date(year, month, day)
    except ValueError:
        try:
            dt.date(year, day, month)
        except ValueError:
            raise Bad(t("date.nonexistent", text=raw)) from None
        raise Bad(t("imp.maybe_swapped", text=raw), swapped=True) from None


def text(raw: str) -> str | None:
    return unquote(raw) or None


def unquote(raw: str) -> str:
    """Free text as typed: the apostrophe `atgt export` (and Excel users) put before text that
    a spreadsheet would run as a formula ("'=…", "'- …") is not part of it."""
    return raw[1:] if raw[:1] == "'" and raw[1:2].startswith(FORMULA_TRIGGERS) else raw


MAX_SHOWN = 50  # problems printed; the rest are counted


@dataclass
class Problems:
    """The problems of one file, each named FILE:ROW:COLUMN (the first MAX_SHOWN kept as text),
    and the rejected rows. A date valid only as month/day is held back until the whole column is
    seen: one such column is reported once, as swapped, not row by row."""

    where: Callable[[int, int | None, str], str]  # (row, column index, column) → FILE:ROW:COLUMN
    headers: list[str]
    columns: dict[int, str]  # column index → field
    shown: list[str] = field(default_factory=list)
    count: int = 0
    rejects: list[tuple[list[str], str]] = field(default_factory=list)
    _swapped: dict[int, list[tuple[int, list[str], str]]] = field(default_factory=dict)
    _day_first: set[int] = field(default_factory=set)

    def index(self, field_name: str) -> int | None:
        return next((i for i, f in self.columns.items() if f == field_name), None)

    def column(self, field_name: str) -> str:
        index = self.index(field_name)
        return self.headers[index] if index is not None else field_name

    def add(
        self, number: int, field_name: str, message: str, record: list[str], *, swapped: bool
    ) -> None:
        index = self.index(field_name)
        if swapped and index is not None:
            self._swapped.setdefault(index, []).append((number, record, message))
        else:
            self._add(number, index, self.column(field_name), message, record)

    def day_first(self, field_name: str) -> None:
        """Mark a date column where some value can only be day/month (its first number > 12)."""
        index = self.index(field_name)
        if index is not None:
            self._day_first.add(index)

    def _add(
        self, number: int, index: int | None, column: str, message: str, record: list[str]
    ) -> None:
        self.count += 1
        if len(self.shown) < MAX_SHOWN:
            self.shown.append(f"{self.where(number, index, column)}: {message}")
        self.rejects.append((record, f"{column}: {message}"))

    def settle(self) -> None:
        """Report the held-back dates: row by row in a day-first column, else the column once."""
        for index, found in self._swapped.items():
            column = self.headers[index]
            if index in self._day_first:
                for number, record, message in found:
                    self._add(number, index, column, message, record)
                continue
            number, record, _ = found[0]
            self._add(
                number,
                index,
                column,
                t("imp.swapped_column", count=len(found), example=record[index]),
                record,
            )
            for _number, record, message in found[1:]:
                self.count += 1
                self.rejects.append((record, f"{column}: {message}"))
        self._swapped.clear()


def day_first(raw: str) -> bool:
    """A d/m date whose first number can only be a day (13 and up)."""
    head = raw.split("/")[0].split("-")[0].split(".")[0]
    return head.isdecimal() and len(head) <= 2 and int(head) > 12
