"""Every file atgt writes, in one place: what an output may not be (the store, its -wal, -shm or
-journal, the file being imported, a folder, a device: refused before anything is written,
whatever symlinks lead there), outputs written whole (to a temporary beside the target, then
moved into place: a reader sees the old file or the new, and a report's several files are all
written or none), owner-only files (0600) and folders (0700), the temporaries a killed run left
behind, and the full disk named as such."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from atgt_cli.errors import InputError
from atgt_cli.labels import t

SIDECARS = ("-wal", "-shm", "-journal")
# A temporary's name: .TARGET.PID.TOKEN.atgt-tmp (and SQLite's sidecars of it): the process
# that made it is in the name, so a later run can tell one of a killed process from a live one.
_TEMPORARY = re.compile(
    r"^\..+\.(?:(?P<pid>\d+)\.[0-9a-f]{8}\.atgt-tmp"
    # the names of atgt before this one: a backup's and a restore's copies of a store
    r"|(?<=\.db\.)(?:restore-)?(?P<old_pid>\d+)\.tmp)(?:-wal|-shm|-journal)?$"
)
# A migration's copy of the store while it is made (store/migrations): no process in its name,
# so only one that has not changed for a while counts as left behind.
_PART = re.compile(r"^.+\.v\d+-\d{8}-\d{6}\.bak\.part(?:-journal)?$")
_PART_AGE_S = 600
_APPLICATION_ID = b"ATGT"  # bytes 68-71 of an atgt store's header (store/sqlite.py)


@dataclass(frozen=True)
class _Kept:
    path: Path  # absolute, symlinks resolved
    what: str  # label key: what the file is to the user


# The files no output of the command being run may replace: the store and its sidecars
# (store/db.py), the file being imported and its mapping (services/imports).
_KEPT: list[_Kept] = []


def forget_kept() -> None:
    """A new command begins (cli.main.prepare): nothing kept yet (the tests run many commands
    in one process)."""
    _KEPT.clear()


def keep_safe(path: Path, what: str, *, sidecars: str | None = None) -> None:
    """Refuse from now on to write an output onto path; what (a label key) says what it is to
    the user; sidecars, what its SQLite -wal, -shm and -journal are, to keep them too."""
    base = Path(os.path.realpath(path))
    _KEPT.append(_Kept(base, what))
    if sidecars is not None:
        _KEPT.extend(_Kept(base.with_name(base.name + s), sidecars) for s in SIDECARS)


def check_output(path: Path, *, over_store: bool = False) -> None:
    """Refuse an output path before anything is written: a folder, a device or pipe, the store
    or its sidecars, the file being imported, another atgt store (unless over_store: a backup
    replacing an older backup), or a symlink to any of them."""
    try:
        found: os.stat_result | None = os.stat(path)  # through symlinks
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise InputError(t("file.unwritable", file=path, reason=reason(exc))) from None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise InputError(t("output.is_dir", file=path))
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise InputError(t("output.not_file", file=path))
    resolved = Path(os.path.realpath(path))
    for kept in _KEPT:
        if _same(resolved, found, kept.path):
            raise InputError(t("output.kept", file=path, what=t(kept.what), kept=kept.path))
    if found is not None and not over_store and _is_store(resolved):
        raise InputError(t("output.kept", file=path, what=t("output.a_store"), kept=resolved))


def check_outputs(paths: Sequence[Path]) -> None:
    for path in paths:
        check_output(path)


def _same(resolved: Path, found: os.stat_result | None, kept: Path) -> bool:
    try:
        other = os.stat(kept)
    except OSError:
        other = None
    if found is not None and other is not None:
        return (found.st_dev, found.st_ino) == (other.st_dev, other.st_ino)
    if os.path.normcase(resolved) == os.path.normcase(kept):
        return True
    # A file not there yet (a sidecar SQLite may make any moment): the same name in the same
    # folder, however the folder was reached.
    try:
        same_folder = os.path.samefile(resolved.parent, kept.parent)
    except OSError:
        return False
    return same_folder and os.path.normcase(resolved.name) == os.path.normcase(kept.name)


def _is_store(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(72)
    except OSError:
        return False
    return head[:16] == b"SQLite format 3\x00" and head[68:72] == _APPLICATION_ID


def reason(exc: OSError) -> str:
    """Why a file could not be written, in the user's words (a full disk says so)."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return t("file.disk_full")
    return str(exc.strerror or exc)


def make_folders(folder: Path) -> None:
    """Create folder and its missing parents, each owner-only (0700)."""
    missing = []
    for parent in (folder, *folder.parents):
        if parent.exists():
            break
        missing.append(parent)
    for parent in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another run
            parent.mkdir(mode=0o700)
            if os.name == "posix":
                os.chmod(parent, 0o700)  # whatever the umask


def temporary_path(path: Path) -> Path:
    """A name beside path for a temporary of this process (see _TEMPORARY)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.atgt-tmp")


def create_private(path: Path) -> int:
    """Create a new file only its owner can read (0600 whatever the umask); an open fd."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    if os.name == "posix":
        os.fchmod(fd, 0o600)
    return fd


def write_whole(path: Path, data: bytes) -> None:
    """Write data to path atomically: a reader sees the old file or the new one, never half."""
    write_all([(path, data)])


def write_all(outputs: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file or none: each is checked, then written to its temporary; only when all
    are there are they moved into place. On failure no temporary remains."""
    check_outputs([path for path, _ in outputs])
    written: list[tuple[Path, Path]] = []
    try:
        for path, data in outputs:
            with _failing(path):
                make_folders(path.parent)
                clean_leftovers(path.parent, path.name)
                temporary = temporary_path(path)
                fd = create_private(temporary)
                written.append((temporary, path))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
        for temporary, path in written:
            with _failing(path):
                os.replace(temporary, path)
    finally:
        for temporary, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


@contextlib.contextmanager
def _failing(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise InputError(t("file.unwritable", file=path, reason=reason(exc))) from None


# --- what a killed run left -----------------------------------------------------------------------


def leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """Temporaries in folder (of target name, if given) whose process is gone."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if name is not None and not entry.name.startswith(f".{name}."):
            continue
        match = _TEMPORARY.match(entry.name)
        if match is not None:
            if not _alive(int(match["pid"] or match["old_pid"]), Path(entry.path)):
                found.append(Path(entry.path))
        elif name is None and _PART.match(entry.name) and _older(Path(entry.path), _PART_AGE_S):
            found.append(Path(entry.path))
    return sorted(found)


def clean_leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """Remove what leftovers() finds; returns those that could not be removed."""
    kept = []
    for path in leftovers(folder, name):
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            kept.append(path)
    return kept


def _older(path: Path, seconds: float) -> bool:
    import time

    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False


def _alive(pid: int, path: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        # No cheap, harmless liveness test (os.kill ends the process there): a day's age.
        return not _older(path, 86400)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, someone else's
        return True
    return True
