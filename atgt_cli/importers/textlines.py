"""The lines of a delimited text file as the csv reader takes them, checked a chunk at a time.

A file is read 256 KiB at a time, never a line at a time: each chunk is decoded strictly,
looked over for controls in C (a byte table for the ASCII ones; the rare UTF-8 lead bytes of the
others), normalised to NFC and split into lines, so a large file costs no more than reading it
line by line. What is refused names its row:

- a byte the encoding cannot read (UTF-8 with a stray byte, an undefined Windows-1258 byte, a
  lone surrogate in UTF-16): the decoder's own error, placed by its byte offset;
- a line longer than LINE_LIMIT characters (a file without line ends is never read whole);
- a quote left open: a cell running over several lines whose lines look like the file's rows
  (as many delimiters as the row it opened in), or one still open at the end of the file.

Controls (text.CONTROLS: C0 but tab and line ends, DEL, C1, bidi controls) are left out. Lines
holding a quote are followed with the csv module's own reading of them, so a note written on
several lines is one cell, as in Excel.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Protocol

from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.text import CONTROLS


class Source(Protocol):
    """What of a file's reading.Source is used here (not imported: reading imports this)."""

    @property
    def name(self) -> str: ...
    @property
    def delimiter(self) -> str: ...
    @property
    def legacy(self) -> str | None: ...


CHUNK = 1 << 18  # bytes read at a time
# Characters of a line, and of a cell running over several lines: the csv module's own limit
# of a cell, so that it never raises its error (which would name no row).
LINE_LIMIT = csv.field_size_limit()
# Bytes that are never part of a control: translate(None, _PLAIN) leaves only those that may be,
# in C. In an 8-bit file, the ASCII controls; in UTF-8, also the lead bytes of C1 controls
# (\xc2\x80-\x9f) and of bidi controls (\xe2\x80\xaa-\xae, \xe2\x81\xa6-\xa9): a chunk
# holding one is searched as text (\xe2 also leads typographic quotes and dashes).
_PLAIN = bytes(b for b in range(256) if not ((b < 32 and b not in (9, 10, 13)) or b == 127))
_PLAIN_UTF8 = _PLAIN.replace(b"\xc2", b"").replace(b"\xe2", b"")
# Line ends as the csv module and a file opened with newline="" see them (splitlines() also
# splits at U+2028, U+2029 and U+0085: those chunks are split by this instead).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass
class TextSource:
    """A binary stream and the encoding it is read in."""

    stream: IO[bytes]
    encoding: str


def lines(text: TextSource, source: Source) -> Iterator[list[str]]:
    """The file's lines, a chunk's worth at a time (itertools.chain.from_iterable them)."""
    legacy = source.legacy
    decoder = codecs.getincrementaldecoder(text.encoding)(errors="strict")
    wide = text.encoding.startswith("utf-16")
    plain = _PLAIN_UTF8 if text.encoding.startswith("utf-8") else _PLAIN
    quotes = _Quotes(source)
    number = 0  # lines handed on so far
    tail, carried = "", False
    while True:
        raw = text.stream.read(CHUNK)
        try:
            chunk = decoder.decode(raw, not raw)
        except UnicodeDecodeError as exc:
            raise InputError(_bad_bytes(exc, tail, number, text.encoding, source)) from None
        marked = wide or bool(raw.translate(None, plain))
        data = tail + chunk
        if not raw:  # the end: what is left is the last line, without a line end
            if data:
                data = _finish(data, legacy, marked or carried)
                quotes.last(number + 1, data)
            quotes.end()
            if data:
                yield [data]
            return
        end = len(data) - 1 if data[-1:] == "\r" else len(data)  # its LF may come next
        cut = max(data.rfind("\n", 0, end), data.rfind("\r", 0, end)) + 1
        if cut <= 0:
            if len(data) > LINE_LIMIT:
                where = f"{source.name}:{number + 1}"
                raise InputError(t("imp.long_line", where=where, limit=LINE_LIMIT))
            tail, carried = data, marked or carried
            continue
        part, tail = _finish(data[:cut], legacy, marked or carried), data[cut:]
        carried = marked
        if "\u2028" in part or "\u2029" in part or "\x85" in part:
            found = _LINE.findall(part)
        else:
            found = part.splitlines(keepends=True)
        if '"' in part or quotes.open:
            quotes.follow(found, number)
        if len(part) > LINE_LIMIT and max(map(len, found)) > LINE_LIMIT:
            at = next(i for i, line in enumerate(found, 1) if len(line) > LINE_LIMIT)
            where = f"{source.name}:{number + at}"
            raise InputError(t("imp.long_line", where=where, limit=LINE_LIMIT))
        if len(tail) > LINE_LIMIT:
            where = f"{source.name}:{number + len(found) + 1}"
            raise InputError(t("imp.long_line", where=where, limit=LINE_LIMIT))
        number += len(found)
        yield found


def _finish(part: str, legacy: str | None, marked: bool) -> str:
    """Whole lines converted from a legacy encoding, their controls left out, in NFC."""
    if legacy:
        from atgt_cli.importers.legacy import to_unicode

        part = to_unicode(part, legacy)
    if marked:
        part = CONTROLS.sub("", part)
    return unicodedata.normalize("NFC", part)


def _bad_bytes(
    exc: UnicodeDecodeError, tail: str, number: int, encoding: str, source: Source
) -> str:
    """The row and column of a byte the decoder refused: what decodes before it is counted."""
    before = tail + bytes(exc.object[: exc.start]).decode(encoding, "replace")
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    line = number + before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    column = before.count(source.delimiter, start) + 1
    shown = bytes(exc.object[exc.start : exc.end]).hex(" ").upper()
    return t(
        "imp.bad_bytes", where=f"{source.name}:{line}:{column}", encoding=encoding, bytes=shown
    )


class _Quotes:
    """Whether a quoted cell is open at the end of each line, read as the csv module reads it,
    for the lines that hold a quote or continue an open one (most lines hold none)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.open = False
        self.since = 0  # the row the open cell began in
        self.column = 0  # its column
        self.width = 0  # cells of that row (or of the row above, if more)
        self.length = 0  # characters of the open cell so far
        self.above = ""  # the last line seen, and the cells of the line above an open cell
        self.table = 0

    def follow(self, found: list[str], before: int) -> None:
        for offset, line in enumerate(found, 1):
            if self.open or '"' in line:
                if not self.open:  # the row above: how wide the table is
                    above = found[offset - 2] if offset > 1 else self.above
                    self.table = above.count(self.source.delimiter) + 1
                self._line(before + offset, line)
        self.above = found[-1] if found else self.above

    def last(self, number: int, line: str) -> None:
        if '"' in line or self.open:
            self._line(number, line if line.endswith(("\n", "\r")) else line + "\n")

    def _line(self, number: int, line: str) -> None:
        delimiter = self.source.delimiter
        if not self.open:
            cells = _cells(line, delimiter)
            if cells and cells[-1].endswith(("\n", "\r")):
                self.open, self.since, self.length = True, number, len(cells[-1])
                self.column = len(cells)
                self.width = max(len(cells), self.table)
            return
        self.length += len(line)
        if self.length > LINE_LIMIT:
            where = f"{self.source.name}:{self.since}:{self.column}"
            raise InputError(t("imp.long_field", where=where, limit=LINE_LIMIT))
        cells = _cells('"' + line, delimiter)  # read on inside the open cell
        # What of this line is inside the cell holds as many delimiters as the row it opened
        # in: a row swallowed into the cell, not a note's next line.
        inside = cells[0] if cells else line
        if self.width > 1 and inside.count(delimiter) >= self.width - 1:
            self._refuse()
        if len(cells) == 1:
            self.open = cells[0].endswith(("\n", "\r"))
        elif cells and cells[-1].endswith(("\n", "\r")):  # closed, and another opened
            self.since, self.column = number, self.column + len(cells) - 1
            self.width, self.length = self.column, len(cells[-1])
        else:
            self.open = False

    def end(self) -> None:
        if self.open:
            self._refuse()

    def _refuse(self) -> None:
        where = f"{self.source.name}:{self.since}:{self.column}"
        raise InputError(t("imp.open_quote", where=where))


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
