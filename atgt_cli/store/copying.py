"""Moving a store between databases (`atgt store copy`): every table of one store into a new,
empty store of the same schema version (a SQLite file into a PostgreSQL database, or back),
ids kept, then each table's rows counted and checksummed on both sides before the copy commits.

What only one database has stays behind: a shared store's logins (atgt_role) and the database
user on its log lines are the server's; a copied store's lines get the copier's."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from atgt_cli.store import dialects, writes
from atgt_cli.store.db import Transaction
from atgt_cli.store.dialects import Connection

# Parents before children (foreign keys are checked at once on PostgreSQL); unit.parent_id is
# set in a second pass.
TABLES = (
    "meta",
    "plan",
    "plan_revision",
    "import_batch",
    "unit",
    "unit_members",
    "unit_alias",
    "member",
    "member_membership",
    "propaganda_session",
    "violation",
    "import_change",
    "audit_log",
    "period_lock",
    "report_note",
)
_ORDER = {"meta": "key", "period_lock": "month"}  # tables without an id
CHUNK = 5000


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    checksum: str  # sha256 of its rows (the columns both stores have), the same on both sides


def columns(conn: Connection, table: str) -> list[str]:
    cursor = conn.execute(f"SELECT * FROM {table} WHERE 1 = 0")
    return [str(d[0]) for d in cursor.description]


def _rows(conn: Connection, table: str, names: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    order = _ORDER.get(table, "id")
    cursor = conn.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}")
    for row in cursor:
        yield tuple(row)


def _canonical(value: Any) -> str:
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float):
        return f"f{value!r}"
    return f"{type(value).__name__}:{value!r}"


def summary(conn: Connection, table: str, names: Sequence[str]) -> tuple[int, str]:
    """(rows, checksum) of a table over the given columns."""
    digest, count = hashlib.sha256(), 0
    for row in _rows(conn, table, names):
        digest.update("\x1f".join(_canonical(v) for v in row).encode("utf-8") + b"\x1e")
        count += 1
    return count, digest.hexdigest()


def non_empty(conn: Connection) -> list[str]:
    """Tables of a store that hold rows (a new store's meta does not count)."""
    found = []
    for table in TABLES:
        if table != "meta" and conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            found.append(table)
    return found


def copy_all(source: Connection, tx: Transaction) -> list[TableCopy]:
    """Every table of source into the (empty, same version) store of tx, then each one counted
    and checksummed on both sides; raises CopyMismatch when a table differs (tx then rolls
    back)."""
    target = tx.conn
    done = []
    writes.clear_meta(tx)
    for table in TABLES:
        names = [c for c in columns(target, table) if c in set(columns(source, table))]
        rows = _rows(source, table, names)
        if table == "unit":  # parents later: a unit may name one added after it
            parents: list[tuple[int, int]] = []
            rows = _without_parents(rows, names, parents)
        writes.copy_rows(tx, table=table, columns=names, rows=rows, chunk=CHUNK)
        if table == "unit":
            writes.set_unit_parents(tx, parents=parents)
        dialects.of(target).after_copy(target, table)
        want, got = summary(source, table, names), summary(target, table, names)
        if want != got:
            raise CopyMismatch(table, want, got)
        done.append(TableCopy(table, *got))
    return done


def _without_parents(
    rows: Iterator[tuple[Any, ...]], names: list[str], parents: list[tuple[int, int]]
) -> Iterator[tuple[Any, ...]]:
    """Units with no parent yet; (unit, parent) pairs kept in parents for the second pass."""
    at, ident = names.index("parent_id"), names.index("id")
    for row in rows:
        if row[at] is not None:
            parents.append((int(row[ident]), int(row[at])))
        yield (*row[:at], None, *row[at + 1 :])


class CopyMismatch(Exception):
    def __init__(self, table: str, want: tuple[int, str], got: tuple[int, str]) -> None:
        super().__init__(table, want, got)
        self.table, self.want, self.got = table, want, got
