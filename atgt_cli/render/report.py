"""The report in text formats. Markdown and the terminal view are the Word document itself
read back as text (so every format says the same sentences, the template's); CSV is the
figures and the annex's lines, for a spreadsheet; JSON is the model."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from atgt_cli.jsonable import to_jsonable
from atgt_cli.labels import t
from atgt_cli.render.numbers import number
from atgt_cli.text import neutralise

if TYPE_CHECKING:
    from rich.console import RenderableType

    from atgt_cli.documents.report import Count, Letterhead, Report

FORMATS = ("table", "md", "csv", "json")


def safe_cell(text: str) -> str:
    """Text that a spreadsheet would take for a formula is written as text."""
    return neutralise(text)


def to_markdown(report: Report, head: Letterhead, template: bytes | None = None) -> str:
    """The report's text as Markdown: the letterhead's lines, the headings, the paragraphs and
    the annex's tables, in the order of the Word document."""
    from atgt_cli.render.docx_out import to_docx
    from atgt_cli.render.docx_text import blocks

    out: list[str] = []
    for kind, value in blocks(to_docx(report, head, template=template)):
        if kind == "table":
            rows = [["<br>".join(map(_md, cell.split("\n"))) for cell in row] for row in value]
            out += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
            out += ["| " + " | ".join(row) + " |" for row in rows[1:]]
            out.append("")
            continue
        text, style = value
        if not text.strip():
            continue
        if style == "title":
            out += [f"# {_md(text)}", ""]
        elif style == "heading" and re.match(r"^[IVX]+\.\s", text):
            out += [f"## {_md(text)}", ""]
        elif style == "heading":
            out += [f"### {_md(text)}", ""]
        elif style == "bold":
            out += [f"**{_md(text)}**", ""]
        else:
            out += [_md(text), ""]
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    """Text that a Markdown viewer shows as written: no HTML, link, image or emphasis of its own."""
    return re.sub(r"([\\`*_\[\]<>|#!])", r"\\\1", text).replace("\n", " ")


def report_view(report: Report, head: Letterhead) -> RenderableType:
    from rich.markdown import Markdown

    return Markdown(to_markdown(report, head))


FIGURES: tuple[tuple[str, Callable[[Report], Count]], ...] = (
    ("fig.sessions", lambda r: r.propaganda.sessions),
    ("fig.documents", lambda r: r.propaganda.documents),
    ("fig.web_posts", lambda r: r.propaganda.web_posts),
    ("fig.attendance", lambda r: r.propaganda.attendance),
    ("fig.masses", lambda r: r.propaganda.masses),
    ("fig.violations", lambda r: r.cases.new),
    ("fig.handled", lambda r: r.cases.handled),
    ("fig.struck_off", lambda r: r.cases.struck_off),
    ("fig.published", lambda r: r.cases.published),
    ("fig.reported_late", lambda r: r.cases.late),
)


def to_csv(report: Report, *, excel_vi: bool = False) -> str:
    """The figures in the three windows, then one line per unit. For Excel in a Vietnamese
    locale (excel_vi): ";" between fields and a decimal comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel_vi else ",", lineterminator="\n")

    def shown(value: float | None) -> str:
        if value is None:
            return ""
        if excel_vi:
            return number(value).replace(".", "")  # a thousands dot would read as a decimal
        return f"{value:g}"

    writer.writerow(
        [t("rep.section"), t("rep.figure"), t("rep.period"), t("rep.ytd"), t("rep.last_year")]
    )
    for key, get in FIGURES:
        count = get(report)
        writer.writerow(
            [
                t("rep.results"),
                t(key),
                shown(count.period),
                shown(count.ytd),
                shown(count.last_year),
            ]
        )
    writer.writerow([])
    columns = ("sessions", "documents", "web_posts", "attendance", "masses", "violations")
    writer.writerow([t("rep.by_unit"), t("col.unit"), *(t(f"fig.{c}") for c in columns)])
    for line in report.units:
        values: list[Any] = [getattr(line, c) for c in columns]
        writer.writerow([t("rep.by_unit"), safe_cell(line.unit), *(shown(v) for v in values)])
    return buffer.getvalue()


def to_json(report: Report) -> str:
    return json.dumps(to_jsonable(report), ensure_ascii=False, indent=2) + "\n"
