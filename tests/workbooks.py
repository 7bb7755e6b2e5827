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
    shared = (
        strings_xml
        or (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN}" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
        ).encode()
    )
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


# ---- an OLE compound file (CFB v3) ---------------------------------------------------------------

_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _entry(name: str, kind: int, start: int, size: int, child: int, right: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + len(encoded).to_bytes(2, "little")
        + bytes([kind, 1])  # object type; colour black
        + _FREE.to_bytes(4, "little")  # left sibling
        + right.to_bytes(4, "little")
        + child.to_bytes(4, "little")
        + bytes(16 + 4 + 8 + 8)  # CLSID, state bits, creation and modification times
        + start.to_bytes(4, "little")
        + size.to_bytes(8, "little")
    )


def ole_file(path: Path, streams: dict[str, bytes]) -> Path:
    """A compound file holding these streams (each padded to 4,096 bytes or more, so that none
    goes to the mini stream): what an encrypted Office file is, with EncryptionInfo and
    EncryptedPackage streams."""
    sector = 512
    padded = {name: data.ljust(max(4096, -(-len(data) // sector) * sector), b"\0") for name, data in streams.items()}  # fmt: skip
    fat = [_FAT, _END]  # sector 0: the FAT; sector 1: the directory
    starts = {}
    for name, data in padded.items():
        count = len(data) // sector
        starts[name] = len(fat)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [_END]
    assert len(fat) <= sector // 4, "one FAT sector only"
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + (0x3E).to_bytes(2, "little")
        + (3).to_bytes(2, "little")
        + b"\xfe\xff"
        + (9).to_bytes(2, "little")
        + (6).to_bytes(2, "little")
        + bytes(6)
        + (0).to_bytes(4, "little")  # directory sectors (0 in version 3)
        + (1).to_bytes(4, "little")  # FAT sectors
        + (1).to_bytes(4, "little")  # first directory sector
        + bytes(4)
        + (4096).to_bytes(4, "little")
        + _END.to_bytes(4, "little")
        + (0).to_bytes(4, "little")
        + _END.to_bytes(4, "little")
        + (0).to_bytes(4, "little")
        + (0).to_bytes(4, "little")  # DIFAT[0]: the FAT is sector 0
        + _FREE.to_bytes(4, "little") * 108
    )
    names = list(padded)
    entries = [_entry("Root Entry", 5, _END, 0, 1 if names else _FREE, _FREE)]
    for index, name in enumerate(names, 1):
        right = index + 1 if index < len(names) else _FREE
        entries.append(_entry(name, 2, starts[name], len(streams[name]), _FREE, right))
    directory = b"".join(entries).ljust(sector, b"\0")
    fat_sector = b"".join(v.to_bytes(4, "little") for v in fat).ljust(sector, b"\xff")
    path.write_bytes(header + fat_sector + directory + b"".join(padded.values()))
    return path


def encrypted_workbook(path: Path) -> Path:
    """What Excel writes for a workbook saved with a password: an OLE file, not a zip."""
    import os

    info = (4).to_bytes(2, "little") + (4).to_bytes(2, "little") + (0x40).to_bytes(4, "little")
    return ole_file(path, {"EncryptionInfo": info, "EncryptedPackage": os.urandom(6000)})
