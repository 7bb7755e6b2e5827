"""What an import refuses before it reads a byte of data: an input that is not a regular file (a
device such as /dev/zero, a FIFO, a directory, a symlink to one of them), a file whose content
is not what its name says (an encrypted workbook, a web page or a text file saved as .xls), and
a workbook whose parts would expand beyond what office data needs (a zip bomb in
sharedStrings.xml or a sheet): the zip's declared sizes and ratios are checked before calamine
opens it, and the parts calamine reads whole are read once here, bounded, to check their actual
size. A sheet's actual size is checked by the faults pass (importers/faults.py), which streams
it, bounded by zipfile, before calamine reads it.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from atgt_cli.errors import InputError
from atgt_cli.labels import t

# Limits far above what an office's workbook holds (a 1M-row sheet is a few hundred MiB of XML).
PART_LIMIT = 1 << 30  # a part of an .xlsx, uncompressed
STRINGS_LIMIT = 256 << 20  # sharedStrings.xml and the other parts calamine holds whole
TOTAL_LIMIT = 2 << 30  # every part together
RATIO_LIMIT = 200  # uncompressed / compressed, for a part over RATIO_FROM
RATIO_FROM = 16 << 20
XLS_LIMIT = 256 << 20  # an .xls file is read whole by its readers
COLUMN_LIMIT = 1000  # columns of a header: a table of records has a few dozen

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_WHOLE = ("xl/sharedstrings.xml", "xl/styles.xml", "xl/workbook.xml")


def regular_file(file: str) -> None:
    """A path given as input is a regular file (a symlink to one is one)."""
    try:
        mode = os.stat(file).st_mode
    except OSError as exc:
        raise InputError(t("file.unreadable", file=file, reason=exc.strerror or exc)) from None
    if stat.S_ISREG(mode):
        return
    what = (
        "dir"
        if stat.S_ISDIR(mode)
        else "fifo"
        if stat.S_ISFIFO(mode)
        else "device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "other"
    )
    raise InputError(t("imp.not_a_file", file=file, what=t(f"imp.not_a_file.{what}")))


def workbook_kind(file: str) -> str:
    """What a file named .xlsx/.xlsm/.xls holds: "zip" (an OOXML workbook), "ole" (a BIFF
    workbook), or "text" (a CSV or tab-separated file saved under a workbook's name, read as
    text); anything else is refused naming what it is."""
    path = Path(file)
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(t("file.unreadable", file=file, reason=exc.strerror or exc)) from None
    if head.startswith(ZIP):
        _zip_checked(file)
        return "zip"
    if head.startswith(OLE):
        if size > XLS_LIMIT:
            raise InputError(t("imp.too_big", file=file, limit=XLS_LIMIT >> 20))
        if _holds(path, _ENCRYPTED):
            raise InputError(t("imp.encrypted", file=file))
        return "ole"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")):
        raise InputError(t("imp.is_html", file=file))
    if lowered.startswith(b"<?xml"):
        raise InputError(t("imp.is_xml", file=file))
    if head and _looks_like_text(head):
        return "text"
    raise InputError(t("imp.not_workbook", file=file))


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text ("Unicode text" of Excel)
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls == 0 and (b"\t" in head or b"," in head or b";" in head)


def _holds(path: Path, needle: bytes) -> bool:
    """Whether the file holds these bytes, read a megabyte at a time."""
    tail = b""
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle) :]
    return False


def _zip_checked(file: str) -> None:
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            total = 0
            for member in members:
                size, packed = member.file_size, max(member.compress_size, 1)
                total += size
                name = member.filename.lower()
                limit = STRINGS_LIMIT if name in _WHOLE else PART_LIMIT
                if size > limit or total > TOTAL_LIMIT:
                    raise InputError(
                        t("imp.zip_bomb", file=file, part=member.filename, size=size >> 20)
                    )
                if size > RATIO_FROM and size / packed > RATIO_LIMIT:
                    raise InputError(
                        t("imp.zip_ratio", file=file, part=member.filename, ratio=size // packed)
                    )
            for member in members:
                if member.filename.lower() in _WHOLE:
                    _actual(archive, member, file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(
            t("imp.workbook", file=file, detail=str(exc) or type(exc).__name__)
        ) from None
    except NotImplementedError as exc:  # a compression method zipfile lacks
        raise InputError(t("imp.workbook", file=file, detail=str(exc))) from None


def _actual(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> None:
    """A part read through once, bounded: zipfile stops at the declared size and checks the
    CRC, so a part whose stream inflates beyond what its header says is refused here."""
    read = 0
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            read += len(chunk)
            if read > STRINGS_LIMIT:
                raise InputError(
                    t("imp.zip_bomb", file=file, part=member.filename, size=read >> 20)
                )
