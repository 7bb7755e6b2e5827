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

    def option(name: str, metavar: str, help_key: str) -> object:
        return typer.Option(name, metavar=metavar, help=t(help_key), show_default=False)

    @app.callback(help=t("report.make.help"))
    def report(
        ctx: typer.Context,
        month: Annotated[str | None, p["month"]] = None,
        quarter: Annotated[str | None, p["quarter"]] = None,
        half: Annotated[str | None, p["half"]] = None,
        year: Annotated[str | None, p["year"]] = None,
        unit: Annotated[str | None, option("--unit", "UNIT", "opt.unit")] = None,
        plan: Annotated[str | None, option("--plan", "SYMBOL", "opt.plan")] = None,
        fmt: Annotated[str | None, option("--format", "FORMAT", "opt.format")] = None,
        outputs: Annotated[
            list[Path] | None, typer.Option("-o", "--output", metavar="FILE", help=t("opt.output"))
        ] = None,
        as_of: Annotated[str | None, option("--as-of", "DATE", "opt.as_of")] = None,
        redact: Annotated[bool, typer.Option("--redact", help=t("opt.redact"))] = False,
        number: Annotated[str | None, option("--number", "N", "opt.number")] = None,
        date: Annotated[str | None, option("--date", "DATE", "opt.doc_date")] = None,
        signer: Annotated[str | None, option("--signer", "NAME", "opt.signer")] = None,
        signer_title: Annotated[
            str | None, option("--signer-title", "bi-thu|pho-bi-thu", "opt.signer_title")
        ] = None,
    ) -> None:
        if ctx.invoked_subcommand is not None:
            return
        from atgt_cli.render.files import write_reports
        from atgt_cli.services.report import report_for
        from atgt_cli.services.report_files import DocumentOptions, format_for, report_pack

        targets = [(path, format_for(path, fmt)) for path in outputs or []]
        chosen = format_for(None, fmt) if not targets else None
        with opened_store(ctx) as store:
            now = env(ctx)
            result = report_for(
                store,
                now,
                month=month,
                quarter=quarter,
                half=half,
                year=year,
                unit=unit,
                plan=plan,
                as_of=as_of,
                redact=redact,
            )
            options = DocumentOptions(number, date, signer, signer_title)
            pack = report_pack(store, now, result, [kind for _, kind in targets], options)
            write_reports(pack, targets)
        for path, _ in targets:
            typer.echo(t("report.written", path=path), err=True)
        if chosen == "table":
            from atgt_cli.render.console import emit
            from atgt_cli.render.report import report_view

            emit(report_view(result))
        elif chosen is not None:
            from atgt_cli.render.files import text_bytes

            typer.echo(text_bytes(result, chosen).decode("utf-8").lstrip("\ufeff"), nl=False)

    @app.command("note", help=t("report.note.help"))
    def note(
        ctx: typer.Context,
        text: Annotated[str, typer.Argument(metavar="TEXT", show_default=False)],
        section: Annotated[str, option("--section", "SECTION", "opt.section")] = "han-che",
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
