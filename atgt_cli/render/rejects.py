"""The rows an import refused, as a workbook to correct and import again: the input's header
with an error column, every cell as text (a cell that starts like a formula stays text).
openpyxl is imported here only."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from atgt_cli.text import formula_like, neutralise, printable


def rejects_xlsx(sheet: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """header and each row: the file's cells, then the problem."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    out = book.create_sheet(sheet[:31])
    bold = Font(bold=True)

    def cell(value: str, *, strong: bool = False) -> Any:
        value = printable(value)  # what the file held, its controls left out
        made = WriteOnlyCell(out, value=value or None)
        if formula_like(value):
            made.data_type = "s"  # the text someone typed, not a formula to run
        if strong:
            made.font = bold
        return made

    out.append([cell(name, strong=True) for name in header])
    for row in rows:
        out.append([cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rejects_csv(delimiter: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """The refused rows of a text file, in its own delimiter (UTF-8 with BOM, for Excel); a cell
    a spreadsheet would run as a formula gets the apostrophe that keeps it text, as in the
    exports (and `atgt import` takes it off again)."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow([neutralise(printable(cell)) for cell in header])
    writer.writerows([neutralise(printable(cell)) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
