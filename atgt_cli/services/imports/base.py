"""What every importer shares: the options and result of an import, a row as a named value, and
the protocol each kind implements (after beangulp's Importer: the reading and the header are
run_import's; an importer checks the rows it is given, then matches them with the store and
writes the new ones in one batch)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from atgt_cli.documents.imports import ColumnUse


@dataclass(frozen=True)
class ImportOptions:
    kind: str
    mapping: Path | None = None
    unit: str | None = None
    dry_run: bool = False
    rejects: Path | None = None
    skip_invalid: bool = False
    update: bool = False
    legacy: str | None = None
    sheet: str | None = None  # a workbook's sheet (the first if None)


@dataclass
class ImportResult:
    kind: str
    file: str
    batch: int | None = None
    rows: int = 0
    added: int = 0
    updated: int = 0
    skipped: int = 0
    conflicts: list[str] = field(default_factory=list)
    rejected: int = 0  # rows written to the rejects file
    left_out: int = 0  # rows with problems that --skip-invalid left out
    not_data: int = 0  # rows that are no record: totals, signatures, repeated headers
    untopiced: int = 0  # sessions added whose content names no topic of the plan
    unknown_membership: int = 0  # members recorded with their membership not known
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    dry_run: bool = False
    # Header columns no field was found for (or that repeat one), each named once with the hint
    # that --mapping can name it; row numbers ("STT") are not among them.
    unused_columns: list[ColumnUse] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a file: its number in the file, its cells by field (trimmed; a field
    the file lacks is ""), and the cells as the file has them (for messages and rejects)."""

    number: int
    cells: dict[str, str]
    record: list[str]


class Importer(Protocol):
    def load(self, records: Iterator[list[str]], *, width: int, first_number: int) -> None:
        """Check the data rows (the file's records after its header), keeping the good ones and
        naming each problem in the import's Problems."""

    def finish(self, result: ImportResult, source_name: str) -> ImportResult:
        """Match the good rows with the store (identical: skipped; changed: a conflict, or an
        update with --update) and write the new ones as one batch; fill in the result."""
