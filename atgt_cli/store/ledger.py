"""Reading the import ledger: batches and the days of the records they touched (its writes are
in store/writes.py)."""

from __future__ import annotations

from dataclasses import dataclass

from atgt_cli.store import sqlite as dialect

_TABLES = {"sessions": "propaganda_session", "violations": "violation", "units": "unit"}
_DATED = {"sessions": "held_on", "violations": "occurred_on", "units": None}


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


def batches(conn: dialect.Connection) -> list[BatchRow]:
    sql = """SELECT id, kind, file_name, content_hash, rows, added, updated, skipped, created_at,
                    created_by, undone_at FROM import_batch ORDER BY id"""
    return [BatchRow(*row) for row in conn.execute(sql)]


def touched_days(conn: dialect.Connection, batch: BatchRow) -> list[str]:
    """The dates of the records a batch added or changed (for the period locks)."""
    column, table = _DATED[batch.kind], _TABLES[batch.kind]
    if column is None:
        return []
    sql = f"""SELECT {column} FROM {table} WHERE import_batch = :batch
              UNION SELECT t.{column} FROM import_change c JOIN {table} t ON t.id = c.row_id
              WHERE c.batch_id = :batch"""
    return [row[0] for row in conn.execute(sql, {"batch": batch.id})]
