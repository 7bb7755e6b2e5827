"""Reading the import ledger: batches and the days of the records they touched (its writes are
in store/writes.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from atgt_cli.store.dialects import Connection

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


def batches(conn: Connection) -> list[BatchRow]:
    sql = """SELECT id, kind, file_name, content_hash, rows, added, updated, skipped, created_at,
                    created_by, undone_at FROM import_batch ORDER BY id"""
    return [BatchRow(*row) for row in conn.execute(sql)]


def touched_days(conn: Connection, batch: BatchRow) -> list[str]:
    """The dates of the records a batch added or changed (for the period locks)."""
    column, table = _DATED[batch.kind], _TABLES[batch.kind]
    if column is None:
        return []
    sql = f"""SELECT {column} FROM {table} WHERE import_batch = :batch
              UNION SELECT t.{column} FROM import_change c JOIN {table} t ON t.id = c.row_id
              WHERE c.batch_id = :batch"""
    return [row[0] for row in conn.execute(sql, {"batch": batch.id})]


# What each kind of batch brings, as (audit entity, table): a violations file brings members too.
_RECORDS = {
    "sessions": (("session", "propaganda_session"),),
    "violations": (("violation", "violation"), ("member", "member")),
    "units": (("unit", "unit"),),
}
# The audit lines an import writes itself, on the rows it adds or changes.
_OWN = ("create", "import-update")


@dataclass(frozen=True)
class EditedRecord:
    entity: str  # session, violation, member, unit
    id: int
    added: bool  # added by the batch (removed on undo), else changed by it (restored)
    values: dict[str, Any]  # as stored now


def later_batches(conn: Connection, batch: BatchRow) -> list[int]:
    """Later batches, not undone, that changed records of this one: to be undone first (each
    undo puts back the values its batch found)."""
    out: set[int] = set()
    for entity, table in _RECORDS[batch.kind]:
        sql = f"""SELECT DISTINCT c.batch_id FROM import_change c
                  JOIN import_batch b ON b.id = c.batch_id
                  WHERE c.entity = :e AND c.batch_id > :batch AND b.undone_at IS NULL
                  AND c.row_id IN (SELECT id FROM {table} WHERE import_batch = :batch
                      UNION SELECT row_id FROM import_change WHERE batch_id = :batch
                      AND entity = :e)"""
        out |= {int(row[0]) for row in conn.execute(sql, {"e": entity, "batch": batch.id})}
    return sorted(out)


def edited_since(conn: Connection, batch: BatchRow) -> list[EditedRecord]:
    """The batch's records (added or changed by it) that were changed since it was written: an
    audit line on them at or after its time that the import did not write itself (later imports
    are later_batches)."""
    out: list[EditedRecord] = []
    for entity, table in _RECORDS[batch.kind]:
        changed_by_it = "SELECT row_id FROM import_change WHERE batch_id = :batch AND entity = :e"
        mine = f"SELECT id FROM {table} WHERE import_batch = :batch UNION {changed_by_it}"
        sql = f"""
            SELECT DISTINCT id FROM (
                SELECT CAST(substr(entity, :n) AS INTEGER) AS id FROM audit_log
                WHERE entity LIKE :like AND at >= :at AND action NOT IN {_OWN}
            ) AS touched WHERE id IN ({mine}) AND id IN (SELECT id FROM {table}) ORDER BY id"""
        params = {
            "batch": batch.id,
            "e": entity,
            "n": len(entity) + 2,
            "like": f"{entity}:%",
            "at": batch.created_at,
        }
        ids = [int(row[0]) for row in conn.execute(sql, params)]
        if not ids:
            continue
        cursor = conn.execute(
            f"SELECT * FROM {table} WHERE id IN ({', '.join(map(str, ids))}) ORDER BY id"
        )
        names = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            values = dict(zip(names, row, strict=True))
            added = values.get("import_batch") == batch.id
            out.append(EditedRecord(entity, int(values["id"]), added, values))
    return out
