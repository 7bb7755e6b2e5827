"""`atgt status`: the quick terminal check."""

from typing import Annotated

import typer

from atgt_cli.cli.common import env, opened_store, output
from atgt_cli.labels import t


def period_options() -> dict[str, object]:
    """--month / --quarter / --half / --year, shared by status and report."""
    return {
        "month": typer.Option(
            "--month", metavar="MM/YYYY", help=t("opt.month"), show_default=False
        ),
        "quarter": typer.Option(
            "--quarter", metavar="Q/YYYY", help=t("opt.quarter"), show_default=False
        ),
        "half": typer.Option("--half", metavar="H/YYYY", help=t("opt.half"), show_default=False),
        "year": typer.Option("--year", metavar="YYYY", help=t("opt.year"), show_default=False),
    }


def register(app: typer.Typer) -> None:
    p = period_options()

    @app.command("status", help=t("status.help"))
    def status(
        ctx: typer.Context,
        month: Annotated[str | None, p["month"]] = None,
        quarter: Annotated[str | None, p["quarter"]] = None,
        half: Annotated[str | None, p["half"]] = None,
        year: Annotated[str | None, p["year"]] = None,
        unit: Annotated[
            str | None, typer.Option("--unit", metavar="UNIT", help=t("opt.unit"))
        ] = None,
        plan: Annotated[
            str | None, typer.Option("--plan", metavar="SYMBOL", help=t("opt.plan"))
        ] = None,
        check: Annotated[bool, typer.Option("--check", help=t("opt.check"))] = False,
        as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False,
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
