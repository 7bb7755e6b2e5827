from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner, Result

from atgt_cli.cli.main import prepare
from atgt_cli.labels import set_lang
from tests.databases import (  # noqa: F401
    backend,
    is_url,
    pg_server,
    pg_snapshot,
    pg_template,
    pytest_configure,
    pytest_generate_tests,
    store_db,
)
from tests.stress_table import pytest_terminal_summary, stress_record  # noqa: F401

if TYPE_CHECKING:
    from tests.fuzzing import Stores

ROOT = Path(__file__).resolve().parent.parent
SEED_PLAN = ROOT / "plans" / "16-KH-DUSCT.yaml"
# The published text of the plan (a copy of ../shared/seed/000_211d129d627493f8.txt).
SEED_TEXT = ROOT / "tests" / "data" / "seed-16-KH-DUSCT.txt"
VENV_BIN = Path(sys.executable).parent

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("ATGT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "120")
    yield
    set_lang("vi")


@pytest.fixture
def atgt(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run the CLI in-process as `atgt ARGS…` would, language chosen the same way."""

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        app = prepare(list(args))
        return CliRunner().invoke(app, list(args), input=input, prog_name="atgt")

    return run


def snapshot(db: Path | str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table: to show a refused command left the store as it was."""
    import sqlite3

    if is_url(str(db)):
        return pg_snapshot(str(db))
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            name: conn.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall() for name in tables
        }
    finally:
        conn.close()


@pytest.fixture
def office(atgt: Run, store_db: Path | str) -> Callable[..., Result]:  # noqa: F811
    """A store with the seed plan and a few units; returns a runner bound to it (today 24/11/2026).
    In a module marked `databases`, once on SQLite and once on PostgreSQL."""
    db = store_db

    def run(*args: str, **kwargs: object) -> Result:
        return atgt(
            "--db", str(db), "--today", "24/11/2026", "--actor", "Văn phòng", *args, **kwargs
        )

    run.db = db  # type: ignore[attr-defined]
    for args in (
        ["init"],
        [
            "unit",
            "add",
            "Chi bộ 1",
            "--kind",
            "chi-bo",
            "--members",
            "12",
            "--exempt",
            "1",
            "--since",
            "1/9/2023",
        ],
        ["unit", "add", "Chi bộ 2", "--kind", "chi-bo", "--members", "9", "--since", "1/9/2023"],
        ["unit", "add", "Chi bộ Văn phòng", "--kind", "chi-bo"],
        ["unit", "add", "Công đoàn cơ sở", "--kind", "doan-the"],
        ["unit", "add", "Đảng ủy Sở", "--kind", "dang-uy"],
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
    return run


@pytest.fixture(scope="session")
def fuzz_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the seed plan and a few units, built once for the fuzz tests."""
    from tests.fuzzing import make_template

    return make_template(tmp_path_factory.mktemp("fuzz") / "template.db")


@pytest.fixture
def stores(fuzz_template: Path, tmp_path: Path) -> Stores:
    """Fresh copies of the fuzz template, one per case."""
    from tests.fuzzing import Stores

    return Stores(fuzz_template, tmp_path)
