"""Opening the store: identity and version checks that never modify a file they refuse,
the connection's pragmas, write transactions that begin IMMEDIATE, and SQLite errors
turned into messages a user can act on."""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atgt_cli.errors import StoreError
from atgt_cli.labels import t
from atgt_cli.platform import create_private_file, is_network_path, make_private

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

APPLICATION_ID = 0x41544754  # "ATGT" in the SQLite header: marks a file as an atgt store
LATEST_VERSION = 8  # the number of scripts in store/migrations (a test keeps them equal)
BUSY_TIMEOUT_MS = 10_000  # one wait for the write lock, inside SQLite
WRITE_WAIT_S = 60.0  # all the waits for the write lock, retries included
_MAGIC = b"SQLite format 3\x00"


@dataclass
class Transaction:
    """What `Store.transaction()` yields: rollback() ends it early, keeping nothing."""

    conn: sqlite3.Connection

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


@dataclass
class Store:
    path: Path
    conn: sqlite3.Connection
    warnings: list[str] = field(default_factory=list)
    readonly: str | None = None  # why this store can only be read (a file or folder mode)
    _engine: Engine | None = None

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE): committed whole or not at all."""
        from sqlmodel import Session

        self._ensure_writable()
        with translate_errors(self.path), Session(self._get_engine()) as session:
            try:
                session.connection()  # BEGIN IMMEDIATE now: reads that follow see a locked store
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One write transaction on the store's connection without the ORM (whose import alone
        costs a write command half its time): for writers in plain SQL."""
        self._ensure_writable()
        with translate_errors(self.path), immediate(self.conn):
            yield Transaction(self.conn)

    def _ensure_writable(self) -> None:
        if self.readonly is not None:
            raise StoreError(t("store.readonly", path=self.path, detail=self.readonly))

    def _get_engine(self) -> Engine:
        if self._engine is None:
            from sqlalchemy import create_engine, event
            from sqlalchemy.pool import StaticPool

            # The ORM shares the store's one connection: no second connection to lock against.
            engine = create_engine("sqlite://", creator=lambda: self.conn, poolclass=StaticPool)

            @event.listens_for(engine, "begin")
            def _begin_immediate(connection: Any) -> None:
                begin_immediate(self.conn)

            self._engine = engine
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose(close=False)
        self.conn.close()


def begin_immediate(conn: sqlite3.Connection) -> None:
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
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """A write transaction on a plain connection: BEGIN IMMEDIATE (see begin_immediate), COMMIT
    at the end of the block, ROLLBACK if it raises (the block may also have ended it itself)."""
    begin_immediate(conn)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if conn.in_transaction:
        conn.execute("COMMIT")


def _busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def open_store(path: Path, *, create: bool = False, upgrade: bool = True) -> Store:
    """Open the store at path, migrating an older one (unless upgrade is False: backups and
    checks leave it as it is); create it only when asked."""
    path = path.expanduser()
    empty = path.is_file() and path.stat().st_size == 0
    if not create and (empty or not path.exists()):
        raise StoreError(t("store.empty" if empty else "store.missing", path=path))
    readonly = None
    with translate_errors(path):
        if empty or not path.exists():
            conn = _create(path)
        else:
            version = check_header(path)
            if version > LATEST_VERSION:
                raise StoreError(
                    t("store.newer", path=path, version=version, latest=LATEST_VERSION)
                )
            conn, readonly = _open_existing(path)
            if version < LATEST_VERSION and upgrade:
                if readonly is not None:
                    conn.close()
                    raise StoreError(
                        t("store.readonly_old", path=path, detail=readonly, latest=LATEST_VERSION)
                    )
                from atgt_cli.store.migrations import migrate

                migrate(conn, path, backup=True)
        store = Store(path, conn, readonly=readonly)
    if is_network_path(path):
        store.warnings.append(t("store.network", path=path))
    return store


@contextlib.contextmanager
def using_store(path: Path, *, create: bool = False, upgrade: bool = True) -> Iterator[Store]:
    """An open store for the length of a block; SQLite errors inside become StoreError."""
    store = open_store(path, create=create, upgrade=upgrade)
    try:
        with translate_errors(path):
            yield store
    finally:
        store.close()


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
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
    wal = path.with_name(path.name + "-wal")
    pending = wal.exists() and wal.stat().st_size > 0
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


def _open_existing(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """A read-write connection, else a read-only one and the reason (the file or its folder
    is read-only): listing and reports still work on a store that cannot be written."""
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


def _readable(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # the first read opens the WAL
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            raise
        conn.close()
        return False
    return True


def _read_pragma(path: Path, name: str) -> int:
    conn = connect(path, "ro")
    try:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        conn.close()


def connect(path: Path, mode: str, *, immutable: bool = False) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={mode}" + ("&immutable=1" if immutable else "")
    # isolation_level=None: atgt issues BEGIN itself (IMMEDIATE for writes).
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if mode != "ro":
        conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _create(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        make_private(path)  # an empty file someone made for us
    else:
        create_private_file(path)
    conn = connect(path, "rw")
    conn.execute("PRAGMA journal_mode = WAL")  # persistent: set once, in the file
    from atgt_cli.store.migrations import migrate

    migrate(conn, path, backup=False)
    return conn
