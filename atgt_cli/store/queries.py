"""The reads of the quick commands, as plain SQL on the sqlite3 driver (no ORM import)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PlanRow:
    id: int
    symbol: str
    is_current: bool
    revisions: int
    latest_rev: int
    title: str
    loaded_at: str
    loaded_by: str


@dataclass(frozen=True)
class RevisionRow:
    plan_id: int
    symbol: str
    rev: int
    content_hash: str
    source_name: str
    source_text: str
    data: str
    loaded_at: str
    loaded_by: str
    is_current: bool


_PLANS = """
SELECT p.id, p.symbol, CAST(p.id AS TEXT) = m.value AS is_current,
       (SELECT count(*) FROM plan_revision WHERE plan_id = p.id) AS revisions,
       r.rev, json_extract(r.data, '$.title'), r.loaded_at, r.loaded_by
FROM plan p
JOIN meta m ON m.key = 'current_plan'
JOIN plan_revision r ON r.plan_id = p.id
     AND r.rev = (SELECT max(rev) FROM plan_revision WHERE plan_id = p.id)
"""


def _plan_row(row: tuple[Any, ...]) -> PlanRow:
    plan_id, symbol, current, revisions, latest, title, loaded_at, loaded_by = row
    return PlanRow(plan_id, symbol, bool(current), revisions, latest, title, loaded_at, loaded_by)


def list_plans(conn: sqlite3.Connection) -> list[PlanRow]:
    return [_plan_row(row) for row in conn.execute(_PLANS + " ORDER BY p.symbol")]


def plan_by_key(conn: sqlite3.Connection, symbol_key: str) -> PlanRow | None:
    row = conn.execute(_PLANS + " WHERE p.symbol_key = ?", (symbol_key,)).fetchone()
    return _plan_row(row) if row else None


def current_plan_id(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'current_plan'").fetchone()
    return int(row[0]) if row and row[0] else None


def revision(conn: sqlite3.Connection, plan_id: int, rev: int | None = None) -> RevisionRow | None:
    """A revision of a plan: the given one, or the latest."""
    sql = """
        SELECT r.plan_id, p.symbol, r.rev, r.content_hash, r.source_name, r.source_text,
               r.data, r.loaded_at, r.loaded_by, CAST(p.id AS TEXT) = m.value
        FROM plan_revision r
        JOIN plan p ON p.id = r.plan_id
        JOIN meta m ON m.key = 'current_plan'
        WHERE r.plan_id = ? AND r.rev = coalesce(?, (SELECT max(rev) FROM plan_revision
                                                      WHERE plan_id = ?))
    """
    row = conn.execute(sql, (plan_id, rev, plan_id)).fetchone()
    if row is None:
        return None
    plan, symbol, number, digest, source, text, data, loaded_at, loaded_by, current = row
    return RevisionRow(
        plan, symbol, number, digest, source, text, data, loaded_at, loaded_by, bool(current)
    )


def revision_numbers(conn: sqlite3.Connection, plan_id: int) -> list[int]:
    sql = "SELECT rev FROM plan_revision WHERE plan_id = ? ORDER BY rev"
    return [row[0] for row in conn.execute(sql, (plan_id,))]
