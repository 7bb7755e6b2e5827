"""Copies of the store in SQLite terms: an online backup of a live store, the checks a file
must pass before it may replace the store, and the replacement itself."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from atgt_cli.errors import StoreError
from atgt_cli.labels import t
from atgt_cli.platform import create_private_file, make_private
from atgt_cli.store.db import LATEST_VERSION, check_header, connect, immediate

_SIDE = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Health:
    """What `PRAGMA integrity_check` and `foreign_key_check` found, and the rows per table."""

    version: int
    problems: list[str]  # empty when the store is sound
    counts: dict[str, int | None]  # None: the table could not be read

    @property
    def ok(self) -> bool:
        return not self.problems


def health(conn: sqlite3.Connection) -> Health:
    problems: list[str] = []
    try:
        found = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(100)")]
        problems += [line for line in found if line != "ok"]
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
            problems.append(t("check.foreign_key", table=table, rowid=rowid, parent=parent))
    except sqlite3.DatabaseError as exc:  # too damaged to walk
        problems.append(str(exc))
    counts: dict[str, int | None] = {}
    for name in tables(conn, "main"):
        try:
            counts[name] = int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        except sqlite3.DatabaseError as exc:
            counts[name] = None
            problems.append(f"{name}: {exc}")
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return Health(version, problems, counts)


def tables(conn: sqlite3.Connection, schema: str) -> list[str]:
    rows = conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [str(row[0]) for row in rows]


def copy_to(conn: sqlite3.Connection, target: Path) -> None:
    """SQLite's online backup of conn's main database into a new private file: one step,
    so the copy is the store as of one moment even while others write. The copy has a
    rollback journal: one self-contained file, nothing beside it."""
    create_private_file(target)
    try:
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise StoreError(t("backup.bad_copy", path=target))
        finally:
            copy.close()
        _fsync(target)
    except BaseException:
        remove(target)
        raise


def prepare(source: Path, work: Path) -> int:
    """Copy source to work (next to the store) and check the copy: an atgt store, sound,
    not newer than this atgt; an older one is upgraded there. Returns the source's version.
    The source itself is only read."""
    version = check_header(source)
    if version > LATEST_VERSION:
        raise StoreError(t("store.newer", path=source, version=version, latest=LATEST_VERSION))
    create_private_file(work)
    try:
        shutil.copyfile(source, work)
        wal = source.with_name(source.name + "-wal")
        if wal.exists() and wal.stat().st_size:  # committed changes still in the WAL
            shutil.copyfile(wal, work.with_name(work.name + "-wal"))
        conn = connect(work, "rw")
        try:
            found = health(conn)
            if not found.ok:
                raise StoreError(t("store.damaged", path=source, detail=found.problems[0]))
            from atgt_cli.store.migrations import migrate

            migrate(conn, work, backup=False)
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        _fsync(work)
    except BaseException:
        remove(work)
        raise
    return version


def swap_rows(path: Path, fresh: Path, keep: Path) -> None:
    """Replace every row of the live store at path by those of fresh, in one transaction
    that first copies the store as it is into keep: every other connection sees the old
    store or the new one, and no write can fall between the copy kept and the swap."""
    conn = connect(path, "rw")
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # whole tables move; fresh passed its checks
        conn.execute("ATTACH DATABASE ? AS fresh", (f"{fresh.resolve().as_uri()}?mode=ro",))
        names = tables(conn, "main")
        if names != tables(conn, "fresh"):
            raise StoreError(t("restore.schema", path=path))
        try:
            with immediate(conn):
                # The copy kept is read through a second connection: a backup cannot read from
                # the one holding the write lock, and with the lock held nothing changes
                # meanwhile.
                reader = connect(path, "ro")
                try:
                    copy_to(reader, keep)
                finally:
                    reader.close()
                for name in names:
                    conn.execute(f'DELETE FROM main."{name}"')
                for name in names:
                    columns = ", ".join(
                        f'"{row[1]}"' for row in conn.execute(f'PRAGMA main.table_info("{name}")')
                    )
                    conn.execute(
                        f'INSERT INTO main."{name}" ({columns})'
                        f' SELECT {columns} FROM fresh."{name}"'
                    )
        except BaseException:
            remove(keep)  # the store is as it was: no copy of it to keep
            raise
        conn.execute("DETACH DATABASE fresh")
    finally:
        conn.close()


def swap_files(path: Path, fresh: Path, keep: Path | None) -> None:
    """Move fresh into place; the store there (unusable, so no one is writing it) goes to
    keep with its WAL, so nothing it held is lost."""
    if keep is not None:
        os.replace(path, keep)
        for suffix in _SIDE:
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, keep.with_name(keep.name + suffix))
        make_private(keep)
    os.replace(fresh, path)
    make_private(path)


def remove(path: Path) -> None:
    for file in (path, *(path.with_name(path.name + s) for s in _SIDE)):
        with contextlib.suppress(FileNotFoundError):
            file.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
