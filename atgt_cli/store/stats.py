"""Aggregates for status and reports: plain SQL on the connection, grouped by unit and by
reporting month, over an indexed date range, so a period's cost grows with the period and not
with the store. Periods longer than a month are sums of months."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from atgt_cli.store import dialects
from atgt_cli.store.dialects import Connection

# (unit_id, month key "YYYY-MM") → numbers
Key = tuple[int, str]


def month_key(dialect: dialects.Dialect, column: str, cutoff: int | None) -> str:
    """SQL for the reporting month of a date column; with a cut-off day c, days after c belong
    to the next month."""
    if cutoff is None:
        return f"substr({column}, 1, 7)"
    return dialect.month_after_cutoff(column, cutoff)


@dataclass(frozen=True, slots=True)
class SessionFacts:
    unit_id: int
    month: str
    channel: str
    sessions: int
    present: int  # summed over sessions with both present and total
    total: int
    with_attendance: int  # sessions with both present and total
    ratio_sum: float  # sum of present/total, for the mean
    best: float | None  # the best present/total
    masses: int


def session_facts(
    conn: Connection,
    *,
    plan_id: int,
    start: str,
    end: str,
    cutoff: int | None,
    topics: Iterable[str] = (),
    items: Iterable[str] = (),
) -> list[SessionFacts]:
    """Sessions held in [start, end] by unit, month and channel; optionally only those on one
    of the topics and for one of the items (an item takes its sub-items)."""
    dialect = dialects.of(conn)
    topics, items = list(topics), list(items)
    where = ["s.plan_id = ?", "s.held_on BETWEEN ? AND ?", "s.deleted_at IS NULL"]
    params: list[object] = [plan_id, start, end]
    if topics:
        marks = ", ".join("?" * len(topics))
        where.append(
            f"EXISTS (SELECT 1 FROM {dialect.json_elements('s.topics', 'j')}"
            f" WHERE j.value IN ({marks}))"
        )
        params += topics
    if items:
        where.append("(" + " OR ".join("s.item = ? OR s.item LIKE ? || '.%'" for _ in items) + ")")
        params += [x for item in items for x in (item, item)]
    attended = "s.present IS NOT NULL AND s.total > 0"
    sql = f"""
        SELECT s.unit_id, {month_key(dialect, "s.held_on", cutoff)} AS month, s.channel, count(*),
               coalesce(sum(CASE WHEN {attended} THEN s.present END), 0),
               coalesce(sum(CASE WHEN {attended} THEN s.total END), 0),
               coalesce(sum(CASE WHEN {attended} THEN 1 ELSE 0 END), 0),
               coalesce(sum(CASE WHEN {attended} THEN 1.0 * s.present / s.total END), 0),
               max(CASE WHEN {attended} THEN 1.0 * s.present / s.total END),
               coalesce(sum(s.masses), 0)
        FROM {dialect.facts(conn, "propaganda_session")} s
        WHERE {" AND ".join(where)}
        GROUP BY 1, 2, 3
    """
    return [SessionFacts(*row) for row in conn.execute(sql, params)]


def topic_facts(
    conn: Connection, *, plan_id: int, start: str, end: str
) -> list[tuple[int, str, int]]:
    """(unit_id, topic, sessions) in [start, end]."""
    dialect = dialects.of(conn)
    topics = dialect.json_elements("s.topics", "j")
    sql = f"""
        SELECT s.unit_id, j.value, count(*)
        FROM {dialect.facts(conn, "propaganda_session")} s, {topics}
        WHERE s.plan_id = ? AND s.held_on BETWEEN ? AND ? AND s.deleted_at IS NULL
        GROUP BY 1, 2
    """
    return [
        (int(u), str(topic), int(n)) for u, topic, n in conn.execute(sql, (plan_id, start, end))
    ]


@dataclass(frozen=True, slots=True)
class ViolationFacts:
    unit_id: int
    month: str
    new: int  # the cell learned of it in the month
    handled: int  # decided in the month
    handled_published: int  # of those, published by the as-of day
    published: int  # published in the month
    due: int  # its report deadline fell in the month: reported, or the deadline has passed
    on_time: int
    late: int  # reported after the deadline, or not reported once it passed


def violation_facts(
    conn: Connection,
    *,
    plan_id: int,
    start: str,
    end: str,
    as_of: str,
    report_days: int,
    cutoff: int | None,
) -> list[ViolationFacts]:
    """Violations by unit and month, each counted in the month of the date that matters (deleted
    ones, kept for the log, in none): a case is new when the cell learned of it, and due, on
    time or late in the month its report deadline fell, so each late case counts in one month
    and the months sum to the year."""
    dialect = dialects.of(conn)
    reported = "CASE WHEN reported_on <= :as_of THEN reported_on END"
    deadline = dialect.add_days("known_on", int(report_days))
    on_time = f"({reported}) IS NOT NULL AND ({reported}) <= {deadline}"
    late = (
        f"(({reported}) IS NOT NULL AND ({reported}) > {deadline})"
        f" OR (({reported}) IS NULL AND :as_of > {deadline})"
    )
    parts = {
        "new": ("known_on", "1 = 1"),
        "handled": ("decided_on", "1 = 1"),
        "handled_published": ("decided_on", "published_on IS NOT NULL AND published_on <= :as_of"),
        "published": ("published_on", "1 = 1"),
        "due": (deadline, f"({on_time}) OR ({late})"),
        "on_time": (deadline, on_time),
        "late": (deadline, late),
    }
    selects = [
        f"""SELECT unit_id, {month_key(dialect, column, cutoff)} AS month, '{name}' AS what,
                   count(*) AS n
            FROM {dialect.facts(conn, "violation")} AS v
            WHERE plan_id = :plan AND {column} BETWEEN :start AND :end AND ({condition})
                  AND deleted_at IS NULL
            GROUP BY 1, 2"""
        for name, (column, condition) in parts.items()
    ]
    params = {"plan": plan_id, "start": start, "end": end, "as_of": as_of}
    counts: dict[Key, dict[str, int]] = {}
    for unit_id, month, what, n in conn.execute(" UNION ALL ".join(selects), params):
        counts.setdefault((unit_id, month), {})[what] = n
    return [
        ViolationFacts(unit_id, month, **{name: found.get(name, 0) for name in parts})
        for (unit_id, month), found in sorted(counts.items())
    ]


def violations_by(
    conn: Connection, *, plan_id: int, start: str, end: str, column: str, date_column: str
) -> list[tuple[int, str, int]]:
    """(unit_id, value of column, count) for violations whose date_column is in [start, end]."""
    assert column in ("category", "outcome") and date_column in ("known_on", "decided_on")
    violation = dialects.of(conn).facts(conn, "violation")
    sql = f"""SELECT unit_id, {column}, count(*) FROM {violation} AS v
              WHERE plan_id = ? AND {date_column} BETWEEN ? AND ? AND deleted_at IS NULL
              GROUP BY 1, 2"""
    return [(int(u), str(v), int(n)) for u, v, n in conn.execute(sql, (plan_id, start, end))]


def open_violations(conn: Connection, *, plan_id: int, end: str, as_of: str) -> dict[int, int]:
    """Violations that happened by `end` and are not handled as of `as_of`, by unit."""
    # Two indexed ranges of decided_on rather than one OR, which SQLite would answer by a scan.
    violation = dialects.of(conn).facts(conn, "violation")
    sql = f"""SELECT unit_id, count(*) FROM (
                 SELECT unit_id FROM {violation} AS v
                 WHERE decided_on IS NULL AND plan_id = :plan AND occurred_on <= :end
                       AND deleted_at IS NULL
                 UNION ALL
                 SELECT unit_id FROM {violation} AS v
                 WHERE decided_on > :as_of AND plan_id = :plan AND occurred_on <= :end
                       AND deleted_at IS NULL) AS open_ones
             GROUP BY 1"""
    rows = conn.execute(sql, {"plan": plan_id, "end": end, "as_of": as_of})
    return {int(u): int(n) for u, n in rows}


def first_record(conn: Connection, *, plan_id: int) -> str | None:
    """The earliest day of a session held or a violation learned of under the plan (ISO)."""
    dialect = dialects.of(conn)
    sessions, violation = (
        dialect.facts(conn, "propaganda_session"),
        dialect.facts(conn, "violation"),
    )
    sql = f"""SELECT min(day) FROM (
                 SELECT min(held_on) AS day FROM {sessions} AS s
                 WHERE plan_id = :plan AND deleted_at IS NULL
                 UNION ALL
                 SELECT min(known_on) FROM {violation} AS v
                 WHERE plan_id = :plan AND deleted_at IS NULL) AS firsts"""
    row = conn.execute(sql, {"plan": plan_id}).fetchone()
    return None if row is None or row[0] is None else str(row[0])
