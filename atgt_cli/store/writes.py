"""Every write of every table: keyword-only functions that take the open transaction
(`Store.transaction()`), in portable SQL with `:name` parameters. Nothing else in atgt inserts,
updates or deletes a stored row (tests/test_architecture.py checks).

The `New…` records are the columns a caller sets when it adds a row, as the rules produce them
(services/rules.py); their fields mirror the SQLModel tables in models.py (a test checks), so
the tables are still declared once there, without the cost of importing the ORM to write.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from atgt_cli.store.db import Transaction


@dataclass(frozen=True, kw_only=True)
class NewSession:
    plan_id: int
    unit_id: int
    held_on: str
    channel: str
    topics: str = "[]"  # a JSON list of topic codes
    item: str | None = None
    present: int | None = None
    total: int | None = None
    masses: int | None = None
    title: str | None = None
    url: str | None = None
    note: str | None = None
    evidence: str | None = None
    content: str | None = None  # what was said, as written
    total_from_count: int = 0  # 1: the total is the unit's member count, not typed


@dataclass(frozen=True, kw_only=True)
class NewMember:
    unit_id: int
    name: str
    name_key: str
    # No default: stated when first recorded; 'chua-ro' for one a register without the column
    # brought (the import says so, `atgt check` lists them).
    membership: str
    membership_since: str | None = None
    party_post: str | None = None
    state_title: str | None = None


@dataclass(frozen=True, kw_only=True)
class NewMembershipChange:
    """A member is `membership` since `since` (None: from the start, the day not known)."""

    member_id: int
    membership: str
    since: str | None = None


@dataclass(frozen=True, kw_only=True)
class NewViolation:
    plan_id: int
    unit_id: int
    member_id: int
    category: str
    occurred_on: str
    known_on: str
    detected_by: str | None = None
    alcohol_breath: float | None = None
    alcohol_blood: float | None = None
    alcohol_tier: int | None = None
    decree: str | None = None
    reported_on: str | None = None
    note: str | None = None
    content: str | None = None  # what the violation was, as the register writes it
    outcome: str | None = None
    decided_on: str | None = None
    decided_by: str | None = None
    decision: str | None = None
    published_on: str | None = None
    published_where: str | None = None


@dataclass(frozen=True, kw_only=True)
class NewUnit:
    name: str
    name_key: str
    kind: str
    parent_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class NewUnitAlias:
    unit_id: int
    alias: str
    alias_key: str


SESSION_COLUMNS = tuple(f.name for f in dataclasses.fields(NewSession))
# The columns an update may set, per table (an unknown name is a programming error).
_UPDATABLE = {
    "propaganda_session": {*SESSION_COLUMNS, "deleted_at", "deleted_reason"},
    "member": {f.name for f in dataclasses.fields(NewMember)},
    "violation": {
        *(f.name for f in dataclasses.fields(NewViolation)),
        "deleted_at",
        "deleted_reason",
    },
    "unit": {*(f.name for f in dataclasses.fields(NewUnit)), "retired_on"},
}


def _insert(tx: Transaction, table: str, values: Mapping[str, object]) -> int:
    names = ", ".join(values)
    marks = ", ".join(f":{k}" for k in values)
    return tx.insert(f"INSERT INTO {table} ({names}) VALUES ({marks}) RETURNING id", values)


def _update(tx: Transaction, table: str, row_id: int, changes: Mapping[str, object]) -> None:
    unknown = set(changes) - _UPDATABLE[table]
    if unknown:
        raise ValueError(f"{table}: cannot set {sorted(unknown)}")
    if not changes:
        return
    sets = ", ".join(f"{k} = :{k}" for k in changes)
    cursor = tx.execute(f"UPDATE {table} SET {sets} WHERE id = :id", {**changes, "id": row_id})
    assert cursor.rowcount == 1, (table, row_id)


def _json(value: Mapping[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


# --- meta and plans ------------------------------------------------------------------------------


def get_meta(tx: Transaction, *, key: str) -> str:
    row = tx.execute("SELECT value FROM meta WHERE key = :key", {"key": key}).fetchone()
    return str(row[0]) if row else ""


def set_meta(tx: Transaction, *, key: str, value: str) -> None:
    params = {"key": key, "value": value}
    if tx.execute("UPDATE meta SET value = :value WHERE key = :key", params).rowcount == 0:
        tx.execute("INSERT INTO meta (key, value) VALUES (:key, :value)", params)


def clear_meta(tx: Transaction) -> None:
    """A new store's settings, before a copy brings another store's (atgt store copy)."""
    tx.execute("DELETE FROM meta")


def copy_rows(
    tx: Transaction,
    *,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    chunk: int,
) -> None:
    """Rows of another store, ids and all, in the database's bulk way (atgt store copy)."""
    tx.dialect.bulk_insert(tx.conn, table, columns, rows, chunk)


def set_unit_parents(tx: Transaction, *, parents: Iterable[tuple[int, int]]) -> None:
    """(unit, parent) pairs, once every unit is there (a copy's second pass)."""
    tx.executemany(
        "UPDATE unit SET parent_id = :parent WHERE id = :id",
        [{"id": unit, "parent": parent} for unit, parent in parents],
    )


def insert_plan(tx: Transaction, *, symbol: str, symbol_key: str, created_at: str) -> int:
    values = {"symbol": symbol, "symbol_key": symbol_key, "created_at": created_at}
    return _insert(tx, "plan", values)


def insert_plan_revision(
    tx: Transaction,
    *,
    plan_id: int,
    rev: int,
    content_hash: str,
    source_name: str,
    source_text: str,
    data: str,
    loaded_at: str,
    loaded_by: str,
) -> int:
    values = {
        "plan_id": plan_id,
        "rev": rev,
        "content_hash": content_hash,
        "source_name": source_name,
        "source_text": source_text,
        "data": data,
        "loaded_at": loaded_at,
        "loaded_by": loaded_by,
    }
    return _insert(tx, "plan_revision", values)


# --- units ---------------------------------------------------------------------------------------


def insert_unit(
    tx: Transaction, *, data: NewUnit, created_at: str, import_batch: int | None = None
) -> int:
    values = dataclasses.asdict(data) | {"created_at": created_at, "import_batch": import_batch}
    return _insert(tx, "unit", values)


def update_unit(tx: Transaction, *, unit_id: int, changes: Mapping[str, object]) -> None:
    _update(tx, "unit", unit_id, changes)


def set_unit_members(
    tx: Transaction, *, unit_id: int, since: str, members: int, exempt: int
) -> None:
    """The member count in force from `since` (replacing one recorded for that same day)."""
    params = {"unit": unit_id, "since": since, "members": members, "exempt": exempt}
    updated = tx.execute(
        """UPDATE unit_members SET members = :members, exempt = :exempt
           WHERE unit_id = :unit AND since = :since""",
        params,
    ).rowcount
    if not updated:
        tx.execute(
            """INSERT INTO unit_members (unit_id, since, members, exempt)
               VALUES (:unit, :since, :members, :exempt)""",
            params,
        )


def delete_unit(tx: Transaction, *, unit_id: int) -> None:
    """Remove a unit nothing refers to, with its own member counts and aliases."""
    params = {"id": unit_id}
    tx.execute("DELETE FROM unit_members WHERE unit_id = :id", params)
    tx.execute("DELETE FROM unit_alias WHERE unit_id = :id", params)
    cursor = tx.execute("DELETE FROM unit WHERE id = :id", params)
    assert cursor.rowcount == 1, unit_id


def insert_unit_alias(
    tx: Transaction, *, data: NewUnitAlias, created_at: str, import_batch: int | None = None
) -> int:
    values = dataclasses.asdict(data) | {"created_at": created_at, "import_batch": import_batch}
    return _insert(tx, "unit_alias", values)


def delete_unit_alias(tx: Transaction, *, unit_id: int, alias_key: str) -> None:
    cursor = tx.execute(
        "DELETE FROM unit_alias WHERE unit_id = :unit AND alias_key = :key",
        {"unit": unit_id, "key": alias_key},
    )
    assert cursor.rowcount == 1, (unit_id, alias_key)


# --- sessions ------------------------------------------------------------------------------------


def insert_session(
    tx: Transaction, *, data: NewSession, created_at: str, import_batch: int | None = None
) -> int:
    values = dataclasses.asdict(data) | {"created_at": created_at, "import_batch": import_batch}
    return _insert(tx, "propaganda_session", values)


def update_session(tx: Transaction, *, session_id: int, changes: Mapping[str, object]) -> None:
    _update(tx, "propaganda_session", session_id, changes)


def insert_sessions_from(
    tx: Transaction,
    *,
    source: str,
    where: str = "",
    order_by: str,
    params: Mapping[str, object],
    created_at: str,
    import_batch: int,
    sort_threads: int = 0,
) -> tuple[int, int]:
    """Store, in one statement, rows that `source` (a FROM clause whose rows have the
    SESSION_COLUMNS) gives: the bulk import's good rows. Ids follow `order_by`; returns the
    first and last."""
    columns = ", ".join(SESSION_COLUMNS)
    (last,) = tx.execute("SELECT coalesce(max(id), 0) FROM propaganda_session").fetchone()
    with tx.dialect.sort_threads(tx.conn, sort_threads):
        tx.execute(
            f"""INSERT INTO propaganda_session ({columns}, created_at, import_batch)
                SELECT {columns}, :created_at, :import_batch FROM {source} {where}
                ORDER BY {order_by}""",
            {**params, "created_at": created_at, "import_batch": import_batch},
        )
    # The new ids: after the last one before (SQLite counts on from it; a server's sequence may
    # have moved on past ids a rolled-back transaction took).
    first, new_last = tx.execute(
        "SELECT min(id), max(id) FROM propaganda_session WHERE id > :last", {"last": last}
    ).fetchone()
    if first is None:
        return int(last) + 1, int(last)
    return int(first), int(new_last)


def delete_new_sessions(tx: Transaction, *, ids: Iterable[int]) -> None:
    """Remove sessions an import has just added (repeats of a key in its own file)."""
    tx.executemany("DELETE FROM propaganda_session WHERE id = :id", [{"id": i} for i in ids])


# --- members and violations ----------------------------------------------------------------------


def insert_member(
    tx: Transaction,
    *,
    data: NewMember,
    code: str,
    created_at: str,
    import_batch: int | None = None,
) -> int:
    values = dataclasses.asdict(data) | {
        "code": code,
        "created_at": created_at,
        "import_batch": import_batch,
    }
    member_id = _insert(tx, "member", values)
    # Its membership as recorded is its first change (the rules read the changes); one not
    # known ('chua-ro', migration 0013) has none until `member edit --membership` adds it.
    if data.membership != "chua-ro":
        first = {
            "member_id": member_id,
            "membership": data.membership,
            "since": data.membership_since,
        }
        _insert(
            tx,
            "member_membership",
            first | {"created_at": created_at, "import_batch": import_batch},
        )
    return member_id


def update_member(tx: Transaction, *, member_id: int, changes: Mapping[str, object]) -> None:
    _update(tx, "member", member_id, changes)


def insert_membership_change(
    tx: Transaction, *, data: NewMembershipChange, created_at: str, import_batch: int | None = None
) -> int:
    """A change of a member's membership; one of the same day is replaced (a correction). The
    member's own membership and membership_since become its latest change."""
    values = dataclasses.asdict(data)
    tx.execute(
        """DELETE FROM member_membership WHERE member_id = :member_id
           AND (since = :since OR (since IS NULL AND :since IS NULL))""",
        {"member_id": data.member_id, "since": data.since},
    )
    change_id = _insert(
        tx,
        "member_membership",
        values | {"created_at": created_at, "import_batch": import_batch},
    )
    latest = tx.execute(
        """SELECT membership, since FROM member_membership WHERE member_id = :member_id
           ORDER BY coalesce(since, '') DESC LIMIT 1""",
        {"member_id": data.member_id},
    ).fetchone()
    _update(tx, "member", data.member_id, {"membership": latest[0], "membership_since": latest[1]})
    return change_id


def delete_member(tx: Transaction, *, member_id: int) -> None:
    """Remove a member no violation refers to (the caller checked; the foreign key holds)."""
    cursor = tx.execute("DELETE FROM member WHERE id = :id", {"id": member_id})
    assert cursor.rowcount == 1, member_id


def insert_violation(
    tx: Transaction, *, data: NewViolation, created_at: str, import_batch: int | None = None
) -> int:
    values = dataclasses.asdict(data) | {"created_at": created_at, "import_batch": import_batch}
    return _insert(tx, "violation", values)


def update_violation(tx: Transaction, *, violation_id: int, changes: Mapping[str, object]) -> None:
    _update(tx, "violation", violation_id, changes)


# --- the audit log, closed months, report notes --------------------------------------------------


def insert_audit(
    tx: Transaction,
    *,
    at: str,
    actor: str,
    action: str,
    entity: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """One line of the audit log, written in the same transaction as the change it records."""
    values = {
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "before": _json(before),
        "after": _json(after),
        "reason": reason,
    }
    _insert(tx, "audit_log", values)


def close_period(tx: Transaction, *, month: str, closed_at: str, closed_by: str) -> None:
    tx.execute(
        "INSERT INTO period_lock (month, closed_at, closed_by) VALUES (:month, :at, :by)",
        {"month": month, "at": closed_at, "by": closed_by},
    )


def reopen_period(tx: Transaction, *, month: str) -> None:
    tx.execute("DELETE FROM period_lock WHERE month = :month", {"month": month})


def insert_report_note(
    tx: Transaction, *, period: str, section: str, text: str, created_at: str, created_by: str
) -> int:
    values = {
        "period": period,
        "section": section,
        "text": text,
        "created_at": created_at,
        "created_by": created_by,
    }
    return _insert(tx, "report_note", values)


def update_report_note(tx: Transaction, *, note_id: int, text: str) -> None:
    cursor = tx.execute(
        "UPDATE report_note SET text = :text WHERE id = :id", {"text": text, "id": note_id}
    )
    assert cursor.rowcount == 1, note_id


def delete_report_note(tx: Transaction, *, note_id: int) -> None:
    """A note is removed outright: the audit line of its deletion keeps what it said."""
    cursor = tx.execute("DELETE FROM report_note WHERE id = :id", {"id": note_id})
    assert cursor.rowcount == 1, note_id


# --- the import ledger ---------------------------------------------------------------------------

_BATCH_TABLES = {"sessions": "propaganda_session", "violations": "violation", "units": "unit"}
_ENTITY = {"sessions": "session", "violations": "violation", "units": "unit"}


def open_batch(
    tx: Transaction, *, kind: str, file_name: str, content_hash: str, actor: str, now: str
) -> int:
    """A new line in the ledger; its counts are filled in when the import is written."""
    values = {
        "kind": kind,
        "file_name": file_name,
        "content_hash": content_hash,
        "rows": 0,
        "added": 0,
        "updated": 0,
        "skipped": 0,
        "created_at": now,
        "created_by": actor,
    }
    return _insert(tx, "import_batch", values)


def set_batch_counts(
    tx: Transaction, *, batch: int, rows: int, added: int, updated: int, skipped: int
) -> None:
    tx.execute(
        """UPDATE import_batch SET rows = :rows, added = :added, updated = :updated,
           skipped = :skipped WHERE id = :id""",
        {"rows": rows, "added": added, "updated": updated, "skipped": skipped, "id": batch},
    )


def record_change(
    tx: Transaction, *, batch: int, kind: str, row_id: int, before: Mapping[str, Any]
) -> None:
    """The old values of a row the batch changed, so that undo can put them back."""
    values = {
        "batch_id": batch,
        "entity": _ENTITY[kind],
        "row_id": row_id,
        "before": json.dumps(before, ensure_ascii=False),
    }
    _insert(tx, "import_change", values)


def undo_batch(tx: Transaction, *, batch: int, kind: str, at: str, by: str) -> int:
    """Delete what the batch added, restore what it changed; returns the rows removed.
    Raises the dialect's IntegrityError when added units have records since."""
    table = _BATCH_TABLES[kind]
    params = {"batch": batch}
    if table == "unit":
        tx.execute(
            """DELETE FROM unit_members
               WHERE unit_id IN (SELECT id FROM unit WHERE import_batch = :batch)""",
            params,
        )
        # The aliases the file gave, and any given since to the units it added.
        tx.execute(
            """DELETE FROM unit_alias WHERE import_batch = :batch
               OR unit_id IN (SELECT id FROM unit WHERE import_batch = :batch)""",
            params,
        )
    removed = tx.execute(f"DELETE FROM {table} WHERE import_batch = :batch", params).rowcount
    if table == "violation":  # the people the file brought, unless recorded against since
        tx.execute(
            """DELETE FROM member WHERE import_batch = :batch
               AND id NOT IN (SELECT member_id FROM violation)""",
            params,
        )
    changes = tx.execute(
        "SELECT row_id, before FROM import_change WHERE batch_id = :batch ORDER BY id DESC",
        params,
    ).fetchall()
    for row_id, before in changes:
        _update(tx, table, int(row_id), json.loads(before))
    tx.execute(
        "UPDATE import_batch SET undone_at = :at, undone_by = :by WHERE id = :batch",
        {"at": at, "by": by, "batch": batch},
    )
    return int(removed)
