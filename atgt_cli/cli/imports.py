"""`atgt import …`: spreadsheets and text files as offices keep them."""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from atgt_cli.cli.common import MAX_ID, PLAIN, env, opened_store, output, records
from atgt_cli.labels import t


def build() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, **PLAIN)

    def add_kind(kind: str) -> None:
        @app.command(kind, help=t(f"import.{kind}.help"))
        def run(
            ctx: typer.Context,
            file: Annotated[str, typer.Argument(metavar="FILE|-", show_default=False)],
            mapping: Annotated[
                Path | None, typer.Option("--mapping", metavar="FILE.yaml", help=t("opt.mapping"))
            ] = None,
            unit: Annotated[
                str | None, typer.Option("--unit", metavar="UNIT", help=t("opt.import_unit"))
            ] = None,
            dry_run: Annotated[bool, typer.Option("--dry-run", help=t("opt.dry_run"))] = False,
            rejects: Annotated[
                Path | None, typer.Option("--rejects", metavar="FILE", help=t("opt.rejects"))
            ] = None,
            skip_invalid: Annotated[
                bool, typer.Option("--skip-invalid", help=t("opt.skip_invalid"))
            ] = False,
            update: Annotated[bool, typer.Option("--update", help=t("opt.update"))] = False,
            legacy: Annotated[
                str | None, typer.Option("--legacy", metavar="tcvn3|vni", help=t("opt.legacy"))
            ] = None,
            sheet: Annotated[
                str | None, typer.Option("--sheet", metavar="NAME", help=t("opt.sheet"))
            ] = None,
            as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False,
        ) -> None:
            from atgt_cli.errors import InputError
            from atgt_cli.importers.legacy import ENCODINGS
            from atgt_cli.services.imports import ImportOptions, run_import

            if legacy is not None and legacy not in ENCODINGS:
                raise InputError(
                    t("match.unknown", field="--legacy", value=legacy, choices=", ".join(ENCODINGS))
                )
            options = ImportOptions(
                kind, mapping, unit, dry_run, rejects, skip_invalid, update, legacy, sheet
            )
            with opened_store(ctx) as store:
                result = run_import(store, env(ctx), file, options, progress=_progress())
            if sys.stderr.isatty():
                typer.echo("\r\033[K", nl=False, err=True)
            if as_json:
                from atgt_cli.render.console import emit_json

                emit_json(result)
            else:
                for line in result.problems:
                    typer.echo(line, err=True)
                if result.problem_count > len(result.problems):
                    typer.echo(
                        t("imp.more", count=result.problem_count - len(result.problems)), err=True
                    )
                for line in result.conflicts:
                    typer.echo(line, err=True)
                if not result.problem_count or options.skip_invalid:
                    typer.echo(t("imp.summary", **_counts(result)))
            if result.problem_count and not options.skip_invalid:
                raise InputError(t("imp.refused", file=file, count=result.problem_count))

    for kind in ("sessions", "violations", "units"):
        add_kind(kind)

    @app.command("list", help=t("import.list.help"))
    def list_(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False,
    ) -> None:
        from atgt_cli.services.import_ledger import list_batches

        with opened_store(ctx) as store:
            rows = list_batches(store)
        output(rows, as_json=as_json, empty="imp.none", table=lambda: records().batches_table(rows))

    @app.command("undo", help=t("import.undo.help"))
    def undo(
        ctx: typer.Context,
        batch: Annotated[int, typer.Argument(metavar="BATCH", max=MAX_ID, show_default=False)],
    ) -> None:
        from atgt_cli.services.import_ledger import undo_batch

        with opened_store(ctx) as store:
            row = undo_batch(store, env(ctx), batch)
        typer.echo(t("imp.undone", id=row.id, added=row.added, updated=row.updated))

    return app


def _counts(result: object) -> dict[str, object]:
    names = ("file", "batch", "rows", "added", "skipped", "updated", "rejected")
    out = {name: getattr(result, name) for name in names}
    out["conflicts"] = len(result.conflicts)  # type: ignore[attr-defined]
    out["mode"] = t("imp.dry") if result.dry_run else ""  # type: ignore[attr-defined]
    return out


def _progress() -> Callable[[int], None] | None:
    """Rows read so far on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    return lambda n: typer.echo(f"\r{t('imp.progress', rows=n)}", nl=False, err=True)
