"""What an import hands back besides its counts: the rows it refused, to write for correction."""

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
