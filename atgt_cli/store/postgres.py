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
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.adapt import Dumper, Loader
from psycopg.pq import TransactionStatus

from atgt_cli.errors import RetryError, StoreError
from atgt_cli.labels import t

if TYPE_CHECKING:
    from pathlib import Path

    from atgt_cli.config import DatabaseUrl
    from atgt_cli.store import interface as dialects

NAME = "postgresql"
WRITE_LOCK = 0x41544754  # the advisory lock every atgt write transaction holds ("ATGT")
LOCK_WAIT = "60s"  # how long a writer waits for the others before "busy"
CONNECT_TIMEOUT_S = 10
CHUNK = 5000  # rows an executemany or a COPY sends at a time
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
        self.office = True  # an office's login (reads everything); a unit's: see login()

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
        # In chunks: the rows may come from a generator that reads this connection itself
        # (sqlite3 allows it), and psycopg holds the connection while a statement runs.
        cursor = self.raw.cursor()
        query = placeholders(sql)
        rows = iter(parameters)
        while chunk := list(itertools.islice(rows, CHUNK)):
            cursor.executemany(query, chunk)
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


def login(conn: PgConnection) -> None:
    """Whose login this is: a unit's reads every unit's figures through the facts functions."""
    mapped: Any = conn.execute("SELECT to_regclass('atgt_role')").fetchone()
    if mapped[0] is None:
        return
    row: Any = conn.execute(
        "SELECT office FROM atgt_role WHERE role_name = current_user"
    ).fetchone()
    superuser: Any = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    conn.office = bool(row[0]) if row else bool(superuser.fetchone()[0])


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
    # Tables are made in the transaction that records the version: none recorded, not ours.
    return schema_version(conn) or None


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


# Migrations PostgreSQL says differently: SQLite rebuilds a table to change a CHECK, which the
# server cannot do to a table others refer to (DROP TABLE member fails on the foreign keys of
# violation and member_membership); it changes the constraint in place. Keyed by file name.
OVERRIDES = {
    "0013_membership_unknown.sql": """
        ALTER TABLE member DROP CONSTRAINT member_membership_check;
        ALTER TABLE member ADD CONSTRAINT member_membership_check
            CHECK (membership IN ('chinh-thuc', 'du-bi', 'chua-ro'));
    """,
}


def foreign_keys(conn: dialects.Connection, *, on: bool) -> None:
    """The server always checks foreign keys (a migration changes constraints in place)."""


def foreign_keys_on(conn: dialects.Connection) -> bool:
    return True


def dangling_foreign_keys(conn: dialects.Connection) -> list[tuple[str, int, str]]:
    """None: the server refuses a row whose foreign key names no row."""
    return []


def script(name: str, sql: str) -> str:
    """A migration's SQL as the server runs it: the script, unless OVERRIDES says otherwise."""
    return OVERRIDES.get(name, sql)


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


# --- access: office and unit roles, enforced by the server ----------------------------------------

# Tables a unit role reads and writes only for its own unit (member names, free text), by the
# unit_id column or through the member; the log and the import ledger only for what it wrote.
_BY_UNIT = {
    "member": "unit_id = atgt_my_unit()",
    "violation": "unit_id = atgt_my_unit()",
    "propaganda_session": "unit_id = atgt_my_unit()",
    "member_membership": "member_id IN (SELECT id FROM member)",
    "audit_log": "db_user = current_user",
    "import_batch": "db_user = current_user",
    "import_change": "batch_id IN (SELECT id FROM import_batch)",
}
# What a unit role may read whole: the plan, the units and their counts, the closed months.
_READ = ("meta", "plan", "plan_revision", "unit", "unit_members", "unit_alias", "period_lock")
# The columns status and reports count by, without a name or a free text: every unit's aggregate
# status is read through these views (they run as their owner, the office, past the policies).
FACTS = {
    "propaganda_session": (
        "atgt_session_facts",
        "id integer, plan_id integer, unit_id integer, held_on text, channel text, topics text,"
        " item text, present integer, total integer, masses integer, deleted_at text",
    ),
    "violation": (
        "atgt_violation_facts",
        "id integer, plan_id integer, unit_id integer, category text, occurred_on text,"
        " known_on text, reported_on text, outcome text, decided_on text, published_on text,"
        " deleted_at text",
    ),
}

_EXTRAS = [
    # Who each login is: an office (everything) or one unit's (its own rows).
    """CREATE TABLE IF NOT EXISTS atgt_role (
           role_name TEXT PRIMARY KEY,
           unit_id   INTEGER REFERENCES unit (id),
           office    BOOLEAN NOT NULL DEFAULT false,
           CHECK (office OR unit_id IS NOT NULL))""",
    # The one who made the store is an office.
    """INSERT INTO atgt_role (role_name, office) VALUES (current_user, true)
       ON CONFLICT (role_name) DO NOTHING""",
    """CREATE OR REPLACE FUNCTION atgt_my_unit() RETURNS integer LANGUAGE sql STABLE AS
       $$ SELECT unit_id FROM atgt_role WHERE role_name = current_user $$""",
    """CREATE OR REPLACE FUNCTION atgt_is_office() RETURNS boolean LANGUAGE sql STABLE AS
       $$ SELECT coalesce((SELECT office FROM atgt_role WHERE role_name = current_user),
                          false) $$""",
    # The audit log and the import ledger record the database user who wrote each line.
    "ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS db_user TEXT NOT NULL DEFAULT current_user",
    "ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS db_user TEXT NOT NULL DEFAULT current_user",
]


def after_migrate(conn: dialects.Connection) -> None:
    """What only a shared store has, set up (again: each statement may run twice) once its
    tables are there: the role mapping, row-level security on the tables that hold names and
    free text (FORCE: the owner too), the aggregate views every unit may read."""
    with immediate(conn):
        for statement in _EXTRAS:
            conn.execute(statement)
        for table, unit_rule in _BY_UNIT.items():
            conn.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            conn.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
            for name, rule in (("office", "atgt_is_office()"), ("unit", unit_rule)):
                conn.execute(f"DROP POLICY IF EXISTS atgt_{name} ON {table}")
                conn.execute(
                    f"CREATE POLICY atgt_{name} ON {table} USING ({rule}) WITH CHECK ({rule})"
                )
        for table, (view, typed) in FACTS.items():
            # A function of the owner's (an office): it reads past the policies, and gives the
            # counted columns only. Nobody but atgt's roles may call it.
            names = ", ".join(c.split()[0] for c in typed.split(", "))
            conn.execute(
                f"""CREATE OR REPLACE FUNCTION {view}() RETURNS TABLE ({typed})
                    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
                    AS $$ SELECT {names} FROM {table} $$"""
            )
            conn.execute(f"REVOKE ALL ON FUNCTION {view}() FROM PUBLIC")


def grant_unit(conn: dialects.Connection, role: str) -> None:
    """What a unit's login may do: read the plan, the units and the aggregate views; read and
    write its own members, sessions and violations (the policies say which rows)."""
    quoted = quote_name(role)
    conn.execute(f"GRANT SELECT ON {', '.join(_READ)}, atgt_role, atgt_schema TO {quoted}")
    for view, _ in FACTS.values():
        conn.execute(f"GRANT EXECUTE ON FUNCTION {view}() TO {quoted}")
    conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(_BY_UNIT)} TO {quoted}")
    conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {quoted}")


def grant_office(conn: dialects.Connection, role: str) -> None:
    quoted = quote_name(role)
    conn.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {quoted}")
    conn.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {quoted}")


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def role_exists(conn: dialects.Connection, role: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone() is not None


def create_role(conn: dialects.Connection, role: str, password: str | None) -> None:
    """A login role (the server's own account: its password is the server's, not atgt's)."""
    sql = f"CREATE ROLE {quote_name(role)} LOGIN"
    if password is not None:
        sql += " PASSWORD " + "'" + password.replace("'", "''") + "'"
    conn.execute(sql)


def map_role(conn: dialects.Connection, role: str, *, unit_id: int | None, office: bool) -> None:
    conn.execute(
        f"""INSERT INTO atgt_role (role_name, unit_id, office)
            VALUES (?, ?, {"true" if office else "false"})
            ON CONFLICT (role_name) DO UPDATE SET unit_id = excluded.unit_id,
            office = excluded.office""",
        (role, unit_id),
    )


def facts(conn: dialects.Connection, table: str) -> str:
    """What status and reports count in: the table for an office, for a unit's login the
    function giving every unit's counted columns (its policies show it only its own rows)."""
    if getattr(conn, "office", True) or table not in FACTS:
        return table
    return f"{FACTS[table][0]}()"


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
        if isinstance(exc, pg_errors.SerializationFailure | pg_errors.DeadlockDetected):
            raise RetryError(t("store.busy", path=_shown(path), detail=detail)) from exc
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


def bulk_insert(
    conn: dialects.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    chunk: int,
) -> None:
    """Rows into a table through COPY."""
    assert isinstance(conn, PgConnection)
    conn.copy_rows(table, columns, rows)


def analyze(conn: dialects.Connection, table: str) -> None:
    """Statistics of a temporary table just filled: autovacuum never sees one, and without
    them the planner joins a million staged rows as if there were a thousand."""
    conn.execute(f"ANALYZE {table}")


def after_copy(conn: dialects.Connection, table: str) -> None:
    """New ids after the copied ones: the table's identity sequence moved past them."""
    has_id: Any = conn.execute(
        "SELECT pg_get_serial_sequence(?, 'id') FROM information_schema.columns"
        " WHERE table_name = ? AND column_name = 'id' AND table_schema = current_schema()",
        (table, table),
    ).fetchone()
    if has_id and has_id[0]:
        conn.execute(
            f"SELECT setval(?, coalesce((SELECT max(id) FROM {table}), 0) + 1, false)",
            (has_id[0],),
        )


def same(a: str, b: str) -> str:
    return f"{a} IS NOT DISTINCT FROM {b}"


def position(needle: str, text: str) -> str:
    return f"strpos({text}, {needle})"


def char(code: int) -> str:
    return f"chr({int(code)})"


def lacks_chars(text: str, chars: str) -> str:
    return f"{text} !~ '[{chars}]'"
