"""`atgt report …`: the period's report in every format, and the office's notes."""

from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from atgt_cli.cli.common import (
    Half,
    Id,
    Json,
    Month,
    Plan,
    Quarter,
    Reason,
    Redact,
    Unit,
    Year,
    env,
    opened_store,
    option,
    output,
    records,
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
Template = Annotated[Path | None, option("--template", metavar="FILE", help_key="opt.template")]
ExcelVi = Annotated[bool, option("--excel-vi", help_key="opt.excel_vi")]
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
    template: Template = None,
    excel_vi: ExcelVi = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from atgt_cli.files import check_outputs, keep_safe
    from atgt_cli.render.files import write_reports
    from atgt_cli.services.report import report_for
    from atgt_cli.services.report_files import DocumentOptions, format_for, notices, report_pack

    targets = [(path, format_for(path, fmt)) for path in outputs or []]
    chosen = format_for(None, fmt) if not targets else None
    with opened_store(ctx) as store:
        # Every -o refused or accepted before the report is gathered (atgt_cli.files); the
        # office's template is never written over.
        if template is not None:
            keep_safe(template, "output.the_template")
        check_outputs([path for path, _ in targets])
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
            number=number,
            date=date,
            signer=signer,
            signer_title=signer_title,
            template=template,
            excel_vi=excel_vi,
        )
        kinds = [kind for _, kind in targets] + ([chosen] if chosen else [])
        pack = report_pack(store, now, result, kinds, options)
        write_reports(pack, targets)
        warnings = notices(store, now, result)
    for warning in warnings:
        typer.echo(t("report.warning", text=warning), err=True)
    for path, _ in targets:
        typer.echo(t("report.written", path=path), err=True)
    if chosen == "table":
        from atgt_cli.render.console import emit
        from atgt_cli.render.report import report_view

        assert pack.letterhead is not None
        emit(report_view(result, pack.letterhead))
    elif chosen is not None:
        from atgt_cli.render.files import text_bytes

        typer.echo(text_bytes(pack, chosen).decode("utf-8").lstrip("\ufeff"), nl=False)


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


def note_list(
    ctx: typer.Context,
    month: Month = None,
    quarter: Quarter = None,
    half: Half = None,
    year: Year = None,
    as_json: Json = False,
) -> None:
    from atgt_cli.services.report_notes import list_notes

    with opened_store(ctx) as store:
        rows = list_notes(store, env(ctx), month=month, quarter=quarter, half=half, year=year)
    output(rows, as_json=as_json, empty="note.none", table=lambda: records().notes_table(rows))


def note_edit(ctx: typer.Context, note_id: Id, text: Text) -> None:
    from atgt_cli.services.report_notes import edit_note

    with opened_store(ctx) as store:
        changed = edit_note(store, env(ctx), note_id, text=text)
    typer.echo(t("note.edited" if changed else "note.unchanged", id=note_id))


def note_delete(ctx: typer.Context, note_id: Id, reason: Reason) -> None:
    from atgt_cli.services.report_notes import delete_note

    with opened_store(ctx) as store:
        delete_note(store, env(ctx), note_id, reason=reason)
    typer.echo(t("note.deleted_ok", id=note_id))


TemplateOut = Annotated[Path, option("-o", "--output", metavar="FILE", help_key="opt.template_out")]


def template(ctx: typer.Context, out: TemplateOut, unit: Unit = None) -> None:
    from atgt_cli.files import check_outputs, write_whole
    from atgt_cli.render.docx_out import template_bytes
    from atgt_cli.services.report_files import report_kind

    check_outputs([out])
    with opened_store(ctx) as store:
        kind = report_kind(store, env(ctx), unit)
    write_whole(out, template_bytes(kind))
    typer.echo(t("report.template_written", path=out, kind=t(f"report.kind.{kind}")), err=True)


class _Notes(TyperGroup):
    """`report note TEXT` adds a note, as it always has; `report note list|edit|delete` are
    the group's other commands."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["add", *args]
        return super().parse_args(ctx, args)


def build() -> typer.Typer:
    app = sub_app(no_args_is_help=False, invoke_without_command=True)
    app.callback(help=t("report.make.help"))(report)
    app.command("template", help=t("report.template.help"))(template)
    notes = sub_app(cls=_Notes)
    notes.command("add", help=t("report.note.add.help"))(note)
    notes.command("list", help=t("report.note.list.help"))(note_list)
    notes.command("edit", help=t("report.note.edit.help"))(note_edit)
    notes.command("delete", help=t("report.note.delete.help"))(note_delete)
    app.add_typer(notes, name="note", help=t("report.note.help"))
    return app
