"""Closed months: once a month's report is filed, its records stay as they were."""

from __future__ import annotations

import datetime as dt

from atgt_cli.dates import format_date, parse_month
from atgt_cli.documents.records import PeriodLock as PeriodLock
from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shown(month: str) -> str:
    """2026-11 → 11/2026, as offices write a month."""
    year, number = month.split("-")
    return f"{int(number)}/{year}"


def ensure_open(store: Store, *days: dt.date) -> None:
    """Refuse a write touching a record dated in a closed month."""
    closed = queries.locked_months(store.conn)
    for day in days:
        if month_key(day) in closed:
            month = shown(month_key(day))
            raise InputError(t("period.locked", month=month, date=format_date(day)))


def list_locks(store: Store) -> list[PeriodLock]:
    return [PeriodLock(m, at, by) for m, (at, by) in queries.locked_months(store.conn).items()]


def close_month(store: Store, env: Env, text: str) -> str:
    month = _month(text)
    with store.transaction() as tx:
        if month in queries.locked_months(store.conn):
            raise InputError(t("period.already_closed", month=shown(month)))
        now = utc_now()
        writes.close_period(tx, month=month, closed_at=now, closed_by=env.actor)
        writes.insert_audit(tx, at=now, actor=env.actor, action="close", entity=f"period:{month}")
    return shown(month)


def reopen_month(store: Store, env: Env, text: str, *, reason: str) -> str:
    month = _month(text)
    if not reason.strip():
        raise InputError(t("reason.needed", option="--reason"))
    with store.transaction() as tx:
        if month not in queries.locked_months(store.conn):
            raise InputError(t("period.not_closed", month=shown(month)))
        writes.reopen_period(tx, month=month)
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="reopen",
            entity=f"period:{month}",
            reason=reason.strip(),
        )
    return shown(month)


def _month(text: str) -> str:
    try:
        year, month = parse_month(text)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return f"{year:04d}-{month:02d}"
