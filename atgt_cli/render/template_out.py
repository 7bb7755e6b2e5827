"""The input template as a workbook: the data sheet first (what import reads), an instructions
sheet, and a hidden sheet holding the lists the drop-downs refer to. openpyxl is imported here
only."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from atgt_cli.dates import to_excel_serial
from atgt_cli.documents.exports import vi
from atgt_cli.render.export_out import DATE_FORMAT
from atgt_cli.text import printable

if TYPE_CHECKING:
    from atgt_cli.documents.exports import Template

ROWS = 2000  # rows ready for input (validations and formats cover them)


def to_template(template: Template) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    data = book.active
    assert data is not None
    data.title = vi("tpl.sheet.data")
    guide = book.create_sheet(vi("tpl.sheet.help"))
    lists = book.create_sheet(vi("tpl.sheet.lists"))
    lists.sheet_state = "hidden"

    # the lists, one column each, the heading in row 1
    ranges: dict[str, str] = {}
    column = 1
    for choice in template.lists:
        letter = get_column_letter(column)
        lists.cell(row=1, column=column, value=choice.heading).font = Font(bold=True)
        for row, value in enumerate(choice.values, start=2):
            # printable(): a store may hold a unit name openpyxl refuses (an ESC).
            lists.cell(row=row, column=column, value=printable(value)).data_type = "s"
        last = max(len(choice.values) + 1, 2)
        ranges[choice.key] = f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${last}"
        lists.column_dimensions[letter].width = _width([choice.heading, *choice.values])
        if choice.notes:  # an item's text beside its number, for whoever reads the sheet
            column += 1
            note_letter = get_column_letter(column)
            lists.cell(row=1, column=column, value=vi("tpl.list.items_text")).font = Font(bold=True)
            for row, note in enumerate(choice.notes, start=2):
                lists.cell(row=row, column=column, value=printable(note))
            lists.column_dimensions[note_letter].width = 60
        column += 1

    first_day = to_excel_serial(template.plan_date)
    for index, col in enumerate(template.columns, start=1):
        letter = get_column_letter(index)
        cell = data.cell(row=1, column=index, value=col.header)
        cell.font = Font(bold=True, color="C00000" if col.required else None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        area = f"{letter}2:{letter}{ROWS + 1}"
        dimension = data.column_dimensions[letter]
        values: list[str] = []
        check: Any = None
        if col.choices:
            values = next(c.values for c in template.lists if c.key == col.choices)
            check = DataValidation(
                type="list",
                formula1=ranges[col.choices],
                allow_blank=True,
                errorStyle="warning" if col.field == "topics" else "stop",
                error=vi("tpl.pick_error"),
                promptTitle=vi("tpl.pick")[:32],
            )
            dimension.number_format = "@"
        elif col.type == "date":
            dimension.number_format = DATE_FORMAT
            check = DataValidation(
                type="date",
                operator="greaterThanOrEqual",
                formula1=str(first_day),
                allow_blank=True,
                error=vi("tpl.date_error"),
            )
        elif col.type == "number":
            check = DataValidation(
                type="decimal" if col.decimal else "whole",
                operator="greaterThan" if col.decimal else "greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                error=vi("tpl.number_error"),
            )
        else:
            dimension.number_format = "@"
        if check is not None:
            check.showErrorMessage = True
            check.showInputMessage = True
            check.prompt = col.help[:255]
            data.add_data_validation(check)
            check.add(area)
        dimension.width = _width([col.header, *values], least=12)
    data.freeze_panes = "A2"
    _landscape(data)
    _landscape(guide)

    guide.append([vi("tpl.help.title").format(kind=vi(f"tpl.kind.{template.kind}"))])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([])
    widths = (26, 10, 80, 20)
    for note in template.notes:
        guide.append([f"• {note}"])
        row = guide.max_row
        guide.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        guide.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        # merged cells do not grow to fit their text: give the row its lines
        guide.row_dimensions[row].height = 15 * (len(note) // (sum(widths) - 10) + 1)
    guide.append([])
    header_row = guide.max_row + 1
    guide.append(
        [
            vi("tpl.help.column"),
            vi("tpl.help.required"),
            vi("tpl.help.meaning"),
            vi("tpl.help.values"),
        ]
    )
    for cell in guide[header_row]:
        cell.font = Font(bold=True)
    for col in template.columns:
        picks = next((c.heading for c in template.lists if c.key == col.choices), "")
        guide.append([col.header, vi("tpl.yes") if col.required else "", col.help, picks])
    for letter, width in zip("ABCD", widths, strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=header_row):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")

    book.properties.creator = "atgt"
    book.properties.title = f"{vi('tpl.sheet.data')}: {template.kind} ({template.plan})"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _landscape(sheet: Any) -> None:
    """Printed one page wide, landscape, as the office files it."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def _width(texts: list[str], *, least: int = 8) -> float:
    return float(min(max([least, *(len(t) + 2 for t in texts)]), 60))
