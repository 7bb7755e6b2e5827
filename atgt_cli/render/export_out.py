"""Exported records as CSV (UTF-8 with a byte-order mark, for Excel) or as a workbook (real
date cells, bold frozen header, fitted widths). Text that a spreadsheet would run as a formula
(= + - @, or a leading tab or CR) is neutralised: an apostrophe in CSV, a text cell with the
quote prefix in XLSX. openpyxl is imported here only, when an XLSX is asked for."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from atgt_cli.text import formula_like, neutralise, printable

if TYPE_CHECKING:
    from atgt_cli.documents.exports import ExportTable

DATE_FORMAT = "d/m/yyyy"


def csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, float):
        return f"{value:g}"
    return neutralise(printable(value)) if isinstance(value, str) else str(value)


def to_csv(table: ExportTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: ExportTable) -> bytes:
    """Written in openpyxl's streaming mode: tens of thousands of rows in seconds."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.title)
    headers = [c.header for c in table.columns]
    for index, width in enumerate(widths(headers, table.rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold, top = Font(bold=True), Alignment(wrap_text=True, vertical="top")

    def head(text: str) -> Any:
        cell = WriteOnlyCell(sheet, value=printable(text))
        cell.font, cell.alignment = bold, top
        return cell

    sheet.append([head(h) for h in headers])
    for row in table.rows:
        sheet.append([_cell(sheet, value, WriteOnlyCell) for value in row])
    book.properties.creator = "atgt"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: object, make: Any) -> object:
    """A date shown d/m/yyyy; text that looks like a formula kept as text (quote prefix)."""
    if isinstance(value, str):
        value = printable(value)  # a store may hold what openpyxl refuses (an ESC)
    if isinstance(value, str) and formula_like(value):
        cell = make(sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    if isinstance(value, dt.date):
        cell = make(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def widths(headers: list[str], rows: list[list[Any]]) -> list[float]:
    """Each column as wide as its longest text (within reason)."""
    out = []
    for index, header in enumerate(headers):
        longest = max([len(header), *(len(csv_cell(r[index])) for r in rows if len(r) > index)])
        out.append(float(min(max(longest + 2, 10), 60)))
    return out
