"""The ledger of imports: each file a batch, listed and undone."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from atgt_cli.errors import InputError, NotFoundError
from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.store import ledger
from atgt_cli.store.db import Store

BatchRow = ledger.BatchRow


def list_batches(store: Store) -> list[BatchRow]:
    return ledger.batches(store.conn)


def undo_batch(store: Store, env: Env, batch_id: int) -> BatchRow:
    """Remove what a batch added and restore what it changed; refused in a closed month."""
    from atgt_cli.services.locks import ensure_open
    from atgt_cli.store import crud

    batch = next((b for b in list_batches(store) if b.id == batch_id), None)
    if batch is None:
        raise NotFoundError(t("imp.no_batch", id=batch_id))
    if batch.undone_at:
        raise InputError(t("imp.undone_already", id=batch_id))
    with store.write() as db:
        ensure_open(
            store, *(dt.date.fromisoformat(d) for d in ledger.touched_days(store.conn, batch))
        )
        now = utc_now()
        try:
            removed = ledger.undo(store.conn, batch, at=now, by=env.actor)
        except sqlite3.IntegrityError:  # units that have records since
            raise InputError(t("imp.undo_in_use", id=batch_id)) from None
        after = {"removed": removed, "restored": batch.updated}
        crud.audit(
            db, at=now, actor=env.actor, action="undo", entity=f"import:{batch_id}", after=after
        )
    return next(b for b in list_batches(store) if b.id == batch_id)


def record_update(
    store: Store,
    db: Any,
    env: Env,
    *,
    batch: int,
    now: str,
    kind: str,
    entity: str,
    row_id: int,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    """A stored row an import changed (--update): its old values kept for undo, and audited."""
    from atgt_cli.store import crud

    ledger.record_change(store.conn, batch, kind=kind, row_id=row_id, before=before)
    crud.audit(
        db,
        at=now,
        actor=env.actor,
        action="import-update",
        entity=f"{entity}:{row_id}",
        before=before,
        after=after,
    )
