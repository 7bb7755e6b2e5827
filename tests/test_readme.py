"""The README's command reference says what `--help` says (`make readme` rewrites it)."""

from __future__ import annotations

from atgt_cli.cli.reference import BEGIN, END, reference
from tests.conftest import ROOT


def test_the_command_reference_is_in_step_with_help() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert BEGIN in readme and END in readme
    current = readme.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert current == reference().strip(), "README.md is out of date: run `make readme`"


def test_the_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "py -m venv" in readme
