"""Records as the store reads them (units, sessions, members, violations, the audit log) and as
the rules show them (a violation with its deadline, a closed month)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    kind: str
    parent: str | None
    retired_on: str | None
    members: int | None  # in force on the day asked for
    exempt: int | None
    aliases: tuple[str, ...] = ()  # other names it is matched by


@dataclass(frozen=True)
class SessionRow:
    id: int
    plan_id: int
    unit_id: int
    unit: str
    held_on: str
    channel: str
    topics: list[str]
    item: str | None
    present: int | None
    total: int | None
    masses: int | None
    title: str | None
    url: str | None
    note: str | None
    evidence: str | None
    content: str | None
    total_from_count: int  # 1: the total is the unit's member count, not typed
    created_at: str
    deleted_at: str | None
    deleted_reason: str | None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    actor: str
    action: str
    entity: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None


@dataclass(frozen=True)
class ReportNoteRow:
    """One of the office's notes on a period's report (`atgt report note`)."""

    id: int
    period: str  # 2026-11, 2026-Q4, 2026-H2, 2026
    section: str
    text: str
    created_at: str
    created_by: str


@dataclass(frozen=True)
class MemberRow:
    id: int
    code: str
    unit_id: int
    unit: str
    name: str
    membership: str
    membership_since: str | None
    party_post: str | None
    state_title: str | None


@dataclass(frozen=True)
class ViolationRow:
    id: int
    plan_id: int
    unit_id: int
    unit: str
    member_id: int
    member_code: str
    member: str
    membership: str
    party_post: str | None
    state_title: str | None
    category: str
    occurred_on: str
    known_on: str
    detected_by: str | None
    alcohol_breath: float | None
    alcohol_blood: float | None
    alcohol_tier: int | None
    decree: str | None
    reported_on: str | None
    note: str | None
    content: str | None
    outcome: str | None
    decided_on: str | None
    decided_by: str | None
    decision: str | None
    published_on: str | None
    published_where: str | None
    created_at: str
    deleted_at: str | None  # kept, out of every count and list (`violation delete`)
    deleted_reason: str | None


@dataclass(frozen=True)
class ViolationView(ViolationRow):
    """A violation with what the rules say of it today."""

    deadline: dt.date  # to be reported to the Đảng ủy Sở by
    late: bool
    open: bool  # not handled yet
    published: bool


@dataclass(frozen=True)
class PeriodLock:
    month: str  # YYYY-MM
    closed_at: str
    closed_by: str
