"""`atgt backup`, `atgt restore`, `atgt check`: the rules around copies of the store (names,
never overwriting by accident, what a restore keeps); the SQLite work is in store/backup.py."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from atgt_cli import files
from atgt_cli.config import DatabaseUrl
from atgt_cli.documents.health import CheckResult as CheckResult
from atgt_cli.errors import InputError, StoreError
from atgt_cli.labels import t
from atgt_cli.store import backup as copies
from atgt_cli.store.db import Store, translate_errors, using_store


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int  # bytes


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    source: Path
    kept: Path | None  # where the replaced store now is (None: there was none)
    version: int  # the schema of the file restored (upgraded when older)


def stamp(now: dt.datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def default_backup(store_path: Path, now: dt.datetime) -> Path:
    """atgt.db → atgt-20261126-113005.db beside it."""
    return store_path.with_name(f"{store_path.stem}-{stamp(now)}{store_path.suffix or '.db'}")


def backup_store(
    store: Store, target: Path | None, *, force: bool, now: dt.datetime
) -> BackupResult:
    path = _file_of(store.path, "backup")
    target = (target or default_backup(path, now)).expanduser()
    if _same_file(target, path):
        raise InputError(t("backup.onto_store", path=store.path, target=target))
    if target.is_dir():
        raise InputError(t("backup.is_dir", target=target))
    # Not a sidecar of the store, a device, the file being imported…; an older backup may be
    # replaced (--force).
    files.check_output(target, over_store=True)
    if target.exists() and not force:
        raise InputError(t("backup.exists", target=target))
    work = files.temporary_path(target)
    try:
        files.make_folders(target.parent)
        with translate_errors(target):
            copies.copy_to(_sqlite(store), work)
        os.replace(work, target)
    except OSError as exc:
        copies.remove(work)
        raise InputError(t("file.unwritable", file=target, reason=files.reason(exc))) from None
    return BackupResult(target, target.stat().st_size)


def restore_store(path: Path | DatabaseUrl, source: Path, *, now: dt.datetime) -> RestoreResult:
    """Check source, keep the current store, put the copy in its place. Anything wrong with
    source stops the restore before the store is touched."""
    path, source = _file_of(path, "restore").expanduser(), source.expanduser()
    if not source.is_file():
        raise InputError(t("file.unreadable", file=source, reason=t("file.missing")))
    if _same_file(source, path):
        raise InputError(t("restore.onto_store", path=path))
    # What is at path is replaced only when it is a store (sound or damaged) or an empty file:
    # a folder or someone's other file is left as it is, not even renamed.
    if path.is_dir():
        raise StoreError(t("restore.is_dir", path=path))
    if (path.exists() and not path.is_file()) or copies.foreign(path):
        raise StoreError(t("restore.not_a_store", path=path))
    work = files.temporary_path(path)
    try:
        try:
            files.make_folders(path.parent)
            with translate_errors(source):
                version = copies.prepare(source, work)
        except StoreError as exc:
            raise StoreError(t("restore.refused", detail=exc.message, path=path)) from None
        except OSError as exc:  # the store's folder cannot take the checked copy
            if files.reason(exc) == t("file.disk_full"):
                detail = t("store.full", path=path)
            else:
                detail = t("file.unwritable", file=exc.filename or work, reason=files.reason(exc))
            raise StoreError(t("restore.refused", detail=detail, path=path)) from None
        keep = _unused(path.with_name(f"{path.stem}.replaced-{stamp(now)}{path.suffix or '.db'}"))
        if not path.exists():
            copies.swap_files(path, work, None)
            return RestoreResult(path, source, None, version)
        if _usable(path):
            with translate_errors(path):
                copies.swap_rows(path, work, keep)
        else:
            copies.swap_files(path, work, keep)
        return RestoreResult(path, source, keep, version)
    finally:
        copies.remove(work)


def check_store(store: Store) -> CheckResult:
    path = _file_of(store.path, "check")
    found = copies.health(_sqlite(store))
    unknown: list[tuple[str, str]] = []
    if found.ok:  # a damaged store is not read further
        from atgt_cli.services.discipline import UNKNOWN
        from atgt_cli.store import queries

        unknown = [(m.code, m.unit) for m in queries.members(store.conn) if m.membership == UNKNOWN]
    left = files.leftovers(path.parent)
    return CheckResult(
        path,
        found.version,
        found.ok,
        found.problems,
        found.counts,
        unknown_membership=unknown,
        leftovers=left,
    )


def _file_of(path: Path | DatabaseUrl, command: str) -> Path:
    """The store's file: backup, restore and check of a shared store are the server's (pg_dump,
    or `atgt store copy` to a file and back)."""
    if isinstance(path, DatabaseUrl):
        raise InputError(t("store.pg_file_only", command=command, path=path.shown))
    return path


def _sqlite(store: Store) -> copies.Connection:
    return copies.file_connection(store.conn)


def _unused(path: Path) -> Path:
    """path, or path with -2, -3… before its suffix: a kept store never overwrites another."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _usable(path: Path) -> bool:
    """True when the store opens and passes a quick check: its rows can be swapped in place."""
    try:
        with using_store(path, upgrade=True) as store:
            return copies.sound(_sqlite(store))
    except (StoreError, OSError):
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
