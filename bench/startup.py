"""Start-up time of the quick paths and the write commands, as a ratio to `python -c pass`
measured in the same run.

Targets (median of ≥ 15 runs each, interleaved so that machine noise hits every command alike):
`atgt --help` ≤ 10×, `atgt status` ≤ 18×, `atgt session add …` ≤ 20× and `atgt violation add …`
≤ 20× `python -c pass`. The writes go to a store made by `atgt init` at the start of the run,
with one unit, "today" fixed at 24/11/2026 (ATGT_TODAY); each run adds a new session (its own
title and date) and a new violation.

    .venv/bin/python bench/startup.py [--runs 21] [--json] [--other-bin DIR]

--other-bin DIR (the bin directory of another install of atgt, e.g. /tmp/atgt-before/.venv/bin)
runs the same commands with that install too, interleaved with this one's, on a store of its
own and against its own `python -c pass`: one run gives both side by side, each ratio to its
own baseline (the targets and the exit code are this install's).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results import emit, result

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = str(ROOT / "plans" / "16-KH-DUSCT.yaml")
TODAY = "24/11/2026"
PYTHON = "python -c pass"
TARGETS = {
    "atgt --help": 10.0,
    "atgt status": 18.0,
    "atgt session add": 20.0,
    "atgt violation add": 20.0,
}

Command = Callable[[int], list[str]]


def environment() -> dict[str, str]:
    """The parent's environment without its ATGT_* settings, "today" fixed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATGT_")}
    env["ATGT_TODAY"] = TODAY
    return env


ENV = environment()


def day(run: int) -> str:
    """A date in November 2026 up to "today", a different one from run to run."""
    return f"{1 + run % 24}/11/2026"


def session_add(run: int) -> list[str]:
    """A new session each run: its own title, and its date moves through the month."""
    return [
        "session", "add", "--unit", "cb1", "--date", day(run), "--channel", "SH chi bộ",
        "--present", "9", "--masses", "3", "--topic", "Luật phòng chống tác hại rượu bia",
        "--title", f"Buổi đo {run}",
    ]  # fmt: skip


def violation_add(run: int) -> list[str]:
    """A new violation each run, of the member the warm-up run added."""
    return [
        "violation", "add", "--unit", "cb1", "--member", "Nguyễn Văn An", "--membership", "chính thức",
        "--category", "vượt đèn đỏ", "--date", day(run), "--note", f"đo {run}",
    ]  # fmt: skip


def commands(bin_dir: Path, store: Path) -> dict[str, Command]:
    """Each command as a function of the run's number (the writes differ from run to run)."""
    atgt = [str(bin_dir / "atgt"), "--db", str(store)]
    return {
        PYTHON: lambda _: [str(bin_dir / "python"), "-c", "pass"],
        "atgt --help": lambda _: [*atgt, "--help"],
        "atgt --version": lambda _: [*atgt, "--version"],
        "atgt plan list": lambda _: [*atgt, "plan", "list"],
        "atgt plan validate (seed)": lambda _: [*atgt, "plan", "validate", SEED],
        "atgt plan show": lambda _: [*atgt, "plan", "show"],
        "atgt status": lambda _: [*atgt, "status"],
        "atgt session add": lambda run: [*atgt, *session_add(run)],
        "atgt violation add": lambda run: [*atgt, *violation_add(run)],
    }


def prepare(bin_dir: Path, store: Path) -> None:
    """A store made by this install's `atgt init`, with a unit for the writes to go to."""
    atgt = [str(bin_dir / "atgt"), "--db", str(store)]
    unit = ["unit", "add", "Chi bộ 1", "--kind", "chi-bo", "--members", "12", "--exempt", "1"]
    for args in (["init"], [*unit, "--since", "1/9/2023"]):
        run([*atgt, *args])


def run(command: list[str]) -> None:
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n" + "\n".join(tail))


def time_once(command: list[str]) -> float:
    start = time.perf_counter()
    run(command)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json", action="store_true", help="end with a line for run_all.py")
    parser.add_argument(
        "--other-bin", type=Path, metavar="DIR", help="bin directory of another atgt install"
    )
    args = parser.parse_args()
    runs = max(15, args.runs)
    with tempfile.TemporaryDirectory(prefix="atgt-bench-") as folder:
        installs = {"this": BIN}
        if args.other_bin:
            installs["other"] = args.other_bin.absolute()
            if not (installs["other"] / "atgt").exists():
                parser.error(f"no atgt in {installs['other']}")
        plans: dict[str, dict[str, Command]] = {}
        for label, bin_dir in installs.items():
            store = Path(folder) / label / "atgt.db"
            store.parent.mkdir()
            prepare(bin_dir, store)
            plans[label] = commands(bin_dir, store)
        names = list(plans["this"])
        samples: dict[str, dict[str, list[float]]] = {
            label: {name: [] for name in names} for label in plans
        }
        for name in names:  # warm the page cache and .pyc files (and add the member)
            for label in plans:
                time_once(plans[label][name](0))
        for i in range(1, runs + 1):
            order = list(plans) if i % 2 else list(plans)[::-1]  # neither always goes first
            for name in names:
                for label in order:
                    samples[label][name].append(time_once(plans[label][name](i)))
    return report(installs, samples, runs, args.json)


def report(
    installs: dict[str, Path], samples: dict[str, dict[str, list[float]]], runs: int, json: bool
) -> int:
    medians = {
        label: {name: statistics.median(times) for name, times in by_name.items()}
        for label, by_name in samples.items()
    }
    other = "other" in medians
    head = f"{'command':<28} {'median ms':>10} {'× python':>9}  {'target':<12}"
    if other:
        head += f"  {'other ms':>9} {'× its py':>9}  {'other/this':>10}"
        for label, bin_dir in installs.items():
            print(f"{label}: {bin_dir}")
    print(head.rstrip())
    failed = False
    rows = []
    for name, median in medians["this"].items():
        base = medians["this"][PYTHON]
        ratio = median / base
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            missed = ratio > target
            verdict = f"≤ {target:g}× " + ("MISSED" if missed else "ok")
            failed |= missed
            figure = f"{ratio:.1f}× ({median * 1000:.0f} ms vs {base * 1000:.0f} ms)"
            rows.append(result(f"{name} ÷ {PYTHON}", figure, f"≤ {target:g}×", not missed))
        line = f"{name:<28} {median * 1000:>10.1f} {ratio:>9.1f}  {verdict:<12}"
        if other:
            theirs, their_base = medians["other"][name], medians["other"][PYTHON]
            line += f"  {theirs * 1000:>9.1f} {theirs / their_base:>9.1f}  {theirs / median:>10.2f}"
            if target is not None:
                their_ratio = theirs / their_base
                figure = (
                    f"{their_ratio:.1f}× ({theirs * 1000:.0f} ms vs {their_base * 1000:.0f} ms)"
                )
                rows.append(
                    result(
                        f"{name} ÷ {PYTHON} (other: {installs['other']})",
                        figure,
                        f"≤ {target:g}×",
                        their_ratio <= target,
                    )
                )
        print(line.rstrip())
    print(f"({runs} runs each, interleaved)")
    if json:
        emit(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
