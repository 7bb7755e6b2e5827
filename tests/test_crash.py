"""kill -9 at random moments during an import, a plan load, a migration and a report: the store
passes SQLite's integrity check and holds exactly what it held before the killed command or
exactly what an un-killed run leaves; a report file is absent or whole.

`make test` kills each command once on small data; `make stress` 20 times each, the import on
1M rows. Delays are seeded and spread over the command's duration, measured first."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.crashing import (
    ATGT,
    TODAY,
    Command,
    Outcome,
    changed_plan,
    cli,
    digest,
    kill_runs,
    office_store,
    old_store,
    records_store,
    sessions_csv,
    settle,
    whole_docx,
)
from tests.stress_table import StressRecord

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


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
