"""The ledger of imports: each file a batch, listed and undone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from atgt_cli.errors import InputError, NotFoundError
from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.locks import ensure_open
from atgt_cli.store import ledger, writes
from atgt_cli.store.db import Store, Transaction
from atgt_cli.store.dialects import is_integrity_error

BatchRow = ledger.BatchRow


def list_batches(store: Store) -> list[BatchRow]:
    return ledger.batches(store.conn)


def undo_batch(store: Store, env: Env, batch_id: int, *, force: bool = False) -> BatchRow:
    """Remove what a batch added and restore what it changed; refused in a closed month, and
    when some of its records were edited since (named), unless force: then those edits go too,
    each logged with the values it had."""
    batch = next((b for b in list_batches(store) if b.id == batch_id), None)
    if batch is None:
        raise NotFoundError(t("imp.no_batch", id=batch_id))
    if batch.undone_at:
        raise InputError(t("imp.undone_already", id=batch_id))
    with store.transaction() as tx:
        ensure_open(
            store, *(dt.date.fromisoformat(d) for d in ledger.touched_days(store.conn, batch))
        )
        now = utc_now()
        later = ledger.later_batches(store.conn, batch)
        if later:
            ids = ", ".join(map(str, later))
            raise InputError(t("imp.undo_later", id=batch_id, later=ids, last=later[-1]))
        edited = ledger.edited_since(store.conn, batch)
        if edited and not force:
            raise InputError(t("imp.undo_edited", id=batch_id, records=_named(edited)))
        for record in edited:
            writes.insert_audit(
                tx,
                at=now,
                actor=env.actor,
                action="undo-remove" if record.added else "undo-restore",
                entity=f"{record.entity}:{record.id}",
                before=record.values,
                reason=t("imp.undo_forced", id=batch_id),
            )
        try:
            removed = writes.undo_batch(tx, batch=batch.id, kind=batch.kind, at=now, by=env.actor)
        except Exception as exc:  # units that have records since
            if not is_integrity_error(exc):
                raise
            raise InputError(t("imp.undo_in_use", id=batch_id)) from None
        after = {"removed": removed, "restored": batch.updated}
        writes.insert_audit(
            tx, at=now, actor=env.actor, action="undo", entity=f"import:{batch_id}", after=after
        )
    return next(b for b in list_batches(store) if b.id == batch_id)


def _named(records: list[ledger.EditedRecord], most: int = 10) -> str:
    """The records as a person finds them: buổi số 12, 15; vi phạm số 3; đảng viên ĐV-7F3A."""
    shown = records[:most]
    groups: dict[str, list[str]] = {}
    for r in shown:
        name = (
            r.values.get("code") or r.values.get("name") if r.entity in ("member", "unit") else None
        )
        groups.setdefault(r.entity, []).append(str(name or r.id))
    text = "; ".join(
        t(f"imp.edited.{entity}", ids=", ".join(ids)) for entity, ids in groups.items()
    )
    if len(records) > most:
        text += t("imp.edited.more", count=len(records) - most)
    return text


def record_update(
    tx: Transaction,
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
    writes.record_change(tx, batch=batch, kind=kind, row_id=row_id, before=before)
    writes.insert_audit(
        tx,
        at=now,
        actor=env.actor,
        action="import-update",
        entity=f"{entity}:{row_id}",
        before=before,
        after=after,
    )
