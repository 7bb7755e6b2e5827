"""Which workbook cells hold no value: an Excel error (#N/A, #DIV/0!, #VALUE!, #REF!, #NAME?,
#NUM!, #NULL!…) or a formula never calculated (a workbook written by a program and not saved
since by Excel or LibreOffice, which store each formula's last value).

calamine reads both as empty cells, which would import as nothing typed; so they are found in a
pass of their own, like the legacy fonts (importers/fonts.py): for .xlsx, a search of the sheet's
XML for error cells and for formulas without a value; for .xls, xlrd's cell types (a .xls file
keeps every formula's value). The answer is, per row (1-based, as the sheet numbers it), the
columns (0-based, as in the sheet) and what each holds: the error's text, or NO_VALUE. It is a
map of positions, never a cell's text: nothing a person typed can be taken for it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from atgt_cli.importers.fonts import _column, _local, _sheet_part

NO_VALUE = ""  # a formula without a value (an error's text is never empty)
Faults = dict[int, dict[int, str]]  # sheet row (1-based) → sheet column (0-based) → what


def faulty_cells(path: Path, sheet: str) -> Faults:
    """Raises ValueError for a workbook whose parts cannot be read."""
    try:
        if path.suffix.lower() == ".xls":
            return _xls_faults(path, sheet)
        return _xlsx_faults(path, sheet)
    except (OSError, KeyError, zipfile.BadZipFile, ParseError) as exc:
        raise ValueError(str(exc) or type(exc).__name__) from None
    except ValueError:
        raise
    except Exception as exc:  # xlrd on a damaged .xls: see fonts.legacy_cells
        raise ValueError(f"{type(exc).__name__}: {exc}"[:200]) from None


# --- .xlsx ----------------------------------------------------------------------------------

_PREFIX = re.compile(rb"<(\w+:)?sheetData\b")
_REFERENCE = re.compile(rb"""\sr=["']([A-Z]+)([0-9]+)["']""")
_TYPE = re.compile(rb"""\st=["'](\w+)["']""")
_TEXT = {b"s", b"str", b"inlineStr"}  # a text formula whose value is "" is a value


class _Missing(Exception):
    """A cell without a reference (r="B3"): the parser counts its way there instead."""


class _Sheet:
    """The patterns of one sheet's XML, whose elements may carry a prefix (x:c, x:f)."""

    def __init__(self, prefix: bytes) -> None:
        p = re.escape(prefix)
        # After a formula: the cell's end (no value: group 1), or an empty value.
        value = rb"\s*(?:(</" + p + rb"c>)|<" + p + rb"v\s*/>|<" + p + rb"v>\s*</" + p + rb"v>)"
        # Each pattern opens with text that only a formula's end, or an error cell's type, holds:
        # the search skips to it in C.
        self.formulas = (
            re.compile(rb"</" + p + rb"f>" + value),  # <f>…</f>, its text without "<"
            re.compile(rb"<" + p + rb"f\b[^<>]*/>" + value),  # <f t="shared" si="0"/>
        )
        self.error = re.compile(rb"""t=["']e["']""")
        formula = rb"<" + p + rb"f\b[^<>]*?(?:/>|>[^<]*</" + p + rb"f>)"
        self.error_value = re.compile(
            rb"\s*(?:" + formula + rb"\s*)?<" + p + rb"v>([^<]*)</" + p + rb"v>"
        )
        self.cell = b"<" + prefix + b"c"
        self.row = b"<" + prefix + b"row"

    def search(self, data: bytes, found: Faults) -> None:
        """The faults of whole rows of XML."""
        for pattern in self.formulas:
            for match in pattern.finditer(data):
                formula = match.start()
                if pattern is self.formulas[0]:
                    formula = data.rfind(b"<", 0, formula)
                tag = self._cell_tag(data, data.rfind(b"<", 0, formula), formula)
                if tag is None:
                    continue
                kind = _TYPE.search(tag)
                typ = kind.group(1) if kind else b"n"
                no_value = match.group(1) is not None
                # An error is found below; a text formula's empty value is a value ("").
                if typ != b"e" and (no_value or typ not in _TEXT):
                    self._add(found, tag, NO_VALUE)
        for match in self.error.finditer(data):
            end = data.find(b">", match.end()) + 1
            tag = self._cell_tag(data, data.rfind(b"<", 0, match.start()), end)
            if tag is None or not end:
                continue
            value = None if tag.endswith(b"/>") else self.error_value.match(data, end)
            code = value.group(1).decode("utf-8", "replace").strip() if value else ""
            self._add(found, tag, code or NO_VALUE)

    def _cell_tag(self, data: bytes, start: int, end: int) -> bytes | None:
        """data[start:end] if it is a cell's start tag (<c …>)."""
        tag = data[start:end]
        after = tag[len(self.cell) : len(self.cell) + 1]
        if start < 0 or not tag.startswith(self.cell) or after not in _AFTER_NAME:
            return None
        return tag

    def _add(self, found: Faults, tag: bytes, what: str) -> None:
        reference = _REFERENCE.search(tag)
        if reference is None:
            raise _Missing
        row, column = int(reference.group(2)), _column(reference.group(1).decode())
        found.setdefault(row, {})[column] = what

    def last_row(self, data: bytes) -> int:
        """Where the last row that starts in data starts (-1 if none does)."""
        at = len(data)
        while (at := data.rfind(self.row, 0, at)) >= 0:
            if data[at + len(self.row) : at + len(self.row) + 1] in _AFTER_NAME:
                return at
        return -1


_AFTER_NAME = (b" ", b"\t", b"\n", b"\r", b">", b"/")  # what may follow a tag's name


def _xlsx_faults(path: Path, sheet: str) -> Faults:
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet)
        if part is None:
            return {}
        with archive.open(part) as stream:
            try:
                return _search(stream)
            except _Missing:
                pass
        with archive.open(part) as stream:
            return _scan(stream)


def _search(stream: Any) -> Faults:
    """The sheet's faults, found by regular expressions over its XML a megabyte at a time, cut
    between rows (a parser takes seconds on a large sheet)."""
    found: Faults = {}
    head = b""
    while (prefix := _PREFIX.search(head)) is None:  # the sheet's prefix, if it uses one
        chunk = stream.read(1 << 20)
        if not chunk:
            return found
        head += chunk
    patterns = _Sheet(prefix.group(1) or b"")
    tail = head[prefix.end() :]
    while chunk := stream.read(1 << 20):
        data = tail + chunk
        cut = patterns.last_row(data)
        if cut <= 0:  # one row longer than the chunk: read on
            tail = data
            continue
        patterns.search(data[:cut], found)
        tail = data[cut:]
    patterns.search(tail, found)
    return found


def _scan(stream: Any) -> Faults:
    """The faults of a sheet whose cells lack references, read with a parser, counting."""
    found: Faults = {}
    row, column = 0, -1
    typ, formula, value = "n", False, None
    for event, element in iterparse(stream, events=("start", "end")):
        tag = _local(element.tag)
        if event == "start":
            if tag == "row":
                number = element.get("r")
                row = int(number) if number else row + 1
                column = -1
            elif tag == "c":
                reference = element.get("r")
                column = _column(reference) if reference else column + 1
                typ, formula, value = element.get("t") or "n", False, None
            continue
        if tag == "f":
            formula = True
        elif tag == "v":
            value = element.text or ""
        elif tag == "c":
            if typ == "e":
                found.setdefault(row, {})[column] = (value or "").strip() or NO_VALUE
            elif formula and (
                value is None or (not value and typ not in ("s", "str", "inlineStr"))
            ):
                found.setdefault(row, {})[column] = NO_VALUE
        elif tag == "row":
            element.clear()
        elif tag == "sheetData":
            break
    return found


# --- .xls -----------------------------------------------------------------------------------


def _xls_faults(path: Path, sheet: str) -> Faults:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except xlrd.XLRDError as exc:
        raise ValueError(str(exc)) from None
    try:
        found = book.sheet_by_name(sheet)
        out: Faults = {}
        for number in range(found.nrows):
            types = found.row_types(number)
            if xlrd.XL_CELL_ERROR not in types:
                continue
            for column, cell_type in enumerate(types):
                if cell_type == xlrd.XL_CELL_ERROR:
                    code = xlrd.error_text_from_code.get(found.cell_value(number, column), "#?")
                    out.setdefault(number + 1, {})[column] = code
        return out
    finally:
        book.release_resources()
