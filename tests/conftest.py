from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from atgt_cli.cli.main import prepare
from atgt_cli.labels import set_lang

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
