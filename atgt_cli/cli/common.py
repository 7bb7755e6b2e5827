"""What every command shares: global options, the store it works on, the actor."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.models import ArgumentInfo, OptionInfo

from atgt_cli.cli import complete
from atgt_cli.labels import t

if TYPE_CHECKING:
    from atgt_cli.config import DatabaseUrl
    from atgt_cli.services.context import Env
    from atgt_cli.store.db import Store

# The largest id SQLite stores: a larger ID is refused by the parser, naming it.
MAX_ID = 2**63 - 1

# Plain (click) help: rich-formatted help costs ~50 ms per call, a third of `atgt --help`.
PLAIN: dict[str, Any] = {"rich_markup_mode": None}


class _LabelledHelp:
    """`help` kept as a label key and looked up each time Typer reads it.

    Typer reads it when it builds a command, after --lang is applied; the option types below
    are made when their module is first imported, which may be under another language (the
    tests run both in one process), so they cannot hold the translated text.
    """

    _help_key: str | None = None

    @property
    def help(self) -> str | None:
        return t(self._help_key) if self._help_key else None

    @help.setter
    def help(self, key: str | None) -> None:
        self._help_key = key


class _LabelledOption(_LabelledHelp, OptionInfo):
    pass


class _LabelledArgument(_LabelledHelp, ArgumentInfo):
    pass


def option(*names: str, help_key: str, **settings: Any) -> Any:
    """typer.Option(*names, **settings) with its help given as a label key (see above)."""
    info = typer.Option(*names, **settings)
    info.__class__ = _LabelledOption
    info.help = help_key
    return info


def argument(*, help_key: str, **settings: Any) -> Any:
    """typer.Argument(**settings) with its help given as a label key."""
    info = typer.Argument(**settings)
    info.__class__ = _LabelledArgument
    info.help = help_key
    return info


def text_option(name: str, help_key: str, metavar: str = "TEXT", **settings: Any) -> Any:
    """An option that takes a value and shows no default: most of them."""
    return option(name, metavar=metavar, help_key=help_key, show_default=False, **settings)


# Option types more than one command module uses (Typer reads the annotations at run time).
Json = Annotated[bool, option("--json", help_key="opt.json")]
Redact = Annotated[bool, option("--redact", help_key="opt.redact")]
Id = Annotated[int, typer.Argument(metavar="ID", max=MAX_ID, show_default=False)]
Unit = Annotated[
    str | None, text_option("--unit", "opt.unit", "UNIT", autocompletion=complete.units)
]
Plan = Annotated[str | None, text_option("--plan", "opt.plan", "SYMBOL")]
Note = Annotated[str | None, text_option("--note", "opt.note")]
Reason = Annotated[str, text_option("--reason", "opt.reason")]
From = Annotated[str | None, text_option("--from", "opt.from", "DATE")]
To = Annotated[str | None, text_option("--to", "opt.to", "DATE")]
# The period of status and report (and a list's month).
Month = Annotated[str | None, text_option("--month", "opt.month", "MM/YYYY")]
Quarter = Annotated[str | None, text_option("--quarter", "opt.quarter", "Q/YYYY")]
Half = Annotated[str | None, text_option("--half", "opt.half", "H/YYYY")]
Year = Annotated[str | None, text_option("--year", "opt.year", "YYYY")]


def sub_app(**settings: Any) -> typer.Typer:
    """A command group's Typer app: help on no arguments, plain help text."""
    return typer.Typer(**{"no_args_is_help": True, **PLAIN, **settings})


def group(prefix: str, commands: dict[str, Callable[..., None]]) -> typer.Typer:
    """A command group: each command registered under its name, its help the label
    `PREFIX.NAME.help`."""
    app = sub_app()
    for name, command in commands.items():
        app.command(name, help=t(f"{prefix}.{name}.help"))(command)
    return app


def command_name(ctx: typer.Context) -> str:
    """The name a command was registered under: one function serves `import sessions`,
    `import violations`…, and the name says which."""
    return ctx.command.name or ""


@dataclass
class State:
    db: str | None = None
    debug: bool = False
    today: str | None = None
    actor: str | None = None


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


def db_path(ctx: typer.Context) -> Path | DatabaseUrl:
    from atgt_cli.config import resolve_db

    return resolve_db(state(ctx).db)


def actor(ctx: typer.Context | None = None) -> str:
    """--actor, else ATGT_ACTOR, else the OS user."""
    from atgt_cli.platform import current_user
    from atgt_cli.text import nfc

    chosen = state(ctx).actor if ctx is not None else None
    # Written in the log and shown by `atgt log`: text as any other, its controls left out.
    return nfc(chosen or os.environ.get("ATGT_ACTOR") or "") or current_user()


def env(ctx: typer.Context) -> Env:
    """Today (--today / ATGT_TODAY, else the clock) and the actor, for the services."""
    import datetime as dt

    from atgt_cli.dates import DateError, parse_user_date
    from atgt_cli.errors import InputError
    from atgt_cli.services.context import Env

    today = dt.date.today()
    given = state(ctx).today
    if given:
        try:
            today = parse_user_date(given, today)
        except DateError as exc:
            raise InputError(t("today.invalid", detail=exc)) from None
    return Env(today=today, actor=actor(ctx))


def warn(message: str) -> None:
    from atgt_cli.text import visible

    typer.echo(f"{t('warning')}: {visible(message)}", err=True)


def output(data: Any, *, as_json: bool, table: Callable[[], Any], empty: str | None = None) -> None:
    """The one output rule of list and show commands: JSON for scripts, else a rich table
    (built lazily, so --json never imports rich), or a sentence when there is nothing."""
    from atgt_cli.render.console import emit, emit_json

    if as_json:
        emit_json(data)
    elif empty is not None and not data:
        typer.echo(t(empty))
    else:
        emit(table())


@contextlib.contextmanager
def opened_store(ctx: typer.Context) -> Iterator[Store]:
    from atgt_cli.store.db import using_store

    with using_store(db_path(ctx)) as store:
        for message in store.warnings:
            warn(message)
        yield store


def records() -> ModuleType:
    """The renderers of records, imported only when a table is drawn."""
    from atgt_cli.render import records

    return records


def plans_view() -> ModuleType:
    from atgt_cli.render import plans

    return plans
