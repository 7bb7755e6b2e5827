"""The one table `make stress` prints at the end: each long test records what it measured
(measure, figure, target, met or not) through the `stress_record` fixture."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Record = tuple[str, str, str, bool]
RECORDS: list[Record] = []
StressRecord = Callable[[str, str, str, bool], None]


@pytest.fixture
def stress_record() -> StressRecord:
    """record(measure, figure, target, ok): one row of the table."""

    def record(measure: str, figure: str, target: str, ok: bool) -> None:
        RECORDS.append((measure, figure, target, ok))

    return record


def table(records: list[Record]) -> list[str]:
    heads = ("measure", "figure", "target", "met")
    rows = [(m, f, t, "yes" if ok else "NO") for m, f, t, ok in records]
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return out


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not RECORDS:
        return
    terminalreporter.section("atgt stress results")
    for line in table(RECORDS):
        terminalreporter.write_line(line)
    missed = sum(1 for r in RECORDS if not r[3])
    terminalreporter.write_line(f"{len(RECORDS) - missed} of {len(RECORDS)} targets met")
