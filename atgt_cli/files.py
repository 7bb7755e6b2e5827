"""Output files written whole: to a temporary name beside the target, then moved into place, so
no half-written report, export or template remains and a reader sees the old file or the new."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from atgt_cli.errors import InputError
from atgt_cli.labels import t


def write_whole(path: Path, data: bytes) -> None:
    """Write data to path atomically: a reader sees the old file or the new one, never half."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp makes the file 0600 whatever the umask: reports and exports hold names.
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        raise InputError(t("file.unwritable", file=path, reason=exc.strerror or exc)) from None
