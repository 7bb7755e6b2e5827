"""Entry point. The language is chosen before the app is built, so help is in that language."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import typer

from atgt_cli.labels import LANGS, set_lang


def choose_lang(argv: Sequence[str]) -> str:
    """--lang X / --lang=X on the command line, else ATGT_LANG, else Vietnamese."""
    value = os.environ.get("ATGT_LANG", "vi")
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    value = value.lower()[:2]
    return value if value in LANGS else "vi"


def prepare(argv: Sequence[str]) -> typer.Typer:
    set_lang(choose_lang(argv))
    from atgt_cli.cli.app import build_app

    return build_app()


def main() -> None:
    argv = sys.argv[1:]
    prepare(argv)(args=argv, prog_name="atgt")
