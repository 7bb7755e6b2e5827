"""Which workbook cells are typed in a legacy Vietnamese font (TCVN3 .VnTime…, VNI VNI-Times…).

calamine gives cell values but not fonts, so the fonts are read in a pass of their own, and only
when the workbook names such a font at all: for .xlsx, styles.xml (fonts → cell formats) and the
sheet's cell style ids; for .xls, xlrd with formatting info. The answer is, per row, the columns
(0-based, as in the sheet) whose text is legacy, and how: (encoding, upper-case font).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, iterparse, parse

Legacy = tuple[str, bool]  # ("tcvn3" | "vni", the font is an upper-case one such as .VnTimeH)
LegacyCells = dict[int, dict[int, Legacy]]  # row → column → how its text is encoded


def legacy_font(name: str | None) -> Legacy | None:
    """The legacy encoding a font name implies, or None for a Unicode font."""
    if not name:
        return None
    name = name.strip()
    if name.lower().startswith(".vn"):
        # TCVN3 comes in pairs: .VnTime (lower and upper case) and .VnTimeH (capitals only).
        return "tcvn3", name.endswith("H")
    if name.upper().startswith(("VNI-", "VNI ")):
        return "vni", False
    return None


def legacy_cells(path: Path, sheet: str) -> LegacyCells:
    """Raises ValueError for a workbook whose parts cannot be read."""
    try:
        if path.suffix.lower() == ".xls":
            return _xls_cells(path, sheet)
        return _xlsx_cells(path, sheet)
    except (OSError, KeyError, zipfile.BadZipFile, ParseError) as exc:
        raise ValueError(str(exc) or type(exc).__name__) from None
    except ValueError:
        raise
    except Exception as exc:
        # xlrd, on a damaged .xls, fails in many ways of its own (struct.error, IndexError,
        # AssertionError…): the file is what is wrong, whichever.
        raise ValueError(f"{type(exc).__name__}: {exc}"[:200]) from None


class _Rows:
    """Per-row column maps, shared between rows that are alike (a whole legacy sheet repeats)."""

    def __init__(self) -> None:
        self.cells: LegacyCells = {}
        self._shared: dict[tuple[tuple[int, Legacy], ...], dict[int, Legacy]] = {}

    def add(self, row: int, columns: dict[int, Legacy]) -> None:
        if columns:
            key = tuple(sorted(columns.items()))
            self.cells[row] = self._shared.setdefault(key, columns)


# --- .xlsx ----------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _attribute(element: Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (r:id, strict OOXML…)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _xlsx_cells(path: Path, sheet: str) -> LegacyCells:
    with zipfile.ZipFile(path) as archive:
        styles = _legacy_styles(archive)
        if not styles:
            return {}
        part = _sheet_part(archive, sheet)
        if part is None:
            return {}
        if 0 not in styles:  # the usual case: a few cells styled in a legacy font
            with archive.open(part) as stream:
                found = _search_sheet(stream, styles)
            if found is not None:
                return found
        with archive.open(part) as stream:
            return _scan_sheet(stream, styles)


def _children(parent: Element | None, name: str) -> list[Element]:
    return [] if parent is None else [e for e in parent if _local(e.tag) == name]


def _legacy_styles(archive: zipfile.ZipFile) -> dict[int, Legacy]:
    """Cell format index → legacy encoding, for the formats whose font is a legacy one."""
    try:
        with archive.open("xl/styles.xml") as stream:
            root = _whole(stream)  # small: fonts and formats only
    except KeyError:
        return {}
    sections = {_local(e.tag): e for e in root}
    fonts: list[Legacy | None] = []
    for font in _children(sections.get("fonts"), "font"):
        names = _children(font, "name")
        fonts.append(legacy_font(_attribute(names[0], "val")) if names else None)
    if not any(fonts):
        return {}
    out: dict[int, Legacy] = {}
    for index, xf in enumerate(_children(sections.get("cellXfs"), "xf")):
        font_id = int(_attribute(xf, "fontId") or 0)
        found = fonts[font_id] if font_id < len(fonts) else None
        if found:
            out[index] = found
    return out


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding a sheet, found through workbook.xml and its relationships."""
    with archive.open("xl/workbook.xml") as stream:
        book = _whole(stream)
    ident = None
    for element in book.iter():
        if _local(element.tag) == "sheet" and element.get("name") == sheet:
            ident = _attribute(element, "id")
    if ident is None:
        return None
    with archive.open("xl/_rels/workbook.xml.rels") as stream:
        rels = _whole(stream)
    for element in rels.iter():
        if _local(element.tag) == "Relationship" and element.get("Id") == ident:
            target = element.get("Target") or ""
            return target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return None


def _whole(stream: Any) -> Element:
    return parse(stream).getroot()


def _column(reference: str) -> int:
    """ "AB12" → 27 (0-based column)."""
    number = 0
    for char in reference:
        if not char.isalpha():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number - 1


_CELL = r"""<(?:\w+:)?c\b[^>]*?\ss=["'](?:{ids})["'][^>]*>"""
_REFERENCE = re.compile(rb"""\sr=["']([A-Z]+)([0-9]+)["']""")


def _search_sheet(stream: Any, styles: dict[int, Legacy]) -> LegacyCells | None:
    """The cells whose style id is a legacy one, found by a regular expression over the XML
    (a parser takes seconds on a large sheet to find a handful); None if one has no
    reference (r="B3"), for the parser to count its way there."""
    ids = "|".join(str(i) for i in sorted(styles, reverse=True))
    pattern = re.compile(_CELL.format(ids=ids).encode())
    style = re.compile(rb"""\ss=["']([0-9]+)["']""")
    found: dict[int, dict[int, Legacy]] = {}

    def search(data: bytes) -> bool:
        for match in pattern.finditer(data):
            tag = match.group(0)
            reference, number = _REFERENCE.search(tag), style.search(tag)
            if reference is None or number is None:
                return False
            row, column = int(reference.group(2)) - 1, _column(reference.group(1).decode())
            found.setdefault(row, {})[column] = styles[int(number.group(1))]
        return True

    tail = b""
    while chunk := stream.read(1 << 20):
        data = tail + chunk
        cut = max(data.rfind(b"<"), 0)  # a tag cut by the chunk's end waits for the next
        tail = data[cut:]
        if not search(data[:cut]):
            return None
    if not search(tail):
        return None
    rows = _Rows()
    for row, columns in found.items():
        rows.add(row, columns)
    return rows.cells


def _scan_sheet(stream: Any, styles: dict[int, Legacy]) -> LegacyCells:
    """The legacy cells of a sheet, read as a stream (a sheet may hold a million rows)."""
    rows = _Rows()
    row, column = -1, -1
    columns: dict[int, Legacy] = {}
    default = styles.get(0)  # a cell without a style id has format 0
    for event, element in iterparse(stream, events=("start", "end")):
        tag = _local(element.tag)
        if event == "start":
            if tag == "row":
                found = element.get("r")
                row = int(found) - 1 if found else row + 1
                column, columns = -1, {}
            elif tag == "c":
                reference = element.get("r")
                column = _column(reference) if reference else column + 1
                style = element.get("s")
                legacy = styles.get(int(style)) if style else default
                if legacy:
                    columns[column] = legacy
        elif tag == "row":
            rows.add(row, columns)
            element.clear()
        elif tag == "sheetData":
            break
    return rows.cells


# --- .xls -----------------------------------------------------------------------------------

_XLS_MARKS = (b".vn", b".\x00v\x00n\x00", b"vni-", b"v\x00n\x00i\x00-\x00")


def _xls_cells(path: Path, sheet: str) -> LegacyCells:
    # Font names sit in the file as bytes (8-bit or UTF-16): a cheap look before xlrd's pass,
    # a megabyte at a time.
    if not _names_legacy_font(path):
        return {}
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.XLRDError as exc:
        raise ValueError(str(exc)) from None
    try:
        fonts = [legacy_font(font.name) for font in book.font_list]
        if not any(fonts):
            return {}
        formats = [fonts[xf.font_index] for xf in book.xf_list]
        found = book.sheet_by_name(sheet)
        rows = _Rows()
        for number in range(found.nrows):
            rows.add(number, dict(_xls_row(found, number, formats)))
        return rows.cells
    finally:
        book.release_resources()


def _names_legacy_font(path: Path) -> bool:
    tail = b""
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            data = (tail + chunk).lower()
            if any(mark in data for mark in _XLS_MARKS):
                return True
            tail = chunk[-16:]
    return False


def _xls_row(sheet: Any, number: int, formats: list[Legacy | None]) -> Iterator[tuple[int, Legacy]]:
    import xlrd

    for column, cell_type in enumerate(sheet.row_types(number)):
        if cell_type == xlrd.XL_CELL_TEXT:
            legacy = formats[sheet.cell_xf_index(number, column)]
            if legacy:
                yield column, legacy
