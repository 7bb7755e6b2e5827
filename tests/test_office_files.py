"""Files as offices really keep them: a year's log under a title block, with a blank row, a
total row, the header repeated where the sheet was printed in pages and a signature block; a
violations register that does not say which body decided. They import without a mapping, and
importing them again adds nothing, also once their months are closed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_import import sessions, windows_1258

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases

# As the office words its own columns.
LOG_HEADER = [
    "STT",
    "Tên chi bộ / đoàn thể",
    "Ngày tổ chức",
    "Hình thức tuyên truyền",
    "Số ĐV tham dự",
    "Tổng số đảng viên",
    "Lượt quần chúng",
    "Nội dung",
]


def year_log(path: Path) -> Path:
    """The log a cell's secretary keeps in Excel, as printed and signed."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Năm 2026"
    rows: list[list[object]] = [
        ["ĐẢNG BỘ SỞ CÔNG THƯƠNG"],
        ["SỔ THEO DÕI TUYÊN TRUYỀN TTATGT NĂM 2026"],
        [],
        LOG_HEADER,
        [1, "CB 1", "5/10/2026", "SH chi bộ", 10, 11, None, "Quán triệt Kế hoạch 16-KH/ĐUSCT"],
        [2, "Chi bộ 2", "6/10/2026", "SH chi bộ", 8, 9, None, "Luật TTATGT đường bộ"],
        [],
        [
            3,
            "Chi bộ 1",
            "2/11/2026",
            "Chào cờ",
            None,
            None,
            40,
            "Không lái xe sau khi uống rượu bia",
        ],
        LOG_HEADER,  # the header again, at the top of the printed second page
        [4, "CB2", "9/11/2026", "Văn bản", None, None, None, "Công văn số 12 về Luật rượu bia"],
        [5, "Chi bộ 1", "16/11/2026", "SH chi bộ", 11, 11, 3, None],
        ["Tổng cộng", None, None, None, 29, 31, 43, None],
        [],
        [None, None, None, None, None, "Đồng Nai, ngày 30 tháng 11 năm 2026"],
        ["Người lập biểu", None, None, None, None, "T/M CHI BỘ"],
        [None, None, None, None, None, "BÍ THƯ"],
        ["Trần Thị Bình", None, None, None, None, "Nguyễn Văn An"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:H1")
    sheet.merge_cells("A2:H2")
    book.save(path)
    return path


def test_a_years_log_with_its_title_totals_and_signatures_imports_as_it_is(
    office, tmp_path: Path
) -> None:
    path = year_log(tmp_path / "so-theo-doi-2026.xlsx")
    result = office("import", "sessions", str(path))
    assert result.exit_code == 0, result.output
    assert "5 dòng — thêm 5" in result.stdout
    assert "Bỏ qua 6 dòng không phải dữ liệu" in result.stdout
    per_unit: dict[str, int] = {}
    for s in sessions(office):
        per_unit[s["unit"]] = per_unit.get(s["unit"], 0) + 1
    assert per_unit == {"Chi bộ 1": 3, "Chi bộ 2": 2}
    topics = {s["held_on"]: s["topics"] for s in sessions(office)}
    assert topics["2026-10-05"] == [] and topics["2026-10-06"] == ["luat-ttatgt-duong-bo"]
    assert topics["2026-11-09"] == ["luat-ruou-bia"]
    assert "1 buổi chưa xác định được chủ đề" in result.stdout

    again = office("import", "sessions", str(path))
    assert again.exit_code == 0, again.output
    assert "thêm 0, trùng bỏ qua 5" in again.stdout and "không có gì mới" in again.stdout

    assert office("period", "close", "10/2026").exit_code == 0
    closed = office("import", "sessions", str(path))
    assert closed.exit_code == 0, closed.output  # the closed month's rows change nothing
    assert "thêm 0, trùng bỏ qua 5" in closed.stdout
    batches = json.loads(office("import", "list", "--json").stdout)
    assert len(batches) == 1


def test_the_same_log_saved_as_csv_with_semicolons_imports_alike(office, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(year_log(tmp_path / "log.xlsx"))
    lines = [
        ";".join("" if v is None else str(v) for v in row)
        for row in book.active.iter_rows(values_only=True)
    ]
    for encoding, name in (("utf-8-sig", "bom.csv"), ("cp1258", "ansi.csv")):
        path = tmp_path / name
        text = "\r\n".join(lines) + "\r\n"
        path.write_bytes(text.encode(encoding) if encoding != "cp1258" else windows_1258(text))
        result = office("import", "sessions", str(path), "--dry-run")
        assert result.exit_code == 0, (encoding, result.output)
        assert "5 dòng — thêm 5" in result.stdout, encoding


def test_a_new_row_in_a_closed_month_is_still_refused(office, tmp_path: Path) -> None:
    path = year_log(tmp_path / "log.xlsx")
    assert office("import", "sessions", str(path)).exit_code == 0
    assert office("period", "close", "10/2026").exit_code == 0
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active.insert_rows(7)
    for column, value in enumerate([9, "Chi bộ 2", "20/10/2026", "Chào cờ"], start=1):
        book.active.cell(row=7, column=column, value=value)
    book.save(path)
    refused = office("import", "sessions", str(path))
    assert refused.exit_code == 1
    assert "!Năm 2026!C7: tháng 10/2026 đã khóa sổ" in refused.stderr
    assert len(sessions(office)) == 5


def test_a_retired_unit_takes_records_dated_before_it_retired(office, tmp_path: Path) -> None:
    assert office("unit", "retire", "Chi bộ 2", "--on", "1/11/2026").exit_code == 0
    earlier = office(
        "session", "add", "--unit", "Chi bộ 2", "--date", "20/10/2026", "--channel", "Chào cờ"
    )
    assert earlier.exit_code == 0, earlier.output
    later = office(
        "session", "add", "--unit", "Chi bộ 2", "--date", "2/11/2026", "--channel", "Chào cờ"
    )
    assert later.exit_code == 1 and "đã ngừng từ 1/11/2026" in later.stderr
    path = tmp_path / "log.csv"
    path.write_text(
        "Đơn vị;Ngày;Hình thức\nChi bộ 2;21/10/2026;Văn bản\nChi bộ 2;3/11/2026;Văn bản\n",
        encoding="utf-8-sig",
    )
    refused = office("import", "sessions", str(path))
    assert refused.exit_code == 1
    assert f"{path}:3:Đơn vị: đơn vị 'Chi bộ 2' đã ngừng từ 1/11/2026" in refused.stderr
    assert f"{path}:2:" not in refused.stderr


REGISTER = (
    "STT;Chi bộ;Họ và tên;Hành vi vi phạm;Ngày vi phạm;Ngày biết;Nồng độ cồn (mg/l);"
    "Hình thức xử lý;Ngày quyết định;Ghi chú\n"
    "1;Chi bộ 1;Lê Văn Cường;Vi phạm nồng độ cồn;2/11/2026;5/11/2026;0.2;Khiển trách;20/11/2026;\n"
    "2;Chi bộ 2;Phạm Thị Dung;Không đội mũ bảo hiểm;3/11/2026;3/11/2026;;;;chưa họp xét\n"
    ";;;;;;;;;\n"
    "Tổng số: 2 trường hợp;;;;;;;;;\n"
)


def test_a_register_without_a_deciding_body_imports_with_the_body_not_stated(
    office, tmp_path: Path
) -> None:
    path = tmp_path / "so-vi-pham.csv"
    path.write_bytes(windows_1258(REGISTER))  # saved by an old Excel as Windows-1258
    result = office("import", "violations", str(path))
    assert result.exit_code == 0, result.output
    assert "2 dòng — thêm 2" in result.stdout and "Bỏ qua 1 dòng" in result.stdout
    listed = json.loads(office("violation", "list", "--json").stdout)
    handled = next(v for v in listed if v["outcome"])
    assert (handled["outcome"], handled["decided_by"]) == ("khien-trach", None)
    shown = office("violation", "show", str(handled["id"]))
    assert "cấp quyết định chưa ghi" in shown.stdout
    again = office("import", "violations", str(path))
    assert "thêm 0, trùng bỏ qua 2" in again.stdout
    assert office("period", "close", "11/2026").exit_code == 0
    closed = office("import", "violations", str(path))
    assert closed.exit_code == 0, closed.output
    assert "thêm 0, trùng bỏ qua 2" in closed.stdout


def test_content_is_kept_whole_and_its_topics_found_in_it(office, tmp_path: Path) -> None:
    path = tmp_path / "nhat-ky.csv"
    path.write_text(
        "Đơn vị,Ngày tổ chức,Hình thức,Nội dung\n"
        'Chi bộ 1,3/11/2026,SH chi bộ,"Hướng dẫn thực hiện Luật TTATGT đường bộ; Nghị định'
        ' 168/2024/NĐ-CP"\n'
        "Chi bộ 2,4/11/2026,SH chi bộ,Quán triệt Kế hoạch số 16-KH/ĐUSCT của Đảng ủy Sở\n"
        'Chi bộ 1,10/11/2026,Chào cờ,"Luật phòng, chống tác hại của rượu, bia và không can'
        ' thiệp vào xử lý vi phạm"\n',
        encoding="utf-8",
    )
    result = office("import", "sessions", str(path))
    assert result.exit_code == 0, result.output
    assert "1 buổi chưa xác định được chủ đề" in result.stdout
    stored = {s["held_on"]: s for s in sessions(office)}
    assert stored["2026-11-03"]["topics"] == ["luat-ttatgt-duong-bo"]
    assert stored["2026-11-03"]["content"].startswith("Hướng dẫn thực hiện Luật TTATGT")
    assert stored["2026-11-04"]["topics"] == []
    assert stored["2026-11-10"]["topics"] == ["luat-ruou-bia", "khong-can-thiep"]

    typed = office(
        "session", "add", "--unit", "cb2", "--date", "20/11/2026", "--channel", "Văn bản",
        "--content", "Phổ biến Luật Đường bộ 2024",
    )  # fmt: skip
    assert typed.exit_code == 0, typed.output
    assert sessions(office)[-1]["topics"] == ["luat-duong-bo"]


def test_a_violations_text_gives_its_category_or_vi_pham_khac(office, tmp_path: Path) -> None:
    path = tmp_path / "vi-pham.csv"
    path.write_text(
        "Chi bộ,Họ và tên,Ngày vi phạm,Nội dung vi phạm\n"
        "Chi bộ 1,Lê Văn Cường,2/11/2026,Điều khiển xe máy sau khi uống rượu bia\n"
        "Chi bộ 2,Phạm Thị Dung,3/11/2026,Đỗ xe sai quy định\n",
        encoding="utf-8",
    )
    result = office("import", "violations", str(path))
    assert result.exit_code == 0, result.output
    listed = {v["member"]: v for v in json.loads(office("violation", "list", "--json").stdout)}
    assert listed["Lê Văn Cường"]["category"] == "nong-do-con"
    assert (listed["Phạm Thị Dung"]["category"], listed["Phạm Thị Dung"]["content"]) == (
        "khac",
        "Đỗ xe sai quy định",
    )
