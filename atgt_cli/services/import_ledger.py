"""The ledger of imports: each file a batch, listed and undone."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from atgt_cli.errors import InputError, NotFoundError
from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.store.db import Store


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


def list_batches(store: Store) -> list[BatchRow]:
    sql = """SELECT id, kind, file_name, content_hash, rows, added, updated, skipped, created_at,
                    created_by, undone_at FROM import_batch ORDER BY id"""
    return [BatchRow(*row) for row in store.conn.execute(sql)]


def undo_batch(store: Store, env: Env, batch_id: int) -> BatchRow:
    """Remove what a batch added and restore what it changed; refused in a closed month."""
    from atgt_cli.services.locks import ensure_open
    from atgt_cli.store import crud

    batch = next((b for b in list_batches(store) if b.id == batch_id), None)
    if batch is None:
        raise NotFoundError(t("imp.no_batch", id=batch_id))
    if batch.undone_at:
        raise InputError(t("imp.undone_already", id=batch_id))
    conn = store.conn
    table = {"sessions": "propaganda_session", "violations": "violation", "units": "unit"}[
        batch.kind
    ]
    dated = {"propaganda_session": "held_on", "violation": "occurred_on", "unit": None}[table]
    with store.write() as db:
        if dated:
            days = [
                row[0]
                for row in conn.execute(
                    f"SELECT DISTINCT {dated} FROM {table} WHERE import_batch = ?", (batch_id,)
                )
            ]
            changed = conn.execute(
                f"SELECT DISTINCT t.{dated} FROM import_change c JOIN {table} t ON t.id = c.row_id WHERE c.batch_id = ?",
                (batch_id,),
            ).fetchall()
            ensure_open(
                store, *(dt.date.fromisoformat(d) for d in [*days, *(r[0] for r in changed)])
            )
        if table == "unit":
            conn.execute(
                "DELETE FROM unit_members WHERE unit_id IN (SELECT id FROM unit WHERE import_batch = ?)",
                (batch_id,),
            )
        try:
            removed = conn.execute(
                f"DELETE FROM {table} WHERE import_batch = ?", (batch_id,)
            ).rowcount
        except sqlite3.IntegrityError:  # units that have records since
            raise InputError(t("imp.undo_in_use", id=batch_id)) from None
        for row_id, before in conn.execute(
            "SELECT row_id, before FROM import_change WHERE batch_id = ? ORDER BY id DESC",
            (batch_id,),
        ).fetchall():
            values = json.loads(before)
            conn.execute(
                f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                (*values.values(), row_id),
            )
        now = utc_now()
        conn.execute(
            "UPDATE import_batch SET undone_at = ?, undone_by = ? WHERE id = ?",
            (now, env.actor, batch_id),
        )
        crud.audit(
            db,
            at=now,
            actor=env.actor,
            action="undo",
            entity=f"import:{batch_id}",
            after={"removed": removed, "restored": batch.updated},
        )
    return next(b for b in list_batches(store) if b.id == batch_id)


def open_batch(
    conn: Any, *, kind: str, file_name: str, content_hash: str, actor: str, now: str
) -> int:
    """A new line in the ledger; its counts are filled in when the import is written."""
    cursor = conn.execute(
        """INSERT INTO import_batch (kind, file_name, content_hash, rows, added, updated, skipped,
           created_at, created_by) VALUES (?, ?, ?, 0, 0, 0, 0, ?, ?)""",
        (kind, file_name, content_hash, now, actor),
    )
    return int(cursor.lastrowid)
