"""`atgt import …`: spreadsheets and text files as offices keep them."""

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated

import typer

from atgt_cli.cli.common import (
    MAX_ID,
    Json,
    command_name,
    env,
    opened_store,
    option,
    output,
    records,
    sub_app,
)
from atgt_cli.labels import t

if TYPE_CHECKING:
    from atgt_cli.services.imports.base import ImportOptions, ImportResult

KINDS = ("sessions", "violations", "units")

File = Annotated[str, typer.Argument(metavar="FILE|-", show_default=False)]
Mapping = Annotated[Path | None, option("--mapping", metavar="FILE.yaml", help_key="opt.mapping")]
Unit = Annotated[str | None, option("--unit", metavar="UNIT", help_key="opt.import_unit")]
DryRun = Annotated[bool, option("--dry-run", help_key="opt.dry_run")]
Rejects = Annotated[Path | None, option("--rejects", metavar="FILE", help_key="opt.rejects")]
SkipInvalid = Annotated[bool, option("--skip-invalid", help_key="opt.skip_invalid")]
Update = Annotated[bool, option("--update", help_key="opt.update")]
Legacy = Annotated[str | None, option("--legacy", metavar="tcvn3|vni", help_key="opt.legacy")]
Sheet = Annotated[str | None, option("--sheet", metavar="NAME", help_key="opt.sheet")]
ShowMapping = Annotated[bool, option("--show-mapping", help_key="opt.show_mapping")]
Batch = Annotated[int, typer.Argument(metavar="BATCH", max=MAX_ID, show_default=False)]
Force = Annotated[bool, option("--force", help_key="opt.undo_force")]


def import_file(
    ctx: typer.Context,
    file: File,
    mapping: Mapping = None,
    unit: Unit = None,
    dry_run: DryRun = False,
    rejects: Rejects = None,
    skip_invalid: SkipInvalid = False,
    update: Update = False,
    legacy: Legacy = None,
    sheet: Sheet = None,
    show_mapping: ShowMapping = False,
    as_json: Json = False,
) -> None:
    """`atgt import KIND`: the kind is the name the command was registered under."""
    from atgt_cli.errors import InputError
    from atgt_cli.render.files import write_rejects
    from atgt_cli.services.imports import ImportOptions, run_import

    options = ImportOptions(
        kind=command_name(ctx),
        mapping=mapping,
        unit=unit,
        dry_run=dry_run,
        rejects=rejects,
        skip_invalid=skip_invalid,
        update=update,
        legacy=legacy,
        sheet=sheet,
    )
    if show_mapping:
        _show_mapping(file, options, as_json=as_json)
        return
    with opened_store(ctx) as store:
        result = run_import(
            store, env(ctx), file, options, progress=_progress(), write_rejects=write_rejects
        )
    if sys.stderr.isatty():
        typer.echo("\r\033[K", nl=False, err=True)
    if as_json:
        from atgt_cli.render.console import emit_json

        emit_json(result)
    else:
        for line in result.problems:
            typer.echo(line, err=True)
        if result.problem_count > len(result.problems):
            typer.echo(t("imp.more", count=result.problem_count - len(result.problems)), err=True)
        for line in result.conflicts:
            typer.echo(line, err=True)
        if not result.problem_count or options.skip_invalid:
            typer.echo(t("imp.summary", **_counts(result)))
            if result.not_data:
                typer.echo(t("imp.not_data", count=result.not_data))
            if result.untopiced:
                typer.echo(t("imp.untopiced", count=result.untopiced))
            if result.unknown_membership:
                typer.echo(t("imp.membership_unknown", count=result.unknown_membership))
            if result.rejected and options.rejects:
                typer.echo(t("imp.rejects_written", count=result.rejected, file=options.rejects))
            if result.unused_columns:
                typer.echo(_render().unused_columns(result.unused_columns))
        elif result.unused_columns:
            typer.echo(_render().unused_columns(result.unused_columns), err=True)
    if result.problem_count and not options.skip_invalid:
        raise InputError(t("imp.refused", file=file, count=result.problem_count))


def _show_mapping(file: str, options: "ImportOptions", *, as_json: bool) -> None:
    """--show-mapping: the header as understood, and nothing imported; the store is not opened."""
    from atgt_cli.render.console import emit, emit_json
    from atgt_cli.services.imports import show_mapping

    mapping = show_mapping(file, options)
    if as_json:
        emit_json(mapping)
        return
    emit(_render().mapping_table(mapping))
    typer.echo(t("imp.header_row", file=mapping.file, row=mapping.header_row))


def _render() -> ModuleType:
    """The renderers of a header's columns, imported only when they are drawn."""
    from atgt_cli.render import imports

    return imports


def list_(ctx: typer.Context, as_json: Json = False) -> None:
    from atgt_cli.services.imports.ledger import list_batches

    with opened_store(ctx) as store:
        rows = list_batches(store)
    output(rows, as_json=as_json, empty="imp.none", table=lambda: records().batches_table(rows))


def undo(ctx: typer.Context, batch: Batch, force: Force = False) -> None:
    from atgt_cli.services.imports.ledger import undo_batch

    with opened_store(ctx) as store:
        row = undo_batch(store, env(ctx), batch, force=force)
    typer.echo(t("imp.undone", id=row.id, added=row.added, updated=row.updated))


def build() -> typer.Typer:
    app = sub_app()
    for kind in KINDS:
        app.command(kind, help=t(f"import.{kind}.help"))(import_file)
    app.command("list", help=t("import.list.help"))(list_)
    app.command("undo", help=t("import.undo.help"))(undo)
    return app


def _counts(result: "ImportResult") -> dict[str, object]:
    names = ("file", "rows", "added", "skipped", "updated", "left_out")
    out: dict[str, object] = {name: getattr(result, name) for name in names}
    out["conflicts"] = len(result.conflicts)
    out["batch"] = "" if result.batch is None else t("imp.batch_recorded", batch=result.batch)
    nothing = not (result.added or result.updated)
    out["mode"] = t("imp.dry") if result.dry_run else t("imp.nothing_new") if nothing else ""
    return out


def _progress() -> Callable[[int], None] | None:
    """Rows read so far on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    return lambda n: typer.echo(f"\r{t('imp.progress', rows=n)}", nl=False, err=True)
