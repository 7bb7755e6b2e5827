"""Numbers as offices type them ("1.200" and "1,500" are thousands in a count, "9,5" is no
count, "0,25" is a level) and workbook cells that hold no value (Excel's error cells, formulas
never calculated), through `atgt import` on files the tests build."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from atgt_cli.importers import faults
from tests.conftest import ROOT, snapshot

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases

HEADER = [
    "Chi bộ",
    "Ngày",
    "Hình thức",
    "Nội dung",
    "Số đảng viên dự",
    "Lượt quần chúng",
    "Ghi chú",
]
CODES = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]


@dataclass(frozen=True)
class Error:
    """An error cell (what Excel stores for a formula that failed)."""

    code: str


@dataclass(frozen=True)
class Formula:
    """A formula with no value: openpyxl writes none, as any program that does not calculate."""

    text: str


def workbook(path: Path, rows: list[list[object]], *, sheet: str = "Tháng 11") -> Path:
    """rows from A1; a str is text as typed (even "#N/A" or "=1"), None an empty cell."""
    from openpyxl import Workbook

    book = Workbook()
    out = book.active
    out.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            if isinstance(value, Error):
                out.cell(row=r, column=c, value=value.code).data_type = "e"
            elif isinstance(value, Formula):
                out.cell(row=r, column=c, value=value.text)
            else:
                cell = out.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
    book.save(path)
    return path


def csv_file(path: Path, rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def sessions(office) -> list[dict]:
    return json.loads(office("session", "list", "--json").stdout)


# --- counts and levels --------------------------------------------------------------------------


def test_thousands_in_a_csv_and_a_fraction_refused_by_name(office, tmp_path: Path) -> None:
    rows = [
        ["Chi bộ", "Ngày", "Hình thức", "Số đảng viên dự", "Lượt quần chúng"],
        ["cb1", "5/11/2026", "SH chi bộ", "10", "1.200"],
        ["cb2", "6/11/2026", "SH chi bộ", "8.0", "1,500"],
        ["cb1", "7/11/2026", "Chào cờ", "9,5", ""],
        ["cb2", "8/11/2026", "Chào cờ", "", "1.200.000"],
    ]
    path = csv_file(tmp_path / "bc.csv", rows)
    before = snapshot(office.db)
    result = office("import", "sessions", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{path}:4:Số đảng viên dự: '9,5' không phải số nguyên" in lines
    assert f"{path}:5:Lượt quần chúng: quá lớn (1200000; tối đa 1000000)" in lines
    assert snapshot(office.db) == before
    english = office("--lang", "en", "import", "sessions", str(path))
    assert f"{path}:4:Số đảng viên dự: '9,5' is not a whole number" in english.stderr
    good = csv_file(tmp_path / "good.csv", rows[:3])
    assert office("import", "sessions", str(good)).exit_code == 0
    stored = {s["held_on"]: (s["present"], s["masses"]) for s in sessions(office)}
    assert stored == {"2026-11-05": (10, 1200), "2026-11-06": (8, 1500)}


def test_thousands_and_fractions_in_a_workbook(office, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        HEADER,
        ["Chi bộ 1", "5/11/2026", "SH chi bộ", None, 10.0, "1.200", None],  # a number cell 10.0
        ["Chi bộ 2", "6/11/2026", "SH chi bộ", None, "8", 1500.0, None],
        ["Chi bộ 1", "7/11/2026", "Chào cờ", None, "9,5", None, None],  # text
        ["Chi bộ 2", "8/11/2026", "Chào cờ", None, None, 9.5, None],  # a number cell 9.5
    ]
    path = workbook(tmp_path / "bc.xlsx", rows)
    result = office("import", "sessions", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{path}!Tháng 11!E4: '9,5' không phải số nguyên" in lines
    assert f"{path}!Tháng 11!F5: '9.5' không phải số nguyên" in lines
    assert "2 lỗi; không ghi gì vào kho" in result.stderr
    assert (
        office("import", "sessions", str(workbook(tmp_path / "ok.xlsx", rows[:3]))).exit_code == 0
    )
    stored = {s["held_on"]: (s["present"], s["masses"]) for s in sessions(office)}
    assert stored == {"2026-11-05": (10, 1200), "2026-11-06": (8, 1500)}


def test_a_member_count_typed_with_thousands_and_one_with_a_fraction(
    office, tmp_path: Path
) -> None:
    rows = [
        ["Tên đơn vị", "Loại", "Số đảng viên", "Từ ngày"],
        ["Đảng bộ Khối", "đảng ủy", "1.250", "1/1/2026"],
        ["Chi bộ Kho", "chi bộ", "7,5", "1/1/2026"],
    ]
    refused = office("import", "units", str(csv_file(tmp_path / "dv.csv", rows)))
    assert refused.exit_code == 1
    assert f"{tmp_path / 'dv.csv'}:3:Số đảng viên: '7,5' không phải số nguyên" in refused.stderr
    assert office("import", "units", str(csv_file(tmp_path / "ok.csv", rows[:2]))).exit_code == 0
    units = {u["name"]: u for u in json.loads(office("unit", "list", "--json").stdout)}
    assert units["Đảng bộ Khối"]["members"] == 1250


def test_an_alcohol_level_with_a_decimal_comma(office, tmp_path: Path) -> None:
    rows = [
        ["Chi bộ", "Họ và tên", "Hành vi vi phạm", "Ngày vi phạm", "Nồng độ cồn (mg/l)"],
        ["cb1", "Nguyễn Văn An", "Vi phạm nồng độ cồn", "1/11/2026", "0,25"],
        ["cb2", "Trần Thị Bình", "Vi phạm nồng độ cồn", "2/11/2026", "0,4"],
    ]
    result = office("import", "violations", str(csv_file(tmp_path / "vp.csv", rows)))
    assert result.exit_code == 0, result.output
    stored = json.loads(office("violation", "list", "--json").stdout)
    levels = {v["member"]: (v["alcohol_breath"], v["alcohol_tier"]) for v in stored}
    assert levels == {"Nguyễn Văn An": (0.25, 1), "Trần Thị Bình": (0.4, 2)}


# --- cells that hold no value -------------------------------------------------------------------


def test_error_cells_and_a_formula_with_no_value_are_refused_on_their_cell(
    office, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        [*HEADER, "Tỷ lệ"],
        ["Chi bộ 1", "5/11/2026", "SH chi bộ", None, 10, Error("#N/A"), "họp", None],
        ["Chi bộ 1", "6/11/2026", "SH chi bộ", None, Formula("=1+1"), None, None, None],
        # Text typed as "#N/A" is text; an error in a column the import does not read is no
        # matter.
        ["Chi bộ 2", "7/11/2026", "Chào cờ", None, None, 30, "#N/A", Error("#DIV/0!")],
        ["Chi bộ 2", "8/11/2026", Error("#REF!"), None, None, None, None, None],
        # A formula filled down below the table, and the total row: no records.
        [None, None, None, None, None, Error("#N/A"), None, None],
        ["Tổng cộng", None, None, None, Formula("=SUM(E2:E5)"), None, None, None],
    ]
    path = workbook(tmp_path / "loi.xlsx", rows)
    before = snapshot(office.db)
    rejects = tmp_path / "tra-lai.xlsx"
    result = office("import", "sessions", str(path), "--rejects", str(rejects))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{path}!Tháng 11!F2: ô lỗi #N/A" in lines
    assert any(line.startswith(f"{path}!Tháng 11!E3: công thức chưa có giá trị") for line in lines)
    assert f"{path}!Tháng 11!C5: ô lỗi #REF!" in lines
    assert "3 lỗi; không ghi gì vào kho" in result.stderr
    assert snapshot(office.db) == before
    from openpyxl import load_workbook

    table = [[c.value for c in row] for row in load_workbook(rejects).active.iter_rows()]
    assert [row[-1] for row in table[1:]] == [
        "Lượt quần chúng: ô lỗi #N/A",
        "Số đảng viên dự: công thức chưa có giá trị (mở tệp bằng Excel hoặc LibreOffice rồi lưu lại)",
        "Hình thức: ô lỗi #REF!",
    ]
    assert table[1][5] == "#N/A"  # the cell as the office sees it
    english = office("--lang", "en", "import", "sessions", str(path))
    assert f"{path}!Tháng 11!F2: error cell #N/A" in english.stderr
    assert f"{path}!Tháng 11!E3: a formula with no value" in english.stderr
    skipped = office("import", "sessions", str(path), "--skip-invalid")
    assert skipped.exit_code == 0, skipped.output
    assert "4 dòng — thêm 1" in skipped.stdout and "bỏ ra vì lỗi 3" in skipped.stdout
    ((held_on, masses, note),) = [(s["held_on"], s["masses"], s["note"]) for s in sessions(office)]
    assert (held_on, masses, note) == ("2026-11-07", 30, "#N/A")


def test_error_cells_in_units_and_violations_workbooks(office, tmp_path: Path) -> None:
    units = workbook(
        tmp_path / "dv.xlsx",
        [
            ["Tên đơn vị", "Loại", "Số đảng viên", "Từ ngày"],
            ["Chi bộ Kho", "chi bộ", Error("#REF!"), "1/1/2026"],
            ["Chi bộ Xe", "chi bộ", Formula("=3+4"), "1/1/2026"],
        ],
        sheet="Đơn vị",
    )
    result = office("import", "units", str(units))
    assert result.exit_code == 1
    assert f"{units}!Đơn vị!C2: ô lỗi #REF!" in result.stderr
    assert f"{units}!Đơn vị!C3: công thức chưa có giá trị" in result.stderr
    violations = workbook(
        tmp_path / "vp.xlsx",
        [
            ["Chi bộ", "Họ và tên", "Hành vi vi phạm", "Ngày vi phạm", "Nồng độ cồn (mg/l)"],
            ["cb1", "Nguyễn Văn An", "Vi phạm nồng độ cồn", "1/11/2026", Error("#VALUE!")],
            ["cb1", "Trần Thị Bình", "Vi phạm nồng độ cồn", "2/11/2026", "0,25"],
        ],
        sheet="Vi phạm",
    )
    result = office("import", "violations", str(violations))
    assert result.exit_code == 1
    assert f"{violations}!Vi phạm!E2: ô lỗi #VALUE!" in result.stderr.splitlines()
    assert "1 lỗi" in result.stderr


def test_error_cells_of_an_xls_file(office) -> None:
    # tests/data/error-cells.xls: a sheet whose F2 is =30/0 and E3 a VLOOKUP that finds
    # nothing, and G4 the text "#N/A", saved by LibreOffice (soffice --convert-to xls).
    path = ROOT / "tests" / "data" / "error-cells.xls"
    result = office("import", "sessions", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{path}!Tháng 11!F2: ô lỗi #DIV/0!" in lines
    assert f"{path}!Tháng 11!E3: ô lỗi #N/A" in lines
    assert "2 lỗi" in result.stderr


# --- the reader -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_each_error_reaches_the_reader_by_its_cell(tmp_path: Path, code: str) -> None:
    path = workbook(tmp_path / "e.xlsx", [["a", "b"], ["x", Error(code)], [code, Formula("=A1")]])
    assert faults.faulty_cells(path, "Tháng 11") == {2: {1: code}, 3: {1: faults.NO_VALUE}}


SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<{p}worksheet xmlns{colon}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<{p}sheetData>
<{p}row r="1"><{p}c r="A1" t="e"><{p}v>#N/A</{p}v></{p}c><{p}c r="B1" t="str"><{p}f>""</{p}f><{p}v></{p}v></{p}c></{p}row>
<{p}row r="2">
  <{p}c r="A2" t="e">
    <{p}f>1/0</{p}f>
    <{p}v>#DIV/0!</{p}v>
  </{p}c>
  <{p}c r="B2"><{p}f>1+1</{p}f><{p}v>2</{p}v></{p}c>
  <{p}c r="C2"><{p}f>1+1</{p}f><{p}v></{p}v></{p}c>
  <{p}c r="D2"><{p}f t="shared" si="0"/></{p}c>
  <{p}c r="E2"><{p}f t="shared" si="0"/><{p}v>3</{p}v></{p}c>
  <{p}c r="F2" t="str"><{p}f>LEN(" t='e' ")</{p}f></{p}c>
  <{p}c r="G2" t="inlineStr"><{p}is><{p}t>t="e"</{p}t></{p}is></{p}c>
  <{p}c r="H2" t="e"/>
</{p}row>
</{p}sheetData>
<{p}conditionalFormatting sqref="A1"><{p}cfRule type="expression"><{p}formula>A1&gt;0</{p}formula></{p}cfRule></{p}conditionalFormatting>
</{p}worksheet>"""
EXPECTED = {1: {0: "#N/A"}, 2: {0: "#DIV/0!", 2: "", 3: "", 5: "", 7: ""}}


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_the_sheet_xml_searched_or_parsed_gives_the_same_cells(prefix: str) -> None:
    xml = SHEET.format(p=prefix, colon=prefix[:-1] and ":" + prefix[:-1]).encode()
    assert faults._search(io.BytesIO(xml)) == EXPECTED
    assert faults._scan(io.BytesIO(xml)) == EXPECTED
    # Cells without references (r="B3") are counted by the parser.
    bare = xml.replace(b' r="', b' data-r="')
    with pytest.raises(faults._Missing):
        faults._search(io.BytesIO(bare))
    assert faults._scan(io.BytesIO(bare)) == EXPECTED


def test_a_sheet_read_a_megabyte_at_a_time_loses_no_cell(tmp_path: Path) -> None:
    rows: list[list[object]] = [["a", "b"]]
    rows += [[f"dòng {n} " * 20, Error("#N/A") if n % 997 == 0 else n] for n in range(20_000)]
    path = workbook(tmp_path / "big.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 3 << 20
    expected = {n + 2: {1: "#N/A"} for n in range(20_000) if n % 997 == 0}
    assert faults.faulty_cells(path, "Tháng 11") == expected
