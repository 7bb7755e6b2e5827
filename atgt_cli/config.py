"""Where the store is: --db PATH or URL, else ATGT_DB, else the platform's user data directory.
A `postgresql://` URL names a shared store on a PostgreSQL server (store/postgres.py)."""

from __future__ import annotations

import os
import re
from pathlib import Path

DB_FILE = "atgt.db"
_URL = re.compile(r"^postgres(?:ql)?://", re.I)


class DatabaseUrl(str):
    """A store on a database server (`postgresql://user@host/dbname`), not a file."""

    __slots__ = ()

    @property
    def shown(self) -> str:
        """The URL as messages show it: a password in it replaced by ***."""
        return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", str.__str__(self))

    def __format__(self, spec: str) -> str:
        # Messages are formatted: they never show a password.
        return format(self.shown, spec)


def is_url(text: str) -> bool:
    return bool(_URL.match(text))


def default_db_path() -> Path:
    # Linux ~/.local/share/atgt/atgt.db; Windows %LOCALAPPDATA%\atgt\atgt.db; macOS
    # ~/Library/Application Support/atgt/atgt.db.
    from platformdirs import user_data_path

    return user_data_path("atgt", appauthor=False) / DB_FILE


def resolve_db(option: str | None) -> Path | DatabaseUrl:
    chosen = option or os.environ.get("ATGT_DB")
    if chosen and is_url(chosen):
        return DatabaseUrl(chosen)
    return Path(chosen).expanduser() if chosen else default_db_path()
