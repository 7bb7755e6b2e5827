"""Opening the store: identity and version checks that never modify a file (or a database) they
refuse, and the one kind of write transaction every change goes through (`Store.transaction()`).
What only SQLite speaks is in store/sqlite.py, what only PostgreSQL speaks in store/postgres.py
(imported only for a `postgresql://` store)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from atgt_cli import files
from atgt_cli.config import DatabaseUrl
from atgt_cli.errors import StoreError
from atgt_cli.labels import t
from atgt_cli.platform import create_private_file, is_network_path, make_private
from atgt_cli.store import dialects
from atgt_cli.store import sqlite as dialect
from atgt_cli.store.migrations import LATEST_VERSION as LATEST_VERSION
from atgt_cli.store.migrations import migrate

Params = Sequence[object] | Mapping[str, object]


@dataclass
class Transaction:
    """An open write transaction, what `Store.transaction()` yields and every write function
    takes: committed whole when the block ends, rolled back if it raises or on rollback()."""

    conn: dialects.Connection

    @property
    def dialect(self) -> dialects.Dialect:
        return dialects.of(self.conn)

    def execute(self, sql: str, params: Params = ()) -> dialects.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        self.conn.executemany(sql, rows)

    def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT … RETURNING id; returns the new row's id."""
        row = self.conn.execute(sql, params).fetchone()
        return int(row[0])

    def rollback(self) -> None:
        """End the transaction now, keeping nothing."""
        self.dialect.rollback(self.conn)


@dataclass
class Store:
    path: Path | DatabaseUrl  # a file, or a database on a server (several users at once)
    conn: dialects.Connection
    warnings: list[str] = field(default_factory=list)
    readonly: str | None = None  # why this store can only be read (a file or folder mode)
    created: bool = False  # made by this opening (a shared store: its tables)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One write transaction (it takes the write lock at once): committed whole or not
        at all. Reads made inside it see the store as it is under the lock."""
        if self.readonly is not None:
            raise StoreError(t("store.readonly", path=self.path, detail=self.readonly))
        dialect = dialects.of(self.conn)
        with dialect.translate_errors(self.path), dialect.immediate(self.conn):
            yield Transaction(self.conn)

    @property
    def shared(self) -> bool:
        """A store on a database server rather than a file."""
        return isinstance(self.path, DatabaseUrl)

    def close(self) -> None:
        self.conn.close()


def open_store(path: Path | DatabaseUrl, *, create: bool = False, upgrade: bool = True) -> Store:
    """Open the store at path, migrating an older one (unless upgrade is False: backups and
    checks leave it as it is); create it only when asked."""
    if isinstance(path, DatabaseUrl):
        return _open_server(path, create=create, upgrade=upgrade)
    path = path.expanduser()
    # No output of this run may replace the store or its sidecars (atgt_cli.files).
    files.keep_safe(path, "output.the_store", sidecars="output.store_sidecar")
    if path.is_dir():
        raise StoreError(t("store.cannot_open", path=path, detail=t("store.is_dir")))
    if path.exists() and not path.is_file():  # a device or a pipe: reading it could block
        raise StoreError(t("store.cannot_open", path=path, detail=t("store.not_file")))
    empty = path.is_file() and path.stat().st_size == 0
    if not create and (empty or not path.exists()):
        raise StoreError(t("store.empty" if empty else "store.missing", path=path))
    readonly = None
    with dialect.translate_errors(path):
        if empty or not path.exists():
            conn = _create(path)
        else:
            version = dialect.check_header(path)
            if version > LATEST_VERSION:
                raise StoreError(
                    t("store.newer", path=path, version=version, latest=LATEST_VERSION)
                )
            conn, readonly = dialect.open_existing(path)
            if version < LATEST_VERSION and upgrade:
                if readonly is not None:
                    conn.close()
                    raise StoreError(
                        t("store.readonly_old", path=path, detail=readonly, latest=LATEST_VERSION)
                    )
                migrate(conn, path, backup=True)
        store = Store(path, conn, readonly=readonly)
    if readonly is None:
        # Temporaries a killed run left beside the store (`atgt check` names those that stay).
        files.clean_leftovers(path.parent)
    if is_network_path(path):
        store.warnings.append(t("store.network", path=path))
    return store


@contextlib.contextmanager
def using_store(
    path: Path | DatabaseUrl, *, create: bool = False, upgrade: bool = True
) -> Iterator[Store]:
    """An open store for the length of a block; database errors inside become StoreError."""
    store = open_store(path, create=create, upgrade=upgrade)
    try:
        with dialects.of(store.conn).translate_errors(path):
            yield store
    finally:
        store.close()


def _create(path: Path) -> dialect.Connection:
    files.make_folders(path.parent)
    if path.exists():
        make_private(path)  # an empty file someone made for us
    else:
        create_private_file(path)
    conn = dialect.create(path)
    migrate(conn, path, backup=False)
    return conn


def _open_server(url: DatabaseUrl, *, create: bool, upgrade: bool) -> Store:
    """A store in a PostgreSQL database: an empty database becomes one (with create), one that
    holds anything but an atgt store, or a newer one, is refused and left as it is."""
    from atgt_cli.store import postgres

    with postgres.translate_errors(url):
        conn = postgres.connect(url)
        try:
            version = postgres.identify(conn)
            if version is None:
                raise StoreError(t("store.pg_foreign", path=url.shown))
            if version > LATEST_VERSION:
                raise StoreError(
                    t("store.pg_newer", path=url.shown, version=version, latest=LATEST_VERSION)
                )
            if version == 0 and not create:
                raise StoreError(t("store.pg_missing", path=url.shown))
            if version < LATEST_VERSION and (upgrade or version == 0):
                migrate(conn, url, backup=False)
                postgres.after_migrate(conn)
            postgres.login(conn)
        except BaseException:
            conn.close()
            raise
    return Store(url, conn, created=version == 0)


# What callers outside the store need of the dialect.
APPLICATION_ID = dialect.APPLICATION_ID
translate_errors = dialect.translate_errors
