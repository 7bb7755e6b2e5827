"""The report as a workbook: a summary sheet with the year-to-date and same-period columns, one
sheet per data set (sessions, violations, units), frozen Vietnamese headers, real dates, fitted
widths, a chart of sessions per unit. Text that starts like a formula stays text.
openpyxl is imported here only, when an XLSX is asked for."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from atgt_cli.dates import format_date
from atgt_cli.labels import t
from atgt_cli.render.report import report_parts
from atgt_cli.text import formula_like, printable

if TYPE_CHECKING:
    from atgt_cli.documents.report import Records, Report

DATE_FORMAT = "dd/mm/yyyy"


def to_xlsx(report: Report, records: Records) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    summary = book.create_sheet(t("xlsx.summary"))
    book.remove(book.worksheets[0])
    summary.append([t("rep.title", plan=report.plan, period=report.period_label)])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append(
        [
            t(
                "rep.range",
                start=format_date(report.start),
                end=format_date(report.end),
                as_of=format_date(report.as_of),
            )
        ]
    )
    summary.append([t("rep.fingerprint", fingerprint=report.fingerprint)])
    header_row = 4
    _append(
        summary,
        [
            t("rep.section"),
            t("rep.table"),
            t("rep.figure"),
            t("rep.period"),
            t("rep.ytd"),
            t("rep.last_year"),
        ],
    )
    for key, _, tables, _ in report_parts(report):
        for table in tables:
            for row in table.rows:
                _append(summary, [key, table.title, row.label, row.period, row.ytd, row.last_year])
    _finish(summary, header_row)

    sessions = book.create_sheet(t("xlsx.sessions"))
    _append(
        sessions,
        [
            t(k)
            for k in (
                "col.id",
                "col.date",
                "col.unit",
                "col.channel",
                "col.topics",
                "col.item",
                "col.present",
                "col.total",
                "col.masses",
                "col.title_s",
                "col.url",
            )
        ],
    )
    for s in records.sessions:
        _append(
            sessions,
            [
                s.id,
                dt.date.fromisoformat(s.held_on),
                s.unit,
                records.channel(s.channel),
                ", ".join(records.topic(x) for x in s.topics),
                s.item,
                s.present,
                s.total,
                s.masses,
                s.title,
                s.url,
            ],
        )
    _finish(sessions, 1)

    violations = book.create_sheet(t("xlsx.violations"))
    _append(
        violations,
        [
            t(k)
            for k in (
                "col.id",
                "col.date",
                "col.known_on",
                "col.unit",
                "col.member",
                "col.category",
                "col.alcohol",
                "col.reported",
                "col.late",
                "col.outcome",
                "col.decided",
                "col.published",
            )
        ],
    )
    for v in records.violations:
        _append(
            violations,
            [
                v.id,
                dt.date.fromisoformat(v.occurred_on),
                dt.date.fromisoformat(v.known_on),
                v.unit,
                v.member,
                records.category(v.category),
                v.alcohol_tier,
                _date(v.reported_on),
                t("xlsx.yes") if v.late else "",
                t(f"outcome.{v.outcome}") if v.outcome else "",
                _date(v.decided_on),
                _date(v.published_on),
            ],
        )
    _finish(violations, 1)

    units = book.create_sheet(t("xlsx.units"))
    _append(
        units,
        [
            t(k)
            for k in (
                "col.unit",
                "col.sessions",
                "col.attendance",
                "col.masses",
                "col.web",
                "col.violations_new",
                "col.late",
                "col.open",
                "col.short",
            )
        ],
    )
    for unit in report.units:
        f = unit["figures"]
        _append(
            units,
            [
                unit["unit"],
                f["sessions"],
                f["attendance"],
                f["masses"],
                f["web_posts"],
                f["violations"],
                f["reported_late"],
                f["open"],
                "; ".join(unit["shortfalls"]),
            ],
        )
    _finish(units, 1)
    if report.units:
        chart = BarChart()
        chart.type = "bar"
        chart.title = t("xlsx.chart")
        chart.y_axis.title = t("col.sessions")
        count = len(report.units)
        chart.add_data(
            Reference(units, min_col=2, min_row=1, max_row=count + 1), titles_from_data=True
        )
        chart.set_categories(Reference(units, min_col=1, min_row=2, max_row=count + 1))
        chart.height, chart.width = max(7.5, 0.6 * count + 3), 16
        units.add_chart(chart, "K2")
    for sheet in book.worksheets:
        for cell in sheet[1 if sheet is not summary else header_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    props = book.properties
    props.title = t("rep.title", plan=report.plan, period=report.period_label)
    props.subject = report.period_label
    props.creator = "atgt"
    props.identifier = report.fingerprint
    props.keywords = f"atgt; {report.plan}; {report.period}; {report.fingerprint}"
    props.description = t("rep.fingerprint", fingerprint=report.fingerprint)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def _append(sheet: Any, values: Sequence[object]) -> None:
    # printable(): a store may hold text openpyxl refuses to write (an ESC in a title).
    sheet.append([None if v == "" else printable(v) if isinstance(v, str) else v for v in values])
    # The row just written (max_row would scan every cell of the sheet, at every row).
    for cell in sheet[sheet._current_row]:
        if isinstance(cell.value, str) and formula_like(cell.value):
            cell.data_type = "s"  # "=…" is the text someone typed, not a formula to run
        elif isinstance(cell.value, dt.date):
            cell.number_format = DATE_FORMAT


def _finish(sheet: Any, header_row: int) -> None:
    """Freeze the header, fit the widths to the longest text (within reason)."""
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    # Printed (or turned into PDF) one page wide, landscape, as the office files it.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            if cell.value is None:
                continue
            text = (
                cell.value.strftime("%d/%m/%Y")
                if isinstance(cell.value, dt.date)
                else str(cell.value)
            )
            widths[cell.column] = max(widths.get(cell.column, 0), len(text))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
