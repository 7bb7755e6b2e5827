"""`atgt period …` and `atgt log`."""

from typing import Annotated

import typer

from atgt_cli.cli.common import PLAIN, env, opened_store, output, records
from atgt_cli.labels import t

Month = Annotated[str, typer.Argument(metavar="MM/YYYY", show_default=False)]


def build() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, **PLAIN)

    @app.command("close", help=t("period.close.help"))
    def close(ctx: typer.Context, month: Month) -> None:
        from atgt_cli.services.locks import close_month

        with opened_store(ctx) as store:
            typer.echo(t("period.closed_ok", month=close_month(store, env(ctx), month)))

    @app.command("reopen", help=t("period.reopen.help"))
    def reopen(
        ctx: typer.Context,
        month: Month,
        reason: Annotated[
            str, typer.Option("--reason", metavar="TEXT", help=t("opt.reason"), show_default=False)
        ],
    ) -> None:
        from atgt_cli.services.locks import reopen_month

        with opened_store(ctx) as store:
            typer.echo(
                t("period.reopened_ok", month=reopen_month(store, env(ctx), month, reason=reason))
            )

    @app.command("list", help=t("period.list.help"))
    def list_(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False,
    ) -> None:
        from atgt_cli.services.locks import list_locks

        with opened_store(ctx) as store:
            rows = list_locks(store)
        output(
            rows, as_json=as_json, empty="period.none", table=lambda: records().periods_table(rows)
        )

    return app


def register(app: typer.Typer) -> None:
    @app.command("log", help=t("log.help"))
    def log(
        ctx: typer.Context,
        since: Annotated[
            str | None, typer.Option("--since", metavar="DATE", help=t("opt.log_since"))
        ] = None,
        entity: Annotated[
            str | None, typer.Option("--entity", metavar="KIND:ID", help=t("opt.entity"))
        ] = None,
        redact: Annotated[bool, typer.Option("--redact", help=t("opt.redact"))] = False,
        as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False,
    ) -> None:
        from atgt_cli.services.audit import read_log

        with opened_store(ctx) as store:
            rows = read_log(store, env(ctx), since=since, entity=entity, redact=redact)
        output(rows, as_json=as_json, empty="log.none", table=lambda: records().log_table(rows))
