"""What every command shares: global options, the store it works on, the actor."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from atgt_cli.labels import t

if TYPE_CHECKING:
    from atgt_cli.store.db import Store

# Plain (click) help: rich-formatted help costs ~50 ms per call, a third of `atgt --help`.
PLAIN: dict[str, Any] = {"rich_markup_mode": None}


@dataclass
class State:
    db: str | None = None
    debug: bool = False


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


def db_path(ctx: typer.Context) -> Path:
    from atgt_cli.config import resolve_db

    return resolve_db(state(ctx).db)


def actor() -> str:
    from atgt_cli.platform import current_user

    return os.environ.get("ATGT_ACTOR") or current_user()


def warn(message: str) -> None:
    typer.echo(f"{t('warning')}: {message}", err=True)


@contextlib.contextmanager
def opened_store(ctx: typer.Context) -> Iterator[Store]:
    from atgt_cli.store.db import using_store

    with using_store(db_path(ctx)) as store:
        for message in store.warnings:
            warn(message)
        yield store
