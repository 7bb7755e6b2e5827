"""`atgt export …` (records as files `atgt import` reads back) and `atgt template …` (an input
workbook with the plan's drop-down lists)."""

from pathlib import Path
from typing import Annotated

import typer

from atgt_cli.cli.common import PLAIN, env, opened_store
from atgt_cli.labels import t


def build_export() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, **PLAIN)

    def add_kind(kind: str) -> None:
        @app.command(kind, help=t(f"export.{kind}.help"))
        def run(
            ctx: typer.Context,
            month: Annotated[
                str | None,
                typer.Option("--month", metavar="M/YYYY", help=t("opt.export_month")),
            ] = None,
            fmt: Annotated[
                str | None,
                typer.Option("--format", metavar="csv|xlsx", help=t("opt.export_format")),
            ] = None,
            path: Annotated[
                Path | None,
                typer.Option("-o", "--output", metavar="FILE", help=t("opt.export_output")),
            ] = None,
            redact: Annotated[bool, typer.Option("--redact", help=t("opt.redact"))] = False,
        ) -> None:
            from atgt_cli.files import write_whole
            from atgt_cli.render.files import export_bytes
            from atgt_cli.services.exports import ExportOptions, run_export

            options = ExportOptions(kind, month, fmt, path, redact)
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

    for kind in ("sessions", "violations", "units", "members"):
        add_kind(kind)
    return app


def build_template() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, **PLAIN)

    def add_kind(kind: str) -> None:
        @app.command(kind, help=t(f"template.{kind}.help"))
        def run(
            ctx: typer.Context,
            path: Annotated[
                Path,
                typer.Option("-o", "--output", metavar="FILE.xlsx", help=t("opt.template_output")),
            ],
        ) -> None:
            from atgt_cli.files import write_whole
            from atgt_cli.render.template_out import to_template
            from atgt_cli.services.templates import template_file

            with opened_store(ctx) as store:
                made = template_file(store, env(ctx), kind, path)
            write_whole(path, to_template(made))
            typer.echo(t("template.written", path=path), err=True)

    for kind in ("sessions", "violations"):
        add_kind(kind)
    return app
