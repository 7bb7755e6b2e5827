"""Workbooks written part by part, for the hostile-file tests: what openpyxl will not write (raw
escapes and character references in shared strings, parts that expand a thousandfold, sizes
that lie, an encrypted package)."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def shared_strings_xlsx(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    raw: bool = False,
    strings_xml: bytes | None = None,
) -> Path:
    """Every cell a shared string; with raw, the cells' text goes into the XML as written
    (escapes, character references); strings_xml replaces the shared strings part whole."""
    strings: list[str] = []
    sheet_rows = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, text in enumerate(row):
            strings.append(text)
            cells.append(f'<c r="{_column(c)}{r}" t="s"><v>{len(strings) - 1}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}">'
        f"<sheetData>{''.join(sheet_rows)}</sheetData></worksheet>"
    )
    items = "".join(f"<si><t>{s if raw else escape(s)}</t></si>" for s in strings)
    shared = strings_xml or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN}" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    ).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", _CONTENT_TYPES)
        out.writestr("_rels/.rels", _RELS)
        out.writestr("xl/workbook.xml", _WORKBOOK)
        out.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        out.writestr("xl/worksheets/sheet1.xml", sheet)
        out.writestr("xl/sharedStrings.xml", shared)
    return path


def bomb_strings(megabytes: int) -> bytes:
    """A sharedStrings.xml of that many MiB that deflates a thousandfold."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode()
    return head + b"<si><t>" + b"a" * (megabytes << 20) + b"</t></si></sst>"


def lying_sizes(path: Path, part: str, declared: int) -> None:
    """Rewrite a zip's headers so that one part declares `declared` bytes uncompressed."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    at = 0
    while (at := data.find(name, at)) >= 0:
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            head = at - (30 if signature == b"PK\x03\x04" else 46)
            if head >= 0 and data[head : head + 4] == signature:
                data[head + offset : head + offset + 4] = declared.to_bytes(4, "little")
        at += len(name)
    path.write_bytes(bytes(data))
