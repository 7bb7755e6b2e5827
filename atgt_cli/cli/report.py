"""`atgt report …`: the period's report in every format, and the office's notes."""

from pathlib import Path
from typing import Annotated

import typer

from atgt_cli.cli.common import PLAIN, env, opened_store
from atgt_cli.cli.status import period_options
from atgt_cli.labels import t


def build() -> typer.Typer:
    app = typer.Typer(no_args_is_help=False, invoke_without_command=True, **PLAIN)
    p = period_options()

    @app.callback(help=t("report.make.help"))
    def report(
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
        fmt: Annotated[
            str | None, typer.Option("--format", metavar="FORMAT", help=t("opt.format"))
        ] = None,
        outputs: Annotated[
            list[Path] | None, typer.Option("-o", "--output", metavar="FILE", help=t("opt.output"))
        ] = None,
        as_of: Annotated[
            str | None, typer.Option("--as-of", metavar="DATE", help=t("opt.as_of"))
        ] = None,
        redact: Annotated[bool, typer.Option("--redact", help=t("opt.redact"))] = False,
    ) -> None:
        if ctx.invoked_subcommand is not None:
            return
        from atgt_cli.services.report import report_for
        from atgt_cli.services.report_files import format_for, write_report

        targets = [(path, format_for(path, fmt)) for path in outputs or []]
        with opened_store(ctx) as store:
            result = report_for(
                store,
                env(ctx),
                month=month,
                quarter=quarter,
                half=half,
                year=year,
                unit=unit,
                plan=plan,
                as_of=as_of,
                redact=redact,
            )
        if not targets:
            from atgt_cli.render.console import emit
            from atgt_cli.render.report import report_view, to_csv, to_json, to_markdown

            chosen = format_for(None, fmt)
            if chosen == "table":
                emit(report_view(result))
            else:
                text = {"md": to_markdown, "csv": to_csv, "json": to_json}[chosen](result)
                typer.echo(text, nl=False)
        for path, chosen in targets:
            write_report(result, path, chosen)
            typer.echo(t("report.written", path=path), err=True)

    @app.command("note", help=t("report.note.help"))
    def note(
        ctx: typer.Context,
        text: Annotated[str, typer.Argument(metavar="TEXT", show_default=False)],
        section: Annotated[
            str, typer.Option("--section", metavar="SECTION", help=t("opt.section"))
        ] = "han-che",
        month: Annotated[str | None, p["month"]] = None,
        quarter: Annotated[str | None, p["quarter"]] = None,
        half: Annotated[str | None, p["half"]] = None,
        year: Annotated[str | None, p["year"]] = None,
    ) -> None:
        from atgt_cli.services.report import note_for

        with opened_store(ctx) as store:
            label = note_for(
                store,
                env(ctx),
                section=section,
                text=text,
                month=month,
                quarter=quarter,
                half=half,
                year=year,
            )
        typer.echo(t("report.noted", period=label))

    return app
