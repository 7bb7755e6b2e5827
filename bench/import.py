"""Import speed and memory on generated session files, measured in one run.

Targets (Import 1/2): 1M session rows end to end ≥ 0.3× the floor (stdlib csv +
sqlite3.executemany of the same rows into a bare table) and ≥ 5× `sqlite-utils insert --csv`
(if installed); peak RSS ≤ 128 MiB; into a store that already has its indexes.
Target (Import 3/3): a 200k-row file whose every row is bad is refused in ≤ 3× the time a good
file of that size takes to import, at ≤ 128 MiB peak RSS (each distinct bad value checked once,
the list of problems bounded).
Target (Import 2/2): a 1M-row XLSX imported at ≥ 0.5× the rate of python-calamine reading the
same file alone (in a child process of its own); peak RSS reported (calamine holds the sheet).

    .venv/bin/python bench/import.py [--rows 1000000] [--runs 15] [--keep DIR] [--case csv|xlsx|bad|all]
                                     [--json]

The CSV case runs floor, atgt and sqlite-utils in turn, --runs times, and reports the median of
the per-run ratios (with sqlite-utils, 15 runs of 1M rows take about 20 minutes).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results import emit, result

BIN = Path(sys.executable).parent
UNITS = 30
CHANNELS = ["Sinh hoạt chi bộ", "SH chi bộ", "Chào cờ", "Văn bản", "Hội nghị"]


def generate(path: Path, rows: int) -> None:
    rng = random.Random(16)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(
            [
                "Chi bộ",
                "Ngày",
                "Hình thức",
                "Nội dung",
                "Số đảng viên dự",
                "Lượt quần chúng",
                "Tiêu đề",
            ]
        )
        for i in range(rows):
            out.writerow(
                [
                    f"Chi bộ {rng.randint(1, UNITS)}",
                    f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.choice((2024, 2025))}",
                    rng.choice(CHANNELS),
                    "Luật phòng chống tác hại rượu bia",
                    rng.randint(5, 11),
                    rng.randint(0, 30),
                    f"Buổi {i}",
                ]
            )


def generate_bad(path: Path, rows: int) -> None:
    """Rows that are all refused, as a wrong file would be: units the store does not have,
    dates in the future, counts that are not numbers (a few hundred distinct bad values)."""
    rng = random.Random(17)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Chi bộ", "Ngày", "Hình thức", "Số đảng viên dự", "Tiêu đề"])
        for i in range(rows):
            out.writerow(
                [
                    f"Chi bộ {rng.randint(UNITS + 1, UNITS + 30)}",
                    f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2027",
                    rng.choice(CHANNELS),
                    rng.choice(("mười", "9,5", "-3", "x")),
                    f"Buổi {i}",
                ]
            )


def generate_xlsx(path: Path, rows: int) -> None:
    """The same rows as a workbook under a title line, dates as real date cells."""
    import datetime as dt

    from openpyxl import Workbook

    rng = random.Random(16)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Tháng 11")
    sheet.append(["BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN"])
    sheet.append([])
    sheet.append(
        ["Chi bộ", "Ngày", "Hình thức", "Nội dung", "Số đảng viên dự", "Lượt quần chúng", "Tiêu đề"]
    )
    for i in range(rows):
        sheet.append(
            [
                f"Chi bộ {rng.randint(1, UNITS)}",
                dt.date(rng.choice((2024, 2025)), rng.randint(1, 12), rng.randint(1, 28)),
                rng.choice(CHANNELS),
                "Luật phòng chống tác hại rượu bia",
                rng.randint(5, 11),
                rng.randint(0, 30),
                f"Buổi {i}",
            ]
        )
    partial = path.with_suffix(".part")
    book.save(partial)
    partial.rename(path)


CALAMINE_ALONE = """
import sys
from python_calamine import CalamineWorkbook
sheet = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)
count = sum(1 for _ in sheet.iter_rows())
"""

# atgt's reader alone (calamine + cells to text): what the import adds beyond it is the checking
# and the store.
READER_ALONE = """
import sys
from atgt_cli.importers.workbook import open_workbook
_, rows = open_workbook(sys.argv[1], sheet=None, legacy=None)
count = sum(1 for _ in rows)
"""


def floor(path: Path, folder: Path) -> float:
    db = folder / "floor.db"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (a, b, c, d, e, f, g)")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", reader)
    conn.commit()
    conn.close()
    return time.perf_counter() - start


def store(folder: Path) -> Path:
    db = folder / "store.db"
    for p in folder.glob("store.db*"):
        p.unlink()
    atgt = [str(BIN / "atgt"), "--db", str(db), "--today", "30/11/2026"]
    subprocess.run([*atgt, "init"], check=True, capture_output=True)
    for i in range(1, UNITS + 1):
        subprocess.run(
            [
                *atgt,
                "unit",
                "add",
                f"Chi bộ {i}",
                "--kind",
                "chi-bo",
                "--members",
                "12",
                "--since",
                "1/1/2024",
            ],
            check=True,
            capture_output=True,
        )
    return db


def measured(command: list[str], *, expect: int = 0) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of a child process, which must exit with `expect`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != expect:
        raise SystemExit(f"{command[0]} failed ({status})")
    return elapsed, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--case", choices=("csv", "xlsx", "bad", "all"), default="all")
    parser.add_argument("--runs", type=int, default=15, help="interleaved runs of the CSV case")
    parser.add_argument("--json", action="store_true", help="end with a line for run_all.py")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="atgt-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    if args.case in ("csv", "all"):
        rows += csv_case(args.rows, folder, args.runs)
    if args.case in ("xlsx", "all"):
        rows += xlsx_case(args.rows, folder)
    if args.case in ("bad", "all"):
        rows += bad_case(min(args.rows, 200_000), folder, args.runs)
    if args.json:
        emit(rows)
    return 0 if all(r["ok"] is not False for r in rows) else 1


def size(rows: int) -> str:
    return f"{rows / 1e6:g}M" if rows >= 100_000 else f"{rows:,}"


def xlsx_case(rows: int, folder: Path) -> list[dict[str, object]]:
    data = folder / f"sessions-{rows}.xlsx"
    if not data.exists():
        start = time.perf_counter()
        generate_xlsx(data, rows)
        print(f"(generated {data.name} in {time.perf_counter() - start:.0f} s)")
    alone, alone_rss = measured([sys.executable, "-c", CALAMINE_ALONE, str(data)])
    reader, reader_rss = measured([sys.executable, "-c", READER_ALONE, str(data)])
    db = store(folder)
    ours, rss = atgt_import(db, data)
    ratio = alone / ours
    print(f"rows: {rows:,} (XLSX, {data.stat().st_size / 2**20:.0f} MiB)")
    print(
        f"python-calamine alone (iter_rows):      {alone:7.1f} s  {rows / alone:9,.0f} rows/s"
        f"  peak RSS {alone_rss / 1024:.0f} MiB"
    )
    print(
        f"atgt's workbook reader alone:           {reader:7.1f} s  {rows / reader:9,.0f} rows/s"
        f"  peak RSS {reader_rss / 1024:.0f} MiB"
    )
    print(
        f"atgt import sessions FILE.xlsx:         {ours:7.1f} s  {rows / ours:9,.0f} rows/s"
        f"  = {ratio:.2f}× calamine alone (target ≥ 0.5)  peak RSS {rss / 1024:.0f} MiB"
    )
    return [
        result(
            f"import {size(rows)} XLSX sessions ÷ python-calamine reading alone",
            f"{ratio:.2f} ({ours:.1f} s vs {alone:.1f} s; peak RSS {rss / 1024:.0f} MiB)",
            "≥ 0.5",
            ratio >= 0.5,
        )
    ]


def bad_case(rows: int, folder: Path, runs: int) -> list[dict[str, object]]:
    """A file whose every row is bad, refused, against a good file of the same size imported,
    interleaved: the refusal should take at most 3× the import, at ≤ 128 MiB."""
    good, bad = folder / f"sessions-{rows}.csv", folder / f"bad-{rows}.csv"
    if not good.exists():
        generate(good, rows)
    if not bad.exists():
        generate_bad(bad, rows)
    template = store(folder)
    ratios, peak = [], 0
    for run in range(1, max(5, runs // 3) + 1):
        db = folder / "run.db"
        for p in folder.glob("run.db*"):
            p.unlink()
        shutil.copyfile(template, db)
        imported, _ = atgt_import(db, good)
        refused, rss = atgt_import(db, bad, expect=1)
        ratios.append(refused / imported)
        peak = max(peak, rss)
        print(f"run {run}: good {imported:5.1f} s, all bad {refused:5.1f} s", flush=True)
    ratio = median(ratios)
    print(
        f"all-bad {rows:,} rows refused in {ratio:.2f}× the good import; peak RSS {peak / 1024:.0f} MiB"
    )
    return [
        result(
            f"refuse {size(rows)} all-bad rows ÷ import {size(rows)} good rows",
            f"{ratio:.2f}× (peak RSS {peak / 1024:.0f} MiB)",
            "≤ 3×, ≤ 128 MiB",
            ratio <= 3 and peak / 1024 <= 128,
        )
    ]


def atgt_import(db: Path, data: Path, *, expect: int = 0) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of `atgt import sessions` of a file into a store."""
    command = [str(BIN / "atgt"), "--db", str(db), "--today", "30/11/2026"]
    return measured([*command, "import", "sessions", str(data)], expect=expect)


def csv_case(rows: int, folder: Path, runs: int) -> list[dict[str, object]]:
    """Floor, atgt and sqlite-utils one after the other, `runs` times: each ratio is taken
    within a run (the machine is shared and its speed drifts), then the median of the ratios."""
    data = folder / f"sessions-{rows}.csv"
    if not data.exists():
        generate(data, rows)
    template = store(folder)
    tool = shutil.which("sqlite-utils") or (
        str(BIN / "sqlite-utils") if (BIN / "sqlite-utils").exists() else None
    )
    floors, ours, theirs, peak = [], [], [], 0
    for run in range(1, runs + 1):
        floors.append(floor(data, folder))
        db = folder / "run.db"
        for p in folder.glob("run.db*"):
            p.unlink()
        shutil.copyfile(template, db)
        seconds, rss = atgt_import(db, data)
        ours.append(seconds)
        peak = max(peak, rss)
        line = f"run {run:2}/{runs}: floor {floors[-1]:5.1f} s, atgt {seconds:5.1f} s"
        if tool:
            other = folder / "sqlite-utils.db"
            other.unlink(missing_ok=True)
            theirs.append(measured([tool, "insert", str(other), "sessions", str(data), "--csv"])[0])
            line += f", sqlite-utils {theirs[-1]:5.1f} s"
        print(line, flush=True)
    to_floor = median(f / o for f, o in zip(floors, ours, strict=True))
    base, mine = median(floors), median(ours)
    print(f"rows: {rows:,}; {runs} runs, medians")
    print(f"floor (csv + executemany, bare table): {base:7.1f} s  {rows / base:9,.0f} rows/s")
    print(
        f"atgt import sessions:                  {mine:7.1f} s  {rows / mine:9,.0f} rows/s"
        f"  median ratio {to_floor:.2f}× the floor (target ≥ 0.3)"
    )
    print(f"peak RSS of atgt import: {peak / 1024:.0f} MiB (target ≤ 128)")
    out = [
        result(
            f"import {size(rows)} CSV sessions ÷ the floor (csv + executemany)",
            f"{to_floor:.2f} (median of {runs}; {mine:.1f} s vs {base:.1f} s)",
            "≥ 0.3",
            to_floor >= 0.3,
        ),
        result(
            "peak RSS of that CSV import", f"{peak / 1024:.0f} MiB", "≤ 128 MiB", peak / 1024 <= 128
        ),
    ]
    if tool:
        faster = median(t / o for t, o in zip(theirs, ours, strict=True))
        print(
            f"sqlite-utils insert --csv:             {median(theirs):7.1f} s"
            f"  {rows / median(theirs):9,.0f} rows/s  → atgt median {faster:.1f}× faster"
            " (target ≥ 5)"
        )
        figure = f"{faster:.1f}× faster (median of {runs}; {median(theirs):.1f} s vs {mine:.1f} s)"
        out.append(result("CSV import vs sqlite-utils insert --csv", figure, "≥ 5×", faster >= 5))
    else:
        print("sqlite-utils not installed: `make bench` installs it (extra 'bench')")
        out.append(
            result(
                "CSV import vs sqlite-utils insert --csv",
                "sqlite-utils not installed",
                "≥ 5×",
                None,
            )
        )
    return out


if __name__ == "__main__":
    sys.exit(main())
