"""A delimited text file as offices save it → rows of NFC text, streamed.

Encodings: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text", with or without BOM),
Windows-1258 (decomposed tone marks, composed to NFC here), NFD text; TCVN3 and VNI when asked.
Delimiter: sniffed among "," ";" and tab.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from atgt_cli.importers.textlines import TextSource

SAMPLE = 64 * 1024
DELIMITERS = (",", ";", "\t")


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


def open_text(buffered: io.BufferedReader[Any], *, legacy: str | None) -> tuple[TextSource, str]:
    """A binary stream and its detected encoding (legacy files: Windows-1252), for rows()."""
    from atgt_cli.importers.textlines import TextSource

    head = buffered.peek(SAMPLE)[:SAMPLE]
    encoding = "cp1252" if legacy else detect_encoding(head)
    return TextSource(buffered, encoding), encoding


def rows(text: TextSource, source: Source) -> Iterator[list[str]]:
    """Rows of cells in NFC, legacy text converted, controls left out, each line checked
    (importers/textlines.py): chunks are decoded, normalised and searched whole, in C, not line
    by line or cell by cell, which would be most of the cost of reading a large file. No line
    is longer than the csv module's field limit, and textlines bounds a cell running over
    several lines: the reader raises no error of its own."""
    from atgt_cli.importers.textlines import lines

    found = itertools.chain.from_iterable(lines(text, source))
    return csv.reader(found, delimiter=source.delimiter)
