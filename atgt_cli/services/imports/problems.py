"""The problems of one imported file, each named FILE:ROW:COLUMN, its rejected rows, and the
rows that are not data (a total row, the signature block under the table, a header repeated where
the sheet was printed in pages), which are counted and left out, never errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from atgt_cli.errors import RowProblem
from atgt_cli.labels import t
from atgt_cli.services.imports.faults import Faults
from atgt_cli.text import compact, fold

MAX_SHOWN = 50  # problems printed; the rest are counted
# How a total row begins: "Tổng cộng", "Cộng:", "TỔNG SỐ", "Tổng số: 12 buổi" (not "Công đoàn").
_TOTAL = re.compile(r"^(tong cong|cong tong|tong so|tong|cong)\s*(?:[:.]|\d|$)")
# How the block under a table begins: who made it, who confirms it, who signs for whom, notes,
# the place-and-date line ("Đồng Nai, ngày … tháng … năm …").
_FOOTER = re.compile(
    r"^(nguoi lap|nguoi ghi|nguoi tong hop|xac nhan|t/m|tm[ .]|thay mat|ky ten|\(ky|ghi chu\s*:"
    r"|noi nhan|bi thu|pho bi thu|thu truong|truong ban|chu tich)"
    r"|ngay\s*\S*\s*thang\s*\S*\s*nam"
)


@dataclass
class Problems:
    """The problems of one file, each named FILE:ROW:COLUMN (the first MAX_SHOWN kept as text),
    and the rejected rows. A date valid only as month/day is held back until the whole column is
    seen: one such column is reported once, as swapped, not row by row."""

    where: Callable[[int, int | None, str], str]  # (row, column index, column) → FILE:ROW:COLUMN
    headers: list[str]
    columns: dict[int, str]  # column index → field
    shown: list[str] = field(default_factory=list)
    count: int = 0
    rejects: list[tuple[list[str], str]] = field(default_factory=list)
    keep_rejects: bool = True  # the rows themselves are kept only for a rejects file
    not_data: int = 0  # rows left out: totals, the block under the table, repeated headers
    faults: Faults = field(default_factory=Faults)  # a workbook's cells with no value
    _below_table: bool = False  # the signature block has been seen
    _header: set[str] = field(default_factory=set)  # the header's cells, compacted
    # a first cell → "total", "footer", "header" (one of the header's cells) or ""
    _first: dict[str, str] = field(default_factory=dict)
    _swapped: dict[int, list[tuple[int, list[str], str]]] = field(default_factory=dict)
    _day_first: set[int] = field(default_factory=set)

    def index(self, field_name: str) -> int | None:
        return next((i for i, f in self.columns.items() if f == field_name), None)

    def column(self, field_name: str) -> str:
        index = self.index(field_name)
        return self.headers[index] if index is not None else field_name

    def problem(self, number: int, problem: RowProblem, record: list[str]) -> None:
        """A row's problems (the one given and those it carries), each message as a file's:
        the location names the column."""
        for each in problem.every():
            self.add(number, each.field or "", each.text(), record, swapped=each.swapped)

    def showing(self) -> bool:
        """Whether another problem would still be shown (the list is bounded)."""
        return len(self.shown) < MAX_SHOWN

    def not_data_row(self, record: list[str]) -> bool:
        """Whether a row that is not a good record is no record at all, and so is left out
        (counted): a total row, the block under the table and anything after it, the header
        repeated. Only rows that fail the checks are asked: a good row is always data."""
        cells = [cell.strip() for cell in record if cell.strip()]
        if not cells:
            return True
        if not self._header:
            self._header = {compact(h) for h in self.headers if h.strip()}
        # A file of bad rows repeats its first cells (units): each is judged once.
        kind = self._first.get(cells[0])
        if kind is None:
            first = fold(cells[0])
            kind = self._first[cells[0]] = (
                "total"
                if _TOTAL.match(first)
                else "footer"
                if _FOOTER.search(first)
                else "header"
                if compact(cells[0]) in self._header
                else ""
            )
        # The block under the table is a few cells a row; a record has more.
        self._below_table = self._below_table or (kind == "footer" and len(cells) <= 3)
        repeated = kind == "header" and self._repeats_header(cells)
        if self._below_table or kind == "total" or repeated:
            self.not_data += 1
            return True
        return False

    def _repeats_header(self, cells: list[str]) -> bool:
        """The header again (at least half the cells are headers), where a page was printed."""
        if len(cells) < 2:
            return False
        return 2 * sum(compact(cell) in self._header for cell in cells) >= len(cells)

    def add(
        self, number: int, field_name: str, message: str, record: list[str], *, swapped: bool
    ) -> None:
        index = self.index(field_name)
        if swapped and index is not None:
            self._swapped.setdefault(index, []).append((number, record, message))
        else:
            self._add(number, index, self.column(field_name), message, record)

    def day_first(self, field_name: str) -> None:
        """Mark a date column where some value can only be day/month (its first number > 12)."""
        index = self.index(field_name)
        if index is not None:
            self._day_first.add(index)

    def _add(
        self, number: int, index: int | None, column: str, message: str, record: list[str]
    ) -> None:
        self.count += 1
        if len(self.shown) < MAX_SHOWN:
            self.shown.append(f"{self.where(number, index, column)}: {message}")
        if not self.keep_rejects:
            return
        if self.rejects and self.rejects[-1][0] is record:  # another problem of the same row
            self.rejects[-1] = (record, f"{self.rejects[-1][1]}; {column}: {message}")
        else:
            self.rejects.append((record, f"{column}: {message}"))

    def settle(self) -> None:
        """Report the held-back dates: row by row in a day-first column, else the column once."""
        for index, found in self._swapped.items():
            column = self.headers[index]
            if index in self._day_first:
                for number, record, message in found:
                    self._add(number, index, column, message, record)
                continue
            number, record, _ = found[0]
            self._add(
                number,
                index,
                column,
                t("imp.swapped_column", count=len(found), example=record[index]),
                record,
            )
            for _number, record, message in found[1:]:
                self.count += 1
                if self.keep_rejects:
                    self.rejects.append((record, f"{column}: {message}"))
        self._swapped.clear()


def day_first(raw: str) -> bool:
    """A d/m date whose first number can only be a day (13 and up)."""
    head = raw.split("/")[0].split("-")[0].split(".")[0]
    return head.isdecimal() and len(head) <= 2 and int(head) > 12
