"""The reads of the quick commands, as plain SQL on the connection (no ORM import); what the two
databases write differently comes from the connection's dialect."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from atgt_cli.documents.records import AuditRow as AuditRow
from atgt_cli.documents.records import MemberRow as MemberRow
from atgt_cli.documents.records import ReportNoteRow as ReportNoteRow
from atgt_cli.documents.records import SessionRow as SessionRow
from atgt_cli.documents.records import UnitRow as UnitRow
from atgt_cli.documents.records import ViolationRow as ViolationRow
from atgt_cli.store import dialects
from atgt_cli.store.dialects import Connection


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


def _plans(conn: Connection) -> str:
    return f"""
SELECT p.id, p.symbol, CAST(p.id AS TEXT) = m.value AS is_current,
       (SELECT count(*) FROM plan_revision WHERE plan_id = p.id) AS revisions,
       r.rev, {dialects.of(conn).json_field("r.data", "title")}, r.loaded_at, r.loaded_by
FROM plan p
JOIN meta m ON m.key = 'current_plan'
JOIN plan_revision r ON r.plan_id = p.id
     AND r.rev = (SELECT max(rev) FROM plan_revision WHERE plan_id = p.id)
"""


def _plan_row(row: tuple[Any, ...]) -> PlanRow:
    plan_id, symbol, current, revisions, latest, title, loaded_at, loaded_by = row
    return PlanRow(plan_id, symbol, bool(current), revisions, latest, title, loaded_at, loaded_by)


def list_plans(conn: Connection) -> list[PlanRow]:
    return [_plan_row(row) for row in conn.execute(_plans(conn) + " ORDER BY p.symbol")]


def plan_by_key(conn: Connection, symbol_key: str) -> PlanRow | None:
    row = conn.execute(_plans(conn) + " WHERE p.symbol_key = ?", (symbol_key,)).fetchone()
    return _plan_row(row) if row else None


def current_plan_id(conn: Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'current_plan'").fetchone()
    return int(row[0]) if row and row[0] else None


def revision(conn: Connection, plan_id: int, rev: int | None = None) -> RevisionRow | None:
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


def revision_numbers(conn: Connection, plan_id: int) -> list[int]:
    sql = "SELECT rev FROM plan_revision WHERE plan_id = ? ORDER BY rev"
    return [row[0] for row in conn.execute(sql, (plan_id,))]


# --- units -----------------------------------------------------------------------------------


def units(conn: Connection, on: str) -> list[UnitRow]:
    """Every unit (retired ones too) with its member count in force on the day `on`."""
    sql = """
        SELECT u.id, u.name, u.kind, p.name, u.retired_on, m.members, m.exempt
        FROM unit u
        LEFT JOIN unit p ON p.id = u.parent_id
        LEFT JOIN unit_members m ON m.id = (
            SELECT id FROM unit_members WHERE unit_id = u.id AND since <= ?
            ORDER BY since DESC LIMIT 1)
        ORDER BY u.kind, u.name_key
    """
    named = unit_aliases(conn)
    return [
        UnitRow(ident, name, kind, parent, retired, members, exempt, tuple(named.get(ident, ())))
        for ident, name, kind, parent, retired, members, exempt in conn.execute(sql, (on,))
    ]


def unit_aliases(conn: Connection) -> dict[int, list[str]]:
    """Each unit's aliases (unit id → aliases, in their folded order)."""
    found: dict[int, list[str]] = {}
    for unit_id, alias in conn.execute(
        "SELECT unit_id, alias FROM unit_alias ORDER BY unit_id, alias_key"
    ):
        found.setdefault(int(unit_id), []).append(str(alias))
    return found


def members_on(conn: Connection, unit_id: int, on: str) -> tuple[int, int] | None:
    sql = """SELECT members, exempt FROM unit_members WHERE unit_id = ? AND since <= ?
             ORDER BY since DESC LIMIT 1"""
    row = conn.execute(sql, (unit_id, on)).fetchone()
    return (row[0], row[1]) if row else None


def members_history(conn: Connection, unit_id: int) -> list[tuple[str, int, int]]:
    """(since, members, exempt) of a unit, oldest first."""
    sql = "SELECT since, members, exempt FROM unit_members WHERE unit_id = ? ORDER BY since"
    return [(str(a), int(b), int(c)) for a, b, c in conn.execute(sql, (unit_id,))]


def unit_by_key(conn: Connection, name_key: str) -> int | None:
    row = conn.execute("SELECT id FROM unit WHERE name_key = ?", (name_key,)).fetchone()
    return int(row[0]) if row else None


# --- sessions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionFilter:
    unit_id: int | None = None
    start: str | None = None  # ISO dates, inclusive
    end: str | None = None
    channel: str | None = None
    item: str | None = None  # this item or one below it (II.2 takes II.2.a)
    deleted: bool = False


_SESSION = """
    SELECT s.id, s.plan_id, s.unit_id, u.name, s.held_on, s.channel, s.topics, s.item, s.present,
           s.total, s.masses, s.title, s.url, s.note, s.evidence, s.content, s.total_from_count,
           s.created_at, s.deleted_at, s.deleted_reason
    FROM propaganda_session s JOIN unit u ON u.id = s.unit_id
"""


def _session_row(row: tuple[Any, ...]) -> SessionRow:
    values = list(row)
    values[6] = json.loads(values[6])
    return SessionRow(*values)


def sessions(conn: Connection, where: SessionFilter) -> list[SessionRow]:
    clauses = ["s.deleted_at IS NOT NULL" if where.deleted else "s.deleted_at IS NULL"]
    params: list[object] = []
    for clause, value in (
        ("s.unit_id = ?", where.unit_id),
        ("s.held_on >= ?", where.start),
        ("s.held_on <= ?", where.end),
        ("s.channel = ?", where.channel),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if where.unit_id is None and (where.start or where.end):
        # Read a date range through the (plan, date) index: sessions have no index on date alone.
        clauses.append("s.plan_id IN (SELECT id FROM plan)")
    if where.item is not None:
        clauses.append("(s.item = ? OR s.item LIKE ? || '.%')")
        params += [where.item, where.item]
    sql = f"{_SESSION} WHERE {' AND '.join(clauses)} ORDER BY s.held_on, s.id"
    return [_session_row(row) for row in conn.execute(sql, params)]


def session(conn: Connection, session_id: int) -> SessionRow | None:
    row = conn.execute(f"{_SESSION} WHERE s.id = ?", (session_id,)).fetchone()
    return _session_row(row) if row else None


# --- periods and the audit log ---------------------------------------------------------------


def same_session(
    conn: Connection,
    *,
    unit_id: int,
    held_on: str,
    channel: str,
    content: str | None,
    url: str | None,
    web: bool,
    excluding: int | None = None,
) -> int | None:
    """The first stored (not deleted) session of that unit, day and channel with that content,
    or for a web post that URL (but the session `excluding`: one being edited)."""
    same = "url = :url" if web else "(content = :content OR content IS NULL AND :content IS NULL)"
    sql = f"""SELECT min(id) FROM propaganda_session
              WHERE unit_id = :unit AND held_on = :day AND channel = :channel
              AND deleted_at IS NULL AND {same}
              AND NOT ({dialects.of(conn).same("id", ":excluding")})"""
    params = {
        "unit": unit_id,
        "day": held_on,
        "channel": channel,
        "content": content,
        "url": url,
        "excluding": excluding,
    }
    row = conn.execute(sql, params).fetchone()
    return None if row is None or row[0] is None else int(row[0])


@dataclass(frozen=True)
class CountedSession:
    id: int
    held_on: str
    present: int | None
    total: int | None


def sessions_from_count(
    conn: Connection, unit_id: int, start: str, end: str | None
) -> list[CountedSession]:
    """A unit's sessions (not deleted) held from start until before end (None: on) whose total
    was taken from its member count."""
    sql = """SELECT id, held_on, present, total FROM propaganda_session
             WHERE unit_id = ? AND total_from_count = 1 AND deleted_at IS NULL
             AND held_on >= ? AND (? IS NULL OR held_on < ?) ORDER BY held_on, id"""
    return [CountedSession(*row) for row in conn.execute(sql, (unit_id, start, end, end))]


def locked_months(conn: Connection) -> dict[str, tuple[str, str]]:
    """Closed months (YYYY-MM) → (closed at, closed by)."""
    rows = conn.execute("SELECT month, closed_at, closed_by FROM period_lock ORDER BY month")
    return {month: (at, by) for month, at, by in rows}


def audit_log(
    conn: Connection, *, since: str | None = None, entity: str | None = None
) -> list[AuditRow]:
    clauses, params = ["1 = 1"], []
    if since is not None:
        clauses.append("at >= ?")
        params.append(since)
    if entity is not None:
        clauses.append("(entity = ? OR entity LIKE ? || ':%')")
        params += [entity, entity]
    sql = f"""SELECT id, at, actor, action, entity, before, after, reason FROM audit_log
              WHERE {" AND ".join(clauses)} ORDER BY id"""
    out = []
    for ident, at, actor, action, subject, before, after, reason in conn.execute(sql, params):
        loaded = [json.loads(v) if v else None for v in (before, after)]
        out.append(AuditRow(ident, at, actor, action, subject, loaded[0], loaded[1], reason))
    return out


# --- members and violations (personal data) --------------------------------------------------


_MEMBER = """
    SELECT m.id, m.code, m.unit_id, u.name, m.name, m.membership, m.membership_since,
           m.party_post, m.state_title
    FROM member m JOIN unit u ON u.id = m.unit_id
"""


def members(conn: Connection, unit_id: int | None = None) -> list[MemberRow]:
    where, params = ("WHERE m.unit_id = ?", [unit_id]) if unit_id is not None else ("", [])
    sql = f"{_MEMBER} {where} ORDER BY u.name_key, m.name_key"
    return [MemberRow(*row) for row in conn.execute(sql, params)]


def member(conn: Connection, member_id: int) -> MemberRow | None:
    row = conn.execute(f"{_MEMBER} WHERE m.id = ?", (member_id,)).fetchone()
    return MemberRow(*row) if row else None


def membership_changes(conn: Connection, member_id: int) -> list[tuple[str | None, str]]:
    """A member's membership changes, (since ISO or None: from the start, membership), oldest
    first."""
    sql = """SELECT since, membership FROM member_membership WHERE member_id = ?
             ORDER BY coalesce(since, '')"""
    return [(row[0], row[1]) for row in conn.execute(sql, (member_id,))]


def member_codes(conn: Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT code FROM member")}


def member_violations(conn: Connection, member_id: int) -> list[tuple[int, str, bool]]:
    """A member's violations, deleted ones too: id, occurred on (ISO), deleted."""
    sql = """SELECT id, occurred_on, deleted_at IS NOT NULL FROM violation
             WHERE member_id = ? ORDER BY id"""
    return [(row[0], row[1], bool(row[2])) for row in conn.execute(sql, (member_id,))]


def unit_references(conn: Connection, unit_id: int) -> dict[str, int]:
    """What refers to a unit, other than its own member counts and aliases: a count per kind
    (sessions and violations deleted ones too), kinds with none left out."""
    sql = """SELECT 'sessions', count(*) FROM propaganda_session WHERE unit_id = :unit
             UNION ALL SELECT 'violations', count(*) FROM violation WHERE unit_id = :unit
             UNION ALL SELECT 'members', count(*) FROM member WHERE unit_id = :unit
             UNION ALL SELECT 'units', count(*) FROM unit WHERE parent_id = :unit
             UNION ALL SELECT 'imports', count(*) FROM import_change c
                 JOIN import_batch b ON b.id = c.batch_id
                 WHERE c.entity = 'unit' AND c.row_id = :unit AND b.undone_at IS NULL"""
    return {kind: n for kind, n in conn.execute(sql, {"unit": unit_id}) if n}


@dataclass(frozen=True)
class ViolationFilter:
    unit_id: int | None = None
    start: str | None = None  # occurred on, ISO, inclusive
    end: str | None = None
    category: str | None = None
    deleted: bool = False  # the deleted ones instead of the others


_VIOLATION = """
    SELECT v.id, v.plan_id, v.unit_id, u.name, v.member_id, m.code, m.name, m.membership,
           m.party_post, m.state_title, v.category, v.occurred_on, v.known_on, v.detected_by,
           v.alcohol_breath, v.alcohol_blood, v.alcohol_tier, v.decree, v.reported_on, v.note,
           v.content, v.outcome, v.decided_on, v.decided_by, v.decision, v.published_on,
           v.published_where, v.created_at, v.deleted_at, v.deleted_reason
    FROM violation v JOIN unit u ON u.id = v.unit_id JOIN member m ON m.id = v.member_id
"""


def violations(conn: Connection, where: ViolationFilter) -> list[ViolationRow]:
    clauses = ["v.deleted_at IS NOT NULL" if where.deleted else "v.deleted_at IS NULL"]
    params: list[object] = []
    for clause, value in (
        ("v.unit_id = ?", where.unit_id),
        ("v.occurred_on >= ?", where.start),
        ("v.occurred_on <= ?", where.end),
        ("v.category = ?", where.category),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    sql = f"{_VIOLATION} WHERE {' AND '.join(clauses)} ORDER BY v.occurred_on, v.id"
    return [ViolationRow(*row) for row in conn.execute(sql, params)]


def violation(conn: Connection, violation_id: int) -> ViolationRow | None:
    row = conn.execute(f"{_VIOLATION} WHERE v.id = ?", (violation_id,)).fetchone()
    return ViolationRow(*row) if row else None


def report_notes(conn: Connection, period: str) -> list[tuple[str, str]]:
    """(section, text) of the office's notes on a period's report, in the order written."""
    sql = "SELECT section, text FROM report_note WHERE period = ? ORDER BY id"
    return [(str(section), str(text)) for section, text in conn.execute(sql, (period,))]


_NOTE = "SELECT id, period, section, text, created_at, created_by FROM report_note"


def report_note_rows(conn: Connection, period: str | None = None) -> list[ReportNoteRow]:
    """The office's notes, of one period or of all, by period and in the order written."""
    where, params = ("WHERE period = ?", [period]) if period is not None else ("", [])
    sql = f"{_NOTE} {where} ORDER BY period, id"
    return [ReportNoteRow(*row) for row in conn.execute(sql, params)]


def report_note(conn: Connection, note_id: int) -> ReportNoteRow | None:
    row = conn.execute(f"{_NOTE} WHERE id = ?", (note_id,)).fetchone()
    return ReportNoteRow(*row) if row else None
