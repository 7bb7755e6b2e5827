"""SQLModel tables: the write side of the store. They mirror store/migrations (a test checks)."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Meta(SQLModel, table=True):
    __tablename__ = "meta"

    key: str = Field(primary_key=True)
    value: str


class PlanBase(SQLModel):
    symbol: str
    symbol_key: str
    created_at: str


class PlanRecord(PlanBase, table=True):
    __tablename__ = "plan"

    id: int | None = Field(default=None, primary_key=True)


class PlanRevisionBase(SQLModel):
    rev: int
    content_hash: str
    source_name: str
    source_text: str
    data: str
    loaded_at: str
    loaded_by: str


class PlanRevisionCreate(PlanRevisionBase):
    pass


class PlanRevision(PlanRevisionBase, table=True):
    __tablename__ = "plan_revision"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
