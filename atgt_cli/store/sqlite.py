"""The SQLite dialect: everything atgt says that only SQLite understands lives here — the file
header and its identity, connection URIs (read-only, immutable), PRAGMAs, `user_version`, write
transactions that begin IMMEDIATE, temporary tables and index hints, SQLite's JSON and date
functions, its online backup, and its errors turned into messages a user can act on.

A second database is a second module like this one; the modules that call this one (db,
migrations, writes, queries, stats, staging, backup) speak portable SQL with `:name`
parameters."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from atgt_cli.errors import StoreError
from atgt_cli.labels import t

if TYPE_CHECKING:
    from atgt_cli.config import DatabaseUrl
    from atgt_cli.store import interface as dialects

Connection = sqlite3.Connection
Cursor = sqlite3.Cursor
Error = sqlite3.Error
IntegrityError = sqlite3.IntegrityError

NAME = "sqlite"
APPLICATION_ID = 0x41544754  # "ATGT" in the SQLite header: marks a file as an atgt store
BUSY_TIMEOUT_MS = 10_000  # one wait for the write lock, inside SQLite
WRITE_WAIT_S = 60.0  # all the waits for the write lock, retries included
_MAGIC = b"SQLite format 3\x00"


# --- connections ---------------------------------------------------------------------------------


def connect(path: Path, mode: str, *, immutable: bool = False) -> Connection:
    """A connection in mode rw (read-write), ro (read-only) or rwc (may create the file)."""
    uri = f"{path.resolve().as_uri()}?mode={mode}" + ("&immutable=1" if immutable else "")
    # isolation_level=None: atgt issues BEGIN itself (IMMEDIATE for writes).
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if mode != "ro":
        conn.execute("PRAGMA foreign_keys = ON")
    return conn


def connect_file(path: Path) -> Connection:
    """A plain connection to a file of our own making (a backup's copy)."""
    return sqlite3.connect(path, isolation_level=None)


def create(path: Path) -> Connection:
    """A connection to a new, empty store file, in WAL mode (persistent: set once, in the file)."""
    conn = connect(path, "rw")
    conn.execute("PRAGMA journal_mode = WAL")
    return conn


def open_existing(path: Path) -> tuple[Connection, str | None]:
    """A read-write connection, else a read-only one and the reason (the file or its folder
    is read-only): listing and reports still work on a store that cannot be written."""
    import os

    try:
        os.close(os.open(path, os.O_RDWR))  # opening does not change the file
    except OSError as exc:
        reason: str | None = exc.strerror or str(exc)
    else:
        reason = None
        conn = connect(path, "rw")
        if _readable(conn):
            return conn, None
        # WAL needs its -wal and -shm files beside the store: the folder is read-only.
        reason = t("store.dir_readonly", dir=path.parent)
    conn = connect(path, "ro")
    if _readable(conn):
        return conn, reason
    if path.with_name(path.name + "-wal").exists():
        raise StoreError(t("store.cannot_open", path=path, detail=reason))
    # No WAL file and none can be made, so no one can be writing: read the file as it is.
    return connect(path, "ro", immutable=True), reason


def _readable(conn: Connection) -> bool:
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # the first read opens the WAL
    except sqlite3.OperationalError as exc:
        # A folder the user may not write: SQLite cannot make the -shm file ("unable to open"),
        # or, for an ordinary user (not root), finds it cannot take its lock ("readonly").
        if "unable to open" not in str(exc) and "readonly" not in str(exc):
            raise
        conn.close()
        return False
    return True


# --- the header: identity and version ------------------------------------------------------------


def check_header(path: Path) -> int:
    """Read the SQLite header ourselves, so a file we refuse is never touched by SQLite.

    Returns the store's schema version; raises StoreError for a foreign or damaged file.
    """
    try:
        with path.open("rb") as f:
            head = f.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise StoreError(t("store.cannot_open", path=path, detail=exc.strerror)) from None
    if len(head) < 100 or head[:16] != _MAGIC:
        raise StoreError(t("store.not_sqlite", path=path))
    pending = wal_pending(path)
    if pending:
        # Committed changes not yet copied into the file: the header there may be stale
        # (after a crash right after a migration), so ask SQLite, which reads the WAL too.
        app_id, version = _read_pragma(path, "application_id"), _read_pragma(path, "user_version")
    else:
        app_id, version = int.from_bytes(head[68:72], "big"), int.from_bytes(head[60:64], "big")
    if app_id != APPLICATION_ID:
        raise StoreError(t("store.foreign", path=path))
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    header_valid = head[24:28] == head[92:96]
    truncated = header_valid and not pending and size < pages * page_size
    if page_size < 512 or size % page_size or truncated:
        raise StoreError(t("store.damaged", path=path, detail=f"{size} bytes"))
    return version


def _read_pragma(path: Path, name: str) -> int:
    conn = connect(path, "ro")
    try:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        conn.close()


def schema_version(conn: dialects.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def set_schema_version(conn: dialects.Connection, version: int) -> None:
    conn.execute(f"PRAGMA user_version = {int(version)}")


def checkpoint(conn: dialects.Connection) -> None:
    """Copy the WAL into the main file (after a migration: the next start reads the header)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def script(name: str, sql: str) -> str:
    """A migration's SQL as this database runs it: as written (the scripts are SQLite's)."""
    return sql


def split_script(sql: str) -> list[str]:
    """A migration script's statements, split where SQLite says a statement is complete."""
    out, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:80]}")
    return out


# --- write transactions --------------------------------------------------------------------------


def begin_immediate(conn: dialects.Connection) -> None:
    """Take the write lock now, waiting for other writers.

    In WAL a read-then-write transaction that began DEFERRED fails with "database is locked"
    whatever the timeout, so writes begin IMMEDIATE. SQLite's busy handler polls without a
    queue, so a writer can lose the lock to others for longer than one busy timeout: try
    again with a growing, jittered pause until WRITE_WAIT_S has passed, then let the
    "busy" error through (translate_errors makes it a StoreError).
    """
    deadline = time.monotonic() + WRITE_WAIT_S
    pause = 0.01
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause * random.uniform(0.5, 1.5))
        pause = min(pause * 2, 0.5)


@contextlib.contextmanager
def immediate(conn: dialects.Connection) -> Iterator[None]:
    """A write transaction: BEGIN IMMEDIATE (see begin_immediate), COMMIT at the end of the
    block, ROLLBACK if it raises (the block may also have ended it itself)."""
    begin_immediate(conn)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if conn.in_transaction:
        conn.execute("COMMIT")


def rollback(conn: dialects.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


@contextlib.contextmanager
def translate_errors(path: Path | DatabaseUrl) -> Iterator[None]:
    """SQLite's errors (also when wrapped by SQLAlchemy) as StoreError with a clear message."""
    try:
        yield
    except Exception as exc:
        orig = getattr(exc, "orig", None) or exc
        if not isinstance(orig, sqlite3.Error):
            raise
        text = str(orig).lower()
        if _busy(orig):
            key = "store.busy"
        elif "readonly" in text or "read-only" in text:
            key = "store.readonly"
        elif "full" in text:
            key = "store.full"
        elif isinstance(orig, sqlite3.DatabaseError) and not isinstance(
            orig, sqlite3.OperationalError
        ):
            key = "store.damaged"
        elif "unable to open" in text:
            key = "store.cannot_open"
        else:
            key = "store.error"
        raise StoreError(t(key, path=path, detail=orig)) from exc


# --- temporary tables and planner hints (the bulk import) ----------------------------------------


def create_temp_table(
    conn: dialects.Connection, name: str, columns: str, *, rowid: bool = True
) -> None:
    conn.execute(f"CREATE TEMP TABLE {name} ({columns}){'' if rowid else ' WITHOUT ROWID'}")


def drop_temp_table(conn: dialects.Connection, name: str) -> None:
    conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


def temp(name: str) -> str:
    """A temporary table's name, qualified."""
    return f"temp.{name}"


def indexed_by(table: str, alias: str, index: str) -> str:
    """A table in FROM with the index SQLite should use (its planner misjudges some joins)."""
    return f"{table} AS {alias} INDEXED BY {index}"


@contextlib.contextmanager
def sort_threads(conn: dialects.Connection, threads: int) -> Iterator[None]:
    """Let SQLite's sorter use helper threads for one statement (it doesn't by default)."""
    conn.execute(f"PRAGMA threads = {int(threads)}")
    try:
        yield
    finally:
        conn.execute("PRAGMA threads = 0")


# --- SQL functions that differ between databases -------------------------------------------------


def json_field(column: str, key: str) -> str:
    """The text of one key of a JSON object column."""
    return f"json_extract({column}, '$.{key}')"


def json_elements(column: str, alias: str) -> str:
    """A table (named alias) of the elements of a JSON array column, its column named `value`."""
    return f"json_each({column}) AS {alias}"


def add_days(column: str, days: int) -> str:
    """The ISO date `days` days after a date column."""
    return f"date({column}, '+{int(days)} days')"


def month_after_cutoff(column: str, cutoff: int) -> str:
    """YYYY-MM of a date column, the days after the cut-off day counted in the next month."""
    return f"strftime('%Y-%m', {column}, '-{int(cutoff)} days', 'start of month', '+1 month')"


def facts(conn: dialects.Connection, table: str) -> str:
    """What status and reports count in: the table itself (one user, who sees everything)."""
    return table


def bulk_insert(
    conn: dialects.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    chunk: int,
) -> None:
    """Rows into a table, as fast as the database takes them (executemany: one statement)."""
    marks = ", ".join("?" * len(columns))
    conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def analyze(conn: dialects.Connection, table: str) -> None:
    """Nothing: SQLite's planner does without statistics of a temporary table."""


def after_copy(conn: dialects.Connection, table: str) -> None:
    """Nothing: SQLite counts new ids on from the largest."""


def same(a: str, b: str) -> str:
    """a equals b, NULL equal to NULL."""
    return f"{a} IS {b}"


def position(needle: str, text: str) -> str:
    """Where needle first is in text (1-based), 0 if not there."""
    return f"instr({text}, {needle})"


def char(code: int) -> str:
    """The character of a code point, as SQL."""
    return f"char({int(code)})"


def lacks_chars(text: str, chars: str) -> str:
    """text holds none of the characters of chars (no glob metacharacters among them)."""
    return f"{text} NOT GLOB '*[{chars}]*'"


# --- checks and copies ---------------------------------------------------------------------------


def integrity_problems(conn: Connection) -> list[tuple[str, ...]]:
    """Lines of SQLite's integrity check that are not "ok", then dangling foreign keys as
    ("fk", table, rowid, parent)."""
    found = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(100)")]
    out: list[tuple[str, ...]] = [(line,) for line in found if line != "ok"]
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        out.append(("fk", str(table), str(rowid), str(parent)))
    return out


def quick_check(conn: Connection) -> bool:
    return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")


def tables(conn: Connection, schema: str = "main") -> list[str]:
    rows = conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [str(row[0]) for row in rows]


def columns(conn: Connection, table: str, schema: str = "main") -> list[str]:
    return [str(row[1]) for row in conn.execute(f'PRAGMA {schema}.table_info("{table}")')]


def backup_into(conn: Connection, copy: Connection) -> None:
    """SQLite's online backup of conn's main database into copy, then a rollback journal for
    the copy: one self-contained file, nothing beside it."""
    conn.backup(copy)
    copy.execute("PRAGMA journal_mode = DELETE")


def wal_pending(path: Path) -> bool:
    """Committed changes wait in the store's -wal. One stat, not exists() then stat(): another
    process may remove the -wal between two looks (its last connection closing)."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def use_wal(conn: Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")


def foreign_keys(conn: dialects.Connection, *, on: bool) -> None:
    conn.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def foreign_keys_on(conn: dialects.Connection) -> bool:
    return bool(conn.execute("PRAGMA foreign_keys").fetchone()[0])


def dangling_foreign_keys(conn: dialects.Connection) -> list[tuple[str, int, str]]:
    """(table, rowid, parent) of each row whose foreign key names no row."""
    return [(str(t), int(r), str(p)) for t, r, p, _ in conn.execute("PRAGMA foreign_key_check")]


def attach_readonly(conn: Connection, path: Path, name: str) -> None:
    conn.execute(f"ATTACH DATABASE ? AS {name}", (f"{path.resolve().as_uri()}?mode=ro",))


def detach(conn: Connection, name: str) -> None:
    conn.execute(f"DETACH DATABASE {name}")
