"""Tab completion of option values (typer's `autocompletion=`): thin, as every command is.

Run only when the shell asks (never for `atgt --help`); the store is the one --db / ATGT_DB
names, read as the root command parsed it (its callback does not run while completing).
"""

from __future__ import annotations

from collections.abc import Callable

import typer


def _offer(what: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        import datetime as dt

        from atgt_cli.config import resolve_db
        from atgt_cli.services.completion import offers

        try:
            db = resolve_db(ctx.find_root().params.get("db"))
        except Exception:  # no store to name: the fixed choices only
            db = None
        return offers(what, incomplete, db=db, today=dt.date.today())

    complete.__name__ = f"complete_{what}"
    return complete


units = _offer("unit")
channels = _offer("channel")
topics = _offer("topic")
categories = _offer("category")
outcomes = _offer("outcome")
deciders = _offer("decider")
kinds = _offer("kind")
memberships = _offer("membership")
