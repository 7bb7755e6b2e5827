"""`atgt export …` (records as files `atgt import` reads back) and `atgt template …` (an input
workbook with the plan's drop-down lists)."""

from pathlib import Path
from typing import Annotated

import typer

from atgt_cli.cli.common import Redact, command_name, env, opened_store, option, sub_app
from atgt_cli.labels import t

EXPORTS = ("sessions", "violations", "units", "members")
TEMPLATES = ("sessions", "violations")

Month = Annotated[str | None, option("--month", metavar="M/YYYY", help_key="opt.export_month")]
Format = Annotated[str | None, option("--format", metavar="csv|xlsx", help_key="opt.export_format")]
Output = Annotated[
    Path | None, option("-o", "--output", metavar="FILE", help_key="opt.export_output")
]
TemplateOutput = Annotated[
    Path, option("-o", "--output", metavar="FILE.xlsx", help_key="opt.template_output")
]


def export(
    ctx: typer.Context,
    month: Month = None,
    fmt: Format = None,
    path: Output = None,
    redact: Redact = False,
) -> None:
    """`atgt export KIND`: the kind is the name the command was registered under."""
    from atgt_cli.files import write_whole
    from atgt_cli.render.files import export_bytes
    from atgt_cli.services.exports import ExportOptions, run_export

    options = ExportOptions(kind=command_name(ctx), month=month, fmt=fmt, path=path, redact=redact)
    with opened_store(ctx) as store:
        result = run_export(store, env(ctx), options)
    data = export_bytes(result.table, result.fmt)
    if result.path is None:
        typer.echo(data, nl=False)
    else:
        # Written whole through mkstemp, so owner-only (0600): fit for members' names.
        write_whole(result.path, data)
        rows = len(result.table.rows)
        typer.echo(t("export.written", path=result.path, rows=rows), err=True)


def template(ctx: typer.Context, path: TemplateOutput) -> None:
    """`atgt template KIND`: the kind is the name the command was registered under."""
    from atgt_cli.files import write_whole
    from atgt_cli.render.template_out import to_template
    from atgt_cli.services.templates import template_file

    with opened_store(ctx) as store:
        made = template_file(store, env(ctx), command_name(ctx), path)
    write_whole(path, to_template(made))
    typer.echo(t("template.written", path=path), err=True)


def build_export() -> typer.Typer:
    app = sub_app()
    for kind in EXPORTS:
        app.command(kind, help=t(f"export.{kind}.help"))(export)
    return app


def build_template() -> typer.Typer:
    app = sub_app()
    for kind in TEMPLATES:
        app.command(kind, help=t(f"template.{kind}.help"))(template)
    return app
