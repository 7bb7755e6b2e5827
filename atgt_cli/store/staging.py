"""Imported sessions staged in a temporary table and matched with the store in SQL, so memory
stays flat however long the file."""

from __future__ import annotations

import sqlite3
from typing import Any

# The stored columns of a session (besides its id and bookkeeping), in table order.
SESSION_COLUMNS = (
    "plan_id",
    "unit_id",
    "held_on",
    "channel",
    "topics",
    "item",
    "present",
    "total",
    "masses",
    "title",
    "url",
    "note",
    "evidence",
)
SESSION_KEY = ("plan_id", "unit_id", "held_on", "channel", "title")
_TYPES = {
    "plan_id": "INTEGER",
    "unit_id": "INTEGER",
    "present": "INTEGER",
    "total": "INTEGER",
    "masses": "INTEGER",
}
# Key columns are never NULL but the title: "=" lets SQLite use the (unit, date) index, which is
# the selective one for a natural key (without statistics it may pick (plan, date) instead and
# compare each row with a whole day of the store).
_KEY = " AND ".join(f"s.{k} = i.{k}" if k != "title" else "s.title IS i.title" for k in SESSION_KEY)
_SAME = " AND ".join(f"s.{k} IS i.{k}" for k in SESSION_COLUMNS)
_TABLE = "propaganda_session AS s INDEXED BY propaganda_session_unit"
_STORED = f"FROM temp.incoming i JOIN {_TABLE} ON {_KEY} AND s.deleted_at IS NULL"
_GROUP = ", ".join(SESSION_KEY)


class SessionStaging:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Declared types give the same affinities as the table, so joins can use its indexes.
        columns = ", ".join(f"{name} {_TYPES.get(name, 'TEXT')}" for name in SESSION_COLUMNS)
        conn.execute("DROP TABLE IF EXISTS temp.incoming")
        conn.execute(f"CREATE TEMP TABLE incoming (row INTEGER, {columns})")
        self.insert = (
            f"INSERT INTO temp.incoming VALUES ({', '.join('?' * (len(SESSION_COLUMNS) + 1))})"
        )

    def add(self, rows: list[tuple[Any, ...]]) -> None:
        """(file row number, *SESSION_COLUMNS) tuples."""
        self.conn.executemany(self.insert, rows)

    def repeats(self) -> bool:
        """Does the file hold one key twice? A unique index says so faster than a GROUP BY."""
        try:
            columns = _GROUP.replace("title", "coalesce(title, '')")
            self.conn.execute(f"CREATE UNIQUE INDEX temp.incoming_unique ON incoming ({columns})")
        except sqlite3.IntegrityError:
            return True
        self.conn.execute("DROP INDEX temp.incoming_unique")
        return False

    def drop_repeats(self) -> list[tuple[int, int]]:
        """Keep the first row of each key; returns (first, other) rows whose values differ."""
        values = " || '|' || ".join(
            f"coalesce({c}, '')" for c in SESSION_COLUMNS if c not in SESSION_KEY
        )
        conflicts = self.conn.execute(
            f"SELECT min(row), max(row) FROM temp.incoming GROUP BY {_GROUP} HAVING count(DISTINCT {values}) > 1"
        ).fetchall()
        self.conn.execute(
            f"DELETE FROM temp.incoming WHERE row NOT IN (SELECT min(row) FROM temp.incoming GROUP BY {_GROUP})"
        )
        return [(int(a), int(b)) for a, b in conflicts]

    def matches(self) -> tuple[int, list[tuple[int, int]]]:
        """Rows already stored as they are (a count), and (row, session id) stored otherwise."""
        identical = self.conn.execute(f"SELECT count(*) {_STORED} WHERE {_SAME}").fetchone()[0]
        changed = self.conn.execute(
            f"SELECT i.row, s.id {_STORED} WHERE NOT ({_SAME}) ORDER BY i.row"
        ).fetchall()
        return int(identical), [(int(r), int(s)) for r, s in changed]

    def insert_new(self, *, batch: int, now: str, any_stored: bool) -> int:
        """Store the rows whose key is new; in date order the indexes grow at their end."""
        columns = ", ".join(SESSION_COLUMNS)
        guard = f"WHERE NOT EXISTS (SELECT 1 FROM {_TABLE} WHERE {_KEY} AND s.deleted_at IS NULL)"
        cursor = self.conn.execute(
            f"""INSERT INTO propaganda_session ({columns}, created_at, import_batch)
                SELECT {columns}, ?, ? FROM temp.incoming i {guard if any_stored else ""}
                ORDER BY i.held_on, i.unit_id""",
            (now, batch),
        )
        return int(cursor.rowcount)

    def differences(self, row: int, session_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """(old, new) values of the columns where a staged row and a stored session differ."""
        names = [c for c in SESSION_COLUMNS if c not in SESSION_KEY]
        select = ", ".join(names)
        new = self.conn.execute(
            f"SELECT {select} FROM temp.incoming WHERE row = ?", (row,)
        ).fetchone()
        old = self.conn.execute(
            f"SELECT {select} FROM propaganda_session WHERE id = ?", (session_id,)
        ).fetchone()
        diff = [(k, o, n) for k, o, n in zip(names, old, new, strict=True) if o != n]
        return {k: o for k, o, _ in diff}, {k: n for k, _, n in diff}

    def close(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.incoming")
