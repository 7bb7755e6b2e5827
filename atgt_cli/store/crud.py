"""The writes, through SQLModel: keyword-only functions taking the session first."""

from __future__ import annotations

from sqlmodel import Session

from atgt_cli.models import Meta, PlanRecord, PlanRevision, PlanRevisionCreate


def get_meta(db: Session, *, key: str) -> str:
    row = db.get(Meta, key)
    return row.value if row is not None else ""


def set_meta(db: Session, *, key: str, value: str) -> None:
    row = db.get(Meta, key) or Meta(key=key, value=value)
    row.value = value
    db.add(row)


def add_plan(db: Session, *, symbol: str, symbol_key: str, created_at: str) -> int:
    record = PlanRecord(symbol=symbol, symbol_key=symbol_key, created_at=created_at)
    db.add(record)
    db.flush()
    assert record.id is not None
    return record.id


def add_plan_revision(db: Session, *, plan_id: int, data: PlanRevisionCreate) -> None:
    db.add(PlanRevision.model_validate(data, update={"plan_id": plan_id}))
