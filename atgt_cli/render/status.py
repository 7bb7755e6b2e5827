"""`atgt status` as a terminal view: one row per unit, its marks, the shortfalls in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from atgt_cli.dates import format_date
from atgt_cli.labels import t

if TYPE_CHECKING:
    from atgt_cli.documents.status import Figures, Status

MARK = {
    "met": ("✓", "green"),
    "short": ("✗", "bold red"),
    "pending": ("…", "yellow"),
    "na": ("–", "dim"),
}


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


def _figures(f: Figures, channels: dict[str, str]) -> list[str]:
    sessions = str(f.sessions)
    if f.by_channel:
        sessions += "\n" + "\n".join(f"{channels.get(c, c)} {n}" for c, n in f.by_channel.items())
    counts = (f.violations, f.open or 0, f.handled, f.published, f.reported_late)
    return [
        sessions,
        _percent(f.attendance),
        str(f.masses or ""),
        str(f.web_posts or ""),
        "/".join(map(str, counts)) if any(counts) else "",
    ]


def status_view(status: Status) -> Group:
    numbers = {target.id: i for i, target in enumerate(status.targets, 1)}
    title = t(
        "status.title",
        plan=status.plan,
        period=status.period_label,
        start=format_date(status.start),
        end=format_date(status.end),
        as_of=format_date(status.as_of),
    )
    table = Table(title=title, title_justify="left")
    for key in (
        "col.unit",
        "col.sessions",
        "col.attendance",
        "col.masses",
        "col.web",
        "col.violations",
    ):
        left = key in ("col.unit", "col.sessions")  # sessions: the total, then by channel
        table.add_column(t(key), overflow="fold", justify="left" if left else "right")
    table.add_column(t("col.targets"), overflow="fold")
    used: set[str] = set()
    for row in status.units:
        marks = Text()
        for mark in row.marks:
            symbol, style = MARK[mark.state]
            marks.append(f"{numbers[mark.target]}{symbol} ", style=style)
            used.add(mark.target)
        table.add_row(
            row.unit,
            *_figures(row.figures, status.channels),
            marks,
            style="red" if row.shortfalls else None,
        )
    table.add_section()
    table.add_row(
        Text(t("col.total_row"), style="bold"), *_figures(status.totals, status.channels), ""
    )
    legend = Text(t("status.legend") + "\n", style="dim")
    for target in status.targets:
        if target.id in used:
            amount = f"{target.threshold:g}{'%' if target.unit == 'percent' else ''}"
            every = t(f"period.{target.period}")
            line = f"{numbers[target.id]}. {target.label} ({target.item}, ≥ {amount} / {every})\n"
            legend.append(line, style="dim")
    parts: list[Table | Text] = [table, legend]
    short = status.short
    if not status.units:
        parts.append(Text(t("status.none")))
    elif not short:
        parts.append(Text(t("status.all_met"), style="green"))
    else:
        words = Text(t("status.short_head") + "\n", style="bold")
        for row in short:
            words.append(f"• {row.unit}: ", style="bold red")
            words.append("; ".join(row.shortfalls) + "\n")
        parts.append(words)
    return Group(*parts)
