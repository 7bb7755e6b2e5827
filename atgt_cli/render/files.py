"""Documents to bytes in the format asked for, and report files written whole (atgt_cli.files).
The heavy libraries load only for the format that needs them."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from atgt_cli.files import check_outputs, write_all, write_whole

if TYPE_CHECKING:
    from pathlib import Path

    from atgt_cli.documents.exports import ExportTable
    from atgt_cli.documents.imports import Rejects
    from atgt_cli.documents.report import ReportPack


def text_bytes(pack: ReportPack, fmt: str) -> bytes:
    """A report as text: table, md, csv or json."""
    from atgt_cli.render import report as text

    report, head = pack.report, pack.letterhead
    if fmt in ("table", "md"):
        assert head is not None, "report_pack() was not asked for a text of the document"
    if fmt == "table":
        from rich.console import Console

        console = Console(width=100, record=True, file=io.StringIO(), markup=False, highlight=False)
        console.print(text.report_view(report, head))  # type: ignore[arg-type]
        return console.export_text().encode("utf-8")
    if fmt == "md":
        return text.to_markdown(report, head, pack.template).encode("utf-8")  # type: ignore[arg-type]
    if fmt == "json":
        return text.to_json(report).encode("utf-8")
    # CSV opens in Excel as UTF-8 only with a byte-order mark.
    return ("\ufeff" + text.to_csv(report, excel_vi=pack.excel_vi)).encode("utf-8")


def report_bytes(pack: ReportPack, fmt: str) -> bytes:
    """A report in any format; a DOCX or an XLSX takes the extras its pack was gathered with."""
    if fmt == "docx":
        from atgt_cli.render.docx_out import to_docx

        assert pack.letterhead is not None, "report_pack() was not asked for a DOCX"
        return to_docx(
            pack.report, pack.letterhead, template=pack.template, name=pack.template_name
        )
    if fmt == "xlsx":
        from atgt_cli.render.xlsx_out import to_xlsx

        assert pack.records is not None, "report_pack() was not asked for an XLSX"
        return to_xlsx(pack.report, pack.records)
    return text_bytes(pack, fmt)


def write_reports(pack: ReportPack, targets: list[tuple[Path, str]]) -> None:
    """Every file asked for, or none: each path is checked before anything is drawn, and the
    files are moved into place only when every one of them is written."""
    check_outputs([path for path, _ in targets])
    write_all([(path, report_bytes(pack, fmt)) for path, fmt in targets])


def export_bytes(table: ExportTable, fmt: str) -> bytes:
    """An export as CSV or XLSX."""
    from atgt_cli.render import export_out

    return export_out.to_xlsx(table) if fmt == "xlsx" else export_out.to_csv(table)


def rejects_bytes(rejects: Rejects) -> bytes:
    """The refused rows of an import: a workbook's as a workbook (unless the path asks for a
    text file), a text file's in its own delimiter (UTF-8 with BOM, for Excel)."""
    if rejects.sheet is not None and rejects.path.suffix.lower() not in (".csv", ".tsv", ".txt"):
        from atgt_cli.render.rejects import rejects_xlsx

        return rejects_xlsx(rejects.sheet, rejects.headers, rejects.rows)
    from atgt_cli.render.rejects import rejects_csv

    return rejects_csv(rejects.delimiter, rejects.headers, rejects.rows)


def write_rejects(rejects: Rejects) -> None:
    write_whole(rejects.path, rejects_bytes(rejects))
