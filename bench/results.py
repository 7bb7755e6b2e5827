"""The one line each bench script prints with --json, read by bench/run_all.py for its table."""

from __future__ import annotations

import json

PREFIX = "BENCH-RESULT "


def result(measure: str, figure: str, target: str, ok: bool | None) -> dict[str, object]:
    """One row: ok is None when the measure could not be taken (a tool not installed)."""
    return {"measure": measure, "figure": figure, "target": target, "ok": ok}


def emit(results: list[dict[str, object]]) -> None:
    print(PREFIX + json.dumps(results, ensure_ascii=False), flush=True)


def parse(output: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for line in output.splitlines():
        if line.startswith(PREFIX):
            found += json.loads(line[len(PREFIX) :])
    return found
