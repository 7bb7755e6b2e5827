"""What an import hands back besides its counts: the rows it refused, to write for correction, and
how the columns of its header were understood."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rejects:
    """The refused rows of a file and why: written as a workbook when the file was one (unless
    the path asks for text), else as text in the file's own delimiter."""

    path: Path
    sheet: str | None  # the workbook's sheet the rows came from; None: a text file
    delimiter: str
    headers: list[str]  # the file's header and the error column
    rows: list[list[str]]  # each refused row's cells and its problem


@dataclass(frozen=True)
class ColumnUse:
    """How one column of a file's header was understood."""

    column: str  # as the file is seen: a letter in a workbook ("B"), a number in a text file
    header: str  # the header cell as the file has it
    field: str | None  # the field the column fills; None: not used
    label: str | None  # the field's header as atgt writes it ("Chi bộ")
    unused: str | None = None  # why not used: "unknown", "duplicate", "row_number", "ignored"


@dataclass(frozen=True)
class HeaderMapping:
    """A file's header row and its columns (`atgt import KIND FILE --show-mapping`)."""

    kind: str
    file: str
    header_row: int  # the row of the file (a workbook's sheet) the header is on, from 1
    columns: list[ColumnUse]
