"""A workbook (.xlsx, .xlsm, .xls) as offices fill it → rows of NFC cell text, streamed, like the
CSV reader's, so the same checks, batches and dedup apply.

Cells become the text a person would type: real date cells ISO dates, 12.0 → "12", 9.5 →
"9.5" (the float's shortest text: a count refuses 9.5, and takes 1.234 for thousands, as
typed "1.234"). Rows keep the sheet's numbering (calamine pads the rows above the data);
columns start at the first used one, which the Source records so that messages can name cells
(D17). Legacy-font cells (TCVN3, VNI) are found in a separate pass over the styles
(importers/fonts.py) and converted.
Error cells and formulas without a value, which calamine reads as empty, are found in a pass of
their own too (importers/faults.py) and handed on in the Source, for the import to refuse.
calamine and xlrd are imported here only, when a workbook is read.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from atgt_cli.errors import InputError
from atgt_cli.importers.faults import TooManyCells, check_xls, faulty_cells
from atgt_cli.importers.fonts import Legacy, LegacyCells, legacy_cells
from atgt_cli.importers.legacy import to_unicode
from atgt_cli.importers.reading import Source
from atgt_cli.labels import t
from atgt_cli.text import fold, strip_controls

SUFFIXES = (".xlsx", ".xlsm", ".xls")


def is_workbook(file: str) -> bool:
    return file != "-" and Path(file).suffix.lower() in SUFFIXES


def open_workbook(
    file: str, *, sheet: str | None, legacy: str | None
) -> tuple[Source, Iterator[list[str]]]:
    """The chosen sheet (the first unless named) as a Source and its rows of cell text."""
    from python_calamine import CalamineError, CalamineWorkbook

    if Path(file).suffix.lower() == ".xls":
        try:
            check_xls(Path(file))
        except TooManyCells as exc:
            raise InputError(t("imp.workbook", file=file, detail=str(exc))) from None
    try:
        book = CalamineWorkbook.from_path(file)
        names = book.sheet_names
        chosen = _choose(file, names, sheet, _shown(book))
    except (CalamineError, OSError, ValueError) as exc:
        raise InputError(t("imp.workbook", file=file, detail=_first_line(exc))) from None
    except BaseException as exc:  # a panic of the reader on a damaged file (pyo3's PanicException)
        if not _panic(exc):
            raise
        raise InputError(t("imp.workbook", file=file, detail=_first_line(exc))) from None
    try:
        # Before calamine reads the sheet: these passes stream it through zipfile, which stops
        # at its declared size and checks its CRC (a part that inflates beyond its header).
        faults = faulty_cells(Path(file), chosen)
        marks = {} if legacy else legacy_cells(Path(file), chosen)
    except ValueError as exc:  # a damaged styles or sheet part
        raise InputError(t("imp.workbook", file=file, detail=str(exc))) from None
    try:
        data = book.get_sheet_by_name(chosen)
    except (CalamineError, OSError, ValueError) as exc:
        raise InputError(t("imp.workbook", file=file, detail=_first_line(exc))) from None
    except BaseException as exc:
        if not _panic(exc):
            raise
        raise InputError(t("imp.workbook", file=file, detail=_first_line(exc))) from None
    start = data.start
    if start is None:  # an empty sheet
        return Source(file, "xlsx", ",", legacy, sheet=chosen), iter(())
    source = Source(file, "xlsx", ",", legacy, sheet=chosen, first_column=start[1], faults=faults)
    if legacy:  # --legacy: every text cell is in that encoding
        return source, _legacy_rows(data.iter_rows(), source.first_column, {}, (legacy, False))
    if marks:
        return source, _legacy_rows(data.iter_rows(), source.first_column, marks, None)
    return source, _rows(data.iter_rows())


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def _panic(exc: BaseException) -> bool:
    """Whether an exception is a Rust reader's panic, which pyo3 raises as a BaseException."""
    return type(exc).__name__ == "PanicException"


def _shown(book: Any) -> list[str]:
    """The visible worksheets (a template's hidden sheet of lists is not the data)."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    return [
        sheet.name
        for sheet in book.sheets_metadata
        if sheet.visible == SheetVisibleEnum.Visible and sheet.typ == SheetTypeEnum.WorkSheet
    ]


def _choose(file: str, names: list[str], sheet: str | None, shown: list[str]) -> str:
    if sheet is None:
        if not names:
            raise InputError(t("imp.workbook", file=file, detail="0 sheets"))
        return (shown or names)[0]
    if sheet in names:
        return sheet
    found = [name for name in names if fold(name) == fold(sheet)]
    if len(found) == 1:
        return found[0]
    raise InputError(t("imp.no_sheet", file=file, sheet=sheet, sheets=", ".join(names)))


def _rows(raw: Iterable[list[Any]]) -> Iterator[list[str]]:
    normalize = unicodedata.normalize
    convert = _CONVERT.get
    for row in raw:
        cells = [
            (v if v.isascii() else normalize("NFC", v)).strip()
            if v.__class__ is str
            else (convert(v.__class__) or _text)(v)
            for v in row
        ]
        # A cell's controls (_x001B_ escapes, character references) are left out, as in a CSV
        # file: one check of the whole row, in C; the rare row that holds one is cleaned.
        if "".join(cells).isprintable():
            yield cells
        else:
            yield [strip_controls(v).strip() for v in cells]


def _legacy_rows(
    raw: Iterable[list[Any]], first_column: int, marks: LegacyCells, forced: Legacy | None
) -> Iterator[list[str]]:
    """As _rows, the text of legacy cells (or of every text cell, when forced) converted."""
    empty: dict[int, Legacy] = {}
    for number, row in enumerate(raw):
        columns = marks.get(number, empty)
        if forced or columns:
            row = list(row)
            for index, value in enumerate(row):
                how = forced or columns.get(index + first_column)
                if how and value.__class__ is str and value:
                    row[index] = _from_legacy(value, how)
        yield from _rows((row,))


def _from_legacy(text: str, how: Legacy) -> str:
    encoding, upper = how
    # Text that a legacy font cannot hold was typed in Unicode (a font left over): keep it.
    for codec in ("cp1252", "latin-1"):
        try:
            text.encode(codec)
        except UnicodeEncodeError:
            continue
        return to_unicode(text, encoding, upper=upper)
    return text


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def _text(value: object) -> str:
    """A cell that is not text, as a person would type it."""
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# The usual cell types, looked up by class: most of a large sheet's cost is this conversion.
_CONVERT: dict[type, Callable[[Any], str]] = {
    float: _number,
    int: str,
    dt.date: dt.date.isoformat,
    dt.datetime: _text,
}
