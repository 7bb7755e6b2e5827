"""`atgt backup`, `atgt restore`, `atgt check`: copies of the store and its health."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from atgt_cli.cli.common import Json, argument, db_path, option, output, warn
from atgt_cli.labels import t

Target = Annotated[
    Path | None, argument(metavar="[FILE]", help_key="backup.file", show_default=False)
]
Force = Annotated[bool, option("--force", help_key="backup.force")]
Source = Annotated[Path, argument(metavar="FILE", help_key="restore.file", show_default=False)]


def backup(ctx: typer.Context, target: Target = None, force: Force = False) -> None:
    from atgt_cli.services.backup import backup_store
    from atgt_cli.store.db import using_store

    with using_store(db_path(ctx), upgrade=False) as store:
        for message in store.warnings:
            warn(message)
        result = backup_store(store, target, force=force, now=dt.datetime.now())
    typer.echo(t("backup.done", path=store.path, target=result.path, size=_size(result.size)))


def restore(ctx: typer.Context, source: Source) -> None:
    from atgt_cli.services.backup import restore_store

    result = restore_store(db_path(ctx), source, now=dt.datetime.now())
    typer.echo(t("restore.done", path=result.path, source=result.source))
    if result.kept is not None:
        typer.echo(t("restore.kept", kept=result.kept))
    from atgt_cli.store.db import LATEST_VERSION

    if result.version < LATEST_VERSION:
        typer.echo(t("restore.upgraded", old=result.version, new=LATEST_VERSION))


def check(ctx: typer.Context, as_json: Json = False) -> None:
    from atgt_cli.errors import StoreError
    from atgt_cli.services.backup import check_store
    from atgt_cli.store.db import using_store

    with using_store(db_path(ctx), upgrade=False) as store:
        for message in store.warnings:
            warn(message)
        result = check_store(store)

    def table() -> object:
        from atgt_cli.render.health import check_view

        return check_view(result)

    output(result, as_json=as_json, table=table)
    if not result.ok:
        raise StoreError(t("check.damaged", path=result.path, count=len(result.problems)))


To = Annotated[
    str, option("--to", metavar="FILE.db|postgresql://…", help_key="copy.to", show_default=False)
]


def copy(ctx: typer.Context, to: To) -> None:
    from atgt_cli.cli.common import opened_store
    from atgt_cli.services.copying import copy_store

    with opened_store(ctx) as store:
        result = copy_store(store, to)
    for table in result.tables:
        typer.echo(
            t("copy.table", table=table.table, rows=table.rows, checksum=table.checksum[:16])
        )
    rows = sum(table.rows for table in result.tables)
    typer.echo(t("copy.done", source=result.source, target=result.target, rows=rows))


def build_store() -> typer.Typer:
    from atgt_cli.cli.common import group

    return group("storegroup", {"copy": copy})


def register_backup(app: typer.Typer) -> None:
    app.command("backup", help=t("backup.help"))(backup)


def register_restore(app: typer.Typer) -> None:
    app.command("restore", help=t("restore.help"))(restore)


def register_check(app: typer.Typer) -> None:
    app.command("check", help=t("check.help"))(check)


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MiB"
