"""The office's notes on a period's report (`atgt report note`, added by report.add_note): listed,
corrected and deleted, each change audited. A note belongs to its period's report: once the
period's last month is closed (its report filed), the note stays as it was.

A deleted note is removed from the store (nothing counts notes); its audit line keeps its period,
section and text."""

from __future__ import annotations

import datetime as dt

from atgt_cli.errors import InputError, NotFoundError
from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.locks import ensure_open
from atgt_cli.services.status import plan_and_period
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store
from atgt_cli.text import nfc

_LAST_MONTH = {"Q": 3, "H": 6}


def last_month(period: str) -> dt.date:
    """The first day of a period's last month, from its key (2026-11, 2026-Q4, 2026-H1, 2026): the
    month whose closing files the period's report."""
    year, _, part = period.partition("-")
    if not part:
        return dt.date(int(year), 12, 1)
    if part[0] in _LAST_MONTH:
        return dt.date(int(year), int(part[1:]) * _LAST_MONTH[part[0]], 1)
    return dt.date(int(year), int(part), 1)


def list_notes(
    store: Store,
    env: Env,
    *,
    month: str | None = None,
    quarter: str | None = None,
    half: str | None = None,
    year: str | None = None,
) -> list[queries.ReportNoteRow]:
    """Every note, or those of the period given."""
    period = None
    if any((month, quarter, half, year)):
        _, chosen = plan_and_period(
            store, env, None, month=month, quarter=quarter, half=half, year=year
        )
        period = chosen.key
    return queries.report_note_rows(store.conn, period)


def get_note(store: Store, note_id: int) -> queries.ReportNoteRow:
    row = queries.report_note(store.conn, note_id)
    if row is None:
        raise NotFoundError(t("note.unknown", id=note_id))
    return row


def edit_note(store: Store, env: Env, note_id: int, *, text: str) -> bool:
    """Change a note's text; whether anything changed."""
    old = get_note(store, note_id)
    new = nfc(text)
    if not new:
        raise InputError(t("field.empty", field="TEXT"))
    if new == old.text:
        return False
    with store.transaction() as tx:
        ensure_open(store, last_month(old.period))
        writes.update_report_note(tx, note_id=note_id, text=new)
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="update",
            entity=f"report:{old.period}",
            before={"id": note_id, "text": old.text},
            after={"id": note_id, "text": new},
        )
    return True


def delete_note(store: Store, env: Env, note_id: int, *, reason: str) -> queries.ReportNoteRow:
    old = get_note(store, note_id)
    if not reason.strip():
        raise InputError(t("reason.needed", option="--reason"))
    with store.transaction() as tx:
        ensure_open(store, last_month(old.period))
        writes.delete_report_note(tx, note_id=note_id)
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="delete",
            entity=f"report:{old.period}",
            before={
                "id": note_id,
                "section": old.section,
                "text": old.text,
                "created_at": old.created_at,
                "created_by": old.created_by,
            },
            reason=nfc(reason),
        )
    return old
