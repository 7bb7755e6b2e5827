"""`atgt check`'s findings about a store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class CheckResult:
    path: Path
    version: int
    ok: bool
    problems: list[str]
    tables: dict[str, int | None]
    # Records to complete, not damage: members whose membership is not known (code, unit).
    unknown_membership: list[tuple[str, str]] = field(default_factory=list)
    # Temporaries a killed run left beside the store that could not be removed at the start.
    leftovers: list[Path] = field(default_factory=list)
