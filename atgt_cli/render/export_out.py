"""Exported records as CSV (UTF-8 with a byte-order mark, for Excel) or as a workbook (real
date cells, bold frozen header, fitted widths). Text that a spreadsheet would run as a formula
(= + - @, or a leading tab or CR) is neutralised: an apostrophe in CSV, a text cell with the
quote prefix in XLSX. openpyxl is imported here only, when an XLSX is asked for."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from atgt_cli.text import FORMULA_TRIGGERS

if TYPE_CHECKING:
    from atgt_cli.services.exports import ExportTable

DATE_FORMAT = "d/m/yyyy"


def csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_TRIGGERS) else text


def to_csv(table: ExportTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: ExportTable) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title
    sheet.append([c.header for c in table.columns])
    for row in table.rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            put_value(cell)
    finish_sheet(sheet, [c.header for c in table.columns], table.rows)
    book.properties.creator = "atgt"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def put_value(cell: Any) -> None:
    """A date shown d/m/yyyy; text that looks like a formula kept as text (quote prefix)."""
    value = cell.value
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def finish_sheet(sheet: Any, headers: list[str], rows: list[list[Any]]) -> None:
    """Bold, frozen header; each column as wide as its longest text (within reason)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        longest = max(
            [len(header), *(len(csv_cell(r[index - 1])) for r in rows if len(r) >= index)]
        )
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 10), 60)
