"""The rules of every record, declared once (field, check, message key) and used alike by the
command line, by `edit` and by the bulk import; the bulk import runs a field's check once per
distinct cell text and compiles the rules across fields to SQL from the same declarations.

A problem is an errors.RowProblem: the field at fault, the message key and its values.
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from atgt_cli.dates import DateError, format_date, parse_date
from atgt_cli.errors import InputError, RowProblem
from atgt_cli.services.context import MAX_COUNT, Env
from atgt_cli.services.locks import month_key, shown
from atgt_cli.services.lookups import find_unit
from atgt_cli.services.matching import Choice, match_one
from atgt_cli.services.plandata import PlanData, current_plan
from atgt_cli.store import queries
from atgt_cli.store.db import Store
from atgt_cli.text import fold, nfc, strip_controls, unquote

T = TypeVar("T")

_PAIR = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
# Thousands as offices write them in a count: "1.200", "1,500", "1.200.000" (one separator),
# maybe with decimals after the other mark ("1.200,00", "1,200.5").
_THOUSANDS = re.compile(r"([-+]?\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*)(?:(?!\2)[.,](\d+))?")
URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")


def looked_up(lookup: Callable[[], T]) -> T:
    """A lookup's (or a party rule's) result; its error (match.unknown, match.ambiguous…) as
    the RowProblem it carries."""
    try:
        return lookup()
    except InputError as exc:
        if exc.problem is None:
            raise
        raise exc.problem from None


@dataclass(frozen=True)
class Field:
    """A field of a record: its name, how the command line names it, and its check (the value
    as typed or as a cell's text → the value stored; raises RowProblem). Empty values are None
    and never reach the check; a required field that is empty is a problem."""

    name: str
    option: str
    check: Callable[[Checks, Any], Any] | None = None
    required: bool = False
    missing: str = "field.required"  # the message key of a required field left empty


@dataclass(frozen=True)
class Rule:
    """A rule across fields: the field it is reported on, the message key, when it is broken
    (in Python, on the checked values; and as SQL on columns of the same names, for the bulk
    import), and the message's values from the checked values."""

    field: str
    key: str
    broken: Callable[[Mapping[str, Any]], bool]
    sql: str = ""  # for a rule the bulk import checks in SQL
    params: Callable[[Mapping[str, Any]], dict[str, object]] = lambda _values: {}

    def problem(self, values: Mapping[str, Any]) -> RowProblem:
        problem = RowProblem(self.field, self.key)
        problem.params = self.params(values)
        return problem


@contextlib.contextmanager
def as_options(labels: Mapping[str, str]) -> Iterator[None]:
    """A rule's problem as an error of the command line, its field named by its option."""
    try:
        yield
    except RowProblem as problem:
        raise problem.error(labels.get(problem.field or ""), labels) from None


def check_fields(c: Checks, fields: tuple[Field, ...], raw: Mapping[str, Any]) -> dict[str, Any]:
    """Each field's value checked, in the order declared; the first problem is raised, carrying
    the other fields' problems (`also`)."""
    out: dict[str, Any] = {}
    found: list[RowProblem] = []
    for f in fields:
        try:
            out[f.name] = check_one(c, f, raw.get(f.name))
        except RowProblem as problem:
            found.append(problem)
    if found:
        raise every(found)
    return out


def every(problems: list[RowProblem]) -> RowProblem:
    """The first of a row's problems, carrying the others."""
    first = problems[0]
    first.also = problems[1:]
    return first


def broken(rules: tuple[Rule, ...], facts: Mapping[str, Any]) -> None:
    """Raise the first rule the facts break, carrying the others."""
    found = [rule.problem(facts) for rule in rules if rule.broken(facts)]
    if found:
        raise every(found)


def check_one(c: Checks, f: Field, value: Any) -> Any:
    """One field's value checked (None when empty)."""
    if isinstance(value, str):
        # A value of controls only (left out on the way in) is no value.
        value = strip_controls(value).strip()
    if value is None or value == "" or value == []:
        if f.required:
            raise RowProblem(f.name, f.missing)
        return None
    try:
        return f.check(c, value) if f.check else value
    except RowProblem as problem:
        raise problem.at(f.name) from None


def options(fields: tuple[Field, ...]) -> dict[str, str]:
    return {f.name: f.option for f in fields}


@dataclass
class Checks:
    """What the checks consult — today, the plan, the store's units, closed months and member
    counts — with each lookup remembered: a large file repeats its values."""

    store: Store
    env: Env
    given_plan: PlanData | None = None  # the current plan when None
    default_unit: str | None = None
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # from a mapping file
    serial_dates: bool = False  # a workbook: 45500 in a date column is Excel's day number
    _cache: dict[str, dict[Any, Any]] = field(default_factory=dict)
    _locked: set[str] = field(default_factory=set)
    _members: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)
    # A unit's people by folded name → their membership changes; a file's earlier rows add theirs
    _people: dict[int, dict[str, list[tuple[str | None, str]]]] = field(default_factory=dict)
    _codes: dict[tuple[int, str], str] = field(default_factory=dict)  # (unit, folded name) → code
    _spellings: dict[str, list[tuple[str, re.Pattern[str]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._locked = set(queries.locked_months(self.store.conn))

    @property
    def plan(self) -> PlanData:
        if self.given_plan is None:
            self.given_plan = current_plan(self.store)
        return self.given_plan

    def cached(self, kind: str, raw: Any, compute: Callable[[Any], Any]) -> Any:
        """compute(raw), or its RowProblem, remembered."""
        known = self._cache.setdefault(kind, {})
        try:
            found = known[raw]
        except KeyError:
            try:
                found = known[raw] = compute(raw)
            except RowProblem as exc:
                found = known[raw] = exc
        if isinstance(found, RowProblem):
            raise copy.copy(found)  # a fresh one: the caller may name its field
        return found

    def mapped(self, name: str, raw: str) -> str:
        """A value the mapping file translates (keys: the field names, e.g. channel, category)."""
        field_name = {"channels": "channel", "violation_categories": "category"}.get(name, name)
        return self.values.get(field_name, {}).get(raw, raw)

    # --- dates ----------------------------------------------------------------------------------

    def date(self, raw: str) -> dt.date:
        """A date as offices write it (see dates.parse_date)."""
        day: dt.date = self.cached("date", raw, self._date)
        return day

    def _date(self, raw: str) -> dt.date:
        try:
            return parse_date(raw, today=self.env.today, serial=self.serial_dates)
        except DateError as exc:
            raise RowProblem(None, exc.key, swapped=exc.swapped, text=exc.text) from None

    def past(self, raw: str) -> dt.date:
        """A date not after today."""
        day = self.date(raw)
        if day > self.env.today:
            today = format_date(self.env.today)
            raise RowProblem(None, "date.future", date=format_date(day), today=today)
        return day

    def in_plan(self, raw: str) -> dt.date:
        """A date of an event under the plan: not after today, not before the plan. (Whether its
        month is still open is a rule of the record: see locked().)"""
        found: dt.date = self.cached("in_plan", raw, self._in_plan)
        return found

    def _in_plan(self, raw: str) -> dt.date:
        day = self.past(raw)
        if day < self.plan.date:
            raise RowProblem(
                None,
                "date.before_plan",
                date=format_date(day),
                plan=self.plan.symbol,
                plan_date=format_date(self.plan.date),
            )
        return day

    def locked(self, day: dt.date) -> bool:
        """Whether the month of a day is closed (its report filed)."""
        return month_key(day) in self._locked

    # --- names ----------------------------------------------------------------------------------

    def unit(self, raw: str) -> queries.UnitRow:
        """A unit, retired or not: a retired unit takes records dated before it retired (a rule
        of the record: see retired())."""
        unit: queries.UnitRow = self.cached("unit", raw, self._unit)
        return unit

    def _unit(self, text: str) -> queries.UnitRow:
        name = self.mapped("unit", text)
        return looked_up(lambda: find_unit(self.store, name, on=self.env.today, field=""))

    def term(self, vocab: str, raw: str) -> str:
        def find(text: str) -> str:
            return looked_up(lambda: self.plan.match(vocab, self.mapped(vocab, text), field=""))

        code: str = self.cached(vocab, raw, find)
        return code

    def terms(self, vocab: str, raw: str | list[str]) -> list[str]:
        """Terms of a vocabulary: a list as typed, or one cell's text (see split_terms)."""
        if isinstance(raw, list):
            return list(dict.fromkeys(self.term(vocab, x) for x in raw))
        found: list[str] = self.cached(f"{vocab}-list", raw, lambda text: self._split(vocab, text))
        return found

    def _split(self, vocab: str, raw: str) -> list[str]:
        parts = [p for p in re.split(r"[;,\n]", raw) if p.strip()]
        # A label may itself hold a comma ("Luật phòng, chống…"): try the whole cell first.
        if len(parts) > 1:
            try:
                return [self.term(vocab, raw)]
            except RowProblem:
                pass
            # Labels hold commas but no semicolons: "Luật phòng, chống…; Không can thiệp…".
            coarse = [p for p in re.split(r"[;\n]", raw) if p.strip()]
            if 1 < len(coarse) < len(parts):
                try:
                    return list(dict.fromkeys(self.term(vocab, p.strip()) for p in coarse))
                except RowProblem:
                    pass
        return list(dict.fromkeys(self.term(vocab, p.strip()) for p in parts))

    def item(self, raw: str) -> str:
        ident: str = self.cached(
            "item", raw, lambda text: looked_up(lambda: self.plan.match_item(text))
        )
        return ident

    def named_in(self, vocab: str, text: str) -> list[str]:
        """The terms of a vocabulary a free text names (its label or an alias, without regard
        to case, diacritics or punctuation, as whole words), in the vocabulary's order:
        "Hướng dẫn Luật TTATGT đường bộ; Nghị định 168" names luat-ttatgt-duong-bo."""
        found: list[str] = self.cached(f"{vocab}-named", text, lambda t: self._named(vocab, t))
        return found

    def _named(self, vocab: str, text: str) -> list[str]:
        if vocab not in self._spellings:
            self._spellings[vocab] = [
                (
                    term["code"],
                    re.compile(r"(?<!\w)(?:" + "|".join(map(_loose, words)) + r")(?!\w)"),
                )
                for term in self.plan.terms(vocab)
                if (
                    words := [
                        w for w in map(_words, [term["label"], *term.get("aliases", [])]) if w
                    ]
                )
            ]
        said = _words(text)
        return [code for code, spelled in self._spellings[vocab] if spelled.search(said)]

    # --- member counts --------------------------------------------------------------------------

    def members_on(self, unit_id: int, day: dt.date) -> tuple[int, int] | None:
        """Members and exempted in force on a day (each unit's history read once)."""
        if unit_id not in self._members:
            self._members[unit_id] = queries.members_history(self.store.conn, unit_id)
        history = self._members[unit_id]
        at = bisect.bisect_right(history, (day.isoformat(), float("inf"), float("inf")))
        if at == 0:
            return None
        _, members, exempt = history[at - 1]
        return int(members), int(exempt)

    # --- members' membership ----------------------------------------------------------------------

    def membership_changes(self, unit_id: int, name: str) -> list[tuple[str | None, str]] | None:
        """The membership changes of the unit's member of that name, None if atgt does not know
        them (nor an earlier row of the file, which `remember_member` noted)."""
        if unit_id not in self._people:
            stored = queries.members(self.store.conn, unit_id)
            self._people[unit_id] = {
                fold(m.name): queries.membership_changes(self.store.conn, m.id) for m in stored
            }
            self._codes |= {(unit_id, fold(m.name)): m.code for m in stored}
        return self._people[unit_id].get(fold(name))

    def member_code(self, unit_id: int, name: str) -> str | None:
        """The stored member's code (ĐV-7F3A), None for one not stored yet."""
        self.membership_changes(unit_id, name)
        return self._codes.get((unit_id, fold(name)))

    def remember_member(self, unit_id: int, name: str, membership: str | None) -> None:
        """A member a row brings (recorded when the file is written): later rows know them.
        membership None: not known (a register without the column), no change to read."""
        self.membership_changes(unit_id, name)
        self._people[unit_id].setdefault(fold(name), [(None, membership)] if membership else [])


# --- checks of single values, shared by the records' declarations ------------------------------


def _loose(words: str) -> str:
    """A phrase's words in order; in a phrase of four words or more, a word or two of the
    writer's own may come between them ("điều khiển xe máy sau khi uống rượu bia" says "điều
    khiển xe sau khi uống rượu bia"), not in a short one ("Luật TTATGT đường bộ" is not "Luật
    Đường bộ")."""
    parts = words.split()
    gap = r"(?:\s+\S+){0,2}?\s+" if len(parts) >= 4 else r"\s+"
    return gap.join(map(re.escape, parts))


def _words(text: str) -> str:
    """A text's words, folded (no case, no diacritics, Đ as D), one space between them."""
    return " ".join(_WORD.findall(fold(text)))


def retired(retired_on: str | None, day: str) -> bool:
    """A record dated on or after the day its unit retired (ISO dates)."""
    return retired_on is not None and day >= retired_on


def dated(day: str) -> str:
    """An ISO date as messages show it (17/8/2023)."""
    return format_date(dt.date.fromisoformat(day))


def month_of(day: str) -> str:
    """An ISO date's month as offices write it (11/2026)."""
    return shown(day[:7])


def pick(raw: str, choices: list[Choice[str]]) -> str:
    """One of a few coded values, by code or name (see services/matching.py)."""
    return looked_up(lambda: match_one(raw, choices, field=""))


def count(_c: Checks | None, raw: int | float | str) -> int:
    """A number of people: a whole number, not negative, not absurdly large. Offices write
    thousands with a dot or a comma ("1.200", "1,500", "1.200.000": a dot or comma before each
    group of exactly three digits); any other fraction ("9,5", "9.5", 9.5) is refused, never
    cut to a whole number; "12.0" and "12,00" are 12."""
    if isinstance(raw, str):
        value = _whole(raw)
    elif isinstance(raw, float):
        if not raw.is_integer():  # also inf and nan
            key = "field.not_whole" if math.isfinite(raw) else "field.not_number"
            raise RowProblem(None, key, value=raw)
        value = int(raw)
    else:
        value = raw
    if value < 0:
        raise RowProblem(None, "field.negative", value=value)
    if value > MAX_COUNT:
        raise RowProblem(None, "field.too_large", value=value, limit=MAX_COUNT)
    return value


def _whole(raw: str) -> int:
    """A count as typed (see count)."""
    if raw.isdigit():  # the usual case
        try:
            return int(raw)
        except ValueError:  # digits int() does not read: "²"
            raise RowProblem(None, "field.not_number", value=raw) from None
    if grouped := _THOUSANDS.fullmatch(raw):
        whole, mark, decimals = grouped.groups()
        if decimals and decimals.strip("0"):
            raise RowProblem(None, "field.not_whole", value=raw)
        return int(whole.replace(mark, ""))
    try:
        number = float(raw.replace(",", "."))
    except ValueError:
        raise RowProblem(None, "field.not_number", value=raw) from None
    if not math.isfinite(number):
        raise RowProblem(None, "field.not_number", value=raw)
    if not number.is_integer():
        raise RowProblem(None, "field.not_whole", value=raw)
    return int(number)


def level(_c: Checks | None, raw: float | str) -> float:
    """A measured level (alcohol): a finite number above 0. A comma is the decimal mark, as a
    dot is ("0,25" is 0.25); there are no thousands in a level ("1.200" is 1.2, which the
    alcohol tiers then judge)."""
    if isinstance(raw, str):
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            raise RowProblem(None, "field.not_number", value=raw) from None
    else:
        value = raw
    if not math.isfinite(value):
        raise RowProblem(None, "field.not_number", value=raw)
    if not value > 0:
        raise RowProblem(None, "field.not_positive", value=raw)
    return value


def present(c: Checks | None, raw: int | str) -> tuple[int, int | None]:
    """Members present, and the total when a cell says both ("12/15")."""
    if isinstance(raw, str) and (m := _PAIR.match(raw)):
        both = count(c, m.group(1)), count(c, m.group(2))
        return both
    return count(c, raw), None


def text(_c: Checks | None, raw: str) -> str | None:
    """Free text as typed, NFC, without the apostrophe that kept a spreadsheet from running it
    as a formula."""
    return nfc(unquote(raw)) or None


def link(_c: Checks | None, raw: str) -> str:
    value = nfc(raw)
    if not URL.match(value):
        raise RowProblem(None, "session.bad_url", value=value)
    return value


def topics_json(c: Checks, raw: str | list[str]) -> str:
    return json.dumps(c.terms("topics", raw), ensure_ascii=False)
