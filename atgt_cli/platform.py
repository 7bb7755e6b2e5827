"""What differs between Linux and Windows (the office PCs), in one place."""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from pathlib import Path

POSIX = os.name == "posix"
# File systems where SQLite's WAL (shared memory between processes) is not safe.
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "9p", "fuse.sshfs"}


def create_private_file(path: Path) -> None:
    """Create an empty file only its owner can read (0600 on POSIX); fail if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    if POSIX:
        os.chmod(path, 0o600)  # whatever the umask


def make_private(path: Path) -> None:
    if POSIX:
        os.chmod(path, 0o600)


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (containers, services)
        return f"uid-{os.getuid()}" if POSIX else "unknown"


def is_network_path(path: Path) -> bool:
    """True when path lies on an SMB/NFS share (best effort; False when unsure)."""
    path = path.resolve()
    if sys.platform == "win32":
        return _windows_remote(path)
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return filesystem_type(path, mounts) in _NETWORK_FS


def filesystem_type(path: Path, mounts: str) -> str:
    """The type of the file system holding path, from /proc/mounts-style text."""
    best, fstype = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, fstype = point, fields[2]
    return fstype


def _windows_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\"):
        return True  # UNC path: \\server\share
    with contextlib.suppress(Exception):
        import ctypes

        drive_remote = 4
        return bool(ctypes.windll.kernel32.GetDriveTypeW(path.anchor) == drive_remote)  # type: ignore[attr-defined]
    return False
