"""`atgt import … FILE.xlsx|FILE.xls`: workbooks as offices fill them, under a title block, with
real and typed dates, legacy-font cells; problems named FILE!Sheet!CELL."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atgt_cli.importers.legacy import from_unicode
from atgt_cli.importers.reading import column_letter
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
TITLE = ["ĐẢNG ỦY SỞ XÂY DỰNG", "BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN THÁNG 11/2026"]
# The .xls fixture: book(…, LEGACY_ROWS, fonts=LEGACY_FONTS) saved by LibreOffice as .xls
# (soffice --headless --convert-to xls), kept so that the tests need no LibreOffice.
XLS = ROOT / "tests" / "data" / "legacy-fonts.xls"


def book(
    path: Path,
    rows: list[list[object]],
    *,
    sheet: str = "Tháng 11",
    fonts: dict[tuple[int, int], str] | None = None,
    first_column: int = 1,
    before: list[str] | None = None,
) -> Path:
    """A workbook as offices make one: a merged title block, a blank row, then the table (from
    column `first_column`, 1 = A). fonts: (row, column) in `rows`, 0-based → font name."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in before or []:
        workbook.create_sheet(name).append(["Hướng dẫn điền biểu mẫu"])
    lists = workbook.create_sheet("Danh mục")  # a hidden sheet of values, as templates have
    lists.append(["Sinh hoạt chi bộ"])
    lists.sheet_state = "hidden"
    out = workbook.create_sheet(sheet)
    width = max(len(r) for r in rows)
    for number, line in enumerate(TITLE, start=1):
        out.cell(row=number, column=first_column, value=line)
        out.merge_cells(
            start_row=number,
            start_column=first_column,
            end_row=number,
            end_column=first_column + width - 1,
        )
    top = len(TITLE) + 2  # a blank row under the title
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == "":
                continue
            cell = out.cell(row=top + r, column=first_column + c, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text typed with a leading "=", not a formula
            if fonts and (r, c) in fonts:
                cell.font = Font(name=fonts[(r, c)])
    workbook.save(path)
    return path


def sessions(office) -> list[dict]:
    return json.loads(office("session", "list", "--json").stdout)


def test_a_title_block_merged_cells_and_every_kind_of_date(office, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        HEADER,
        [
            "Chi bộ 1",
            dt.date(2026, 11, 5),
            "SH chi bộ",
            "Luật phòng, chống tác hại của rượu, bia",
            10.0,
            "",
            "Họp thường kỳ",
        ],
        ["cb2", "06/11/2026", "Sinh hoạt chi bộ", "", 8, "", ""],
        ["Đảng ủy Sở", 46328, "Chào cờ", "", "", 45, "đầu tuần"],  # Excel's day number of 2/11/2026
        ["Chi bộ 1", dt.datetime(2026, 11, 9, 7, 30), "Chào cờ", "", "", 30.0, ""],
    ]
    path = book(tmp_path / "bao-cao.xlsx", rows)
    result = office("import", "sessions", str(path))
    assert result.exit_code == 0, result.output
    assert "4 dòng — thêm 4" in result.stdout
    stored = {(s["unit"], s["held_on"]): s for s in sessions(office)}
    assert sorted(stored) == [
        ("Chi bộ 1", "2026-11-05"),
        ("Chi bộ 1", "2026-11-09"),
        ("Chi bộ 2", "2026-11-06"),
        ("Đảng ủy Sở", "2026-11-02"),
    ]
    first = stored[("Chi bộ 1", "2026-11-05")]
    assert (first["present"], first["total"], first["topics"], first["note"]) == (
        10,
        11,
        ["luat-ruou-bia"],
        "Họp thường kỳ",
    )
    assert stored[("Đảng ủy Sở", "2026-11-02")]["masses"] == 45
    again = office("import", "sessions", str(path))
    assert "thêm 0, trùng bỏ qua 4" in again.stdout
    assert "không có gì mới" in again.stdout
    batches = json.loads(office("import", "list", "--json").stdout)
    assert [b["file_name"] for b in batches] == ["bao-cao.xlsx"]  # a re-import adds no batch


def test_three_bad_cells_are_named_by_sheet_and_cell(office, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        HEADER,
        ["Chi bộ 1", dt.date(2026, 11, 5), "SH chi bộ", "", 10, "", ""],
        ["cb1", "31/11/2026", "SH chi bộ", "", "", "", ""],
        ["Chi bộ 9", "7/11/2026", "SH chi bộ", "", "", "", ""],
        ["cb1", dt.date(2026, 11, 8), "họp dân", "", "", "", "=1+1 chưa tính"],
    ]
    # The table starts at column B, its header on row 4: the bad cells are C6, B7 and D8.
    path = book(tmp_path / "bad.xlsx", rows, first_column=2)
    before = snapshot(office.db)
    rejects = tmp_path / "loi.xlsx"
    result = office("import", "sessions", str(path), "--rejects", str(rejects))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{path}!Tháng 11!C6: không có ngày này: 31/11/2026" in lines
    assert any(line.startswith(f"{path}!Tháng 11!B7: không có 'Chi bộ 9'") for line in lines)
    assert any(line.startswith(f"{path}!Tháng 11!D8: không có 'họp dân'") for line in lines)
    assert "3 lỗi; không ghi gì vào kho" in result.stderr
    assert snapshot(office.db) == before
    from openpyxl import load_workbook

    sheet = load_workbook(rejects).active
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    assert table[0] == [*HEADER, "Lỗi"] and len(table) == 4
    assert table[1][:2] == ["cb1", "31/11/2026"] and table[1][-1].startswith("Ngày: ")
    assert table[3][6] == "=1+1 chưa tính" and sheet.cell(row=4, column=7).data_type == "s"
    skipped = office("import", "sessions", str(path), "--skip-invalid")
    assert skipped.exit_code == 0 and len(sessions(office)) == 1


def test_only_the_first_sheet_unless_sheet_names_another(office, tmp_path: Path) -> None:
    rows: list[list[object]] = [HEADER, ["Chi bộ 1", "5/11/2026", "SH chi bộ", "", "", "", ""]]
    path = book(tmp_path / "hai-trang.xlsx", rows, sheet="Số liệu", before=["Hướng dẫn"])
    first = office("import", "sessions", str(path))
    assert first.exit_code == 1 and "không tìm thấy dòng tiêu đề" in first.stderr
    unknown = office("import", "sessions", str(path), "--sheet", "Tháng 12")
    assert unknown.exit_code == 1
    assert (
        "không có trang tính 'Tháng 12'; các trang: Hướng dẫn, Danh mục, Số liệu" in unknown.stderr
    )
    named = office("import", "sessions", str(path), "--sheet", "so lieu")  # as typed, no accents
    assert named.exit_code == 0, named.output
    assert len(sessions(office)) == 1
    text = tmp_path / "a.csv"
    text.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    refused = office("import", "sessions", str(text), "--sheet", "Số liệu")
    assert refused.exit_code == 1 and "--sheet chỉ dùng cho bảng tính" in refused.stderr


# Legacy fonts: header in the upper-case TCVN3 font, body rows in TCVN3, VNI and Unicode fonts.
LEGACY_ROWS: list[list[object]] = [
    [from_unicode(h.lower(), "tcvn3") for h in HEADER],
    [
        "Chi bộ 1",
        dt.date(2026, 11, 5),
        "Sinh hoạt chi bộ",
        "Luật phòng, chống tác hại của rượu, bia",
        10,
        "",
        "Họp thường kỳ",
    ],
    ["Chi bộ 2", "6/11/2026", "Chào cờ", "", "", 12, "Đọc văn bản mới"],
    ["Chi bộ Văn phòng", 46335, "Văn bản", "", "", "", "Gửi công văn hướng dẫn"],
]
ENCODED = {1: "tcvn3", 2: "vni"}  # body row → encoding of its text cells (row 3 stays Unicode)
LEGACY_FONTS = {(0, c): ".VnTimeH" for c in range(len(HEADER))} | {
    (r, c): ".VnTime" if encoding == "tcvn3" else "VNI-Times"
    for r, encoding in ENCODED.items()
    for c in range(len(HEADER))
}


def legacy_rows() -> list[list[object]]:
    return [
        [from_unicode(v, ENCODED[r]) if r in ENCODED and isinstance(v, str) else v for v in row]
        for r, row in enumerate(LEGACY_ROWS)
    ]


def assert_unicode(office) -> None:
    stored = {s["unit"]: s for s in sessions(office)}
    assert {u: (s["held_on"], s["channel"], s["note"]) for u, s in stored.items()} == {
        "Chi bộ 1": ("2026-11-05", "sinh-hoat-chi-bo", "Họp thường kỳ"),
        "Chi bộ 2": ("2026-11-06", "sinh-hoat-dau-tuan", "Đọc văn bản mới"),
        "Chi bộ Văn phòng": ("2026-11-09", "van-ban", "Gửi công văn hướng dẫn"),
    }
    assert stored["Chi bộ 1"]["topics"] == ["luat-ruou-bia"]


def test_tcvn3_and_vni_cells_are_found_by_their_font(office, tmp_path: Path) -> None:
    rows = legacy_rows()
    assert rows[1][0] == "Chi bé 1" and rows[0][0] == "chi bé"  # what the old fonts drew
    path = book(tmp_path / "cu.xlsx", rows, fonts=LEGACY_FONTS)
    result = office("import", "sessions", str(path))
    assert result.exit_code == 0, result.output
    assert_unicode(office)


def test_a_legacy_font_on_unicode_text_and_forced_conversion(office, tmp_path: Path) -> None:
    # Unicode typed in a cell still formatted .VnTime is left as it is.
    rows: list[list[object]] = [
        HEADER,
        ["Chi bộ 1", "5/11/2026", "Chào cờ", "", "", "", "Lễ chào cờ"],
    ]
    fonts = {(1, c): ".VnTime" for c in range(len(HEADER))}
    path = book(tmp_path / "u.xlsx", rows, fonts=fonts)
    assert office("import", "sessions", str(path)).exit_code == 0
    assert sessions(office)[0]["note"] == "Lễ chào cờ"
    # --legacy converts every text cell, whatever its font.
    typed = [[from_unicode(v, "vni") if isinstance(v, str) else v for v in row] for row in rows]
    typed[1][1] = "6/11/2026"
    forced = book(tmp_path / "vni.xlsx", typed)
    assert office("import", "sessions", str(forced), "--legacy", "vni").exit_code == 0
    assert [s["note"] for s in sessions(office)] == ["Lễ chào cờ", "Lễ chào cờ"]


def test_a_workbook_whose_default_font_is_tcvn3_and_cells_without_references(
    office, tmp_path: Path
) -> None:
    """Every cell in .VnTime (the workbook's own default font), written by a tool that leaves
    out the optional cell references: the fonts pass counts its way along the rows."""
    import re
    import zipfile

    full = [*LEGACY_ROWS[1][:5], 3, LEGACY_ROWS[1][6]]  # no empty cell: none is written
    rows = [
        [from_unicode(v, "tcvn3") if isinstance(v, str) else v for v in r] for r in (HEADER, full)
    ]
    plain = book(tmp_path / "plain.xlsx", rows, first_column=1)
    path = tmp_path / "vntime.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/styles.xml":
                data = re.sub(rb'<name val="[^"]*"/>', b'<name val=".VnTime"/>', data)
            elif item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", data)
            target.writestr(item, data)
    result = office("import", "sessions", str(path))
    assert result.exit_code == 0, result.output
    (stored,) = sessions(office)
    assert (stored["unit"], stored["note"]) == ("Chi bộ 1", "Họp thường kỳ")


def test_an_xls_file_with_legacy_fonts(office) -> None:
    result = office("import", "sessions", str(XLS))
    assert result.exit_code == 0, result.output
    assert_unicode(office)
    again = office("import", "sessions", str(XLS))
    assert "thêm 0, trùng bỏ qua 3" in again.stdout


def test_units_and_violations_from_workbooks(office, tmp_path: Path) -> None:
    units = book(
        tmp_path / "dv.xlsx",
        [
            ["Tên đơn vị", "Loại", "Số đảng viên", "Từ ngày"],
            ["Chi bộ Kho", "chi bộ", 7.0, dt.date(2026, 1, 1)],
        ],
    )
    assert office("import", "units", str(units)).exit_code == 0
    violations = book(
        tmp_path / "vp.xlsx",
        [
            ["Chi bộ", "Họ và tên", "Hành vi vi phạm", "Ngày vi phạm", "Nồng độ cồn (mg/l)"],
            ["Chi bộ Kho", "Nguyễn Văn An", "Vi phạm nồng độ cồn", 46327, 0.4],
        ],
    )
    result = office("import", "violations", str(violations))
    assert result.exit_code == 0, result.output
    (stored,) = json.loads(office("violation", "list", "--json").stdout)
    assert (stored["unit"], stored["occurred_on"], stored["alcohol_tier"]) == (
        "Chi bộ Kho",
        "2026-11-01",
        2,
    )


def test_a_damaged_workbook_is_one_clear_error(office, tmp_path: Path) -> None:
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    result = office("import", "sessions", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Lỗi: {path}: không đọc được bảng tính")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (3, "D"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


TEXT = st.text(
    st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn"), exclude_characters="_"
    ),
    max_size=10,
)  # "_x0041_" is OOXML's escape for "A": openpyxl writes it as it is, Excel would not
CELLS = st.one_of(
    TEXT,
    TEXT.map(lambda s: unicodedata.normalize("NFD", f"  {s} ")),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(min_value=-1e9, max_value=1e9).map(lambda x: round(x, 3)),  # as people type them
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(CELLS, max_size=4), min_size=1, max_size=4))
def test_cells_come_back_as_the_text_a_person_would_type(
    tmp_path: Path, rows: list[list[object]]
) -> None:
    from openpyxl import Workbook

    from atgt_cli.importers.workbook import open_workbook

    workbook = Workbook()
    sheet = workbook.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(["#", *row, "#"], start=1):  # "#": a used first and last column
            cell = sheet.cell(row=r, column=c, value=value if value != "" else None)
            if isinstance(value, str):
                cell.data_type = "s"  # "=…" typed as text
            elif isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    path = tmp_path / "h.xlsx"
    workbook.save(path)
    _, read = open_workbook(str(path), sheet=None, legacy=None)

    def typed(value: object) -> str:
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value).strip()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    width = max(len(row) for row in rows) + 2
    expected = [
        (["#", *map(typed, row), "#"] + [""] * width)[:width] for row in rows
    ]  # each row as written, padded to the sheet's width
    assert list(read) == expected
