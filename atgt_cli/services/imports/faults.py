"""A workbook's cells that hold no value (importers/faults.py finds them: an Excel error such as
#N/A or #DIV/0!, a formula never calculated). calamine reads them as empty; here, in a column
the import reads, such a cell is its row's problem, named on the cell (FILE!Sheet!D17: ô lỗi
#N/A), never an empty value. A row with nothing else in it is a blank row, as it looks in the
reader: a formula filled down below the table is not a record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from atgt_cli.errors import RowProblem
from atgt_cli.importers.faults import NO_VALUE
from atgt_cli.importers.reading import Source

SetAside = dict[int, tuple[list[str], RowProblem]]  # file row → (its cells, its problem)


@dataclass(frozen=True)
class Faults:
    """The faulty cells of the columns an import reads: file row → [(column index, what)], in
    column order (what: the error's text, or importers.faults.NO_VALUE)."""

    columns: Mapping[int, str] = field(default_factory=dict)  # column index → field
    rows: Mapping[int, list[tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, source: Source, columns: Mapping[int, str]) -> Faults:
        rows: dict[int, list[tuple[int, str]]] = {}
        for number, cells in source.faults.items():
            found = sorted(
                (index, what)
                for column, what in cells.items()
                if (index := column - source.first_column) in columns
            )
            if found:
                rows[number] = found
        return cls(columns, rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def check(self, number: int, record: list[str]) -> None:
        """Raises the row's problem if a cell it has data in holds no value (the first such
        cell's); the record then shows each error's text in its cell, for the rejects file."""
        found = self.rows.get(number)
        if not found or not "".join(record).strip():
            return
        for index, what in found:
            if what != NO_VALUE and index < len(record):
                record[index] = what
        index, what = found[0]
        if what == NO_VALUE:
            raise RowProblem(self.columns[index], "imp.no_value")
        raise RowProblem(self.columns[index], "imp.error_cell", code=what)

    def set_aside(
        self, records: Iterable[list[str]], first_number: int, width: int, aside: SetAside
    ) -> Iterator[list[str]]:
        """The records, each faulty row given as a blank one (to keep the rows' numbers) and put
        in aside with its problem."""
        blank = [""] * width
        for number, record in enumerate(records, first_number):
            if number in self.rows:
                try:
                    self.check(number, record)
                except RowProblem as problem:
                    aside[number] = (record, problem)
                    yield blank
                    continue
            yield record
