"""The report as a party document (Hướng dẫn 36-HD/VPTW): A4, party margins, Times New Roman,
the header block, number, place and date, "BÁO CÁO", real tables, "Nơi nhận:" and the signature.
python-docx is imported here only, when a DOCX is asked for."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from atgt_cli.dates import format_date
from atgt_cli.labels import t
from atgt_cli.render.report import number_cells, report_parts

if TYPE_CHECKING:
    from atgt_cli.documents.report import Letterhead, Report, Table

FONT = "Times New Roman"
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}


def to_docx(report: Report, head: Letterhead) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _east_asian_font(normal)
    normal.paragraph_format.space_after = Pt(3)

    def line(
        where: Any,
        text: str,
        *,
        size: int = 14,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    ) -> Any:
        paragraph = where.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
        return paragraph

    # Header: superior body, issuing body, "*", number | ĐẢNG CỘNG SẢN VIỆT NAM, place and date.
    top = doc.add_table(rows=1, cols=2)
    _widths(top, [78, 87])
    left, right = top.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    line(left, head.superior)
    line(left, head.issuer, bold=True)
    line(left, "*")
    line(left, head.number)
    party = line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True)
    _rule_under(party)
    line(right, "")
    line(right, head.place_date, italic=True)

    line(doc, "")
    line(doc, head.title, size=16, bold=True)
    line(doc, head.summary, bold=True)
    line(doc, "-----")
    line(doc, "")

    def body(text: str) -> None:
        paragraph = doc.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)

    def heading(text: str) -> None:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.add_run(text).bold = True

    heading(f"I. {t('rep.results').upper()}")
    body(
        t(
            "rep.range_doc",
            start=format_date(report.start),
            end=format_date(report.end),
            as_of=format_date(report.as_of),
        )
    )
    for number, (key, _, tables, paragraphs) in enumerate(report_parts(report), 1):
        item = next((s for s in report.sections if s.item == key), None)
        heading(
            f"{number}. "
            + (t("doc.item", item=item.item, text=item.text) if item else t("report.summary"))
        )
        for table in tables:
            _table(doc, table)
        for text in paragraphs:
            body(f"- {text}")
    heading(f"II. {t('rep.limitations').upper()}")
    for text in report.limitations or [t("rep.nothing")]:
        body(f"- {text}")
    heading(f"III. {t('rep.directions').upper()}")
    for text in report.directions or [t("rep.nothing")]:
        body(f"- {text}")
    body(t("rep.fingerprint", fingerprint=report.fingerprint))

    # Nơi nhận | signature.
    line(doc, "")
    bottom = doc.add_table(rows=1, cols=2)
    _widths(bottom, [85, 80])
    left, right = bottom.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    line(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    last = len(head.recipients) - 1
    for i, recipient in enumerate(head.recipients):
        line(
            left,
            f"- {recipient}{'.' if i == last else ','}",
            size=12,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
    line(right, head.on_behalf, bold=True)
    line(right, head.signer_title, bold=True)
    for _ in range(3):
        line(right, "")
    line(right, head.signer, bold=True)

    props = doc.core_properties
    props.title = f"{head.title} {head.summary}"
    props.subject = report.period_label
    props.author = "atgt"
    props.identifier = report.fingerprint
    props.keywords = f"atgt; {report.plan}; {report.period}; {report.fingerprint}"
    props.comments = t("rep.fingerprint", fingerprint=report.fingerprint)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _table(doc: Any, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    caption = doc.add_paragraph()
    caption.add_run(table.title).italic = True
    caption.paragraph_format.space_after = Pt(2)
    grid = doc.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    _widths(grid, [87, 26, 26, 26])
    headers = [t("rep.figure"), t("rep.period"), t("rep.ytd"), t("rep.last_year")]
    for cell, text in zip(grid.rows[0].cells, headers, strict=True):
        _cell(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, width in zip(cells, (87, 26, 26, 26), strict=True):
            cell.width = Mm(width)
        _cell(cells[0], row.label, align=WD_ALIGN_PARAGRAPH.LEFT)
        for cell, text in zip(cells[1:], number_cells(row), strict=True):
            _cell(cell, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _widths(table: Any, millimetres: list[int]) -> None:
    """Column widths that Word and LibreOffice both follow: the grid and every cell."""
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, millimetres, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _cell(cell: Any, text: str, *, bold: bool = False, align: Any = None) -> None:
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(13)


def _rule_under(paragraph: Any) -> None:
    """The short rule under "ĐẢNG CỘNG SẢN VIỆT NAM": a bottom border, indented to the text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    paragraph.paragraph_format.left_indent = Mm(3)
    paragraph.paragraph_format.right_indent = Mm(3)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _east_asian_font(style: Any) -> None:
    from docx.oxml.ns import qn

    fonts = style.element.rPr.rFonts
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)
