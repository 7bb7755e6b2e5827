"""A delimited text file as offices save it → rows of NFC text, streamed.

Encodings: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text", with or without BOM),
Windows-1258 (decomposed tone marks, composed to NFC here), NFD text; TCVN3 and VNI when asked.
Delimiter: sniffed among "," ";" and tab.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from atgt_cli.errors import InputError
from atgt_cli.importers.legacy import to_unicode
from atgt_cli.labels import t
from atgt_cli.text import CONTROL_CLASS, CONTROLS, SURROGATES, visible

SAMPLE = 64 * 1024
DELIMITERS = (",", ";", "\t")
# A line longer than this (in characters) is refused: a file without line ends (/dev/zero
# copied to a file, a binary saved as .csv) is never read whole. A cell is held to the csv
# module's field limit (131,072 characters), far below it.
LINE_LIMIT = 1 << 20
# What a line is searched for (one search per line, in C): controls, which are left out, and
# lone surrogates, which stand for bytes the encoding could not read (surrogateescape).
_SCAN = re.compile(f"[{CONTROL_CLASS}\ud800-\udfff]")


@dataclass(frozen=True)
class Source:
    name: str  # as shown in messages: the file name, or "-" for stdin
    encoding: str
    delimiter: str
    legacy: str | None = None
    sheet: str | None = None  # a workbook's sheet: cells are named FILE!Sheet!D17
    first_column: int = 0  # the sheet column of a row's first cell (0 = A)
    # A workbook's cells that hold no value (importers/faults.py): row → sheet column → what.
    faults: Mapping[int, Mapping[int, str]] = field(default_factory=dict)

    def where(self, number: int, index: int | None, column: str) -> str:
        """A cell as messages name it: FILE:ROW:COLUMN, or FILE!Sheet!D17 in a workbook."""
        if self.sheet is None:
            return f"{self.name}:{number}:{column}"
        if index is None:  # a field the file has no column for
            return f"{self.name}!{self.sheet}!{number}: {column}"
        return f"{self.name}!{self.sheet}!{column_letter(self.first_column + index)}{number}"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return "utf-16-be"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3 and not _mostly_utf8(head):
            return "cp1258"
    return "utf-8"


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _mostly_utf8(head: bytes) -> bool:
    """Whether bytes that are not all UTF-8 are UTF-8 with a few stray bytes (a file cut and
    pasted, one byte damaged) rather than Windows-1258: Windows-1258 text is almost never valid
    UTF-8 beside its letters, so more letters that decode than bytes that do not say UTF-8,
    whose bad bytes are then named by row instead of the whole file read as mojibake."""
    text = head.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    return len(_NON_ASCII.findall(text)) - bad > bad


def sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, score = ",", -1
    for delimiter in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delimiter))) - 1 for line in lines]
        # The delimiter that splits most lines into the same, largest number of fields.
        common = max(set(counts), key=counts.count) if counts else 0
        value = counts.count(common) * common
        if value > score:
            best, score = delimiter, value
    return best


def open_text(buffered: io.BufferedReader[Any], *, legacy: str | None) -> tuple[IO[str], str]:
    """Wrap a binary stream as text in its detected encoding (legacy files: Windows-1252)."""
    head = buffered.peek(SAMPLE)[:SAMPLE]
    encoding = "cp1252" if legacy else detect_encoding(head)
    # A byte the encoding cannot read becomes a lone surrogate (UTF-16: a lone surrogate stays
    # one), found in its line by rows(), which names the row, instead of an error somewhere in
    # the chunk being decoded.
    errors = "surrogatepass" if encoding.startswith("utf-16") else "surrogateescape"
    text = io.TextIOWrapper(buffered, encoding=encoding, errors=errors, newline="")
    return text, encoding


def rows(text: IO[str], source: Source) -> Iterator[list[str]]:
    """Rows of cells in NFC, legacy text converted, controls left out. Lines are normalised
    whole (in C: text already in NFC is only scanned), not cell by cell: that is most of the
    cost of reading a large file. A line is read up to LINE_LIMIT characters, never whole."""
    nfc = functools.partial(unicodedata.normalize, "NFC")
    legacy = source.legacy
    read: Iterable[str] = iter(functools.partial(text.readline, LINE_LIMIT), "")
    if legacy:
        read = (to_unicode(line, legacy) for line in read)
    lines = _Lines(map(nfc, read), source)
    reader = csv.reader(lines, delimiter=source.delimiter)
    return _records(reader, lines, source)


class _Lines:
    """The lines of a file as the csv reader takes them, each searched once for what it must
    not hold: controls (left out), bytes the encoding could not read and over-long lines
    (refused, naming the row)."""

    def __init__(self, lines: Iterator[str], source: Source) -> None:
        self.lines, self.source, self.number = lines, source, 0

    def __iter__(self) -> Iterator[str]:
        search, number = _SCAN.search, 0
        for number, line in enumerate(self.lines, 1):
            if len(line) >= LINE_LIMIT and line[-1] not in "\r\n":
                self.number = number
                raise InputError(t("imp.long_line", where=self._where(), limit=LINE_LIMIT))
            if search(line) is not None:
                if SURROGATES.search(line):
                    self.number = number
                    raise InputError(self._bad_bytes(line))
                line = CONTROLS.sub("", line)
            yield line
        self.number = number

    def _where(self) -> str:
        return f"{self.source.name}:{self.number}"

    def _bad_bytes(self, line: str) -> str:
        found = SURROGATES.search(line)
        assert found is not None
        char = found.group(0)
        shown = (
            char.encode("utf-8", "surrogateescape").hex(" ").upper()
            if "\udc80" <= char <= "\udcff" and not self.source.encoding.startswith("utf-16")
            else visible(char)
        )
        column = line.count(self.source.delimiter, 0, found.start()) + 1
        return t(
            "imp.bad_bytes",
            where=f"{self._where()}:{column}",
            encoding=self.source.encoding,
            bytes=shown,
        )


def _records(reader: Any, lines: _Lines, source: Source) -> Iterator[list[str]]:
    """The csv reader's records; one that runs over several lines is checked for a quote left
    open (the rows after it swallowed into one cell), and the csv module's errors name the row."""
    last, previous, begin = 0, 0, 0
    record: list[str] = []
    spanning: list[str] | None = None
    try:
        for record in reader:
            at = reader.line_num
            if at - last > 1:
                begin, spanning = last + 1, record
                _check_spanning(record, begin, previous, source)
            last, previous = at, len(record)
            yield record
    except csv.Error as exc:
        where = f"{source.name}:{last + 1}"
        if "field larger" in str(exc):
            limit = csv.field_size_limit()
            raise InputError(t("imp.long_field", where=where, limit=limit)) from None
        raise InputError(f"{where}: {exc}") from None
    except UnicodeDecodeError as exc:  # UTF-16 cut in the middle of a character
        found = exc.object[exc.start : exc.end]
        raise InputError(
            t(
                "imp.bad_bytes",
                where=f"{source.name}:{last + 1}",
                encoding=source.encoding,
                bytes=bytes(found).hex(" ").upper(),
            )
        ) from None
    if any(cell.endswith(("\n", "\r")) for cell in record):
        # The file ended inside a quoted cell: its quote was never closed.
        start = begin if spanning is record else last
        raise InputError(t("imp.open_quote", where=f"{source.name}:{start}"))


def _check_spanning(record: list[str], start: int, width: int, source: Source) -> None:
    """A cell holding line ends whose lines look like the file's rows (as many delimiters as a
    row) is a quote never closed, not a note written on several lines."""
    if width < 2:
        return
    delimiter = source.delimiter
    for index, cell in enumerate(record):
        if "\n" not in cell and "\r" not in cell:
            continue
        for line in cell.splitlines()[1:]:
            if line.count(delimiter) >= width - 1:
                where = f"{source.name}:{start}:{index + 1}"
                raise InputError(t("imp.open_quote", where=where))
