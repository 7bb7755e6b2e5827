"""`atgt init`."""

import typer

from atgt_cli.cli.common import actor, db_path, warn
from atgt_cli.labels import t


def init(ctx: typer.Context) -> None:
    from atgt_cli.services.plans import init_store

    result = init_store(db_path(ctx), actor=actor(ctx))
    for message in result.warnings:
        warn(message)
    typer.echo(t("init.created" if result.created else "init.exists", path=result.path))
    if result.seed is None:
        typer.echo(t("init.kept"))
    else:
        typer.echo(t("init.loaded", symbol=result.seed.symbol, rev=result.seed.rev))


def register(app: typer.Typer) -> None:
    app.command("init", help=t("init.help"))(init)
