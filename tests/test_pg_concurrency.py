"""Several offices writing one shared store at once (issue 22): 8 processes, each its own
connection, write sessions and violations (members with new codes), and all race to add the same
unit; every record lands, one unit is added and the others are told it exists, nobody sees a
database error. `make stress` runs 500 writes a process."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time

import pytest

PROCESSES = 8
TODAY = dt.date(2026, 11, 24)
UNITS = ("Chi bộ 1", "Chi bộ 2")


def _worker(url: str, worker: int, writes: int) -> list[str]:
    """Run in a process of its own; returns the errors a user would have seen."""
    from atgt_cli.config import DatabaseUrl
    from atgt_cli.errors import AtgtError, InputError
    from atgt_cli.services.context import Env
    from atgt_cli.services.sessions import SessionInput, add_session
    from atgt_cli.services.units import add_unit
    from atgt_cli.services.violations import ViolationInput, add_violation
    from atgt_cli.store.db import using_store

    failures: list[str] = []
    env = Env(today=TODAY, actor=f"p{worker}")
    with using_store(DatabaseUrl(url)) as store:
        try:
            add_unit(store, env, name="Chi bộ Chung", kind="chi-bo")
        except InputError as exc:  # another office added it first: said, not a crash
            if "Chi bộ Chung" not in exc.message:
                failures.append(f"{worker}: unit: {exc.message}")
        for i in range(writes):
            unit = UNITS[(worker + i) % 2]
            try:
                if i % 2:
                    add_session(
                        store,
                        env,
                        SessionInput(unit, "20/11/2026", "SH chi bộ", note=f"p{worker}-{i}"),
                        allow_duplicate=True,
                    )
                else:
                    add_violation(
                        store,
                        env,
                        ViolationInput(
                            unit,
                            f"Đảng viên {worker}-{i}",
                            "vượt đèn đỏ",
                            "1/11/2026",
                            membership="chinh-thuc",
                        ),
                    )
            except AtgtError as exc:
                failures.append(f"{worker}-{i}: {exc.message}")
    return failures


def _run(url: str, writes: int) -> tuple[list[str], float]:
    context = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    with context.Pool(PROCESSES) as pool:
        results = pool.starmap(_worker, [(url, n, writes) for n in range(PROCESSES)])
    return [f for found in results for f in found], time.perf_counter() - started


def _check(url: str, writes: int) -> None:
    import psycopg

    with psycopg.connect(url) as conn:
        notes = {r[0] for r in conn.execute("SELECT note FROM propaganda_session")}
        names = {r[0] for r in conn.execute("SELECT name FROM member")}
        codes = conn.execute("SELECT count(DISTINCT code), count(*) FROM member").fetchone()
        common = conn.execute("SELECT count(*) FROM unit WHERE name = 'Chi bộ Chung'").fetchone()
        audit = conn.execute("SELECT count(*) FROM audit_log WHERE actor LIKE 'p%'").fetchone()
    assert notes == {f"p{n}-{i}" for n in range(PROCESSES) for i in range(1, writes, 2)}
    assert names == {f"Đảng viên {n}-{i}" for n in range(PROCESSES) for i in range(0, writes, 2)}
    assert codes[0] == codes[1]  # every member code distinct
    assert common == (1,)
    # Each write its audit line, in the same transaction (members and violations: two each).
    assert audit[0] >= PROCESSES * writes + 1


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_eight_processes_write_one_shared_store_and_every_record_lands(office, backend) -> None:
    writes = 12
    failures, elapsed = _run(str(office.db), writes)
    print(f"{PROCESSES} processes × {writes} writes: {elapsed:.1f} s")
    assert failures == []
    _check(str(office.db), writes)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_eight_processes_of_500_writes_on_postgresql(office, backend, stress_record) -> None:
    writes = int(os.environ.get("STRESS_PG_WRITES", "500"))
    failures, elapsed = _run(str(office.db), writes)
    stress_record(
        f"{PROCESSES} processes × {writes} writes on one PostgreSQL store",
        f"{len(failures)} errors shown, {elapsed:.0f} s",
        "every record present, no error",
        not failures,
    )
    assert failures == []
    _check(str(office.db), writes)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_transaction_the_server_undoes_runs_again_unseen(office, backend, monkeypatch) -> None:
    """A serialisation failure or a deadlock (the server undoes one transaction to let another
    go on) is not the user's business: the command runs again and says only what it did."""
    import psycopg

    from atgt_cli.store import writes

    real, undone = writes.insert_session, []

    def first_undone(*args, **kwargs):
        if len(undone) < 2:
            undone.append(1)
            raise (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected)[
                len(undone) - 1
            ]("could not serialize access")
        return real(*args, **kwargs)

    monkeypatch.setattr(writes, "insert_session", first_undone)
    result = office(
        "session", "add", "--unit", "cb1", "--date", "5/11/2026", "--channel", "Chào cờ"
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and "Đã ghi buổi" in result.stdout
    with psycopg.connect(str(office.db)) as conn:
        assert conn.execute("SELECT count(*) FROM propaganda_session").fetchone() == (1,)
