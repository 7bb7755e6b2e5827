"""`atgt report …`: the period's report in every format, and the office's notes."""

from pathlib import Path
from typing import Annotated

import typer

from atgt_cli.cli.common import (
    Half,
    Month,
    Plan,
    Quarter,
    Redact,
    Unit,
    Year,
    env,
    opened_store,
    option,
    sub_app,
    text_option,
)
from atgt_cli.labels import t

Format = Annotated[str | None, text_option("--format", "opt.format", "FORMAT")]
Outputs = Annotated[
    list[Path] | None, option("-o", "--output", metavar="FILE", help_key="opt.output")
]
AsOf = Annotated[str | None, text_option("--as-of", "opt.as_of", "DATE")]
Number = Annotated[str | None, text_option("--number", "opt.number", "N")]
Date = Annotated[str | None, text_option("--date", "opt.doc_date", "DATE")]
Signer = Annotated[str | None, text_option("--signer", "opt.signer", "NAME")]
SignerTitle = Annotated[
    str | None, text_option("--signer-title", "opt.signer_title", "bi-thu|pho-bi-thu")
]
Text = Annotated[str, typer.Argument(metavar="TEXT", show_default=False)]
Section = Annotated[str, text_option("--section", "opt.section", "SECTION")]


def report(
    ctx: typer.Context,
    month: Month = None,
    quarter: Quarter = None,
    half: Half = None,
    year: Year = None,
    unit: Unit = None,
    plan: Plan = None,
    fmt: Format = None,
    outputs: Outputs = None,
    as_of: AsOf = None,
    redact: Redact = False,
    number: Number = None,
    date: Date = None,
    signer: Signer = None,
    signer_title: SignerTitle = None,
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
        options = DocumentOptions(
            number=number, date=date, signer=signer, signer_title=signer_title
        )
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


def note(
    ctx: typer.Context,
    text: Text,
    section: Section = "han-che",
    month: Month = None,
    quarter: Quarter = None,
    half: Half = None,
    year: Year = None,
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


def build() -> typer.Typer:
    app = sub_app(no_args_is_help=False, invoke_without_command=True)
    app.callback(help=t("report.make.help"))(report)
    app.command("note", help=t("report.note.help"))(note)
    return app
