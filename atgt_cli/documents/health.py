"""`atgt check`'s findings about a store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CheckResult:
    path: Path
    version: int
    ok: bool
    problems: list[str]
    tables: dict[str, int | None]
