"""`atgt period …` and `atgt log`."""

from typing import Annotated

import typer

from atgt_cli.cli.common import (
    Json,
    Reason,
    Redact,
    env,
    group,
    opened_store,
    option,
    output,
    records,
)
from atgt_cli.labels import t

Month = Annotated[str, typer.Argument(metavar="MM/YYYY", show_default=False)]
Since = Annotated[str | None, option("--since", metavar="DATE", help_key="opt.log_since")]
Entity = Annotated[str | None, option("--entity", metavar="KIND:ID", help_key="opt.entity")]


def close(ctx: typer.Context, month: Month) -> None:
    from atgt_cli.services.locks import close_month

    with opened_store(ctx) as store:
        typer.echo(t("period.closed_ok", month=close_month(store, env(ctx), month)))


def reopen(ctx: typer.Context, month: Month, reason: Reason) -> None:
    from atgt_cli.services.locks import reopen_month

    with opened_store(ctx) as store:
        typer.echo(
            t("period.reopened_ok", month=reopen_month(store, env(ctx), month, reason=reason))
        )


def list_(ctx: typer.Context, as_json: Json = False) -> None:
    from atgt_cli.services.locks import list_locks

    with opened_store(ctx) as store:
        rows = list_locks(store)
    output(rows, as_json=as_json, empty="period.none", table=lambda: records().periods_table(rows))


def log(
    ctx: typer.Context,
    since: Since = None,
    entity: Entity = None,
    redact: Redact = False,
    as_json: Json = False,
) -> None:
    from atgt_cli.services.audit import read_log

    with opened_store(ctx) as store:
        rows = read_log(store, env(ctx), since=since, entity=entity, redact=redact)
    output(rows, as_json=as_json, empty="log.none", table=lambda: records().log_table(rows))


def build() -> typer.Typer:
    return group(
        "period",
        {
            "close": close,
            "reopen": reopen,
            "list": list_,
        },
    )


def register(app: typer.Typer) -> None:
    app.command("log", help=t("log.help"))(log)
