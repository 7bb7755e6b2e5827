"""Several writers on one store: every record lands, nobody sees "database is locked"."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from atgt_cli.services.context import Env
from atgt_cli.services.sessions import SessionInput, add_session
from atgt_cli.services.violations import ViolationInput, add_violation
from atgt_cli.store.db import open_store

TODAY = dt.date(2026, 11, 24)
UNITS = ("Chi bộ 1", "Chi bộ 2")


def _write(db: Path, worker: int, i: int, store: object) -> None:
    env = Env(today=TODAY, actor=f"w{worker}")
    unit = UNITS[worker % 2]
    if i % 2:
        add_session(
            store,  # type: ignore[arg-type]
            env,
            SessionInput(unit, "20/11/2026", "SH chi bộ", note=f"w{worker}-{i}"),
            allow_duplicate=True,
        )
    else:
        add_violation(
            store,  # type: ignore[arg-type]
            env,
            ViolationInput(
                unit, f"Đảng viên {worker}-{i}", "vượt đèn đỏ", "1/11/2026", "chinh-thuc"
            ),
        )


def test_four_threads_of_250_writes_all_land(office) -> None:
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            store = open_store(office.db)
            try:
                for i in range(250):
                    _write(office.db, n, i, store)
            finally:
                store.close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"1000 writes by 4 threads: {time.perf_counter() - started:.1f} s")
    assert errors == []
    conn = sqlite3.connect(office.db)
    notes = {r[0] for r in conn.execute("SELECT note FROM propaganda_session")}
    names = {r[0] for r in conn.execute("SELECT name FROM member")}
    conn.close()
    assert notes == {f"w{n}-{i}" for n in range(4) for i in range(1, 250, 2)}
    assert names == {f"Đảng viên {n}-{i}" for n in range(4) for i in range(0, 250, 2)}


def test_a_writer_that_waits_too_long_gets_a_clear_busy_error(
    office, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atgt_cli.store.sqlite as db
    from tests.conftest import snapshot

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(db, "WRITE_WAIT_S", 0.5)
    before = snapshot(office.db)
    holder = sqlite3.connect(office.db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another command in the middle of a long write
    try:
        result = office(
            "session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "SH chi bộ"
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 3, result.output
    assert "đang bận" in result.stderr and str(office.db) in result.stderr
    assert "locked" not in result.output
    assert snapshot(office.db) == before


def test_a_writer_kept_out_longer_than_one_busy_timeout_tries_again(
    office, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atgt_cli.store.sqlite as db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(office.db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.6, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        result = office(
            "session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "Chào cờ"
        )
    finally:
        release.join()
        holder.close()
    assert result.exit_code == 0, result.output
    assert "Đã ghi buổi" in result.stdout


def _cli_writer(binary: Path, db: Path, worker: int, runs: int, failures: list[str]) -> None:
    unit = UNITS[worker % 2]
    common = [str(binary), "--db", str(db), "--today", "24/11/2026", "--actor", f"p{worker}"]
    for i in range(runs):
        if i % 2:
            args = ["session", "add", "--unit", unit, "--date", "20/11/2026"]
            args += ["--channel", "SH chi bộ", "--note", f"p{worker}-{i}", "--allow-duplicate"]
        else:
            args = ["violation", "add", "--unit", unit, "--date", "1/11/2026"]
            args += ["--member", f"Đảng viên {worker}-{i}", "--category", "vượt đèn đỏ"]
            args += ["--membership", "chinh-thuc"]
        done = subprocess.run(common + args, capture_output=True, text=True, check=False)
        if done.returncode != 0 or "locked" in done.stderr.lower():
            failures.append(f"{worker}-{i}: exit {done.returncode}: {done.stderr.strip()}")


@pytest.mark.slow
def test_four_processes_of_1000_real_cli_writes_all_land(office, stress_record) -> None:
    runs = int(os.environ.get("STRESS_CLI_WRITES", "1000"))
    binary = Path(sys.executable).parent / "atgt"
    failures: list[str] = []
    drivers = [
        threading.Thread(target=_cli_writer, args=(binary, office.db, n, runs, failures))
        for n in range(4)
    ]
    started = time.perf_counter()
    for driver in drivers:
        driver.start()
    for driver in drivers:
        driver.join()
    elapsed = time.perf_counter() - started
    conn = sqlite3.connect(office.db)
    notes = {r[0] for r in conn.execute("SELECT note FROM propaganda_session")}
    names = {r[0] for r in conn.execute("SELECT name FROM member")}
    sound = conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    present = len(notes) + len(names)
    stress_record(
        f"4 processes × {runs} real `atgt session add` / `violation add`",
        f"{present}/{4 * runs} present, {len(failures)} failed or 'locked', {elapsed:.0f} s",
        "all present, none failed, no 'locked'",
        not failures and sound and present == 4 * runs,
    )
    assert failures == [] and sound
    assert notes == {f"p{n}-{i}" for n in range(4) for i in range(1, runs, 2)}
    assert names == {f"Đảng viên {n}-{i}" for n in range(4) for i in range(0, runs, 2)}
