"""The report for a period as plain data (documents/report.py): the figures of the period, the
year to date (lũy kế) and the same period last year (cùng kỳ), the shortfalls found, the per-unit
lines and the violation cases of the annex, and the office's notes.

Counted as the plan says: sessions ("buổi") apart from documents and web posts; a case is new
when the cell learned of it and late in the month its report deadline passed; attendance as the
plan's attendance target measures it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace
from typing import Any

from atgt_cli.documents.report import CELL as CELL
from atgt_cli.documents.report import COMMITTEE as COMMITTEE
from atgt_cli.documents.report import ORGANISATION as ORGANISATION
from atgt_cli.documents.report import Case as Case
from atgt_cli.documents.report import Cases as Cases
from atgt_cli.documents.report import Count as Count
from atgt_cli.documents.report import Propaganda as Propaganda
from atgt_cli.documents.report import Report as Report
from atgt_cli.documents.report import Shortfall as Shortfall
from atgt_cli.documents.report import Term as Term
from atgt_cli.documents.report import UnitLine as UnitLine
from atgt_cli.errors import InputError
from atgt_cli.jsonable import to_jsonable
from atgt_cli.labels import get_lang, language, t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.matching import Choice, match_one
from atgt_cli.services.period import Period
from atgt_cli.services.plandata import PlanData
from atgt_cli.services.status import (
    MET,
    PENDING,
    SHORT,
    Facts,
    Figures,
    Status,
    build_status,
    plan_and_period,
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
STRUCK_OFF = "xoa-ten"  # not a discipline form: counted apart
_OUTCOME_ORDER = ("kiem-diem", "khien-trach", "canh-cao", "cach-chuc", "khai-tru")


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
    """The report as asked on the command line; a period not over yet is reported up to today."""
    data, period = plan_and_period(
        store, env, plan, month=month, quarter=quarter, half=half, year=year
    )
    day = env.day(as_of, field="--as-of") if as_of else min(period.end, env.today)
    chosen = find_unit(store, unit, on=env.today) if unit else None
    with language("vi"):  # a Vietnamese document: its labels too, whatever --lang says
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
    kind = COMMITTEE if unit is None else ORGANISATION if unit.kind == "doan-the" else CELL
    scope = {unit.id} if unit else None
    w = _Windows(store, plan, period, as_of)
    status = build_status(store, plan, period, as_of=as_of, unit_ids=scope, facts=w.this_year)
    units = {u.id: u for u in queries.units(store.conn, period.end.isoformat())}
    since = stats.first_record(store.conn, plan_id=plan.id)
    data_since = dt.date.fromisoformat(since) if since else None
    has_last_year = data_since is not None and data_since <= w.last.start
    figures = w.figures(scope, has_last_year)
    cells = [u for u in status.units if u.kind == "chi-bo"]
    presented = sum(
        1 for u in cells for m in u.marks if m.target == _presenting(plan) and m.state == MET
    )
    committee = {u.id for u in units.values() if u.kind == "dang-uy"}
    report = Report(
        kind=kind,
        plan=plan.symbol,
        plan_kind=str(plan.data.get("kind", "Kế hoạch")),
        plan_date=_plan_date(plan),
        plan_issuer=str(plan.data.get("issuer", "")),
        plan_title=str(plan.data["title"]),
        period=period.key,
        period_kind=period.kind,
        period_number=period.number,
        year=period.year,
        start=period.start,
        end=period.end,
        as_of=as_of,
        complete=as_of >= period.end,
        unit=unit.name if unit else None,
        data_since=data_since,
        has_last_year=has_last_year,
        report_days=int(plan.data["rules"]["violation_report_days"]),
        attendance_measure=_attendance_measure(plan),
        documents_by_committee=0 if unit else w.figures(committee, False)[0].documents,
        plan_presented=(presented, len(cells)),
        propaganda=_propaganda(plan, figures, status),
        cases=_cases(w, plan, figures, scope, has_last_year),
        shortfalls=_shortfalls(plan, status),
        open_by_unit=[(u.unit, u.figures.open) for u in status.units if u.figures.open],
        units=[_line(plan, u) for u in status.units],
        case_list=_case_list(store, plan, period, as_of, unit, redact),
        channels=_channels(plan, status),
        notes={} if redact else _notes(store, period),
        redacted=redact,
    )
    return replace(report, fingerprint=_fingerprint(report, plan))


def _plan_date(plan: PlanData) -> dt.date:
    from atgt_cli.dates import parse_date

    return parse_date(str(plan.data["date"]))


def _presenting(plan: PlanData) -> str | None:
    """The target of a cell presenting the plan to its members (item III.1), if any."""
    return next(
        (x["id"] for x in plan.data["targets"] if (x.get("filter") or {}).get("items")), None
    )


def _attendance_measure(plan: PlanData) -> str:
    found = [
        x.get("aggregate", "mean") for x in plan.data["targets"] if x["metric"] == "attendance"
    ]
    return found[0] if found else "mean"


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
        self.open_now = stats.open_violations(
            store.conn, plan_id=plan.id, end=period.end.isoformat(), as_of=as_of.isoformat()
        )
        self._outcomes: dict[str, list[list[tuple[int, str, int]]]] = {}

    def figures(
        self, units: set[int] | None, last_year: bool
    ) -> tuple[Figures, Figures, Figures | None]:
        return (
            self.this_year.figures(units, self.months, self.open_now),
            self.this_year.figures(units, self.ytd_months, None),
            self.last_year.figures(units, self.last_months, None) if last_year else None,
        )

    def counted(
        self, column: str, date_column: str, units: set[int] | None
    ) -> dict[str, list[int]]:
        """value → [period, ytd, last year] counts of violations by a column."""
        key = f"{column}:{date_column}"
        if key not in self._outcomes:
            windows = [
                (self.period.start, self.period.end),
                (self.ytd.start, self.ytd.end),
                (self.last.start, self.last.end),
            ]
            self._outcomes[key] = [
                stats.violations_by(
                    self.store.conn,
                    plan_id=self.plan.id,
                    start=start.isoformat(),
                    end=end.isoformat(),
                    column=column,
                    date_column=date_column,
                )
                for start, end in windows
            ]
        out: dict[str, list[int]] = {}
        for i, rows in enumerate(self._outcomes[key]):
            for unit_id, value, n in rows:
                if units is None or unit_id in units:
                    out.setdefault(value, [0, 0, 0])[i] += n
        return out


def _count(figures: tuple[Figures, Figures, Figures | None], name: str) -> Count:
    now, ytd, last = figures
    return Count(getattr(now, name), getattr(ytd, name), getattr(last, name) if last else None)


def _propaganda(
    plan: PlanData, figures: tuple[Figures, Figures, Figures | None], status: Status
) -> Propaganda:
    apart = {c["code"] for c in plan.terms("channels") if c.get("web") or c.get("document")}
    now, ytd, last = figures
    by_channel = [
        Term(
            c["code"],
            plan.label("channels", c["code"]),
            Count(
                now.by_channel.get(c["code"], 0),
                ytd.by_channel.get(c["code"], 0),
                last.by_channel.get(c["code"], 0) if last else None,
            ),
        )
        for c in plan.terms("channels")
        if c["code"] not in apart
        and (now.by_channel.get(c["code"]) or ytd.by_channel.get(c["code"]))
    ]
    expected = {
        u.unit
        for u in status.units
        for m in u.marks
        if m.state != "na" and _metric(plan, m.target) == "sessions"
    }
    held = {u.unit for u in status.units if u.figures.sessions}
    return Propaganda(
        sessions=_count(figures, "sessions"),
        by_channel=by_channel,
        documents=_count(figures, "documents"),
        web_posts=_count(figures, "web_posts"),
        attendance=_count(figures, "attendance"),
        masses=_count(figures, "masses"),
        units_held=len(held),
        units_expected=len(expected | held),
    )


def _metric(plan: PlanData, target: str) -> str:
    return next(str(x["metric"]) for x in plan.data["targets"] if x["id"] == target)


def _cases(
    w: _Windows,
    plan: PlanData,
    figures: tuple[Figures, Figures, Figures | None],
    scope: set[int] | None,
    last_year: bool,
) -> Cases:
    def terms(found: dict[str, list[int]], label: Any, order: list[str]) -> list[Term]:
        return [
            Term(code, label(code), Count(n[0], n[1], n[2] if last_year else None))
            for code in order
            if (n := found.get(code)) and (n[0] or n[1])
        ]

    categories = w.counted("category", "known_on", scope)
    outcomes = w.counted("outcome", "decided_on", scope)
    category_order = [c["code"] for c in plan.terms("violation_categories")]
    struck = outcomes.get(STRUCK_OFF, [0, 0, 0])
    now = figures[0]
    return Cases(
        new=_count(figures, "violations"),
        by_category=terms(
            categories, lambda c: plan.label("violation_categories", c), category_order
        ),
        handled=_count(figures, "handled"),
        by_outcome=terms(outcomes, lambda c: t(f"outcome.{c}"), list(_OUTCOME_ORDER)),
        struck_off=Count(struck[0], struck[1], struck[2] if last_year else None),
        published=_count(figures, "published"),
        late=_count(figures, "reported_late"),
        open=now.open or 0,
    )


def _shortfalls(plan: PlanData, status: Status) -> list[Shortfall]:
    targets = {x["id"]: x for x in plan.data["targets"]}
    out = []
    for row in status.units:
        for mark in row.marks:
            if mark.state != SHORT:
                continue
            target = targets[mark.target]
            channels = (target.get("filter") or {}).get("channels") or []
            out.append(
                Shortfall(
                    unit=row.unit,
                    unit_kind=row.kind,
                    target=mark.target,
                    label=target["label_en"] if get_lang() == "en" else target["label"],
                    metric=target["metric"],
                    channels=[plan.label("channels", c) for c in channels],
                    value=mark.value,
                    threshold=float(target["threshold"]),
                    period=target["period"],
                )
            )
    return out


def _line(plan: PlanData, row: Any) -> UnitLine:
    targets = {x["id"]: x for x in plan.data["targets"]}
    label = "label_en" if get_lang() == "en" else "label"

    def marked(state: str) -> list[str]:
        return [targets[m.target][label] for m in row.marks if m.state == state]

    attendance = next(
        (m.value for m in row.marks if targets[m.target]["metric"] == "attendance"),
        row.figures.attendance,
    )
    f = row.figures
    return UnitLine(
        unit=row.unit,
        kind=row.kind,
        by_channel=dict(f.by_channel),
        sessions=f.sessions,
        documents=f.documents,
        web_posts=f.web_posts,
        attendance=None if attendance is None else round(attendance, 1),
        masses=f.masses,
        violations=f.violations,
        met=marked(MET),
        short=marked(SHORT),
        pending=marked(PENDING),
    )


def _channels(plan: PlanData, status: Status) -> list[tuple[str, str]]:
    """The channels the annex shows a column for: those used in the period or asked by a target."""
    asked = {c for x in plan.data["targets"] for c in (x.get("filter") or {}).get("channels") or []}
    used = {c for u in status.units for c in u.figures.by_channel}
    return [
        (c["code"], plan.label("channels", c["code"]))
        for c in plan.terms("channels")
        if c["code"] in used | asked
    ]


def _case_list(
    store: Store,
    plan: PlanData,
    period: Period,
    as_of: dt.date,
    unit: queries.UnitRow | None,
    redact: bool,
) -> list[Case]:
    """The cases the period is about: learned of in it, handled in it, or still open."""
    from atgt_cli.services.violations import view

    start, end = period.start.isoformat(), period.end.isoformat()
    where = queries.ViolationFilter(unit.id if unit else None, None, end)
    out = []
    for row in queries.violations(store.conn, where):
        if row.plan_id != plan.id:
            continue
        v = view(row, plan, as_of)
        decided = v.decided_on if v.decided_on and v.decided_on <= as_of.isoformat() else None
        if not (start <= v.known_on <= end or (decided and decided >= start) or not decided):
            continue
        waiting = v.reported_on is None and not v.late
        out.append(
            Case(
                id=v.id,
                member=v.member_code if redact else v.member,
                unit=v.unit,
                occurred_on=dt.date.fromisoformat(v.occurred_on),
                known_on=dt.date.fromisoformat(v.known_on),
                category=plan.label("violation_categories", v.category),
                alcohol_breath=v.alcohol_breath,
                alcohol_blood=v.alcohol_blood,
                alcohol_tier=v.alcohol_tier,
                outcome=t(f"outcome.{v.outcome}") if decided and v.outcome else None,
                decided_by=t(f"decider.{v.decided_by}") if decided and v.decided_by else None,
                published=bool(v.published_on and v.published_on <= as_of.isoformat()),
                reported="waiting" if waiting else "late" if v.late else "on_time",
            )
        )
    return sorted(out, key=lambda c: (c.known_on, c.id))


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
