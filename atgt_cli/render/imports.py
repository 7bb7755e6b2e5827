"""How a file's header was understood: the table of `--show-mapping` and the line of an import's
summary that names the columns it did not use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from atgt_cli.labels import t

if TYPE_CHECKING:
    from rich.table import Table

    from atgt_cli.documents.imports import ColumnUse, HeaderMapping


def understood(column: ColumnUse) -> str:
    """The field a column fills ("unit (Chi bộ)"), or why it is not used."""
    if column.field is None:
        return t(f"imp.unused.{column.unused or 'unknown'}")
    return f"{column.field} ({column.label})" if column.label else column.field


def mapping_table(mapping: HeaderMapping) -> Table:
    from rich.table import Table

    table = Table()
    for key in ("col.column", "col.header", "col.field"):
        table.add_column(t(key), overflow="fold")
    for column in mapping.columns:
        table.add_row(
            column.column,
            column.header,
            understood(column),
            style="dim" if column.field is None else None,
        )
    return table


def unused_columns(columns: list[ColumnUse]) -> str:
    """The line naming the columns an import did not use: 'Cột không dùng: "Địa điểm" (cột E)…'"""
    named = ", ".join(t("imp.unused_column", header=c.header, column=c.column) for c in columns)
    return t("imp.unused_columns", columns=named)
