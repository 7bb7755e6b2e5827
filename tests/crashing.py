"""What the crash tests share: running atgt, a digest of a store's content, kill -9 at a random
moment, and the stores the killed commands work on."""

from __future__ import annotations

import hashlib
import importlib
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from atgt_cli.cli.main import prepare
from tests.conftest import SEED_PLAN, VENV_BIN

ATGT = str(VENV_BIN / "atgt")
TODAY = ["--today", "30/11/2026", "--actor", "Văn phòng"]
UNITS = 30
# Timestamps (UTC "now") differ between two runs of the same command: masked in the digest.
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?")


def cli(db: Path, *args: str) -> None:
    argv = ["--db", str(db), *TODAY, *args]
    result = CliRunner().invoke(prepare(argv), argv, prog_name="atgt")
    assert result.exit_code == 0, result.output


def settle(db: Path) -> None:
    """Everything in the main file, no -wal left: copying the file copies the store."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def digest(db: Path) -> dict[str, object]:
    """The store's version, schema and every table's rows (hashed, timestamps masked)."""
    conn = sqlite3.connect(db)
    try:
        out: dict[str, object] = {
            "version": conn.execute("PRAGMA user_version").fetchone()[0],
            "schema": sorted(
                conn.execute(
                    "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                ).fetchall(),
                key=repr,
            ),
        }
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for name in tables:
            width = len(conn.execute(f'PRAGMA table_info("{name}")').fetchall())
            order = ", ".join(str(i) for i in range(1, width + 1))
            h, count = hashlib.sha256(), 0
            for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY {order}'):
                masked = [STAMP.sub("T", v) if isinstance(v, str) else v for v in row]
                h.update(repr(masked).encode())
                count += 1
            out[name] = (count, h.hexdigest())
        return out
    finally:
        conn.close()


def assert_sound(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def remove_store(db: Path) -> None:
    for p in db.parent.glob(db.name + "*"):
        p.unlink()


@dataclass
class Outcome:
    kills: int = 0
    as_before: int = 0
    as_after: int = 0
    duration: float = 0.0

    def figure(self) -> str:
        return (
            f"{self.as_before + self.as_after}/{self.kills} sound "
            f"({self.as_before} as before, {self.as_after} as after; run {self.duration:.1f} s)"
        )


Command = Callable[[Path, Path], list[str]]  # (store, output file) → argv


def kill_runs(
    template: Path,
    command: Command,
    work: Path,
    *,
    kills: int,
    seed: int,
    check_output: Callable[[Path], None] | None = None,
    changes: bool = True,
) -> Outcome:
    """Run once to the end (the reference), then `kills` times killed after a random delay."""
    reference, out = work / "reference.db", work / "reference.out"
    shutil.copyfile(template, reference)
    before = digest(reference)
    start = time.perf_counter()
    done = subprocess.run(command(reference, out), capture_output=True, text=True)
    outcome = Outcome(duration=time.perf_counter() - start)
    assert done.returncode == 0, done.stderr
    after = digest(reference)
    # A writing command must write, or the test proves nothing; a report must not.
    assert (after != before) is changes
    if check_output:
        check_output(out)
    remove_store(reference)
    rng = random.Random(seed)
    for i in range(kills):
        db, out = work / f"killed-{i}.db", work / f"killed-{i}.out"
        shutil.copyfile(template, db)
        process = subprocess.Popen(
            command(db, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            process.wait(timeout=rng.uniform(0.0, outcome.duration))
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        outcome.kills += 1
        assert_sound(db)
        now = digest(db)
        assert now in (before, after), f"kill {i}: the store is neither as before nor as after"
        outcome.as_before += now == before
        outcome.as_after += now == after != before
        if check_output and out.exists():
            check_output(out)
        for backup in db.parent.glob(db.name + ".v*.bak"):
            # A migration's backup beside the store: whole, or not there at all.
            assert_sound(backup)
            assert digest(backup) == before
        remove_store(db)
        out.unlink(missing_ok=True)
    return outcome


# ---- the stores and files the commands work on ----------------------------------------------


def office_store(db: Path) -> Path:
    """The seed plan and 30 cells, as bench/import.py makes them."""
    cli(db, "init")
    for i in range(1, UNITS + 1):
        cli(
            db,
            "unit",
            "add",
            f"Chi bộ {i}",
            "--kind",
            "chi-bo",
            "--members",
            "12",
            "--since",
            "1/1/2024",
        )
    settle(db)
    return db


def records_store(db: Path, *, sessions: int) -> Path:
    """A year of sessions and violations over 30 units (bench/make_store.py)."""
    import datetime as dt

    from bench.make_store import build

    build(
        db,
        units=UNITS,
        sessions=sessions,
        violations=max(50, sessions // 20),
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 11, 30),
    )
    settle(db)
    return db


def old_store(db: Path, *, sessions: int, version: int = 4) -> Path:
    """A store as an earlier atgt left it (schema `version`), holding the rows of a current one."""
    from atgt_cli.store.migrations import migrate

    full = records_store(db.with_name("full-" + db.name), sessions=sessions)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, db, backup=False, target=version)
    conn.execute("ATTACH DATABASE ? AS full", (str(full),))
    conn.execute("BEGIN")
    for (table,) in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        mine = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
        theirs = {r[1] for r in conn.execute(f'PRAGMA full.table_info("{table}")')}
        columns = ", ".join(c for c in mine if c in theirs)
        conn.execute(f"DELETE FROM main.{table}")
        conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM full.{table}")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE full")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    remove_store(full)
    return db


def sessions_csv(path: Path, rows: int) -> Path:
    importlib.import_module("bench.import").generate(path, rows)
    return path


def changed_plan(folder: Path, *, symbol: str | None = None) -> Path:
    """The seed plan with one target raised (a new revision), or under another symbol."""
    text = SEED_PLAN.read_text(encoding="utf-8")
    if symbol:
        text = text.replace("symbol: 16-KH/ĐUSCT", f"symbol: {symbol}", 1)
        path = folder / "other.yaml"
    else:
        text = text.replace("    threshold: 1\n", "    threshold: 2\n", 1)
        path = folder / "rev2.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def whole_docx(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert "BÁO CÁO" in z.read("word/document.xml").decode("utf-8")
