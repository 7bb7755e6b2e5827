"""The writes, through SQLModel: keyword-only functions taking the session first."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, SQLModel, select

from atgt_cli.models import (
    AuditLog,
    Meta,
    PeriodLock,
    PlanRevision,
    PlanRevisionCreate,
    UnitMembers,
)


def get_meta(db: Session, *, key: str) -> str:
    row = db.get(Meta, key)
    return row.value if row is not None else ""


def set_meta(db: Session, *, key: str, value: str) -> None:
    row = db.get(Meta, key) or Meta(key=key, value=value)
    row.value = value
    db.add(row)


def insert(db: Session, row: SQLModel) -> int:
    """Add one row; returns its new id."""
    db.add(row)
    db.flush()
    ident = getattr(row, "id", None)
    assert isinstance(ident, int)
    return ident


def add_plan_revision(db: Session, *, plan_id: int, data: PlanRevisionCreate) -> None:
    db.add(PlanRevision.model_validate(data, update={"plan_id": plan_id}))


def audit(
    db: Session,
    *,
    at: str,
    actor: str,
    action: str,
    entity: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """One line of the audit log, written in the same transaction as the change it records."""

    def dump(value: dict[str, Any] | None) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    db.add(
        AuditLog(
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            before=dump(before),
            after=dump(after),
            reason=reason,
        )
    )


def set_members(db: Session, *, unit_id: int, since: str, members: int, exempt: int) -> None:
    """The member count in force from `since` (replacing one recorded for that same day)."""
    row = db.exec(
        select(UnitMembers).where(UnitMembers.unit_id == unit_id, UnitMembers.since == since)
    ).first()
    row = row or UnitMembers(unit_id=unit_id, since=since, members=members, exempt=exempt)
    row.members, row.exempt = members, exempt
    db.add(row)


def close_period(db: Session, *, month: str, closed_at: str, closed_by: str) -> None:
    db.add(PeriodLock(month=month, closed_at=closed_at, closed_by=closed_by))


def reopen_period(db: Session, *, month: str) -> None:
    row = db.get(PeriodLock, month)
    if row is not None:
        db.delete(row)


def update(db: Session, table: type[SQLModel], row_id: int | str, **changes: Any) -> None:
    """Set some columns of one row (the caller has checked it exists)."""
    row = db.get(table, row_id)
    assert row is not None, (table.__name__, row_id)
    for name, value in changes.items():
        setattr(row, name, value)
    db.add(row)
