"""Reports cost what their period holds, not what the store holds.

1. A monthly report (md) on a store of 1M sessions / 100k violations takes ≤ 1.5× its time on a
   store of 10k sessions holding the same records in the windows the report reads (the month,
   the year to date, the same period last year); the large store has a century more history
   (median of ≥ 15 interleaved runs of the installed `atgt`).
2. A yearly report on the 1M store takes ≤ 3× the bare SQL aggregate queries it needs
   (in-process, median of ≥ 15 runs, measured in the same run).

    .venv/bin/python bench/report.py [--runs 15] [--keep DIR] [--history 990000] [--json]

--history sets the sessions of the large store's extra century (violations: a tenth of that);
smaller values make a quicker check, the targets are stated for the 1M store.
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
MONTH = (
    dt.date(2026, 11, 1),
    dt.date(2026, 11, 30),
    900,
    45,
)  # the shared month: sessions, violations


def stores(folder: Path, history_sessions: int = 990_000) -> tuple[Path, Path]:
    small, large = folder / "10k.db", folder / f"large-{history_sessions}.db"
    recent = {
        "units": 30,
        "sessions": 9_100,
        "violations": 455,
        "start": dt.date(2025, 1, 1),
        "end": dt.date(2026, 10, 31),
        "dense": MONTH,
    }
    if not small.exists():
        build(small, **recent)  # type: ignore[arg-type]
    if not large.exists():
        history = (
            dt.date(1926, 1, 1),
            dt.date(2024, 12, 31),
            history_sessions,
            history_sessions // 10 + 500,
        )
        build(large, **recent, history=history)  # type: ignore[arg-type]
    return small, large


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def monthly(small: Path, large: Path, runs: int) -> tuple[float, dict[str, float]]:
    def command(db: Path) -> list[str]:
        return [
            str(BIN / "atgt"),
            "--db",
            str(db),
            "report",
            "--month",
            "11/2026",
            "--format",
            "md",
        ]

    for db in (small, large):
        timed(command(db))
    samples: dict[str, list[float]] = {"python -c pass": [], "10k": [], "1M": []}
    for _ in range(runs):
        samples["python -c pass"].append(timed([sys.executable, "-c", "pass"]))
        samples["10k"].append(timed(command(small)))
        samples["1M"].append(timed(command(large)))
    medians = {k: statistics.median(v) for k, v in samples.items()}
    ratio = medians["1M"] / medians["10k"]
    print("monthly report (md), installed atgt:")
    for name, value in medians.items():
        print(f"  {name:<16} {value * 1000:8.1f} ms")
    print(f"  1M ÷ 10k = {ratio:.2f}  (target ≤ 1.5: {'ok' if ratio <= 1.5 else 'MISSED'})")
    return ratio, medians


def yearly(large: Path, runs: int) -> tuple[float, dict[str, float]]:
    from atgt_cli.services.period import make
    from atgt_cli.services.plandata import current_plan
    from atgt_cli.services.report import build_report
    from atgt_cli.store import stats
    from atgt_cli.store.db import using_store

    year = make("year", 2025, 1)  # a whole year of records in the large store
    last = year.last_year()
    with using_store(large) as store:
        plan = current_plan(store)
        conn, pid = store.conn, plan.id

        def bare() -> None:
            """The aggregate queries a yearly report needs, and nothing else."""
            for period in (year, last):
                s, e = period.start.isoformat(), period.end.isoformat()
                stats.session_facts(conn, plan_id=pid, start=s, end=e, cutoff=None)
                stats.session_facts(conn, plan_id=pid, start=s, end=e, cutoff=None, items=["III.1"])
                stats.violation_facts(
                    conn, plan_id=pid, start=s, end=e, as_of=e, report_days=7, cutoff=None
                )
                stats.topic_facts(conn, plan_id=pid, start=s, end=e)
                for column, date_column in (("category", "occurred_on"), ("outcome", "decided_on")):
                    stats.violations_by(
                        conn, plan_id=pid, start=s, end=e, column=column, date_column=date_column
                    )
            stats.open_violations(
                conn, plan_id=pid, end=year.end.isoformat(), as_of=year.end.isoformat()
            )

        def report() -> None:
            build_report(store, plan, year, as_of=year.end)

        samples: dict[str, list[float]] = {"bare SQL": [], "report": []}
        bare(), report()
        for _ in range(runs):
            for name, job in (("bare SQL", bare), ("report", report)):
                start = time.perf_counter()
                job()
                samples[name].append(time.perf_counter() - start)
    medians = {k: statistics.median(v) for k, v in samples.items()}
    ratio = medians["report"] / medians["bare SQL"]
    print("yearly report model on the 1M store, in-process:")
    for name, value in medians.items():
        print(f"  {name:<16} {value * 1000:8.1f} ms")
    print(f"  report ÷ bare SQL = {ratio:.2f}  (target ≤ 3: {'ok' if ratio <= 3 else 'MISSED'})")
    return ratio, medians


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the stores in this folder")
    parser.add_argument("--history", type=int, default=990_000, metavar="SESSIONS")
    parser.add_argument("--json", action="store_true", help="end with a line for run_all.py")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="atgt-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    small, large = stores(folder, args.history)
    print(
        f"stores ready in {time.perf_counter() - start:.0f} s ({large.stat().st_size / 1e6:.0f} MB for 1M)"
    )
    runs = max(15, args.runs)
    size = f"{(args.history + 10_000) / 1e6:g}M"
    month, month_ms = monthly(small, large, runs)
    year, year_ms = yearly(large, runs)
    if args.json:
        emit(
            [
                result(
                    f"monthly report (md): {size}-session store ÷ 10k store",
                    f"{month:.2f} ({month_ms['1M'] * 1000:.0f} ms vs {month_ms['10k'] * 1000:.0f} ms)",
                    "≤ 1.5",
                    month <= 1.5,
                ),
                result(
                    f"yearly report model ({size} store) ÷ its bare SQL",
                    f"{year:.2f} ({year_ms['report'] * 1000:.0f} ms vs {year_ms['bare SQL'] * 1000:.0f} ms)",
                    "≤ 3",
                    year <= 3,
                ),
            ]
        )
    return 0 if month <= 1.5 and year <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
