"""Versioned schema migrations: NNNN_name.sql, applied in order; the store's schema version
(the dialect's) is the number of the last one applied. The scripts are read only when a store
is created or older than this atgt."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from atgt_cli.errors import StoreError
from atgt_cli.labels import t
from atgt_cli.platform import create_private_file, make_private
from atgt_cli.store import dialects

if TYPE_CHECKING:
    from atgt_cli.config import DatabaseUrl

LATEST_VERSION = 13  # the number of scripts here (a test keeps them equal)


def scripts() -> list[tuple[int, str, str]]:
    """(version, name, SQL) of every migration, in order."""
    from importlib import resources

    out = []
    for entry in resources.files(__package__).iterdir():
        if entry.name.endswith(".sql"):
            out.append((int(entry.name[:4]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def migrate(
    conn: dialects.Connection,
    path: Path | DatabaseUrl,
    *,
    backup: bool,
    target: int | None = None,
) -> int:
    """Bring the store to target (default: the latest) in one transaction; return the version.

    With backup, the store (a file) is first copied (SQLite's online backup) beside itself.
    """
    dialect = dialects.of(conn)
    steps = scripts()
    target = steps[-1][0] if target is None else target
    current = dialect.schema_version(conn)
    if current >= target:
        return current
    if backup and current > 0 and isinstance(conn, sqlite3.Connection) and isinstance(path, Path):
        _backup(conn, path, current)
    # A script may rebuild a table others refer to (SQLite cannot change a CHECK in place):
    # foreign keys are off while the scripts run (a DROP would otherwise cascade or fail) and
    # checked before the transaction commits, as SQLite's own procedure for such changes says.
    enforced = dialect.foreign_keys_on(conn)
    dialect.foreign_keys(conn, on=False)
    try:
        with dialect.immediate(conn):
            # Another process may have migrated while we waited for the lock.
            current = dialect.schema_version(conn)
            was = set(dialect.dangling_foreign_keys(conn))  # a damaged store's, left to check
            for version, name, sql in steps:
                if current < version <= target:
                    for statement in dialect.split_script(dialect.script(name, sql)):
                        conn.execute(statement)
            dangling = set(dialect.dangling_foreign_keys(conn)) - was
            if dangling:
                raise StoreError(t("store.migration_broke_keys", rows=len(dangling)))
            dialect.set_schema_version(conn, max(current, target))
    finally:
        dialect.foreign_keys(conn, on=enforced)
    # Write the new header into the main file, so the next start reads it there.
    dialect.checkpoint(conn)
    return max(current, target)


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    # Copied under a temporary name and renamed when whole: a process killed while copying
    # leaves a .part file, never a .bak that looks like a backup but is empty or half there.
    part = target.with_name(target.name + ".part")
    for stale in (part, part.with_name(part.name + "-journal")):
        stale.unlink(missing_ok=True)
    create_private_file(part)
    from atgt_cli.store import sqlite

    copy = sqlite.connect_file(part)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    make_private(part)
    os.replace(part, target)
    return target
