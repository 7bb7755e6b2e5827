"""Propaganda sessions (buổi tuyên truyền): recorded, checked against the plan, audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from atgt_cli.dates import format_date
from atgt_cli.errors import InputError, NotFoundError
from atgt_cli.labels import t
from atgt_cli.services.context import MAX_COUNT, Env, utc_now
from atgt_cli.services.locks import ensure_open
from atgt_cli.services.plandata import PlanData, current_plan, plan_data
from atgt_cli.services.units import active_unit, find_unit
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store
from atgt_cli.text import nfc

_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class SessionInput:
    """A session as typed: names and dates as text, resolved and checked by the service.

    On edit, None means "leave as it is" and "" clears a text field.
    """

    unit: str | None = None
    date: str | None = None
    channel: str | None = None
    topics: list[str] | None = None
    item: str | None = None
    present: int | None = None
    total: int | None = None
    masses: int | None = None
    title: str | None = None
    url: str | None = None
    note: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class SessionFilterInput:
    unit: str | None = None
    month: str | None = None
    start: str | None = None
    end: str | None = None
    channel: str | None = None
    item: str | None = None
    deleted: bool = False


def add_session(store: Store, env: Env, data: SessionInput) -> queries.SessionRow:
    plan = current_plan(store)
    for name in ("unit", "date", "channel"):
        if not getattr(data, name):
            raise InputError(t("field.required", field=f"--{name}"))
    values = _check(store, env, plan, data, base={"plan_id": plan.id})
    held_on = dt.date.fromisoformat(values["held_on"])
    with store.transaction() as tx:
        ensure_open(store, held_on)
        now = utc_now()
        session_id = writes.insert_session(tx, data=writes.NewSession(**values), created_at=now)
        writes.insert_audit(
            tx,
            at=now,
            actor=env.actor,
            action="create",
            entity=f"session:{session_id}",
            after=values,
        )
    return get_session(store, session_id)


def edit_session(
    store: Store, env: Env, session_id: int, data: SessionInput
) -> tuple[queries.SessionRow, bool]:
    """Apply the fields given; returns the session and whether anything changed."""
    old = get_session(store, session_id)
    if old.deleted_at is not None:
        raise InputError(t("session.deleted", id=session_id))
    plan = plan_data(store, old.plan_id)
    before = _stored(old)
    merged = dataclasses.replace(
        SessionInput(
            unit=old.unit,
            date=old.held_on,
            channel=old.channel,
            topics=old.topics,
            item=old.item,
            present=old.present,
            total=old.total,
            masses=old.masses,
            title=old.title,
            url=old.url,
            note=old.note,
            evidence=old.evidence,
        ),
        **{k: v for k, v in dataclasses.asdict(data).items() if v is not None},
    )
    after = _check(store, env, plan, merged, base={"plan_id": old.plan_id, "unit_id": old.unit_id})
    changes = {k: v for k, v in after.items() if before.get(k) != v}
    if not changes:
        return old, False
    with store.transaction() as tx:
        ensure_open(
            store, dt.date.fromisoformat(old.held_on), dt.date.fromisoformat(after["held_on"])
        )
        writes.update_session(tx, session_id=session_id, changes=changes)
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="update",
            entity=f"session:{session_id}",
            before={k: before.get(k) for k in changes},
            after=changes,
        )
    return get_session(store, session_id), True


def delete_session(store: Store, env: Env, session_id: int, *, reason: str) -> queries.SessionRow:
    old = get_session(store, session_id)
    if old.deleted_at is not None:
        raise InputError(t("session.deleted", id=session_id))
    if not reason.strip():
        raise InputError(t("reason.needed", option="--reason"))
    with store.transaction() as tx:
        ensure_open(store, dt.date.fromisoformat(old.held_on))
        now = utc_now()
        writes.update_session(
            tx, session_id=session_id, changes={"deleted_at": now, "deleted_reason": nfc(reason)}
        )
        writes.insert_audit(
            tx,
            at=now,
            actor=env.actor,
            action="delete",
            entity=f"session:{session_id}",
            before=_stored(old),
            reason=nfc(reason),
        )
    return get_session(store, session_id)


def get_session(store: Store, session_id: int) -> queries.SessionRow:
    row = queries.session(store.conn, session_id)
    if row is None:
        raise NotFoundError(t("session.unknown", id=session_id))
    return row


def list_sessions(store: Store, env: Env, where: SessionFilterInput) -> list[queries.SessionRow]:
    start, end = env.span(month=where.month, start=where.start, end=where.end)
    unit_id = find_unit(store, where.unit, on=env.today).id if where.unit else None
    channel = item = None
    if where.channel or where.item:
        plan = current_plan(store)
        channel = (
            plan.match("channels", where.channel, field="--channel") if where.channel else None
        )
        item = plan.match_item(where.item) if where.item else None
    query = queries.SessionFilter(unit_id, start, end, channel, item, where.deleted)
    return queries.sessions(store.conn, query)


def _stored(row: queries.SessionRow) -> dict[str, Any]:
    keys = [k for k in writes.SESSION_COLUMNS if k != "topics"]
    out = {k: getattr(row, k) for k in keys}
    out["topics"] = json.dumps(row.topics, ensure_ascii=False)
    return out


def _check(
    store: Store, env: Env, plan: PlanData, data: SessionInput, *, base: dict[str, Any]
) -> dict[str, Any]:
    """Resolve every name, check every rule; the message names the field at fault."""
    assert data.unit and data.date and data.channel
    held_on = env.day(data.date, field="--date")
    if held_on > env.today:
        raise InputError(
            t(
                "date.future",
                field="--date",
                date=format_date(held_on),
                today=format_date(env.today),
            )
        )
    if held_on < plan.date:
        raise InputError(
            t(
                "date.before_plan",
                field="--date",
                date=format_date(held_on),
                plan=plan.symbol,
                plan_date=format_date(plan.date),
            )
        )
    unit = find_unit(store, data.unit, on=held_on)
    if unit.id != base.get("unit_id"):  # an edit may keep the unit it had, retired or not
        unit = active_unit(store, data.unit, on=held_on)
    channel = plan.match("channels", data.channel, field="--channel")
    topics = list(
        dict.fromkeys(plan.match("topics", x, field="--topic") for x in data.topics or [])
    )
    item = plan.match_item(data.item) if data.item else None
    for name in ("present", "total", "masses"):
        value = getattr(data, name)
        if value is not None and value < 0:
            raise InputError(t("field.negative", field=f"--{name}", value=value))
        if value is not None and value > MAX_COUNT:
            raise InputError(t("field.too_large", field=f"--{name}", value=value, limit=MAX_COUNT))
    total = data.total
    if data.present is not None and total is None:
        counts = queries.members_on(store.conn, unit.id, held_on.isoformat())
        if counts is None:
            raise InputError(t("session.total_unknown", unit=unit.name, date=format_date(held_on)))
        total = counts[0] - counts[1]
    if data.present is not None and total is not None and data.present > total:
        raise InputError(t("session.present_over", present=data.present, total=total))
    url = _text(data.url)
    if url is not None and not _URL.match(url):
        raise InputError(t("session.bad_url", field="--url", value=url))
    if plan.term("channels", channel).get("web") and url is None:
        raise InputError(t("session.url_needed", channel=plan.label("channels", channel)))
    return {
        **base,
        "unit_id": unit.id,
        "held_on": held_on.isoformat(),
        "channel": channel,
        "topics": json.dumps(topics, ensure_ascii=False),
        "item": item,
        "present": data.present,
        "total": total,
        "masses": data.masses,
        "title": _text(data.title),
        "url": url,
        "note": _text(data.note),
        "evidence": _evidence(data.evidence),
    }


def _text(value: str | None) -> str | None:
    return nfc(value) or None if value is not None else None


def _evidence(value: str | None) -> str | None:
    text = _text(value)
    if text is None or _URL.match(text):
        return text
    path = Path(text).expanduser()
    if not path.exists():
        raise InputError(t("session.no_evidence", field="--evidence", value=text))
    return str(path.resolve())
