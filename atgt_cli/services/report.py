"""The report for a period as plain data: every format (table, md, csv, json, docx, xlsx)
renders this same model.

Content follows the plan: a section per item of parts II and III that has assignments or
targets, with its figures for the period, the year to date (lũy kế) and the same period last
year (cùng kỳ); the units short of targets; "Hạn chế, nguyên nhân" and "Phương hướng, nhiệm vụ"
from the shortfalls found and the office's notes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace
from typing import Any

from atgt_cli.documents.report import Report as Report
from atgt_cli.documents.report import Row as Row
from atgt_cli.documents.report import Section as Section
from atgt_cli.documents.report import Table as Table
from atgt_cli.documents.report import TargetResult as TargetResult
from atgt_cli.errors import InputError
from atgt_cli.jsonable import to_jsonable
from atgt_cli.labels import get_lang, t
from atgt_cli.plan.metrics import METRICS
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.matching import Choice, match_one
from atgt_cli.services.period import Period
from atgt_cli.services.plandata import PlanData
from atgt_cli.services.status import (
    MET,
    SHORT,
    Facts,
    Figures,
    Status,
    build_status,
    plan_and_period,
    refers,
)
from atgt_cli.services.units import find_unit
from atgt_cli.store import queries, stats
from atgt_cli.store.db import Store
from atgt_cli.text import nfc

SECTIONS = ("ket-qua", "han-che", "phuong-huong")
_SECTION_NAMES = [
    Choice(code, code, [code, name])
    for code, name in zip(SECTIONS, ("Kết quả", "Hạn chế", "Phương hướng"), strict=True)
]
VIOLATION_METRICS = {"violations_reported_on_time", "violations_published"}


def report_for(
    store: Store,
    env: Env,
    *,
    month: str | None = None,
    quarter: str | None = None,
    half: str | None = None,
    year: str | None = None,
    unit: str | None = None,
    plan: str | None = None,
    as_of: str | None = None,
    redact: bool = False,
) -> Report:
    data, period = plan_and_period(
        store, env, plan, month=month, quarter=quarter, half=half, year=year
    )
    day = env.day(as_of, field="--as-of") if as_of else period.end
    chosen = find_unit(store, unit, on=env.today) if unit else None
    return build_report(store, data, period, as_of=day, unit=chosen, redact=redact)


def build_report(
    store: Store,
    plan: PlanData,
    period: Period,
    *,
    as_of: dt.date,
    unit: queries.UnitRow | None = None,
    redact: bool = False,
) -> Report:
    scope = {unit.id} if unit else None
    now = _Windows(store, plan, period, as_of)
    status = build_status(store, plan, period, as_of=as_of, unit_ids=scope, facts=now.this_year)
    units = queries.units(store.conn, period.end.isoformat())
    sections = [_section(now, plan, item, units, status, scope, redact) for item in _items(plan)]
    notes = {} if redact else _notes(store, period)
    report = Report(
        plan=plan.symbol,
        plan_title=str(plan.data["title"]),
        period=period.key,
        period_label=period.label,
        start=period.start,
        end=period.end,
        as_of=as_of,
        unit=unit.name if unit else None,
        summary=[_summary(now, scope)],
        sections=sections,
        units=[to_jsonable(u) for u in status.units],
        short=[f"{u.unit}: {'; '.join(u.shortfalls)}" for u in status.short],
        limitations=[
            *(f"{u.unit}: {why}" for u in status.short for why in u.shortfalls),
            *notes.get("han-che", []),
        ],
        directions=[*_directions(plan, status), *notes.get("phuong-huong", [])],
        notes=notes,
        redacted=redact,
    )
    return replace(report, fingerprint=_fingerprint(report, plan))


class _Windows:
    """Figures of the period, the year to date and the same period last year."""

    def __init__(self, store: Store, plan: PlanData, period: Period, as_of: dt.date) -> None:
        self.store, self.plan, self.period, self.as_of = store, plan, period, as_of
        self.ytd, self.last = period.year_to_date(), period.last_year()
        self.this_year = Facts(store, plan, self.ytd.start, period.end, as_of)
        self.last_year = Facts(store, plan, self.last.enclosing("year").start, self.last.end, as_of)
        self.months = {m.key for m in period.months()}
        self.ytd_months = {m.key for m in period.enclosing("year").months() if m.end <= period.end}
        self.last_months = {m.key for m in self.last.months()}
        conn, pid = store.conn, plan.id
        self.open_now = stats.open_violations(
            conn, plan_id=pid, end=period.end.isoformat(), as_of=as_of.isoformat()
        )
        self._counted: dict[tuple[str, ...], list[list[tuple[int, str, int]]]] = {}

    def figures(
        self, units: set[int] | None, channels: set[str] | None = None
    ) -> tuple[Figures, Figures, Figures]:
        return (
            self.this_year.figures(units, self.months, self.open_now, channels),
            self.this_year.figures(units, self.ytd_months, None, channels),
            self.last_year.figures(units, self.last_months, None, channels),
        )

    def windows(self) -> list[tuple[str, str]]:
        return [
            (self.period.start.isoformat(), self.period.end.isoformat()),
            (self.ytd.start.isoformat(), self.ytd.end.isoformat()),
            (self.last.start.isoformat(), self.last.end.isoformat()),
        ]

    def counted(self, what: tuple[str, ...], units: set[int] | None) -> dict[str, list[int]]:
        """key → [period, ytd, last year] counts of sessions by topic (what = ("topic",)) or of
        violations by a column (what = (column, date column)), for some units; each query runs
        once per report."""
        if what not in self._counted:
            conn, pid = self.store.conn, self.plan.id
            self._counted[what] = [
                stats.topic_facts(conn, plan_id=pid, start=start, end=end)
                if what == ("topic",)
                else stats.violations_by(
                    conn, plan_id=pid, start=start, end=end, column=what[0], date_column=what[1]
                )
                for start, end in self.windows()
            ]
        out: dict[str, list[int]] = {}
        for i, rows in enumerate(self._counted[what]):
            for unit_id, key, n in rows:
                if units is None or unit_id in units:
                    out.setdefault(key, [0, 0, 0])[i] += n
        return out


def _rows(figures: tuple[Figures, Figures, Figures], *names: str) -> list[Row]:
    return [Row(t(f"fig.{name}"), *(getattr(f, name) for f in figures)) for name in names]


def _summary(w: _Windows, scope: set[int] | None) -> Table:
    figures = w.figures(scope)
    names = ("sessions", "attendance", "masses", "web_posts", "violations", "handled", "published")
    return Table(t("report.summary"), _rows(figures, *names, "reported_late", "open"))


def _items(plan: PlanData) -> list[dict[str, Any]]:
    """Items of parts II and III with assignments or targets in them."""
    marked = {a["item"] for a in plan.data["assignments"]} | {
        x["item"] for x in plan.data["targets"]
    }
    out = []
    for part in plan.data["parts"][1:]:
        for item in part["items"]:
            if any(i == item["id"] or i.startswith(item["id"] + ".") for i in marked):
                out.append(item)
    return out


def _inside(ident: str, item: dict[str, Any]) -> bool:
    return ident == item["id"] or ident.startswith(item["id"] + ".")


def _section(
    w: _Windows,
    plan: PlanData,
    item: dict[str, Any],
    units: list[queries.UnitRow],
    status: Status,
    scope: set[int] | None,
    redact: bool,
) -> Section:
    assignments = [a for a in plan.data["assignments"] if _inside(a["item"], item)]
    targets = [x for x in plan.data["targets"] if _inside(x["item"], item)]
    refs = [ref for a in assignments for ref in a["units"]] + [
        ref for x in targets for ref in x["applies_to"]
    ]
    members = {u.id for u in units if any(refers(ref, u) for ref in refs)}
    if scope is not None:
        members &= scope
    channels = {c for a in assignments for c in a.get("channels", [])} or None
    tables: list[Table] = []
    about_sessions = (
        any(x["metric"] not in VIOLATION_METRICS for x in targets) or channels is not None
    )
    if about_sessions and members:
        figures = w.figures(members, channels)
        by_channel = [
            Row(plan.label("channels", code), *(f.by_channel.get(code, 0) for f in figures))
            for code in sorted({c for f in figures for c in f.by_channel})
        ]
        tables.append(Table(t("report.sessions"), [*_rows(figures, "sessions"), *by_channel]))
        tables.append(Table(t("report.reach"), _rows(figures, "attendance", "masses", "web_posts")))
        topics = w.counted(("topic",), members)
        if topics:
            rows = [Row(plan.label("topics", code), *n) for code, n in sorted(topics.items())]
            tables.append(Table(t("report.topics"), rows))
    if any(x["metric"] in VIOLATION_METRICS for x in targets) and members:
        tables += _violation_tables(w, plan, members)
    results = [_target_result(x, status) for x in targets]
    posts = [] if redact or not channels else _posts(w, plan, members, channels)
    names = sorted(u.name for u in units if u.id in members)
    return Section(item["id"], str(item["text"]), names, tables, results, posts)


def _violation_tables(w: _Windows, plan: PlanData, members: set[int]) -> list[Table]:
    def by(column: str, date_column: str) -> dict[str, list[int]]:
        return w.counted((column, date_column), members)

    figures = w.figures(members)
    categories = [
        Row(plan.label("violation_categories", code), *n)
        for code, n in sorted(by("category", "occurred_on").items())
    ]
    outcomes = [
        Row(t(f"outcome.{code}"), *n) for code, n in sorted(by("outcome", "decided_on").items())
    ]
    return [
        Table(t("report.violations"), [*_rows(figures, "violations"), *categories]),
        Table(
            t("report.handling"),
            [
                *_rows(figures, "handled"),
                *outcomes,
                *_rows(figures, "published", "reported_on_time", "reported_late", "open"),
            ],
        ),
    ]


def _posts(
    w: _Windows, plan: PlanData, members: set[int], channels: set[str]
) -> list[dict[str, str]]:
    web = {c["code"] for c in plan.terms("channels") if c.get("web")} & channels
    if not web:
        return []
    where = queries.SessionFilter(start=w.period.start.isoformat(), end=w.period.end.isoformat())
    return [
        {"date": row.held_on, "unit": row.unit, "title": row.title or "", "url": row.url or ""}
        for row in queries.sessions(w.store.conn, where)
        if row.unit_id in members and row.channel in web and row.plan_id == plan.id
    ]


def _target_result(target: dict[str, Any], status: Status) -> TargetResult:
    found: dict[str, list[str]] = {MET: [], SHORT: [], "pending": []}
    for row in status.units:
        for mark in row.marks:
            if mark.target == target["id"] and mark.state in found:
                found[mark.state].append(row.unit)
    percent = "%" if METRICS[target["metric"]].unit == "percent" else ""
    label = target["label_en"] if get_lang() == "en" else target["label"]
    threshold = f"≥ {target['threshold']:g}{percent} / {t('period.' + target['period'])}"
    return TargetResult(target["id"], label, threshold, found[MET], found[SHORT], found["pending"])


def _directions(plan: PlanData, status: Status) -> list[str]:
    short_targets = {m.target for u in status.units for m in u.marks if m.state == SHORT}
    items = {x["item"] for x in plan.data["targets"] if x["id"] in short_targets}
    texts = {}
    for part in plan.data["parts"]:
        stack = list(part["items"])
        while stack:
            entry = stack.pop(0)
            texts[entry["id"]] = entry["text"]
            stack[:0] = entry.get("items", [])
    out = []
    for ident in sorted(items, key=lambda i: list(texts).index(i)):
        units = sorted(
            {
                u.unit
                for u in status.units
                for m in u.marks
                if m.state == SHORT
                and m.target in short_targets
                and any(x["id"] == m.target and x["item"] == ident for x in plan.data["targets"])
            }
        )
        out.append(t("report.direction", item=ident, text=texts[ident], units=", ".join(units)))
    return out


def _notes(store: Store, period: Period) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for section, text in queries.report_notes(store.conn, period.key):
        out.setdefault(section, []).append(text)
    return out


def _fingerprint(report: Report, plan: PlanData) -> str:
    """A hash of the data the report was made from: the plan revision and every figure, list
    and note in the report (so the same store and period always give the same report)."""
    body = json.dumps(to_jsonable(report), ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256((plan.content_hash + body).encode()).hexdigest()
    return f"sha256:{digest[:16]}"


def add_note(store: Store, env: Env, *, period: Period, section: str, text: str) -> int:
    from atgt_cli.services.locks import ensure_open
    from atgt_cli.services.report_notes import last_month
    from atgt_cli.store import writes

    section = match_one(section, _SECTION_NAMES, field="--section")  # "Hạn chế", "han che"
    text = nfc(text)
    if not text:
        raise InputError(t("field.empty", field="TEXT"))
    with store.transaction() as tx:
        ensure_open(store, last_month(period.key))  # a filed report stays as it was
        now = utc_now()
        note_id = writes.insert_report_note(
            tx, period=period.key, section=section, text=text, created_at=now, created_by=env.actor
        )
        writes.insert_audit(
            tx,
            at=now,
            actor=env.actor,
            action="note",
            entity=f"report:{period.key}",
            after={"section": section, "text": text},
        )
    return note_id


def note_for(
    store: Store,
    env: Env,
    *,
    section: str,
    text: str,
    month: str | None = None,
    quarter: str | None = None,
    half: str | None = None,
    year: str | None = None,
) -> str:
    _, period = plan_and_period(
        store, env, None, month=month, quarter=quarter, half=half, year=year
    )
    add_note(store, env, period=period, section=section, text=text)
    return period.label
