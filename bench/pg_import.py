"""Import into a shared store (PostgreSQL), against the server's own floor.

Target (issue 22): 1M session rows through `atgt import sessions` (COPY into a staging table,
then the same set-based checks as on SQLite) in at most 2× the time of a plain COPY of the same
CSV file into a bare table of text columns on the same server.

    .venv/bin/python bench/pg_import.py [--rows 1000000] [--runs 3] [--server URL] [--json]

The server defaults to ATGT_TEST_PG or postgresql://postgres@127.0.0.1:5432/test (trust
authentication); the bench makes and drops its own databases there.
"""

from __future__ import annotations

import argparse
import importlib
import os
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
SERVER = os.environ.get("ATGT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
generate = importlib.import_module("bench.import").generate


def url_of(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


def fresh(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    return url_of(server, name)


def drop(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def floor(url: str, data: Path) -> float:
    """A plain COPY of the CSV file into a bare table of text columns, committed."""
    import psycopg

    start = time.perf_counter()
    with psycopg.connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS floor")
        conn.execute("CREATE TABLE floor (a text, b text, c text, d text, e text, f text, g text)")
        sql = "COPY floor FROM STDIN (FORMAT csv, HEADER)"
        with conn.cursor().copy(sql) as copy, data.open("rb") as f:
            while block := f.read(1 << 20):
                copy.write(block)
        conn.commit()
    return time.perf_counter() - start


def store(url: str) -> None:
    """An atgt store with the seed plan and the units the generated file names."""
    atgt = [str(BIN / "atgt"), "--db", url, "--today", "30/11/2026"]
    subprocess.run([*atgt, "init"], check=True, capture_output=True)
    counts = ["--members", "12", "--since", "1/1/2024"]
    for i in range(1, UNITS + 1):
        subprocess.run(
            [*atgt, "unit", "add", f"Chi bộ {i}", "--kind", "chi-bo", *counts],
            check=True,
            capture_output=True,
        )


def atgt_import(url: str, data: Path) -> float:
    command = [str(BIN / "atgt"), "--db", url, "--today", "30/11/2026", "import", "sessions"]
    start = time.perf_counter()
    done = subprocess.run([*command, str(data)], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"atgt import failed: {done.stderr.strip()}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--server", default=SERVER)
    parser.add_argument("--json", action="store_true", help="end with a line for run_all.py")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="atgt-pg-bench-"))
    data = folder / f"sessions-{args.rows}.csv"
    generate(data, args.rows)
    floors, ours = [], []
    template = f"atgt_bench_tpl_{os.getpid()}"
    store(fresh(args.server, template))
    try:
        for run in range(1, args.runs + 1):
            name = f"atgt_bench_{os.getpid()}"
            import psycopg

            with psycopg.connect(args.server, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
            url = url_of(args.server, name)
            floors.append(floor(url, data))
            ours.append(atgt_import(url, data))
            print(f"run {run}/{args.runs}: COPY {floors[-1]:5.1f} s, atgt {ours[-1]:5.1f} s")
            drop(args.server, name)
    finally:
        drop(args.server, template)
    ratio = median(o / f for f, o in zip(floors, ours, strict=True))
    print(f"rows: {args.rows:,}; {args.runs} runs, medians")
    print(f"plain COPY into a bare table: {median(floors):6.1f} s")
    print(f"atgt import sessions:         {median(ours):6.1f} s  → {ratio:.2f}× (target ≤ 2)")
    out = [
        result(
            f"import {args.rows:,} CSV sessions into PostgreSQL ÷ a plain COPY",
            f"{ratio:.2f}× (median of {args.runs}; {median(ours):.1f} s vs {median(floors):.1f} s)",
            "≤ 2×",
            ratio <= 2,
        )
    ]
    if args.json:
        emit(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
