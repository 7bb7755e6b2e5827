"""Every benchmark in bench/, one after the other, then one table: measure, figure, target, met.

Each figure is a ratio (or a size) measured within its own run, so machines compare.

    .venv/bin/python bench/run_all.py [--quick]

--quick runs the smaller variants (100k rows instead of 1M): minutes instead of a quarter hour,
for a check that the benchmarks still run; the targets are stated for the full sizes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results import parse

HERE = Path(__file__).resolve().parent
SCRIPTS = ["startup.py", "status.py", "report.py", "import.py"]
QUICK = {"report.py": ["--history", "90000"], "import.py": ["--rows", "100000", "--runs", "5"]}


def table(rows: list[dict[str, object]]) -> list[str]:
    heads = ("measure", "figure", "target", "met")
    cells = [
        (
            str(r["measure"]),
            str(r["figure"]),
            str(r["target"]),
            {True: "yes", False: "NO", None: "n/a"}[r["ok"]],  # type: ignore[index]
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in [heads, *cells]) for i in range(4)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (see above)")
    args = parser.parse_args()
    rows: list[dict[str, object]] = []
    for script in SCRIPTS:
        extra = QUICK.get(script, []) if args.quick else []
        command = [sys.executable, str(HERE / script), "--json", *extra]
        print(f"== {script} {' '.join(extra)}", flush=True)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        shown = [line for line in done.stdout.splitlines() if not line.startswith("BENCH-RESULT")]
        print("\n".join(shown), done.stderr, sep="\n" if done.stderr else "", flush=True)
        found = parse(done.stdout)
        if not found:
            found = [
                {
                    "measure": script,
                    "figure": f"failed ({done.returncode})",
                    "target": "runs",
                    "ok": False,
                }
            ]
        rows += found
        print(f"({time.perf_counter() - start:.0f} s)\n", flush=True)
    print("\n".join(table(rows)))
    if args.quick:
        print("(--quick: smaller sizes than the targets are stated for)")
    return 0 if all(r["ok"] is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
