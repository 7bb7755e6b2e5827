"""Who is on track: each unit's figures for a period and one mark per target that applies.

A target of a longer period than the one asked for (a quarterly target in a monthly status) is
judged on its own period up to the end of the one asked for; while that period runs and the
target is not reached yet it is "pending", not short. A target of a shorter period (monthly, in a
quarterly status) is judged in each of its periods: short if any that has ended fell short.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from atgt_cli.documents.status import Figures as Figures
from atgt_cli.documents.status import Mark as Mark
from atgt_cli.documents.status import Status as Status
from atgt_cli.documents.status import TargetInfo as TargetInfo
from atgt_cli.documents.status import UnitStatus as UnitStatus
from atgt_cli.errors import NotFoundError
from atgt_cli.labels import t
from atgt_cli.plan.metrics import METRICS
from atgt_cli.services.context import Env
from atgt_cli.services.period import MONTHS_IN, Period, parse_period
from atgt_cli.services.plandata import PlanData, current_plan, plan_data
from atgt_cli.services.units import find_unit
from atgt_cli.store import queries, stats
from atgt_cli.store.db import Store
from atgt_cli.text import fold

KIND_ORDER = {"dang-uy": 0, "dang-bo-bo-phan": 1, "chi-bo": 2, "doan-the": 3}
MET, SHORT, PENDING, NA = "met", "short", "pending", "na"


class Facts:
    """Month-by-month aggregates of one plan over a range, summed over any set of months."""

    def __init__(
        self, store: Store, plan: PlanData, start: dt.date, end: dt.date, as_of: dt.date
    ) -> None:
        self.store, self.plan, self.as_of = store, plan, as_of
        self.range = (start.isoformat(), end.isoformat())
        self.cutoff = plan.data["report"].get("cutoff_day")
        self.web = {c["code"] for c in plan.terms("channels") if c.get("web")}
        self.documents = {c["code"] for c in plan.terms("channels") if c.get("document")}
        self._sessions: dict[
            tuple[tuple[str, ...], tuple[str, ...]], dict[int, list[stats.SessionFacts]]
        ] = {}
        days = int(plan.data["rules"]["violation_report_days"])
        self.violations: dict[int, list[stats.ViolationFacts]] = defaultdict(list)
        for fact in stats.violation_facts(
            store.conn,
            plan_id=plan.id,
            start=self.range[0],
            end=self.range[1],
            as_of=as_of.isoformat(),
            report_days=days,
            cutoff=self.cutoff,
        ):
            self.violations[fact.unit_id].append(fact)

    def sessions(
        self, topics: Iterable[str] = (), items: Iterable[str] = ()
    ) -> dict[int, list[stats.SessionFacts]]:
        """Session aggregates by unit; optionally only those on some topics or for some items."""
        key = (tuple(topics), tuple(items))
        if key not in self._sessions:
            by_unit: dict[int, list[stats.SessionFacts]] = defaultdict(list)
            for fact in stats.session_facts(
                self.store.conn,
                plan_id=self.plan.id,
                start=self.range[0],
                end=self.range[1],
                cutoff=self.cutoff,
                topics=key[0],
                items=key[1],
            ):
                by_unit[fact.unit_id].append(fact)
            self._sessions[key] = by_unit
        return self._sessions[key]

    def figures(
        self,
        units: set[int] | None,
        months: set[str],
        open_by: dict[int, int] | None,
        channels: set[str] | None = None,
    ) -> Figures:
        """Sums over some months, for some units (None: all) and channels (None: all)."""
        by_channel: dict[str, int] = defaultdict(int)
        present = total = masses = web = documents = 0
        for unit_id, facts in self.sessions().items():
            if units is not None and unit_id not in units:
                continue
            for f in facts:
                if f.month in months and (not channels or f.channel in channels):
                    by_channel[f.channel] += f.sessions
                    present, total, masses = present + f.present, total + f.total, masses + f.masses
                    web += f.sessions if f.channel in self.web else 0
                    documents += f.sessions if f.channel in self.documents else 0
        v: dict[str, int] = defaultdict(int)
        for unit_id, found in self.violations.items():
            if units is not None and unit_id not in units:
                continue
            for g in found:
                if g.month in months:
                    for name in ("new", "handled", "published", "on_time", "late"):
                        v[name] += getattr(g, name)
        return Figures(
            sessions=sum(by_channel.values()) - web - documents,  # "buổi": not posts, not papers
            documents=documents,
            by_channel=dict(sorted(by_channel.items())),
            present=present,
            total=total,
            attendance=round(100 * present / total, 1) if total else None,
            masses=masses,
            web_posts=web,
            violations=v["new"],
            handled=v["handled"],
            published=v["published"],
            reported_on_time=v["on_time"],
            reported_late=v["late"],
            open=None
            if open_by is None
            else sum(n for u, n in open_by.items() if units is None or u in units),
        )

    def metric(self, target: dict[str, Any], unit_id: int, months: set[str]) -> float | None:
        """A target's metric for one unit over some months; None: nothing to judge."""
        name = target["metric"]
        flt = target.get("filter") or {}
        channels = set(flt.get("channels") or [])
        if name in ("violations_reported_on_time", "violations_published"):
            found = [g for g in self.violations.get(unit_id, []) if g.month in months]
            if name == "violations_reported_on_time":
                due = sum(g.due for g in found)
                return 100 * sum(g.on_time for g in found) / due if due else None
            handled = sum(g.handled for g in found)
            return 100 * sum(g.handled_published for g in found) / handled if handled else None
        facts = self.sessions(sorted(flt.get("topics") or []), sorted(flt.get("items") or []))
        rows = [
            f
            for f in facts.get(unit_id, [])
            if f.month in months and (not channels or f.channel in channels)
        ]
        if name == "sessions":
            return sum(f.sessions for f in rows)
        if name == "web_posts":
            return sum(f.sessions for f in rows if f.channel in self.web)
        if name == "masses":
            return sum(f.masses for f in rows)
        attended = sum(f.with_attendance for f in rows)  # attendance
        if not attended:
            return None
        if target.get("aggregate") == "best":
            return 100 * max(f.best for f in rows if f.best is not None)
        return 100 * sum(f.ratio_sum for f in rows) / attended


def build_status(
    store: Store,
    plan: PlanData,
    period: Period,
    *,
    as_of: dt.date,
    unit_ids: set[int] | None = None,
    facts: Facts | None = None,
) -> Status:
    """Figures and marks per unit; `facts` (from the year's start to the period's end) may be
    shared with a report that needs them too."""
    facts = facts or Facts(store, plan, period.enclosing("year").start, period.end, as_of)
    months = {m.key for m in period.months()}
    open_by = stats.open_violations(
        store.conn, plan_id=plan.id, end=period.end.isoformat(), as_of=as_of.isoformat()
    )
    targets = plan.data["targets"]
    rows = []
    for unit in sorted(
        queries.units(store.conn, period.end.isoformat()),
        key=lambda u: (KIND_ORDER[u.kind], fold(u.name)),
    ):
        if unit_ids is not None and unit.id not in unit_ids:
            continue
        if unit.retired_on is not None and unit.retired_on < period.start.isoformat():
            continue
        marks = [
            _judge(facts, target, unit.id, period, as_of)
            for target in targets
            if any(refers(ref, unit) for ref in target["applies_to"])
        ]
        shortfalls = [_why(target, mark) for target, mark in _short(targets, marks)]
        rows.append(
            UnitStatus(
                unit.id,
                unit.name,
                unit.kind,
                facts.figures({unit.id}, months, open_by),
                marks,
                shortfalls,
            )
        )
    return Status(
        plan=plan.symbol,
        period=period.key,
        period_label=period.label,
        start=period.start,
        end=period.end,
        as_of=as_of,
        targets=[_info(target) for target in targets],
        units=rows,
        totals=facts.figures(unit_ids, months, open_by),
        channels={term["code"]: _short_name(term) for term in plan.terms("channels")},
    )


def _short_name(term: dict[str, Any]) -> str:
    """The label when it is short, else the shortest way offices write it ("TTĐT")."""
    label = str(term["label"])
    aliases = [str(a) for a in term.get("aliases", []) if len(str(a)) >= 2]
    return label if len(label) <= 10 or not aliases else min(aliases, key=len)


def _info(target: dict[str, Any]) -> TargetInfo:
    from atgt_cli.labels import get_lang

    label = target["label_en"] if get_lang() == "en" else target["label"]
    unit = METRICS[target["metric"]].unit
    return TargetInfo(
        target["id"],
        target["item"],
        label,
        target["metric"],
        target["period"],
        target["threshold"],
        unit,
    )


def refers(ref: dict[str, Any], unit: queries.UnitRow) -> bool:
    """A plan's unit reference ({kind: …} or {unit: name}) names this unit."""
    return ref.get("kind") == unit.kind or (
        ref.get("unit") is not None and fold(ref["unit"]) == fold(unit.name)
    )


def _judge(
    facts: Facts, target: dict[str, Any], unit_id: int, period: Period, as_of: dt.date
) -> Mark:
    kind, threshold = target["period"], float(target["threshold"])
    if MONTHS_IN[kind] >= MONTHS_IN[period.kind]:
        window = period.enclosing(kind)
        months = {m.key for m in window.months() if m.start <= period.end}
        value = facts.metric(target, unit_id, months)
        state = _state(value, threshold, running=window.end > as_of)
        return Mark(target["id"], state, value, threshold, _amount(value, target))
    parts = [p for p in period.parts(kind) if p.start <= as_of]
    states = []
    values: list[float | None] = []
    for part in parts:
        value = facts.metric(target, unit_id, {m.key for m in part.months()})
        values.append(value)
        states.append(_state(value, threshold, running=part.end > as_of))
    met = states.count(MET)
    judged = [s for s in states if s != NA]
    state = SHORT if SHORT in states else PENDING if PENDING in states else MET if met else NA
    detail = (
        t("status.parts", met=met, count=len(judged), period=t(f"period.{kind}")) if judged else "—"
    )
    last = next((v for v in reversed(values) if v is not None), None)
    return Mark(target["id"], state, last, threshold, detail)


def _state(value: float | None, threshold: float, *, running: bool) -> str:
    if value is None:
        return NA
    if value >= threshold:
        return MET
    return PENDING if running else SHORT


def _amount(value: float | None, target: dict[str, Any]) -> str:
    percent = METRICS[target["metric"]].unit == "percent"
    shown = "—" if value is None else f"{value:.0f}%" if percent else f"{value:g}"
    return f"{shown} / ≥ {target['threshold']:g}{'%' if percent else ''}"


def _short(
    targets: list[dict[str, Any]], marks: list[Mark]
) -> Iterable[tuple[dict[str, Any], Mark]]:
    by_id = {target["id"]: target for target in targets}
    return ((by_id[mark.target], mark) for mark in marks if mark.state == SHORT)


def _why(target: dict[str, Any], mark: Mark) -> str:
    from atgt_cli.labels import get_lang

    label = target["label_en"] if get_lang() == "en" else target["label"]
    return t("status.why", label=label, item=target["item"], detail=mark.detail)


def status_for(
    store: Store,
    env: Env,
    *,
    month: str | None = None,
    quarter: str | None = None,
    half: str | None = None,
    year: str | None = None,
    unit: str | None = None,
    plan: str | None = None,
) -> Status:
    """The status for a period given as on the command line (default: this month)."""
    data, period = plan_and_period(
        store, env, plan, month=month, quarter=quarter, half=half, year=year
    )
    unit_ids = {find_unit(store, unit, on=env.today).id} if unit else None
    return build_status(store, data, period, as_of=env.today, unit_ids=unit_ids)


def plan_and_period(
    store: Store,
    env: Env,
    plan: str | None,
    *,
    month: str | None,
    quarter: str | None,
    half: str | None,
    year: str | None,
) -> tuple[PlanData, Period]:
    """The plan asked for (default: the current one) and the period of the options, cut off as
    that plan says (default: the month of today)."""
    data = chosen_plan(store, plan)
    cutoff = data.data["report"].get("cutoff_day")
    period = parse_period(
        month=month, quarter=quarter, half=half, year=year, today=env.today, cutoff=cutoff
    )
    return data, period


def chosen_plan(store: Store, symbol: str | None) -> PlanData:
    if symbol is None:
        return current_plan(store)
    row = queries.plan_by_key(store.conn, fold(symbol))
    if row is None:
        known = ", ".join(p.symbol for p in queries.list_plans(store.conn)) or "—"
        raise NotFoundError(t("plan.unknown", symbol=symbol, known=known))
    return plan_data(store, row.id)
