"""A workbook whose cells span more than a sheet may hold (one cell far from the others): the
reader would lay the whole span out (hundreds of GiB), so it is refused before it is read. Each
case runs in a child process capped at 3 GiB, so that a regression fails instead of exhausting
the machine."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ATGT = [sys.executable, "-m", "atgt_cli"]


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _import(db: Path, file: Path) -> subprocess.CompletedProcess[str]:
    subprocess.run([*ATGT, "--db", str(db), "init"], check=True, capture_output=True)
    return subprocess.run(
        [*ATGT, "--db", str(db), "import", "sessions", str(file)],
        capture_output=True,
        text=True,
        preexec_fn=_capped,
        timeout=120,
    )


def test_an_xls_cell_at_the_last_row_and_column_is_refused(tmp_path: Path) -> None:
    data = bytearray((ROOT / "tests" / "data" / "legacy-fonts.xls").read_bytes())
    # The first LABELSST record (0x00FD) of the sheet: its row and column made 65535.
    at = data.index(b"\xfd\x00\x0a\x00", 2048)
    data[at + 4 : at + 8] = b"\xff\xff\xff\xff"
    file = tmp_path / "xa.xls"
    file.write_bytes(bytes(data))
    result = _import(tmp_path / "s.db", file)
    assert result.returncode == 1, result.stderr
    assert "xa.xls" in result.stderr and "65536 dòng × 65536 cột" in result.stderr


def test_an_xls_whose_dimensions_claim_a_vast_sheet_is_refused(tmp_path: Path) -> None:
    import struct

    data = bytearray((ROOT / "tests" / "data" / "legacy-fonts.xls").read_bytes())
    at = data.index(b"\x00\x02\x0e\x00", 1024)  # DIMENSIONS: rows, then columns
    data[at + 4 : at + 16] = struct.pack("<IIHH", 0, 0x7FFFFFFF, 0, 0xFFFF)
    file = tmp_path / "dim.xls"
    file.write_bytes(bytes(data))
    result = _import(tmp_path / "s.db", file)
    assert result.returncode == 1 and "dim.xls" in result.stderr, result.stderr


@pytest.mark.parametrize("far", ["XFD1048576", "Z1048576"])
def test_an_xlsx_cell_far_from_the_others_is_refused(tmp_path: Path, far: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Chi bộ", "Ngày", "Hình thức"])
    sheet.append(["Chi bộ 1", "20/11/2026", "SH chi bộ"])
    sheet[far] = "x"
    file = tmp_path / "xa.xlsx"
    book.save(file)
    result = _import(tmp_path / "s.db", file)
    assert result.returncode == 1, result.stderr
    assert "xa.xlsx" in result.stderr and "quá 12.000.000 ô" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_long_narrow_sheet_is_not_taken_for_a_wide_one(tmp_path: Path) -> None:
    """A cell in the last row of column C spans a million rows of three columns: within bounds
    (read, then refused for its rows' content, not for its size)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Chi bộ", "Ngày", "Hình thức"])
    sheet["C1048576"] = "x"
    file = tmp_path / "long.xlsx"
    book.save(file)
    result = _import(tmp_path / "s.db", file)
    assert "12.000.000" not in result.stderr and "Traceback" not in result.stderr
