"""A Word document read back as text, block by block in the order of its body: a paragraph
with what its look says it is (title, heading, bold, plain), a data table as rows of cells, a
layout table (the letterhead, the signature) as the paragraphs of its cells."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

Block = tuple[str, Any]  # ("paragraph", (text, style)) or ("table", rows of cell texts)


def blocks(data: bytes) -> Iterator[Block]:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield "paragraph", _paragraph(Paragraph(child, document))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            if table.style is not None and table.style.name == "Table Grid":
                yield "table", [[cell.text for cell in _cells(row)] for row in table.rows]
            else:
                for row in table.rows:
                    for cell in _cells(row):
                        for paragraph in cell.paragraphs:
                            yield "paragraph", _paragraph(paragraph)


def _cells(row: Any) -> list[Any]:
    """A row's cells, a merged cell once."""
    out: list[Any] = []
    for cell in row.cells:
        if not out or cell._tc is not out[-1]._tc:
            out.append(cell)
    return out


def _paragraph(paragraph: Any) -> tuple[str, str]:
    text = paragraph.text
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold for r in runs)
    size = max((r.font.size.pt for r in runs if r.font.size is not None), default=0)
    if bold and size >= 16:
        return text, "title"
    if bold and paragraph.paragraph_format.first_line_indent:
        return text, "heading"
    return text, "bold" if bold else "plain"


def text_of(data: bytes) -> str:
    """The document's text, a line a paragraph, a table's cells apart by " | "."""
    lines = []
    for kind, value in blocks(data):
        if kind == "table":
            lines += [" | ".join(cell.replace("\n", " / ") for cell in row) for row in value]
        else:
            lines.append(value[0])
    return "\n".join(lines)
