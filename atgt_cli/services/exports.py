"""`atgt export`: the store's records as a table that `atgt import` reads back.

The headers are the first name `atgt import` knows for each field, the values are written the
way import reads them (vocabulary labels of the plan, unit names, dates), always in Vietnamese
whatever --lang says: a file made to be imported again, in an office that works in Vietnamese.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from atgt_cli.documents.exports import Column as Column
from atgt_cli.documents.exports import ExportTable as ExportTable
from atgt_cli.documents.exports import Value as Value
from atgt_cli.documents.exports import vi as vi
from atgt_cli.errors import InputError
from atgt_cli.importers.headers import FIELDS
from atgt_cli.labels import t
from atgt_cli.services.context import Env
from atgt_cli.services.plandata import PlanData, current_plan
from atgt_cli.store import queries
from atgt_cli.store.db import Store

KINDS = ("sessions", "violations", "units", "members")
TEXT, DATE, NUMBER = "text", "date", "number"

# kind → (field, type) in the order of the file; the header comes from importers/headers.py
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "sessions": (
        ("unit", TEXT),
        ("date", DATE),
        ("channel", TEXT),
        ("topics", TEXT),
        ("item", TEXT),
        ("present", NUMBER),
        ("total", NUMBER),
        ("masses", NUMBER),
        ("title", TEXT),
        ("url", TEXT),
        ("note", TEXT),
        ("evidence", TEXT),
        ("content", TEXT),
    ),
    "violations": (
        ("unit", TEXT),
        ("member", TEXT),
        ("membership", TEXT),
        ("party_post", TEXT),
        ("state_title", TEXT),
        ("category", TEXT),
        ("date", DATE),
        ("known_on", DATE),
        ("detected_by", TEXT),
        ("alcohol_breath", NUMBER),
        ("alcohol_blood", NUMBER),
        ("reported_on", DATE),
        ("outcome", TEXT),
        ("decided_on", DATE),
        ("decided_by", TEXT),
        ("decision", TEXT),
        ("published_on", DATE),
        ("published_where", TEXT),
        ("note", TEXT),
        ("content", TEXT),
    ),
    "units": (
        ("name", TEXT),
        ("kind", TEXT),
        ("parent", TEXT),
        ("members", NUMBER),
        ("exempt", NUMBER),
        ("since", DATE),
        ("aliases", TEXT),
    ),
    # the member columns of a violations file, so `import violations` recreates the members
    "members": (
        ("unit", TEXT),
        ("member", TEXT),
        ("membership", TEXT),
        ("party_post", TEXT),
        ("state_title", TEXT),
    ),
}
_HEADERS_OF = {"members": "violations"}


def columns(kind: str) -> list[Column]:
    fields = FIELDS[_HEADERS_OF.get(kind, kind)]
    return [Column(name, fields[name][0], kind_) for name, kind_ in COLUMNS[kind]]


def unit_kind_label(code: str) -> str:
    text = vi(f"unitkind.{code}")
    return text[:1].upper() + text[1:]


def export_table(
    store: Store, env: Env, kind: str, *, month: str | None = None, redact: bool = False
) -> ExportTable:
    if kind not in KINDS:
        raise InputError(t("match.unknown", field="KIND", value=kind, choices=", ".join(KINDS)))
    if month and kind == "members":
        raise InputError(t("export.no_month", kind=kind))
    rows = _BUILDERS[kind](store, env, month=month, redact=redact)
    return ExportTable(kind, vi(f"export.sheet.{kind}"), columns(kind), rows)


def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def _vocab(plan: PlanData, vocab: str, code: str) -> str:
    term = plan.term(vocab, code)
    return str(term["label"]) if term else code


def _sessions(store: Store, env: Env, *, month: str | None, redact: bool) -> list[list[Value]]:
    plan = current_plan(store)
    start, end = env.span(month=month, start=None, end=None)
    rows: list[list[Value]] = []
    for s in queries.sessions(store.conn, queries.SessionFilter(start=start, end=end)):
        if s.plan_id != plan.id:
            continue
        if redact:
            s = dataclasses.replace(s, title=None, url=None, note=None, evidence=None, content=None)
        rows.append(
            [
                s.unit,
                dt.date.fromisoformat(s.held_on),
                _vocab(plan, "channels", s.channel),
                # labels hold commas ("Luật phòng, chống…"), never semicolons
                "; ".join(_vocab(plan, "topics", code) for code in s.topics) or None,
                s.item,
                s.present,
                s.total,
                s.masses,
                s.title,
                s.url,
                s.note,
                s.evidence,
                s.content,
            ]
        )
    return rows


def _violations(store: Store, env: Env, *, month: str | None, redact: bool) -> list[list[Value]]:
    from atgt_cli.services import redact as redaction

    plan = current_plan(store)
    start, end = env.span(month=month, start=None, end=None)
    rows: list[list[Value]] = []
    for v in queries.violations(store.conn, queries.ViolationFilter(start=start, end=end)):
        if v.plan_id != plan.id:
            continue
        if redact:
            v = redaction.violation(v)
        rows.append(
            [
                v.unit,
                v.member,
                _membership(v.membership),
                v.party_post,
                v.state_title,
                _vocab(plan, "violation_categories", v.category),
                dt.date.fromisoformat(v.occurred_on),
                dt.date.fromisoformat(v.known_on),
                v.detected_by,
                v.alcohol_breath,
                v.alcohol_blood,
                _date(v.reported_on),
                vi(f"outcome.{v.outcome}") if v.outcome else None,
                _date(v.decided_on),
                vi(f"decider.{v.decided_by}") if v.decided_by else None,
                v.decision,
                _date(v.published_on),
                v.published_where,
                v.note,
                v.content,
            ]
        )
    return rows


def _units(store: Store, env: Env, *, month: str | None, redact: bool) -> list[list[Value]]:
    """Parents before the units under them (import finds a parent only once written); the
    member count in force at the end of the month (default today), with the day it began."""
    _, end = env.span(month=month, start=None, end=None)
    on = min(dt.date.fromisoformat(end), env.today) if end else env.today
    units = queries.units(store.conn, on.isoformat())
    placed: set[str] = set()
    ordered: list[queries.UnitRow] = []
    waiting = list(units)
    while waiting:
        ready = [u for u in waiting if u.parent is None or u.parent in placed]
        if not ready:  # a cycle cannot be stored; keep whatever is left in its order
            ready = waiting
        for unit in ready:
            placed.add(unit.name)
            ordered.append(unit)
        waiting = [u for u in waiting if u.name not in placed]
    rows: list[list[Value]] = []
    for unit in ordered:
        since = None
        if unit.members is not None:
            history = queries.members_history(store.conn, unit.id)
            since = max(day for day, _, _ in history if day <= on.isoformat())
        rows.append(
            [
                unit.name,
                unit_kind_label(unit.kind),
                unit.parent,
                unit.members,
                unit.exempt if unit.members is not None else None,
                _date(since),
                "; ".join(unit.aliases) or None,
            ]
        )
    return rows


def _members(store: Store, env: Env, *, month: str | None, redact: bool) -> list[list[Value]]:
    from atgt_cli.services import redact as redaction

    rows: list[list[Value]] = []
    for m in queries.members(store.conn):
        if redact:
            m = redaction.member(m)
        rows.append([m.unit, m.name, _membership(m.membership), m.party_post, m.state_title])
    return rows


def _membership(code: str) -> str:
    """A membership as a register writes it; "chưa rõ" when not known (an import reads it back
    so, never as chính thức)."""
    return vi(f"membership.{code}")


_BUILDERS: dict[str, Callable[..., list[list[Value]]]] = {
    "sessions": _sessions,
    "violations": _violations,
    "units": _units,
    "members": _members,
}


@dataclass(frozen=True)
class ExportOptions:
    kind: str
    month: str | None = None
    fmt: str | None = None  # csv or xlsx; default by the file's extension, else csv
    path: Path | None = None  # None: CSV on stdout
    redact: bool = False


@dataclass(frozen=True)
class Exported:
    table: ExportTable
    fmt: str  # csv or xlsx
    path: Path | None  # None: to stdout


def run_export(store: Store, env: Env, options: ExportOptions) -> Exported:
    """The table and where it goes; the caller renders it (render/files.py) and writes it."""
    fmt = file_format(options.path, options.fmt)
    table = export_table(store, env, options.kind, month=options.month, redact=options.redact)
    return Exported(table, fmt, options.path)


def file_format(path: Path | None, given: str | None) -> str:
    """csv or xlsx: as asked, else by the file's extension, else csv; xlsx only to a file."""
    chosen = given or ("xlsx" if path and path.suffix.lower() == ".xlsx" else "csv")
    if chosen not in ("csv", "xlsx"):
        raise InputError(t("match.unknown", field="--format", value=chosen, choices="csv, xlsx"))
    if chosen == "xlsx" and path is None:
        raise InputError(t("report.needs_file", format="xlsx"))
    return chosen
