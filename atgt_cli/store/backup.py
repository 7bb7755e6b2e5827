"""Copies of an embedded (SQLite) store: an online backup of a live store, the checks a file
must pass before it may replace the store, and the replacement itself. The SQL is the
dialect's (store/sqlite.py); here are the files."""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from atgt_cli.errors import StoreError
from atgt_cli.labels import t
from atgt_cli.platform import create_private_file, make_private
from atgt_cli.store import dialects
from atgt_cli.store import sqlite as dialect
from atgt_cli.store.migrations import LATEST_VERSION, migrate

_SIDE = ("-wal", "-shm", "-journal")
Connection = dialect.Connection


def file_connection(conn: dialects.Connection) -> Connection:
    """The connection of a store that is a file (backups and checks are of files)."""
    assert isinstance(conn, dialect.Connection), "a shared store has no file to copy"
    return conn


@dataclass(frozen=True)
class Health:
    """What the database's integrity and foreign key checks found, and the rows per table."""

    version: int
    problems: list[str]  # empty when the store is sound
    counts: dict[str, int | None]  # None: the table could not be read

    @property
    def ok(self) -> bool:
        return not self.problems


def health(conn: dialect.Connection) -> Health:
    problems: list[str] = []
    try:
        for found in dialect.integrity_problems(conn):
            if found[0] == "fk":
                _, table, rowid, parent = found
                problems.append(t("check.foreign_key", table=table, rowid=rowid, parent=parent))
            else:
                problems.append(found[0])
    except dialect.Error as exc:  # too damaged to walk
        problems.append(str(exc))
    counts: dict[str, int | None] = {}
    for name in dialect.tables(conn):
        try:
            counts[name] = int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        except dialect.Error as exc:
            counts[name] = None
            problems.append(f"{name}: {exc}")
    return Health(dialect.schema_version(conn), problems, counts)


def copy_to(conn: dialect.Connection, target: Path) -> None:
    """SQLite's online backup of conn's main database into a new private file: one step,
    so the copy is the store as of one moment even while others write. The copy has a
    rollback journal: one self-contained file, nothing beside it."""
    create_private_file(target)
    try:
        copy = dialect.connect_file(target)
        try:
            dialect.backup_into(conn, copy)
            if not dialect.quick_check(copy):
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
    version = dialect.check_header(source)
    if version > LATEST_VERSION:
        raise StoreError(t("store.newer", path=source, version=version, latest=LATEST_VERSION))
    create_private_file(work)
    try:
        shutil.copyfile(source, work)
        wal = source.with_name(source.name + "-wal")
        if dialect.wal_pending(source):  # committed changes still in the WAL
            work_wal = work.with_name(work.name + "-wal")
            create_private_file(work_wal)
            shutil.copyfile(wal, work_wal)
        conn = dialect.connect(work, "rw")
        try:
            found = health(conn)
            if not found.ok:
                raise StoreError(t("store.damaged", path=source, detail=found.problems[0]))
            migrate(conn, work, backup=False)
            dialect.use_wal(conn)
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
    conn = dialect.connect(path, "rw")
    try:
        dialect.foreign_keys(conn, on=False)  # whole tables move; fresh passed its checks
        dialect.attach_readonly(conn, fresh, "fresh")
        names = dialect.tables(conn, "main")
        if names != dialect.tables(conn, "fresh"):
            raise StoreError(t("restore.schema", path=path))
        try:
            with dialect.immediate(conn):
                # The copy kept is read through a second connection: a backup cannot read from
                # the one holding the write lock, and with the lock held nothing changes
                # meanwhile.
                reader = dialect.connect(path, "ro")
                try:
                    copy_to(reader, keep)
                finally:
                    reader.close()
                for name in names:
                    conn.execute(f'DELETE FROM main."{name}"')
                for name in names:
                    columns = ", ".join(f'"{c}"' for c in dialect.columns(conn, name))
                    conn.execute(
                        f'INSERT INTO main."{name}" ({columns})'
                        f' SELECT {columns} FROM fresh."{name}"'
                    )
        except BaseException:
            remove(keep)  # the store is as it was: no copy of it to keep
            raise
        dialect.detach(conn, "fresh")
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


def foreign(path: Path) -> bool:
    """True when path holds something other than an atgt store (sound or damaged): a file of
    another program, another SQLite database. A missing or empty file is not foreign."""
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    if not head:
        return False
    if not head.startswith(b"SQLite format 3\x00"):
        return True
    if len(head) >= 72 and int.from_bytes(head[68:72], "big") == dialect.APPLICATION_ID:
        return False
    # A store whose header is still only in its WAL (killed right after it was made).
    return not dialect.wal_pending(path)


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


def sound(conn: dialect.Connection) -> bool:
    """The store passes a quick check (its rows can be swapped in place)."""
    return dialect.quick_check(conn)
