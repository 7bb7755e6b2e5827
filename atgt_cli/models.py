"""SQLModel tables: the one declaration of the store's tables. They mirror store/migrations and the
New… records of store/writes.py (tests check both); the ORM itself is not loaded to write."""

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


class UnitBase(SQLModel):
    name: str
    name_key: str
    kind: str
    parent_id: int | None = Field(default=None, foreign_key="unit.id")
    retired_on: str | None = None


class Unit(UnitBase, table=True):
    __tablename__ = "unit"

    id: int | None = Field(default=None, primary_key=True)
    created_at: str
    import_batch: int | None = Field(default=None, foreign_key="import_batch.id")


class UnitAliasBase(SQLModel):
    """Another name of a unit, as offices write it; matched like its name."""

    unit_id: int = Field(foreign_key="unit.id")
    alias: str
    alias_key: str


class UnitAlias(UnitAliasBase, table=True):
    __tablename__ = "unit_alias"

    id: int | None = Field(default=None, primary_key=True)
    created_at: str
    import_batch: int | None = Field(default=None, foreign_key="import_batch.id")


class UnitMembers(SQLModel, table=True):
    __tablename__ = "unit_members"

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    since: str
    members: int
    exempt: int = 0


class SessionBase(SQLModel):
    """A propaganda session (buổi tuyên truyền); a website post is one on the web channel."""

    plan_id: int = Field(foreign_key="plan.id")
    unit_id: int = Field(foreign_key="unit.id")
    held_on: str
    channel: str
    topics: str = "[]"
    item: str | None = None
    present: int | None = None
    total: int | None = None
    masses: int | None = None
    title: str | None = None
    url: str | None = None
    note: str | None = None
    evidence: str | None = None
    content: str | None = None  # what was said, as written; topics are found in it
    total_from_count: int = 0  # 1: the total is the unit's member count, not typed


class PropagandaSession(SessionBase, table=True):
    __tablename__ = "propaganda_session"

    id: int | None = Field(default=None, primary_key=True)
    created_at: str
    deleted_at: str | None = None
    deleted_reason: str | None = None
    import_batch: int | None = Field(default=None, foreign_key="import_batch.id")


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: str
    actor: str
    action: str
    entity: str
    before: str | None = None
    after: str | None = None
    reason: str | None = None


class PeriodLock(SQLModel, table=True):
    __tablename__ = "period_lock"

    month: str = Field(primary_key=True)
    closed_at: str
    closed_by: str


class MemberBase(SQLModel):
    unit_id: int = Field(foreign_key="unit.id")
    name: str
    name_key: str
    # chinh-thuc, du-bi or chua-ro (not known: a register without the column); no default,
    # never a silent chính thức (migration 0013).
    membership: str
    membership_since: str | None = None
    party_post: str | None = None
    state_title: str | None = None


class Member(MemberBase, table=True):
    __tablename__ = "member"

    id: int | None = Field(default=None, primary_key=True)
    code: str
    created_at: str
    import_batch: int | None = Field(default=None, foreign_key="import_batch.id")


class MemberMembershipBase(SQLModel):
    """A change of a member's membership: dự bị or chính thức since a day (None: from the
    start). The rules read the membership on a violation's day from these (migration 0012)."""

    member_id: int = Field(foreign_key="member.id")
    membership: str
    since: str | None = None


class MemberMembership(MemberMembershipBase, table=True):
    __tablename__ = "member_membership"

    id: int | None = Field(default=None, primary_key=True)
    created_at: str
    import_batch: int | None = Field(default=None, foreign_key="import_batch.id")


class ViolationBase(SQLModel):
    plan_id: int = Field(foreign_key="plan.id")
    unit_id: int = Field(foreign_key="unit.id")
    member_id: int = Field(foreign_key="member.id")
    category: str
    occurred_on: str
    known_on: str
    detected_by: str | None = None
    alcohol_breath: float | None = None
    alcohol_blood: float | None = None
    alcohol_tier: int | None = None
    decree: str | None = None
    reported_on: str | None = None
    note: str | None = None
    content: str | None = None  # what the violation was, as the register writes it


class Violation(ViolationBase, table=True):
    __tablename__ = "violation"

    id: int | None = Field(default=None, primary_key=True)
    outcome: str | None = None
    decided_on: str | None = None
    decided_by: str | None = None
    decision: str | None = None
    published_on: str | None = None
    published_where: str | None = None
    deleted_at: str | None = None
    deleted_reason: str | None = None
    created_at: str
    import_batch: int | None = Field(default=None, foreign_key="import_batch.id")


class ReportNote(SQLModel, table=True):
    __tablename__ = "report_note"

    id: int | None = Field(default=None, primary_key=True)
    period: str
    section: str
    text: str
    created_at: str
    created_by: str


class ImportBatch(SQLModel, table=True):
    __tablename__ = "import_batch"

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    file_name: str
    content_hash: str
    rows: int
    added: int
    updated: int
    skipped: int
    created_at: str
    created_by: str
    undone_at: str | None = None
    undone_by: str | None = None


class ImportChange(SQLModel, table=True):
    __tablename__ = "import_change"

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="import_batch.id")
    entity: str
    row_id: int
    before: str
