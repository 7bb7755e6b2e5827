"""Start-up time of the quick paths, as a ratio to `python -c pass` measured in the same run.

Target: `atgt --help` ≤ 10× `python -c pass` (median of ≥ 15 runs each, interleaved so
that machine noise hits every command alike).

    .venv/bin/python bench/startup.py [--runs 21] [--json]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results import emit, result

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = str(ROOT / "plans" / "16-KH-DUSCT.yaml")

STORE = str(Path(tempfile.mkdtemp(prefix="atgt-bench-")) / "atgt.db")
ATGT = [str(BIN / "atgt"), "--db", STORE]

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "atgt --help": [*ATGT, "--help"],
    "atgt --version": [*ATGT, "--version"],
    "atgt plan list": [*ATGT, "plan", "list"],
    "atgt plan validate (seed)": [*ATGT, "plan", "validate", SEED],
    "atgt plan show": [*ATGT, "plan", "show"],
}
TARGETS = {"atgt --help": 10.0}


def time_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json", action="store_true", help="end with a line for run_all.py")
    args = parser.parse_args()
    runs = max(15, args.runs)
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    subprocess.run([*ATGT, "init"], stdout=subprocess.DEVNULL, check=True)
    for command in COMMANDS.values():  # warm the page cache and .pyc files
        time_once(command)
    for _ in range(runs):
        for name, command in COMMANDS.items():
            samples[name].append(time_once(command))
    base = statistics.median(samples["python -c pass"])
    print(f"{'command':<28} {'median ms':>10} {'× python':>9}  target")
    failed = False
    rows = []
    for name, times in samples.items():
        median = statistics.median(times)
        ratio = median / base
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            missed = ratio > target
            verdict = f"≤ {target:g}× " + ("MISSED" if missed else "ok")
            failed |= missed
            figure = f"{ratio:.1f}× ({median * 1000:.0f} ms vs {base * 1000:.0f} ms)"
            rows.append(result(f"{name} ÷ python -c pass", figure, f"≤ {target:g}×", not missed))
        print(f"{name:<28} {median * 1000:>10.1f} {ratio:>9.1f}  {verdict}")
    print(f"({runs} runs each, interleaved)")
    if args.json:
        emit(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
