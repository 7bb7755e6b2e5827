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
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from atgt_cli.importers.legacy import to_unicode

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
        if exc.start < len(head) - 3:  # not just a character cut by the sample's end
            return "cp1258"
    return "utf-8"


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
    text = io.TextIOWrapper(buffered, encoding=encoding, errors="strict", newline="")
    return text, encoding


def rows(text: IO[str], source: Source) -> Iterator[list[str]]:
    """Rows of cells in NFC, legacy text converted. Lines are normalised whole (in C: text
    already in NFC is only scanned), not cell by cell: that is most of the cost of reading a
    large file."""
    nfc = functools.partial(unicodedata.normalize, "NFC")
    legacy = source.legacy
    lines = map(nfc, text if not legacy else (to_unicode(line, legacy) for line in text))
    return csv.reader(lines, delimiter=source.delimiter)
