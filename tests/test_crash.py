"""kill -9 at random moments during an import, a plan load, a migration and a report: the store
passes SQLite's integrity check and holds exactly what it held before the killed command or
exactly what an un-killed run leaves; a report file is absent or whole.

`make test` kills each command once on small data; `make stress` 20 times each, the import on
1M rows. Delays are seeded and spread over the command's duration, measured first."""

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

import pytest
from typer.testing import CliRunner

from atgt_cli.cli.main import prepare
from tests.conftest import SEED_PLAN, VENV_BIN
from tests.stress_table import StressRecord

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

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
        outcome.as_after += now == after
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


# ---- the four commands ------------------------------------------------------------------------


def check_import(work: Path, rows: int, kills: int) -> Outcome:
    template = office_store(work / "template.db")
    data = sessions_csv(work / "sessions.csv", rows)
    return kill_runs(
        template,
        lambda db, _: [ATGT, "--db", str(db), *TODAY, "import", "sessions", str(data)],
        work,
        kills=kills,
        seed=11,
    )


def check_plan_load(work: Path, kills: int) -> tuple[Outcome, Outcome]:
    template = records_store(work / "template.db", sessions=2_000)
    rev2, other = changed_plan(work), changed_plan(work, symbol="17-KH/ĐUSCT")
    load = kill_runs(
        template,
        lambda db, _: [ATGT, "--db", str(db), *TODAY, "plan", "load", str(rev2)],
        work,
        kills=kills,
        seed=12,
    )
    cli(template, "plan", "load", str(other))
    settle(template)
    use = kill_runs(
        template,
        lambda db, _: [ATGT, "--db", str(db), *TODAY, "plan", "use", "17-KH/ĐUSCT"],
        work,
        kills=kills,
        seed=13,
    )
    return load, use


def check_migration(work: Path, sessions: int, kills: int) -> Outcome:
    template = old_store(work / "template.db", sessions=sessions)
    return kill_runs(
        template,
        lambda db, _: [ATGT, "--db", str(db), *TODAY, "status"],
        work,
        kills=kills,
        seed=14,
    )


def check_report(work: Path, sessions: int, kills: int) -> Outcome:
    template = records_store(work / "template.db", sessions=sessions)
    command: Command = lambda db, out: [  # noqa: E731
        ATGT, "--db", str(db), *TODAY, "report", "--month", "11/2026", "--format", "docx", "-o", str(out)
    ]  # fmt: skip
    return kill_runs(
        template, command, work, kills=kills, seed=15, check_output=whole_docx, changes=False
    )


# ---- make test: once each, small ---------------------------------------------------------------


def test_a_killed_import_leaves_the_store_as_before_or_after(tmp_path: Path) -> None:
    outcome = check_import(tmp_path, rows=20_000, kills=2)
    assert outcome.kills == 2


def test_a_killed_plan_load_or_use_leaves_the_store_as_before_or_after(tmp_path: Path) -> None:
    load, use = check_plan_load(tmp_path, kills=1)
    assert load.kills == use.kills == 1


def test_a_killed_migration_leaves_the_old_store_or_the_migrated_one(tmp_path: Path) -> None:
    assert check_migration(tmp_path, sessions=5_000, kills=1).kills == 1


def test_a_killed_report_leaves_no_half_file(tmp_path: Path) -> None:
    assert check_report(tmp_path, sessions=2_000, kills=1).kills == 1


# ---- make stress: 20 kills each, the import on 1M rows -----------------------------------------

KILLS = 20
TARGET = f"{KILLS}/{KILLS} sound, each as before or after"


def met(outcome: Outcome) -> bool:
    return outcome.kills == outcome.as_before + outcome.as_after == KILLS


@pytest.mark.slow
def test_kill_a_million_row_import(tmp_path: Path, stress_record: StressRecord) -> None:
    outcome = check_import(tmp_path, rows=1_000_000, kills=KILLS)
    stress_record("kill -9 during import of 1M sessions", outcome.figure(), TARGET, met(outcome))


@pytest.mark.slow
def test_kill_plan_loads(tmp_path: Path, stress_record: StressRecord) -> None:
    load, use = check_plan_load(tmp_path, kills=KILLS)
    stress_record("kill -9 during plan load (rev 2)", load.figure(), TARGET, met(load))
    stress_record("kill -9 during plan use", use.figure(), TARGET, met(use))


@pytest.mark.slow
def test_kill_migrations(tmp_path: Path, stress_record: StressRecord) -> None:
    outcome = check_migration(tmp_path, sessions=100_000, kills=KILLS)
    stress_record(
        "kill -9 during migration v4→latest (100k sessions)", outcome.figure(), TARGET, met(outcome)
    )


@pytest.mark.slow
def test_kill_docx_reports(tmp_path: Path, stress_record: StressRecord) -> None:
    outcome = check_report(tmp_path, sessions=100_000, kills=KILLS)
    stress_record(
        "kill -9 during report --format docx (store and file whole)",
        outcome.figure(),
        TARGET,
        met(outcome),
    )


class Killed(Exception):
    pass


class _Dying:
    """A connection whose online backup dies after copying its first page."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def backup(self, target: sqlite3.Connection) -> None:
        def progress(status: int, remaining: int, total: int) -> None:
            raise Killed

        self.conn.backup(target, pages=1, progress=progress)


def test_a_backup_cut_short_is_not_left_as_a_bak(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration copies the store first; a copy that dies half way must not pass for a backup."""
    import atgt_cli.store.migrations as migrations

    db = old_store(tmp_path / "old.db", sessions=100)
    conn = sqlite3.connect(db, isolation_level=None)
    real = migrations._backup
    monkeypatch.setattr(migrations, "_backup", lambda c, p, v: real(_Dying(c), p, v))  # type: ignore[arg-type]
    with pytest.raises(Killed):
        migrations.migrate(conn, db, backup=True)
    conn.close()
    assert list(tmp_path.glob("old.db.v4-*.bak.part"))  # the copy had begun
    assert not list(tmp_path.glob("old.db.v4-*.bak"))
    assert digest(db)["version"] == 4
