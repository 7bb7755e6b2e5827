"""`atgt status`: the quick terminal check."""

from typing import Annotated

import typer

from atgt_cli.cli.common import (
    Half,
    Json,
    Month,
    Plan,
    Quarter,
    Unit,
    Year,
    env,
    opened_store,
    option,
    output,
)
from atgt_cli.labels import t

Check = Annotated[bool, option("--check", help_key="opt.check")]


def status(
    ctx: typer.Context,
    month: Month = None,
    quarter: Quarter = None,
    half: Half = None,
    year: Year = None,
    unit: Unit = None,
    plan: Plan = None,
    check: Check = False,
    as_json: Json = False,
) -> None:
    from atgt_cli.services.status import status_for

    with opened_store(ctx) as store:
        result = status_for(
            store,
            env(ctx),
            month=month,
            quarter=quarter,
            half=half,
            year=year,
            unit=unit,
            plan=plan,
        )

    def table() -> object:
        from atgt_cli.render.status import status_view

        return status_view(result)

    output(result, as_json=as_json, table=table)
    if check and result.short:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("status", help=t("status.help"))(status)
