"""What the fuzz tests share: how many cases (few in `make test`, ≥ 1,000 under `make stress`),
a small store copied for every case, and the one promise checked after every run."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.strategies import SearchStrategy
from typer.testing import CliRunner, Result

from atgt_cli.cli.main import prepare
from tests.conftest import snapshot
from tests.stress_table import StressRecord

STRESS = os.environ.get("ATGT_STRESS") == "1"  # set by `make stress`
CASES = 1_000 if STRESS else 30


def fuzz(case: Callable[..., None], fast: int, /, **strategies: SearchStrategy[Any]) -> Any:
    """case run under @given(**strategies): `fast` times in `make test`, CASES under stress."""
    return fuzz_settings(fast)(given(**strategies)(case))


def fuzz_settings(fast: int = CASES) -> settings:
    return settings(
        max_examples=CASES if STRESS else fast,
        deadline=None,
        database=None,
        # No shrinking: a fuzzed plan or file is slow to shrink, the raw case is shown anyway.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


TODAY = ("--today", "24/11/2026", "--actor", "Văn phòng")


def invoke(*args: str, db: Path | None = None) -> Result:
    argv = [*(("--db", str(db)) if db else ()), *TODAY, *args]
    return CliRunner().invoke(prepare(argv), argv, prog_name="atgt")


def make_template(db: Path) -> Path:
    """The seed plan, a party committee, cells and a member: what fuzzed commands refer to."""
    for args in (
        ["init"],
        ["unit", "add", "Đảng ủy Sở", "--kind", "dang-uy"],
        ["unit", "add", "Chi bộ 1", "--kind", "chi-bo", "--members", "12", "--since", "1/1/2024"],
        ["unit", "add", "Chi bộ Văn phòng", "--kind", "chi-bo", "--members", "9"],
        ["unit", "add", "Công đoàn cơ sở", "--kind", "doan-the"],
        # member add states the membership (no silent chính thức).
        ["member", "add", "Nguyễn Văn An", "--unit", "Chi bộ 1", "--membership", "chinh-thuc"],
    ):
        result = invoke(*args, db=db)
        assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


class Stores:
    """A fresh copy of the template store for each case."""

    def __init__(self, template: Path, folder: Path) -> None:
        self.template, self.folder, self.numbers = template, folder, count()

    def fresh(self) -> Path:
        for old in self.folder.glob("case-*.db*"):
            old.unlink()
        db = self.folder / f"case-{next(self.numbers)}.db"
        shutil.copyfile(self.template, db)
        return db


INTERNAL = ("Traceback", "lỗi nội bộ", "internal error")


def clean_end(result: Result, db: Path | None = None, before: object = None) -> str:
    """Success, or a one-line `Lỗi: …` (a usage error naming the option) with the store as it
    was; never a traceback. Returns "ok" or "refused"."""
    text = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"uncaught {result.exception!r}\n{text}"
    )
    for bad in INTERNAL:
        assert bad not in text, text
    if result.exit_code == 0:
        return "ok"
    errors = [line for line in result.stderr.splitlines() if line.startswith(("Lỗi: ", "Error: "))]
    assert len(errors) == 1, text
    assert len(errors[0]) > len("Lỗi: ") + 5, text
    if db is not None:
        assert snapshot(db) == before, f"a refused command changed the store\n{text}"
    return "refused"


def tally(counter: Counter[str], stress_record: StressRecord, measure: str) -> None:
    cases = counter["ok"] + counter["refused"]
    assert counter["refused"] or counter["ok"]
    if STRESS:
        stress_record(
            measure,
            f"{cases} cases: {counter['ok']} accepted, {counter['refused']} refused cleanly",
            f"≥ {CASES:,} cases, no traceback, store unchanged on refusal",
            cases >= CASES,
        )


_DRAWN = Counter[str]()


def still_usable(db: Path) -> None:
    """What a command accepted, the store can report on, and draw in the formats others open:
    the report as DOCX and XLSX, the records as XLSX exports (every case under stress; the
    first few of a run in `make test`, drawing takes a tenth of a second)."""
    for args in (["status"], ["report", "--month", "11/2026", "--format", "json"]):
        result = invoke(*args, db=db)
        assert result.exit_code == 0 and result.exception is None, result.output
    if not STRESS and _DRAWN["cases"] >= 3:
        return
    _DRAWN["cases"] += 1
    out = db.parent / f"{db.stem}-out"
    out.mkdir(exist_ok=True)
    drawn = [["report", "--month", "11/2026", "-o", str(out / f"bc.{f}")] for f in ("docx", "xlsx")]
    drawn += [
        ["export", k, "-o", str(out / f"{k}.xlsx")] for k in ("sessions", "violations", "units")
    ]
    for args in drawn:
        result = invoke(*args, db=db)
        assert result.exit_code == 0 and result.exception is None, (args, result.output)
        assert Path(args[-1]).stat().st_size > 0


TABLES = {"sessions": "propaganda_session", "violations": "violation", "units": "unit"}


def count_rows(db: Path, kind: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {TABLES[kind]}").fetchone()[0])
    finally:
        conn.close()


def added(output: str) -> int:
    """The rows an import says it added ("… — thêm 3, …")."""
    import re

    found = re.search(r"thêm (\d+)", output)
    assert found is not None, output
    return int(found.group(1))
