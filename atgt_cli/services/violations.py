"""Members' violations: recorded with the decree's alcohol tier, handled under Quy định 69,
published, reported to the Đảng ủy Sở on time or late."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from atgt_cli.dates import format_date
from atgt_cli.documents.records import ViolationView as ViolationView
from atgt_cli.errors import InputError, NotFoundError, RowProblem
from atgt_cli.labels import t
from atgt_cli.services import discipline
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.locks import ensure_open
from atgt_cli.services.members import MemberInput, ensure_member
from atgt_cli.services.plandata import PlanData, current_plan, plan_data
from atgt_cli.services.rules import Checks, as_options
from atgt_cli.services.rules import violations as rules
from atgt_cli.services.units import find_unit
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store
from atgt_cli.text import nfc


@dataclass(frozen=True)
class ViolationInput:
    """A violation as typed; unit, member, category and date are required (checked on add)."""

    unit: str | None = None
    member: str | None = None
    category: str | None = None
    date: str | None = None
    membership: str | None = None
    party_post: str | None = None
    state_title: str | None = None
    known_on: str | None = None
    detected_by: str | None = None
    alcohol_breath: float | str | None = None  # "0,25" as typed: rules.level reads it
    alcohol_blood: float | str | None = None
    reported_on: str | None = None
    note: str | None = None
    content: str | None = None  # what the violation was; its category is found in it


@dataclass(frozen=True)
class ViolationFilterInput:
    unit: str | None = None
    month: str | None = None
    start: str | None = None
    end: str | None = None
    category: str | None = None
    open: bool = False
    late: bool = False
    unpublished: bool = False
    deleted: bool = False  # the deleted ones instead of the others


@dataclass(frozen=True)
class ViolationEdit:
    """A violation's fields as typed on `violation edit`: None leaves a field as it is, ""
    clears a field that may be empty. Levels are text ("0,25"), so that "" clears one."""

    unit: str | None = None
    member: str | None = None
    category: str | None = None
    date: str | None = None
    membership: str | None = None
    party_post: str | None = None
    state_title: str | None = None
    known_on: str | None = None
    detected_by: str | None = None
    alcohol_breath: str | None = None
    alcohol_blood: str | None = None
    reported_on: str | None = None
    note: str | None = None
    content: str | None = None
    outcome: str | None = None
    decided_on: str | None = None
    decided_by: str | None = None
    decision: str | None = None
    published_on: str | None = None
    published_where: str | None = None


def add_violation(store: Store, env: Env, data: ViolationInput) -> ViolationView:
    plan = current_plan(store)
    with as_options(rules.OPTIONS):
        found = rules.check(Checks(store, env, plan), dataclasses.asdict(data))
    values: dict[str, Any] = {"plan_id": plan.id, **found.values}
    unit_id = values["unit_id"]
    occurred = dt.date.fromisoformat(values["occurred_on"])
    reported = dt.date.fromisoformat(values["reported_on"]) if values["reported_on"] else None
    person = MemberInput(
        name=found.member,
        membership=found.membership,
        party_post=found.party_post,
        state_title=found.state_title,
    )
    with store.transaction() as tx:
        ensure_open(store, occurred, *([reported] if reported else []))
        values["member_id"] = ensure_member(store, env, tx, unit_id=unit_id, data=person)
        now = utc_now()
        violation_id = writes.insert_violation(
            tx, data=writes.NewViolation(**values), created_at=now
        )
        writes.insert_audit(
            tx,
            at=now,
            actor=env.actor,
            action="create",
            entity=f"violation:{violation_id}",
            after=values,
        )
    return get_violation(store, env, violation_id)


def handle_violation(
    store: Store,
    env: Env,
    violation_id: int,
    *,
    outcome: str,
    decided_on: str,
    decided_by: str,
    decision: str | None = None,
) -> ViolationView:

    record = live_violation(store, env, violation_id)
    day = env.day(decided_on, field="--decided-on")
    with as_options(rules.OPTIONS):
        outcome = rules.coded("outcome", outcome)
        decided_by = rules.coded("decided_by", decided_by)
        discipline.check_decision_date(
            day,
            occurred_on=dt.date.fromisoformat(record.occurred_on),
            known_on=dt.date.fromisoformat(record.known_on),
            today=env.today,
        )
        if decided_by not in discipline.DECIDERS:
            choices = ", ".join(discipline.DECIDERS)
            raise RowProblem("decided_by", "match.unknown", value=decided_by, choices=choices)
        discipline.check_outcome(
            outcome,
            membership=discipline.membership_on(
                queries.membership_changes(store.conn, record.member_id),
                dt.date.fromisoformat(record.occurred_on),
            ),
            party_post=record.party_post,
            state_title=record.state_title,
            decided_by=decided_by,
            rules=discipline.authority(plan_data(store, record.plan_id).data),
            member=record.member_code,
        )
    changes = {
        "outcome": outcome,
        "decided_on": day.isoformat(),
        "decided_by": decided_by,
        "decision": _text(decision),
    }
    earlier = [dt.date.fromisoformat(record.decided_on)] if record.decided_on else []
    return _change(store, env, record, "handle", changes, [day, *earlier])


def publish_violation(
    store: Store, env: Env, violation_id: int, *, on: str, where: str
) -> ViolationView:

    record = live_violation(store, env, violation_id)
    if record.decided_on is None:
        raise InputError(t("violation.not_handled", id=violation_id))
    day = _past(env, on, "--on")
    with as_options(rules.OPTIONS):
        rules.check_published(day, decided=dt.date.fromisoformat(record.decided_on))
    place = nfc(where)
    if not place:
        raise InputError(t("field.empty", field="--where"))
    changes = {"published_on": day.isoformat(), "published_where": place}
    return _change(store, env, record, "publish", changes, [day])


def report_violation(store: Store, env: Env, violation_id: int, *, on: str) -> ViolationView:
    """Record the day the cell reported the violation to the Đảng ủy Sở."""

    record = live_violation(store, env, violation_id)
    day = _past(env, on, "--on")
    known = dt.date.fromisoformat(record.known_on)
    if day < known:
        raise InputError(
            t("violation.reported_before", reported=format_date(day), known=format_date(known))
        )
    return _change(store, env, record, "report", {"reported_on": day.isoformat()}, [day])


def _change(
    store: Store,
    env: Env,
    record: ViolationView,
    action: str,
    changes: dict[str, Any],
    days: list[dt.date],
) -> ViolationView:
    """One audited change of a violation, each event locked by its own date."""
    with store.transaction() as tx:
        ensure_open(store, *days)
        writes.update_violation(tx, violation_id=record.id, changes=changes)
        before = {k: getattr(record, k) for k in changes}
        entity = f"violation:{record.id}"
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action=action,
            entity=entity,
            before=before,
            after=changes,
        )
    return get_violation(store, env, record.id)


def live_violation(store: Store, env: Env, violation_id: int) -> ViolationView:
    """A violation that may still change: a deleted one is kept only for the log."""
    record = get_violation(store, env, violation_id)
    if record.deleted_at is not None:
        raise InputError(t("violation.deleted", id=violation_id))
    return record


def get_violation(
    store: Store, env: Env, violation_id: int, *, redact: bool = False
) -> ViolationView:
    row = queries.violation(store.conn, violation_id)
    if row is None:
        raise NotFoundError(t("violation.unknown", id=violation_id))
    found = view(row, plan_data(store, row.plan_id), env.today)
    return redacted(found) if redact else found


def list_violations(
    store: Store, env: Env, where: ViolationFilterInput, *, redact: bool = False
) -> list[ViolationView]:
    start, end = env.span(month=where.month, start=where.start, end=where.end)
    unit_id = find_unit(store, where.unit, on=env.today).id if where.unit else None
    category = (
        current_plan(store).match("violation_categories", where.category, field="--category")
        if where.category
        else None
    )
    query = queries.ViolationFilter(unit_id, start, end, category, deleted=where.deleted)
    rows = queries.violations(store.conn, query)
    plans: dict[int, PlanData] = {}
    views = [
        view(row, plans.setdefault(row.plan_id, plan_data(store, row.plan_id)), env.today)
        for row in rows
    ]
    return [
        redacted(v) if redact else v
        for v in views
        if (not where.open or v.open)
        and (not where.late or v.late)
        and (not where.unpublished or not v.published)
    ]


def view(row: queries.ViolationRow, plan: PlanData, today: dt.date) -> ViolationView:
    days = int(plan.data["rules"]["violation_report_days"])
    known = dt.date.fromisoformat(row.known_on)
    reported = dt.date.fromisoformat(row.reported_on) if row.reported_on else None
    return ViolationView(
        **dataclasses.asdict(row),
        deadline=discipline.report_deadline(known, days),
        late=discipline.reported_late(known_on=known, reported_on=reported, days=days, today=today),
        open=row.outcome is None,
        published=row.published_on is not None,
    )


def _past(env: Env, text: str, field: str) -> dt.date:
    day = env.day(text, field=field)
    if day > env.today:
        raise InputError(
            t("date.future", field=field, date=format_date(day), today=format_date(env.today))
        )
    return day


def _text(value: str | None) -> str | None:
    return (nfc(value) or None) if value is not None else None


def redacted(view: ViolationView) -> ViolationView:
    from atgt_cli.services import redact

    return redact.violation(view)
