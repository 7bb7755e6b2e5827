"""`atgt status` on a year of 30 units (~10k sessions, 500 violations), as a ratio to
`python -c pass` measured in the same run (median of ≥ 15 interleaved runs).

Target: ≤ 18×. Also checks that the status path imports neither the ORM nor openpyxl/docx.

    .venv/bin/python bench/status.py [--runs 21] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_store import build
from bench.results import emit, result

BIN = Path(sys.executable).parent
TARGET = 18.0
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "openpyxl", "docx", "python_calamine", "alembic")


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json", action="store_true", help="end with a line for run_all.py")
    args = parser.parse_args()
    runs = max(15, args.runs)
    store = Path(tempfile.mkdtemp(prefix="atgt-bench-")) / "year.db"
    build(
        store,
        units=30,
        sessions=10_000,
        violations=500,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 11, 30),
    )
    status = [str(BIN / "atgt"), "--db", str(store), "--today", "30/11/2026", "status"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "atgt status (month)": status,
        "atgt status --json": [*status, "--json"],
        "atgt status --year 2026": [*status, "--year", "2026"],
    }
    for command in commands.values():
        run(command)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(run(command))
    base = statistics.median(samples["python -c pass"])
    failed = False
    rows = []
    print(f"{'command':<26} {'median ms':>10} {'× python':>9}")
    for name, times in samples.items():
        ratio = statistics.median(times) / base
        mark = ""
        if name.startswith("atgt status (month)"):
            failed = ratio > TARGET
            mark = f"  target ≤ {TARGET:g}×: {'MISSED' if failed else 'ok'}"
            figure = (
                f"{ratio:.1f}× ({statistics.median(times) * 1000:.0f} ms vs {base * 1000:.0f} ms)"
            )
            rows.append(
                result(
                    "atgt status (10k sessions) ÷ python -c pass",
                    figure,
                    f"≤ {TARGET:g}×",
                    not failed,
                )
            )
        print(f"{name:<26} {statistics.median(times) * 1000:>10.1f} {ratio:>9.1f}{mark}")
    done = subprocess.run(
        status, capture_output=True, text=True, env={"PYTHONPROFILEIMPORTTIME": "1"}, check=True
    )
    heavy = sorted(
        {
            line.split("|")[-1].strip()
            for line in done.stderr.splitlines()
            if "|" in line and line.split("|")[-1].strip().split(".")[0] in HEAVY
        }
    )
    print(f"heavy imports on the status path: {', '.join(heavy) or 'none'}")
    print(f"({runs} runs each, interleaved; store: 30 units, 10k sessions, 500 violations)")
    if args.json:
        rows.append(
            result(
                "heavy imports on the status path", ", ".join(heavy) or "none", "none", not heavy
            )
        )
        emit(rows)
    return 1 if failed or heavy else 0


if __name__ == "__main__":
    sys.exit(main())
