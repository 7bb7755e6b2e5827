"""`atgt check` as a terminal view: rows per table, then the verdict and any problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from atgt_cli.labels import t

if TYPE_CHECKING:
    from atgt_cli.documents.health import CheckResult


def check_view(result: CheckResult) -> Group:
    table = Table(title=t("check.title", path=result.path, version=result.version))
    table.add_column(t("check.table"))
    table.add_column(t("check.rows"), justify="right")
    for name, count in result.tables.items():
        table.add_row(name, "?" if count is None else str(count))
    if result.ok:
        verdict = Text(t("check.ok"), style="green")
    else:
        verdict = Text(t("check.problems", count=len(result.problems)), style="bold red")
    lines = [Text(f"  {problem}") for problem in result.problems[:20]]
    if result.unknown_membership:
        members = ", ".join(f"{code} ({unit})" for code, unit in result.unknown_membership)
        count = len(result.unknown_membership)
        lines.append(Text(t("check.membership_unknown", count=count, members=members)))
    if result.leftovers:
        names = ", ".join(str(path) for path in result.leftovers)
        lines.append(Text(t("check.leftovers", count=len(result.leftovers), files=names)))
    return Group(table, verdict, *lines)
