"""The PostgreSQL dialect: a shared store on a database server (`--db postgresql://…`).

What this module does that store/sqlite.py does for a file: connect, tell an atgt database from
another (the `meta` table) and read its schema version there (PostgreSQL has no user_version),
keep the schema version in a table of its own (atgt_schema), build the schema from the same
migrations (a few words translated at apply time: identity
columns for INTEGER PRIMARY KEY, no STRICT, no PRAGMA, DOUBLE PRECISION for REAL), begin write
transactions that hold atgt's write lock (a transaction-level advisory lock: writers queue as
SQLite's BEGIN IMMEDIATE makes them, so the rules checked inside a transaction hold when it
commits), write the SQL functions the queries need, and turn the server's errors into messages.

Statements keep sqlite3's `?` and `:name` parameters: PgConnection rewrites each statement once
(cached) into psycopg's `%s` / `%(name)s`, and binds values on the client side (ClientCursor), so
an untyped NULL or a date string compare as they do in SQLite. Only `postgresql://` stores
import this module."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.adapt import Dumper, Loader
from psycopg.pq import TransactionStatus

from atgt_cli.errors import StoreError
from atgt_cli.labels import t

if TYPE_CHECKING:
    from pathlib import Path

    from atgt_cli.config import DatabaseUrl
    from atgt_cli.store import interface as dialects

NAME = "postgresql"
WRITE_LOCK = 0x41544754  # the advisory lock every atgt write transaction holds ("ATGT")
LOCK_WAIT = "60s"  # how long a writer waits for the others before "busy"
CONNECT_TIMEOUT_S = 10
Error = psycopg.Error


# --- connections ---------------------------------------------------------------------------------


class _BoolAsInt(Dumper):
    """Python booleans as 1 and 0, as SQLite stores them (atgt's flags are INTEGER columns)."""

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"

    def quote(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


class _NumericAsFloat(Loader):
    """numeric results (1.0 * a / b, sums of them) as float, as SQLite returns REAL."""

    def load(self, data: Any) -> float:
        return float(bytes(data))


_TOKEN = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|::|\?|:([A-Za-z_]\w*)|%""")


@functools.lru_cache(maxsize=1024)
def placeholders(sql: str) -> str:
    """sqlite3's `?` and `:name` as psycopg's `%s` and `%(name)s` outside quotes and comments
    (every literal % doubled, in quotes too); `::` (a cast) is left alone."""

    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if m.group(1):
            return f"%({m.group(1)})s"
        return token.replace("%", "%%")  # psycopg reads % in quotes too

    return _TOKEN.sub(sub, sql)


class PgConnection:
    """A psycopg connection that takes the statements and parameters atgt gives sqlite3."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = (), /
    ) -> psycopg.Cursor[Any]:
        return self.raw.execute(placeholders(sql), parameters)

    def executemany(
        self, sql: str, parameters: Iterable[Sequence[Any] | Mapping[str, Any]], /
    ) -> psycopg.Cursor[Any]:
        cursor = self.raw.cursor()
        cursor.executemany(placeholders(sql), parameters)
        return cursor

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Rows into a table through COPY (the bulk import's staging)."""
        names = ", ".join(columns)
        with self.raw.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def close(self) -> None:
        self.raw.close()


def connect(url: str) -> PgConnection:
    """A connection in autocommit (atgt begins its transactions itself)."""
    raw = psycopg.connect(
        url,
        autocommit=True,
        cursor_factory=psycopg.ClientCursor,
        connect_timeout=CONNECT_TIMEOUT_S,
        application_name="atgt",
    )
    raw.adapters.register_dumper(bool, _BoolAsInt)
    raw.adapters.register_loader("numeric", _NumericAsFloat)
    raw.execute("SET TIME ZONE 'UTC'")
    return PgConnection(raw)


def identify(conn: dialects.Connection) -> int | None:
    """The schema version of an atgt database, 0 if it is empty, None if it holds something
    else (tables, but no atgt meta table)."""
    found = conn.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
    ).fetchone()[0]
    if not found:
        return 0
    if conn.execute("SELECT to_regclass('meta')").fetchone()[0] is None:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'created_by'").fetchone()
    if row is None or row[0] != "atgt":
        return None
    return schema_version(conn)


def schema_version(conn: dialects.Connection) -> int:
    """The version of the last migration applied (0: none), kept in a one-row table of the
    dialect's own, as SQLite keeps it in its header's user_version."""
    if conn.execute("SELECT to_regclass('atgt_schema')").fetchone()[0] is None:
        return 0
    row = conn.execute("SELECT max(version) FROM atgt_schema").fetchone()
    return int(row[0] or 0)


def set_schema_version(conn: dialects.Connection, version: int) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS atgt_schema (version INTEGER NOT NULL)")
    conn.execute("DELETE FROM atgt_schema")
    conn.execute("INSERT INTO atgt_schema (version) VALUES (?)", (int(version),))


def checkpoint(conn: dialects.Connection) -> None:
    """Nothing to do: the server keeps its own files."""


_STATEMENT = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|;|[^'";-]+|-""")


def split_script(sql: str) -> list[str]:
    """A migration script's statements (comments left out), translated from SQLite's words."""
    out, buffer = [], ""
    for m in _STATEMENT.finditer(sql):
        token = m.group(0)
        if token.startswith("--"):
            continue
        if token == ";":
            if buffer.strip():
                out.append(buffer.strip())
            buffer = ""
        else:
            buffer += token
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:80]}")
    return [s for s in (translate_ddl(s) for s in out) if s]


def translate_ddl(statement: str) -> str:
    """One migration statement as PostgreSQL says it ("" for SQLite's PRAGMAs)."""
    if statement.upper().startswith("PRAGMA"):
        return ""
    statement = re.sub(r"\)\s*STRICT\s*$", ")", statement)
    identity = "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    statement = re.sub(r"\bINTEGER PRIMARY KEY\b", identity, statement)
    return re.sub(r"\bREAL\b", "DOUBLE PRECISION", statement)


def after_migrate(conn: dialects.Connection) -> None:
    """What only a shared store has, set up once its tables are there."""


# --- write transactions --------------------------------------------------------------------------


@contextlib.contextmanager
def immediate(conn: dialects.Connection) -> Iterator[None]:
    """A write transaction holding atgt's write lock from its start: the rules read inside it
    (period locks, duplicate keys, code numbers, the next ids) hold until it commits."""
    conn.execute("BEGIN")
    try:
        conn.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'")
        conn.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
        yield
    except BaseException:
        rollback(conn)
        raise
    if conn.in_transaction:
        conn.execute("COMMIT")


def rollback(conn: dialects.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _shown(path: Path | DatabaseUrl) -> str:
    return str(getattr(path, "shown", path))


@contextlib.contextmanager
def translate_errors(path: Path | DatabaseUrl) -> Iterator[None]:
    """The server's errors as StoreError with a clear message."""
    try:
        yield
    except psycopg.Error as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if isinstance(exc, pg_errors.LockNotAvailable | pg_errors.QueryCanceled):
            key = "store.busy"
        elif isinstance(exc, pg_errors.InsufficientPrivilege):
            key = "store.pg_denied"
        elif isinstance(exc, pg_errors.DiskFull):
            key = "store.full"
        elif isinstance(exc, pg_errors.ReadOnlySqlTransaction):
            key = "store.readonly"
        elif isinstance(exc, psycopg.OperationalError):
            key = "store.pg_connect"
        else:
            key = "store.error"
        raise StoreError(t(key, path=_shown(path), detail=detail)) from exc


# --- temporary tables and planner hints (the bulk import) ----------------------------------------


def create_temp_table(
    conn: dialects.Connection, name: str, columns: str, *, rowid: bool = True
) -> None:
    # A rowid last, numbered as rows come in, as SQLite's: positional INSERTs fill the others.
    numbered = ", rowid BIGINT GENERATED BY DEFAULT AS IDENTITY" if rowid else ""
    conn.execute(f"CREATE TEMP TABLE {name} ({columns}{numbered})")


def drop_temp_table(conn: dialects.Connection, name: str) -> None:
    conn.execute(f"DROP TABLE IF EXISTS pg_temp.{name}")


def temp(name: str) -> str:
    return f"pg_temp.{name}"


def indexed_by(table: str, alias: str, index: str) -> str:
    """PostgreSQL's planner takes no hints: the table as it is."""
    return f"{table} AS {alias}"


@contextlib.contextmanager
def sort_threads(conn: dialects.Connection, threads: int) -> Iterator[None]:
    yield  # the server decides its own parallel workers


# --- SQL functions that differ between databases -------------------------------------------------


def json_field(column: str, key: str) -> str:
    return f"({column}::jsonb ->> '{key}')"


def json_elements(column: str, alias: str) -> str:
    return f"jsonb_array_elements_text({column}::jsonb) AS {alias}(value)"


def add_days(column: str, days: int) -> str:
    return f"to_char({column}::date + {int(days)}, 'YYYY-MM-DD')"


def month_after_cutoff(column: str, cutoff: int) -> str:
    return (
        f"to_char(date_trunc('month', {column}::date - {int(cutoff)}) + interval '1 month',"
        " 'YYYY-MM')"
    )


def same(a: str, b: str) -> str:
    return f"{a} IS NOT DISTINCT FROM {b}"


def position(needle: str, text: str) -> str:
    return f"strpos({text}, {needle})"


def char(code: int) -> str:
    return f"chr({int(code)})"


def lacks_chars(text: str, chars: str) -> str:
    return f"{text} !~ '[{chars}]'"
