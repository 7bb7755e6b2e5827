"""The report model in text formats: a rich view, Markdown, CSV. JSON is the model itself."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from atgt_cli.dates import format_date
from atgt_cli.jsonable import to_jsonable
from atgt_cli.labels import t
from atgt_cli.render.records import shown_date
from atgt_cli.text import neutralise

if TYPE_CHECKING:
    from rich.console import Group

    from atgt_cli.documents.report import Report, Row, Table

FORMATS = ("table", "md", "csv", "json")


def number(value: float | None, *, percent: bool = False) -> str:
    if value is None:
        return ""
    text = f"{value:.1f}" if percent and not float(value).is_integer() else f"{value:g}"
    return text + ("%" if percent else "")


def _is_percent(row: Row) -> bool:
    return row.label == t("fig.attendance")


def number_cells(row: Row, *, plain: bool = False) -> list[str]:
    percent = _is_percent(row) and not plain
    return [number(v, percent=percent) for v in (row.period, row.ytd, row.last_year)]


def _headers() -> list[str]:
    return [t("rep.figure"), t("rep.period"), t("rep.ytd"), t("rep.last_year")]


def report_parts(report: Report) -> list[tuple[str, str, list[Table], list[str]]]:
    """Sections in order: (key, heading, tables, paragraphs)."""
    out: list[tuple[str, str, list[Table], list[str]]] = [
        (t("rep.results"), t("rep.results"), report.summary, [])
    ]
    for section in report.sections:
        paragraphs = [t("rep.units", units=", ".join(section.units))] if section.units else []
        for target in section.targets:
            parts = [f"{target.label} ({target.threshold})"]
            if target.met:
                parts.append(t("rep.met", units=", ".join(target.met)))
            if target.short:
                parts.append(t("rep.short", units=", ".join(target.short)))
            if target.pending:
                parts.append(t("rep.pending", units=", ".join(target.pending)))
            paragraphs.append(" — ".join(parts))
        for post in section.posts:
            day = shown_date(post["date"])
            paragraphs.append(f"{day} {post['unit']}: {post['title']} {post['url']}".strip())
        out.append((section.item, f"{section.item}. {section.text}", section.tables, paragraphs))
    return out


def _head(report: Report) -> list[str]:
    lines = [
        t("rep.title", plan=report.plan, period=report.period_label),
        t(
            "rep.range",
            start=format_date(report.start),
            end=format_date(report.end),
            as_of=format_date(report.as_of),
        ),
    ]
    if report.unit:
        lines.append(t("rep.unit", unit=report.unit))
    lines.append(t("rep.fingerprint", fingerprint=report.fingerprint))
    return lines


def to_markdown(report: Report) -> str:
    head = _head(report)
    out = [f"# {head[0]}", "", *(f"{line}  " for line in head[1:]), ""]
    for _, heading, tables, paragraphs in report_parts(report):
        out += [f"## {heading}", ""]
        for table in tables:
            out += [
                f"**{table.title}**",
                "",
                "| " + " | ".join(_headers()) + " |",
                "|---|---:|---:|---:|",
            ]
            out += [
                "| " + " | ".join([_md(row.label), *number_cells(row)]) + " |" for row in table.rows
            ]
            out.append("")
        out += [f"- {_md(p)}" for p in paragraphs]
        out += [""] if paragraphs else []
    for heading, items in (
        (t("rep.limitations"), report.limitations),
        (t("rep.directions"), report.directions),
    ):
        out += [f"## {heading}", ""]
        out += [f"- {_md(item)}" for item in items] or [f"- {t('rep.nothing')}"]
        out.append("")
    return "\n".join(out)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def safe_cell(text: str) -> str:
    """Text that a spreadsheet would take for a formula is written as text."""
    return neutralise(text)


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([t("rep.section"), t("rep.table"), *_headers()])
    for section, _, tables, _ in report_parts(report):
        for table in tables:
            for row in table.rows:
                cells = number_cells(row, plain=True)
                writer.writerow(
                    [safe_cell(section), safe_cell(table.title), safe_cell(row.label), *cells]
                )
    for unit in report.units:
        f = unit["figures"]
        for key in (
            "sessions",
            "attendance",
            "masses",
            "web_posts",
            "violations",
            "reported_late",
            "open",
        ):
            writer.writerow(
                [t("rep.by_unit"), safe_cell(unit["unit"]), t(f"fig.{key}"), number(f[key]), "", ""]
            )
    return buffer.getvalue()


def to_json(report: Report) -> str:
    return json.dumps(to_jsonable(report), ensure_ascii=False, indent=2) + "\n"


def report_view(report: Report) -> Group:
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text

    parts: list[RichTable | Text] = [Text("\n".join(_head(report)), style="bold")]
    for _, heading, tables, paragraphs in report_parts(report):
        parts.append(Text(f"\n{heading}", style="bold cyan"))
        for table in tables:
            view = RichTable(title=table.title, title_justify="left")
            for i, header in enumerate(_headers()):
                view.add_column(header, justify="left" if i == 0 else "right", overflow="fold")
            for row in table.rows:
                view.add_row(row.label, *number_cells(row))
            parts.append(view)
        for paragraph in paragraphs:
            parts.append(Text(f"• {paragraph}"))
    for heading, items in (
        (t("rep.limitations"), report.limitations),
        (t("rep.directions"), report.directions),
    ):
        parts.append(Text(f"\n{heading}", style="bold cyan"))
        parts += [Text(f"• {item}") for item in items] or [Text(t("rep.nothing"), style="dim")]
    return Group(*parts)
