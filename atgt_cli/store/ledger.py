"""The import ledger in SQL: batches, the rows they added, the old values of rows they changed."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

_TABLES = {"sessions": "propaganda_session", "violations": "violation", "units": "unit"}
_DATED = {"sessions": "held_on", "violations": "occurred_on", "units": None}
_ENTITY = {"sessions": "session", "violations": "violation", "units": "unit"}


@dataclass(frozen=True)
class BatchRow:
    id: int
    kind: str
    file_name: str
    content_hash: str
    rows: int
    added: int
    updated: int
    skipped: int
    created_at: str
    created_by: str
    undone_at: str | None


def batches(conn: sqlite3.Connection) -> list[BatchRow]:
    sql = """SELECT id, kind, file_name, content_hash, rows, added, updated, skipped, created_at,
                    created_by, undone_at FROM import_batch ORDER BY id"""
    return [BatchRow(*row) for row in conn.execute(sql)]


def open_batch(
    conn: sqlite3.Connection, *, kind: str, file_name: str, content_hash: str, actor: str, now: str
) -> int:
    """A new line in the ledger; its counts are filled in when the import is written."""
    cursor = conn.execute(
        """INSERT INTO import_batch (kind, file_name, content_hash, rows, added, updated, skipped,
           created_at, created_by) VALUES (?, ?, ?, 0, 0, 0, 0, ?, ?)""",
        (kind, file_name, content_hash, now, actor),
    )
    return int(cursor.lastrowid or 0)


def set_counts(
    conn: sqlite3.Connection, batch: int, *, rows: int, added: int, updated: int, skipped: int
) -> None:
    conn.execute(
        "UPDATE import_batch SET rows = ?, added = ?, updated = ?, skipped = ? WHERE id = ?",
        (rows, added, updated, skipped, batch),
    )


def record_change(
    conn: sqlite3.Connection, batch: int, *, kind: str, row_id: int, before: dict[str, Any]
) -> None:
    """The old values of a row the batch changed, so that undo can put them back."""
    conn.execute(
        "INSERT INTO import_change (batch_id, entity, row_id, before) VALUES (?, ?, ?, ?)",
        (batch, _ENTITY[kind], row_id, json.dumps(before, ensure_ascii=False)),
    )


def touched_days(conn: sqlite3.Connection, batch: BatchRow) -> list[str]:
    """The dates of the records a batch added or changed (for the period locks)."""
    column, table = _DATED[batch.kind], _TABLES[batch.kind]
    if column is None:
        return []
    sql = f"""SELECT {column} FROM {table} WHERE import_batch = :batch
              UNION SELECT t.{column} FROM import_change c JOIN {table} t ON t.id = c.row_id
              WHERE c.batch_id = :batch"""
    return [row[0] for row in conn.execute(sql, {"batch": batch.id})]


def undo(conn: sqlite3.Connection, batch: BatchRow, *, at: str, by: str) -> int:
    """Delete what the batch added, restore what it changed; returns the rows removed.
    Raises sqlite3.IntegrityError when added units have records since."""
    table = _TABLES[batch.kind]
    if table == "unit":
        conn.execute(
            "DELETE FROM unit_members WHERE unit_id IN (SELECT id FROM unit WHERE import_batch = ?)",
            (batch.id,),
        )
    removed = conn.execute(f"DELETE FROM {table} WHERE import_batch = ?", (batch.id,)).rowcount
    if table == "violation":  # the people the file brought, unless recorded against since
        conn.execute(
            """DELETE FROM member WHERE import_batch = ?
               AND id NOT IN (SELECT member_id FROM violation)""",
            (batch.id,),
        )
    changes = conn.execute(
        "SELECT row_id, before FROM import_change WHERE batch_id = ? ORDER BY id DESC", (batch.id,)
    ).fetchall()
    for row_id, before in changes:
        values = json.loads(before)
        conn.execute(
            f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
            (*values.values(), row_id),
        )
    conn.execute(
        "UPDATE import_batch SET undone_at = ?, undone_by = ? WHERE id = ?", (at, by, batch.id)
    )
    return int(removed)
