"""Where the store is: --db PATH, else ATGT_DB, else the platform's user data directory."""

from __future__ import annotations

import os
from pathlib import Path

DB_FILE = "atgt.db"


def default_db_path() -> Path:
    # Linux ~/.local/share/atgt/atgt.db; Windows %LOCALAPPDATA%\atgt\atgt.db; macOS
    # ~/Library/Application Support/atgt/atgt.db.
    from platformdirs import user_data_path

    return user_data_path("atgt", appauthor=False) / DB_FILE


def resolve_db(option: str | None) -> Path:
    chosen = option or os.environ.get("ATGT_DB")
    return Path(chosen).expanduser() if chosen else default_db_path()
