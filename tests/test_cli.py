"""The CLI frame: languages, version, the error boundary, light start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from atgt_cli import __version__
from tests.conftest import VENV_BIN

HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "openpyxl",
    "docx",
    "python_calamine",
    "xlrd",
    "alembic",
    "atgt_cli.plan.schema",
    # The SQLite path never loads the PostgreSQL driver (issue 22).
    "psycopg",
    "psycopg_binary",
    "atgt_cli.store.postgres",
)


def _pythonpath() -> dict[str, str]:
    """The checkout under test, when it is not the one installed in the venv (a worktree)."""
    return {"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}


def test_version(atgt) -> None:
    result = atgt("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"atgt {__version__}"


def test_help_is_vietnamese_by_default_and_english_on_request(atgt) -> None:
    vi = atgt("--help")
    assert vi.exit_code == 0
    assert "Kế hoạch: kiểm tra, nạp vào kho" in vi.stdout
    en = atgt("--lang", "en", "--help")
    assert "Plans: validate, load" in en.stdout
    assert "Kế hoạch: kiểm tra, nạp" not in en.stdout
    assert "Plans: validate" in atgt("--lang=en", "plan", "--help").stdout
    assert "Plans: validate" in atgt("--help", env={"ATGT_LANG": "en"}).stdout


def test_command_help_follows_the_language(atgt) -> None:
    assert "Validate a plan YAML file" in atgt("--lang", "en", "plan", "validate", "--help").stdout
    assert "Kiểm tra tệp kế hoạch YAML" in atgt("plan", "validate", "--help").stdout


def test_unknown_language_is_a_usage_error(atgt) -> None:
    result = atgt("--lang", "fr", "--help")
    # --help is eager: it answers first, in Vietnamese
    assert result.exit_code == 0
    result = atgt("--lang", "fr", "plan", "schema")
    assert result.exit_code == 2
    assert "fr" in result.stderr


def test_usage_errors_exit_2_without_traceback(atgt) -> None:
    result = atgt("plan", "nonsense")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_an_unexpected_error_is_one_line_unless_debug(
    atgt, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atgt_cli.plan.loader as loader

    def boom(_text: str) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(loader, "check_plan", boom)
    result = atgt("plan", "validate", __file__)
    assert result.exit_code == 1
    assert result.stderr.startswith("Lỗi: lỗi nội bộ: RuntimeError: disk on fire")
    assert "Traceback" not in result.output
    debug = atgt("--debug", "plan", "validate", __file__)
    assert isinstance(debug.exception, RuntimeError)


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "atgt_cli", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"atgt {__version__}"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store") / "atgt.db"
    from atgt_cli.services.plans import init_store

    init_store(path, actor="test")
    return str(path)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["plan", "--help"],
        ["plan", "list"],
        ["plan", "list", "--json"],
        ["status", "--month", "11/2026"],
    ],
)
def test_quick_paths_import_nothing_heavy(args: list[str], store_path: str) -> None:
    atgt_bin = VENV_BIN / "atgt"
    command = [str(atgt_bin)] if atgt_bin.exists() else [sys.executable, "-m", "atgt_cli"]
    done = subprocess.run(
        [*command, "--db", store_path, *args],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPROFILEIMPORTTIME": "1", "PATH": "/usr/bin:/bin", **_pythonpath()},
    )
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert imported, "no import-time lines: the check would pass vacuously"
    heavy = sorted(m for m in imported if m.split(".")[0] in HEAVY or m in HEAVY)
    assert not heavy


def test_a_sessions_import_writes_without_the_orm(tmp_path: Path) -> None:
    """The bulk import writes in plain SQL: importing SQLModel would cost it ~0.4 s."""
    atgt_bin = VENV_BIN / "atgt"
    command = [str(atgt_bin)] if atgt_bin.exists() else [sys.executable, "-m", "atgt_cli"]
    store = ["--db", str(tmp_path / "atgt.db"), "--today", "30/11/2026"]
    subprocess.run([*command, *store, "init"], check=True, capture_output=True)
    subprocess.run(
        [*command, *store, "unit", "add", "Chi bộ Văn phòng", "--kind", "chi-bo"],
        check=True,
        capture_output=True,
    )
    data = tmp_path / "buoi.csv"
    data.write_text("Chi bộ,Ngày,Hình thức\nChi bộ Văn phòng,3/11/2026,Chào cờ\n", encoding="utf-8")
    done = subprocess.run(
        [*command, *store, "import", "sessions", str(data)],
        capture_output=True,
        text=True,
        env={"PYTHONPROFILEIMPORTTIME": "1", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert "thêm 1" in done.stdout
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert {m.split(".")[0] for m in imported} & {"sqlmodel", "sqlalchemy"} == set()
    assert "atgt_cli.services.imports.sessions" in imported
