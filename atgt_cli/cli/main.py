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


# Root options that take a value: the word after them is not a command.
_VALUED = {"--lang", "--db", "--today", "--actor"}


def chosen_command(argv: Sequence[str]) -> str | None:
    """The top-level command in argv, if any (None for `atgt`, `atgt --help`…)."""
    words = iter(argv)
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def prepare(argv: Sequence[str]) -> typer.Typer:
    from atgt_cli.files import forget_kept

    set_lang(choose_lang(argv))
    forget_kept()
    from atgt_cli.cli.app import build_app, top_level_commands

    command = chosen_command(argv)
    completing = any(name.endswith("_COMPLETE") for name in os.environ)
    only = command if command in top_level_commands() and not completing else None
    return build_app(only)


def undecodable(argv: Sequence[str]) -> str | None:
    """The first argument holding bytes that are not UTF-8 (Python keeps them as lone
    surrogates), shown with its bytes escaped; None when every argument is text."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
    return None


def main() -> None:
    argv = sys.argv[1:]
    # The environment's ATGT_* values are arguments too (ATGT_ACTOR, ATGT_DB…).
    named = [f"{k}={v}" for k, v in os.environ.items() if k.startswith("ATGT_")]
    bad = undecodable([*argv, *named])
    if bad is not None:
        # Such bytes cannot be stored, matched or printed: refused before anything runs.
        set_lang(choose_lang(argv))
        from atgt_cli.labels import t

        sys.stderr.write(f"{t('error')}: {t('arg.not_utf8', arg=bad)}\n")
        raise SystemExit(1)
    prepare(argv)(args=argv, prog_name="atgt")
