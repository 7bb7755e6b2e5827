"""Propaganda sessions (buổi tuyên truyền): recorded, checked against the plan, audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from atgt_cli.errors import InputError, NotFoundError
from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.locks import ensure_open
from atgt_cli.services.plandata import PlanData, current_plan, plan_data
from atgt_cli.services.rules import Checks, as_options
from atgt_cli.services.rules import sessions as rules
from atgt_cli.services.units import find_unit
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store
from atgt_cli.text import nfc


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
    present: int | str | None = None  # as typed ("1.200"): rules.count reads it
    total: int | str | None = None
    masses: int | str | None = None
    title: str | None = None
    url: str | None = None
    note: str | None = None
    evidence: str | None = None
    content: str | None = None  # what was said; its topics are found in it unless given


@dataclass(frozen=True)
class SessionFilterInput:
    unit: str | None = None
    month: str | None = None
    start: str | None = None
    end: str | None = None
    channel: str | None = None
    item: str | None = None
    deleted: bool = False


def add_session(
    store: Store, env: Env, data: SessionInput, *, allow_duplicate: bool = False
) -> queries.SessionRow:
    """Record a session; one identical to a stored one (rules/sessions.check_repeat) is refused
    unless allow_duplicate (two sessions on one day, with the same words, do happen)."""
    plan = current_plan(store)
    new = _checked(store, env, plan, data)
    values = dataclasses.asdict(new)
    with store.transaction() as tx:
        ensure_open(store, dt.date.fromisoformat(new.held_on))
        if not allow_duplicate:
            with as_options(rules.OPTIONS):
                rules.check_repeat(Checks(store, env, plan), new)
        now = utc_now()
        session_id = writes.insert_session(tx, data=new, created_at=now)
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
    store: Store, env: Env, session_id: int, data: SessionInput, *, allow_duplicate: bool = False
) -> tuple[queries.SessionRow, bool]:
    """Apply the fields given; returns the session and whether anything changed. An edit that
    makes the session identical to another stored one is refused, unless allow_duplicate."""
    old = get_session(store, session_id)
    if old.deleted_at is not None:
        raise InputError(t("session.deleted", id=session_id))
    before = _stored(old)
    merged = dataclasses.replace(
        SessionInput(
            unit=old.unit,
            date=old.held_on,
            channel=old.channel,
            topics=old.topics,
            item=old.item,
            present=old.present,
            total=None if old.total_from_count else old.total,  # taken again from the count
            masses=old.masses,
            title=old.title,
            url=old.url,
            note=old.note,
            evidence=old.evidence,
            content=old.content,
        ),
        **{k: v for k, v in dataclasses.asdict(data).items() if v is not None},
    )
    plan = plan_data(store, old.plan_id)
    new = _checked(store, env, plan, merged, keep_unit=old.unit_id)
    after = dataclasses.asdict(new)
    changes = {k: v for k, v in after.items() if before.get(k) != v}
    if not changes:
        return old, False
    with store.transaction() as tx:
        ensure_open(
            store, dt.date.fromisoformat(old.held_on), dt.date.fromisoformat(after["held_on"])
        )
        if not allow_duplicate and _SAME_AS.intersection(changes):
            with as_options(rules.OPTIONS):
                rules.check_repeat(Checks(store, env, plan), new, excluding=session_id)
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


# What makes two sessions the same one (rules/sessions.check_repeat).
_SAME_AS = {"unit_id", "held_on", "channel", "content", "url"}


def _checked(
    store: Store, env: Env, plan: PlanData, data: SessionInput, *, keep_unit: int | None = None
) -> writes.NewSession:
    """The session's rules (services/rules/sessions.py), a problem named by its option."""
    typed = dataclasses.asdict(data)
    with as_options(rules.OPTIONS):
        return rules.check(
            Checks(store, env, plan), typed, plan_id=plan.id, typed=True, keep_unit=keep_unit
        )


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
