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
# The span of a sheet's cells (rows × columns from the first to the last) that calamine is let
# hold: it lays the span out whole, so one cell at XFD1048576 would ask for hundreds of GiB.
# 12M cells (~400 MiB) is 1M rows of 12 columns, far beyond a register.
CELL_LIMIT = 12_000_000


class TooManyCells(ValueError):
    """A sheet whose cells span more than CELL_LIMIT."""

    def __init__(self, rows: int, columns: int) -> None:
        from atgt_cli.labels import t

        limit = f"{CELL_LIMIT:,}".replace(",", ".")
        super().__init__(t("imp.too_many_cells", rows=rows, columns=columns, limit=limit))


def check_span(rows: int, columns: int) -> None:
    if rows * columns > CELL_LIMIT:
        raise TooManyCells(rows, columns)


_ROW_NUMBER = re.compile(rb"""<(?:\w+:)?row\b[^>]*?\sr=["']([0-9]+)["']""")
_WIDE = re.compile(rb"""\sr=["']([A-Z]{2,3})[0-9]""")  # a cell from column AA on


class _Span:
    """The rows and columns a sheet's cells span, chunk by chunk, in C: row numbers from the row
    tags; columns of two letters or more from their references (a register has none); columns
    of one letter (26 at most) looked for only when the rows alone could pass the limit."""

    def __init__(self) -> None:
        self.low = self.high = 0
        self.widest = 0  # the widest column of two letters or more (1-based)
        self.letters: set[int] = set()  # one-letter columns seen (0-based), when looked for

    def add(self, data: bytes) -> None:
        rows = [int(n) for n in _ROW_NUMBER.findall(data)]
        if rows:
            self.low = min(rows) if not self.low else min(self.low, *rows)
            self.high = max(self.high, *rows)
        for letters in set(_WIDE.findall(data)):
            self.widest = max(self.widest, _column(letters.decode()) + 1)
        if (self.high - self.low + 1) * 26 > CELL_LIMIT:
            for column, letter in enumerate(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
                if column not in self.letters and any(
                    b" r=" + quote + bytes([letter]) in data for quote in (b'"', b"'")
                ):
                    self.letters.add(column)

    def check(self) -> None:
        if not self.high:
            return
        rows = self.high - self.low + 1
        if self.widest:
            columns = self.widest - (min(self.letters) if self.letters else 0)
        elif self.letters:
            columns = max(self.letters) - min(self.letters) + 1
        else:
            columns = 26  # not looked for: the rows are few enough for any 26
        check_span(rows, columns)


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
    span = _Span()
    tail = head[prefix.end() :]
    while chunk := stream.read(1 << 20):
        data = tail + chunk
        cut = patterns.last_row(data)
        if cut <= 0:  # one row longer than the chunk: read on
            tail = data
            continue
        patterns.search(data[:cut], found)
        span.add(data[:cut])
        tail = data[cut:]
    patterns.search(tail, found)
    span.add(tail)
    span.check()
    return found


def _scan(stream: Any) -> Faults:
    """The faults of a sheet whose cells lack references, read with a parser, counting."""
    found: Faults = {}
    row, column = 0, -1
    rows, columns = [0, 0], [0, 0]  # the first and last of each (1-based; 0: none yet)
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
                for bounds, at in ((rows, row), (columns, column + 1)):
                    bounds[0] = min(bounds[0] or at, at)
                    bounds[1] = max(bounds[1], at)
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
    if rows[1]:
        check_span(rows[1] - rows[0] + 1, columns[1] - columns[0] + 1)
    return found


# --- .xls -----------------------------------------------------------------------------------


_CELLS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}  # row, column first
_SPANS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, …, last column
_BOF, _EOF, _DIMENSIONS = 0x0809, 0x000A, 0x0200


def check_xls(path: Path) -> None:
    """Every sheet of an .xls within CELL_LIMIT, before calamine opens the file: it lays out
    every sheet at once, and one damaged cell at row 65535, column 65535 asks it for 128 GiB.
    The cells' rows and columns are read from the workbook stream's records (xlrd finds the
    stream), a substream (BOF … EOF) at a time; a file xlrd cannot open is left to the readers."""
    import struct

    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
        data = bytes(book.mem or b"")
        book.release_resources()
    except Exception:
        return
    at, end = 0, len(data)
    rows: list[int] = []
    columns: list[int] = []
    while at + 4 <= end:
        kind, size = struct.unpack_from("<HH", data, at)
        body = at + 4
        if kind in (_BOF, _EOF) and rows:
            check_span(max(rows) - min(rows) + 1, max(columns) - min(columns) + 1)
            rows, columns = [], []
        elif kind == _DIMENSIONS and size >= 10:  # the reader sizes the sheet by it
            if size >= 14:
                first_row, last_row, first, last = struct.unpack_from("<IIHH", data, body)
            else:
                first_row, last_row, first, last = struct.unpack_from("<HHHH", data, body)
            check_span(max(last_row - first_row, 0), max(last - first, 0))
        elif kind in _CELLS and size >= 4:
            row, column = struct.unpack_from("<HH", data, body)
            rows.append(row)
            columns.append(column)
        elif kind in _SPANS and size >= 6 and body + size <= end:
            row, first = struct.unpack_from("<HH", data, body)
            (last,) = struct.unpack_from("<H", data, body + size - 2)
            rows.append(row)
            columns += [first, last]
        at = body + size
    if rows:
        check_span(max(rows) - min(rows) + 1, max(columns) - min(columns) + 1)


def _xls_faults(path: Path, sheet: str) -> Faults:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except xlrd.XLRDError as exc:
        raise ValueError(str(exc)) from None
    try:
        found = book.sheet_by_name(sheet)
        check_span(found.nrows, found.ncols)  # before calamine lays the sheet out whole
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
