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
from atgt_cli.render.records import alcohol
from atgt_cli.render.report import FIGURES
from atgt_cli.text import formula_like, printable

if TYPE_CHECKING:
    from atgt_cli.documents.report import Records, Report

DATE_FORMAT = "dd/mm/yyyy"
# Number formats the spreadsheet shows in its own locale: "1.200" and "81,8%" in Vietnamese.
COUNT, PERCENT = "#,##0", "0.0%"


def _summary(sheet: Any, report: Report) -> int:
    """The figures of the period, the year to date and the same period last year as a bordered
    table that prints on one page; returns its header row."""
    from openpyxl.styles import Alignment, Border, Font, Side

    from atgt_cli.render.report_context import period_names

    sheet.append([t("rep.title", plan=report.plan, period=period_names(report)["short"])])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [
            t(
                "rep.range",
                start=format_date(report.start),
                end=format_date(report.end),
                as_of=format_date(report.as_of),
            )
        ]
    )
    sheet.append([report.unit or ""])
    header_row = 4
    last = (
        t("doc.last", year=report.year - 1).capitalize()
        if report.has_last_year
        else f"{t('doc.last', year=report.year - 1).capitalize()} ({t('doc.no_data')})"
    )
    _append(sheet, [t("rep.figure"), t("rep.period"), t("doc.ytd", year=report.year), last])
    for key, get in FIGURES:
        count = get(report)
        percent = key == "fig.attendance"
        values = [count.period, count.ytd, count.last_year]
        shown = [None if v is None else v / 100 if percent else v for v in values]
        _append(sheet, [t(key), *(("–" if v is None else v) for v in shown)])
        for cell in sheet[sheet._current_row][1:]:
            cell.number_format = PERCENT if percent else COUNT
            cell.alignment = Alignment(horizontal="right")
    thin = Side(style="thin", color="000000")
    for row in sheet.iter_rows(min_row=header_row, max_row=sheet.max_row, max_col=4):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.column_dimensions["A"].width = 34
    for column in "BCD":
        sheet.column_dimensions[column].width = 20
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 1
    return header_row


def to_xlsx(report: Report, records: Records) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    summary = book.create_sheet(t("xlsx.summary"))
    book.remove(book.worksheets[0])
    header_row = _summary(summary, report)

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
                alcohol(v),
                _date(v.reported_on),
                t("doc.yes") if v.late else t("doc.no"),
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
                "col.short",
            )
        ],
    )
    for line in report.units:
        _append(
            units,
            [
                line.unit,
                line.sessions,
                None if line.attendance is None else line.attendance / 100,
                line.masses,
                line.web_posts,
                line.violations,
                "; ".join(line.short),
            ],
        )
        units.cell(row=units.max_row, column=3).number_format = PERCENT
    _finish(units, 1)
    if report.units:
        chart = BarChart()
        chart.type = "bar"
        chart.title = t("xlsx.chart")
        chart.y_axis.title = t("col.sessions")
        chart.y_axis.majorUnit = 1  # whole sessions
        chart.y_axis.number_format = "0"
        chart.y_axis.scaling.min = 0
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
    props.title = t("rep.title", plan=report.plan, period=report.period)
    props.subject = report.period
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
