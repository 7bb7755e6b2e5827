"""Headers as offices word them: known wordings and their small variations (a note in brackets,
numbering, "*", line breaks, abbreviations), a row of column numbers, row numbers ("STT")
ignored, unknown columns named once in the summary, a missing column named with the columns
seen, and `--show-mapping`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from atgt_cli.importers.headers import (
    DUPLICATE,
    FIELDS,
    ROW_NUMBER,
    UNKNOWN,
    find_header,
    match_header,
    read_header,
)
from tests.conftest import snapshot
from tests.test_import import sessions

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases


def write(path: Path, rows: list[list[str]]) -> Path:
    """A CSV file as Excel saves one (a cell with a line break is quoted)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


TITLE = [
    ["ĐẢNG BỘ SỞ CÔNG THƯƠNG", "", "", "ĐẢNG CỘNG SẢN VIỆT NAM"],
    ["CHI BỘ 1"],
    ["SỔ THEO DÕI KẾT QUẢ TUYÊN TRUYỀN TTATGT THÁNG 11/2026"],
    [],
]
# A sessions log as a cell's secretary keeps it: title block, office wordings, a row of column
# numbers under the header, a total row.
LOG = [
    *TITLE,
    [
        "STT",
        "Tên chi bộ / đoàn thể",
        "Ngày tổ chức (dd/mm/yyyy)",
        "Hình thức tuyên truyền*",
        "Số ĐV\ntham dự",
        "Tổng số ĐV",
        "Lượt QC",
        "1. Ghi chú",
    ],
    ["1", "2", "3", "4", "5", "6", "7", "8"],
    ["1", "Chi bộ 1", "5/11/2026", "Sinh hoạt chi bộ", "10", "11", "", "Họp thường kỳ"],
    ["2", "Công đoàn cơ sở", "12/11/2026", "Văn bản", "", "", "40", ""],
    ["", "Tổng cộng", "", "", "10", "", "40", ""],
]


def test_a_sessions_log_with_office_wordings_under_a_title_block(office, tmp_path: Path) -> None:
    result = office("import", "sessions", str(write(tmp_path / "log.csv", LOG)))
    assert result.exit_code == 0, result.output
    stored = sorted(sessions(office), key=lambda s: s["held_on"])
    assert [
        (s["unit"], s["held_on"], s["channel"], s["present"], s["total"], s["masses"], s["note"])
        for s in stored
    ] == [
        ("Chi bộ 1", "2026-11-05", "sinh-hoat-chi-bo", 10, 11, None, "Họp thường kỳ"),
        ("Công đoàn cơ sở", "2026-11-12", "van-ban", None, None, 40, None),
    ]
    # Every column was understood and the row numbers are no news: no line about columns.
    assert "--mapping" not in result.output


def test_an_unknown_column_is_named_once_and_the_file_imports(office, tmp_path: Path) -> None:
    rows = [
        ["STT", "Chi bộ", "Ngày", "Hình thức", "Địa điểm", "Người chủ trì"],
        ["1", "cb1", "5/11/2026", "SH chi bộ", "Hội trường", "Đ/c Bí thư"],
        ["2", "cb2", "6/11/2026", "SH chi bộ", "Phòng họp", "Đ/c Phó Bí thư"],
    ]
    path = write(tmp_path / "u.csv", rows)
    result = office("import", "sessions", str(path))
    assert result.exit_code == 0, result.output
    assert len(sessions(office)) == 2
    lines = [line for line in result.stdout.splitlines() if "--mapping" in line]
    assert lines == [
        'Cột không dùng: "Địa điểm" (cột 5), "Người chủ trì" (cột 6). '
        "Dùng --mapping để gán cột cho một trường nếu cần."
    ]
    assert "STT" not in result.output
    english = office("--lang", "en", "import", "sessions", str(path), "--json")
    assert [c["header"] for c in json.loads(english.stdout)["unused_columns"]] == [
        "Địa điểm",
        "Người chủ trì",
    ]
    again = office("--lang", "en", "import", "sessions", str(path))
    assert 'Columns not used: "Địa điểm" (column 5), "Người chủ trì" (column 6).' in again.stdout


def test_an_unknown_column_is_named_even_when_the_file_is_refused(office, tmp_path: Path) -> None:
    rows = [["Chi bộ", "Ngày", "Hình thức", "Địa điểm"], ["cb1", "31/11/2026", "SH chi bộ", "x"]]
    result = office("import", "sessions", str(write(tmp_path / "r.csv", rows)))
    assert result.exit_code == 1
    assert '"Địa điểm" (cột 4)' in result.stderr


def test_show_mapping_prints_each_column_and_touches_no_store(office, tmp_path: Path) -> None:
    header = len(TITLE)
    rows = [[*row, "Địa điểm" if number == header else ""] for number, row in enumerate(LOG)]
    path = write(tmp_path / "log.csv", rows)
    before = snapshot(office.db)
    result = office("import", "sessions", str(path), "--show-mapping")
    assert result.exit_code == 0, result.output
    assert snapshot(office.db) == before
    lines = result.stdout.splitlines()
    row = {line.split("│")[1].strip(): line for line in lines if line.count("│") == 4}
    assert "không dùng (số thứ tự)" in row["1"] and "STT" in row["1"]
    assert "Tên chi bộ / đoàn thể" in row["2"] and "unit (Chi bộ)" in row["2"]
    assert "Số ĐV tham dự" in row["5"] and "present (" in row["5"]
    assert "Địa điểm" in row["9"] and "không dùng" in row["9"]
    assert lines[-1] == f"{path}: dòng tiêu đề là dòng 5; chưa ghi gì vào kho."
    shown = json.loads(office("import", "sessions", str(path), "--show-mapping", "--json").stdout)
    assert shown["header_row"] == 5
    assert [(c["column"], c["field"], c["unused"]) for c in shown["columns"]] == [
        ("1", None, "row_number"),
        ("2", "unit", None),
        ("3", "date", None),
        ("4", "channel", None),
        ("5", "present", None),
        ("6", "total", None),
        ("7", "masses", None),
        ("8", "note", None),
        ("9", None, "unknown"),
    ]
    assert snapshot(office.db) == before


def test_show_mapping_needs_no_store_and_names_workbook_columns(atgt, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN"])
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append([None, "Đơn vị", "Thời gian", "Hình thức", "Số người tham gia"])
    sheet.append([None, "Chi bộ 1", "5/11/2026", "Văn bản", 12])
    book.save(tmp_path / "b.xlsx")
    db = tmp_path / "none.db"
    result = atgt(
        "--db", str(db), "import", "sessions", str(tmp_path / "b.xlsx"), "--show-mapping", "--json"
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["header_row"] == 3
    # "Số người tham gia" may be members or not: left for --mapping to say, never guessed.
    assert [(c["column"], c["field"]) for c in shown["columns"]] == [
        ("B", "unit"),
        ("C", "date"),
        ("D", "channel"),
        ("E", None),
    ]
    assert not db.exists()


def test_a_violations_register_as_offices_word_it(office, tmp_path: Path) -> None:
    rows = [
        ["ĐẢNG ỦY SỞ CÔNG THƯƠNG"],
        ["SỔ THEO DÕI ĐẢNG VIÊN VI PHẠM TRẬT TỰ, AN TOÀN GIAO THÔNG"],
        [],
        [
            "STT",
            "Họ và tên đảng viên",
            "Chi bộ",
            "Hành vi vi phạm",
            "Ngày",
            "Ngày phát hiện",
            "Hình thức kỷ luật",
            "Ngày quyết định",
            "Cấp quyết định",
            "Số QĐ",
        ],
        [
            "1",
            "Nguyễn Văn An",
            "cb1",
            "Vượt đèn đỏ",
            "1/11/2026",
            "5/11/2026",
            "khiển trách",
            "20/11/2026",
            "chi bộ",
            "05-QĐ/CB",
        ],
    ]
    result = office("import", "violations", str(write(tmp_path / "v.csv", rows)))
    assert result.exit_code == 0, result.output
    assert "--mapping" not in result.output
    (stored,) = json.loads(office("violation", "list", "--json").stdout)
    assert (
        stored["member"],
        stored["unit"],
        stored["occurred_on"],
        stored["known_on"],
        stored["outcome"],
        stored["decided_on"],
        stored["decided_by"],
        stored["decision"],
    ) == (
        "Nguyễn Văn An",
        "Chi bộ 1",
        "2026-11-01",
        "2026-11-05",
        "khien-trach",
        "2026-11-20",
        "chi-bo",
        "05-QĐ/CB",
    )


def test_a_header_without_a_needed_column_names_it_and_the_columns_seen(
    office, tmp_path: Path
) -> None:
    rows = [
        ["BÁO CÁO"],
        ["STT", "Ngày", "Hình thức", "Địa điểm"],
        ["1", "5/11/2026", "SH chi bộ", ""],
    ]
    result = office("import", "sessions", str(path := write(tmp_path / "m.csv", rows)))
    assert result.exit_code == 1
    assert (
        f'{path}: dòng tiêu đề (dòng 2) thiếu cột Chi bộ; các cột có: "STT", "Ngày", '
        '"Hình thức", "Địa điểm". Dùng --mapping để chỉ cột nào là Chi bộ'
    ) in result.stderr
    assert office("import", "sessions", str(path), "--unit", "cb1").exit_code == 0
    # No row that looks like a header at all: the needed columns are listed, as before.
    none = office("import", "sessions", str(write(tmp_path / "n.csv", [["a", "b"], ["1", "2"]])))
    assert none.exit_code == 1
    assert "không tìm thấy dòng tiêu đề có các cột Chi bộ, Ngày, Hình thức" in none.stderr


def test_a_mapping_file_names_a_column_or_leaves_it_out(office, tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  Nơi tổ chức: note\n  Địa điểm: ~\n", encoding="utf-8")
    rows = [
        ["Chi bộ", "Ngày", "Hình thức", "Nơi tổ chức", "Địa điểm"],
        ["cb1", "5/11/2026", "SH chi bộ", "Hội trường", "x"],
    ]
    result = office(
        "import", "sessions", str(write(tmp_path / "p.csv", rows)), "--mapping", str(mapping)
    )
    assert result.exit_code == 0, result.output
    assert "--mapping" not in result.output
    assert sessions(office)[0]["note"] == "Hội trường"


# The header-mapping rules themselves.


def test_every_listed_wording_names_its_own_field() -> None:
    for kind, fields in FIELDS.items():
        for field, names in fields.items():
            for name in (field, *names):
                assert match_header([name], kind) == {0: field}, (kind, name)


def test_general_headers_yield_to_specific_ones_in_either_order() -> None:
    for cells in (["Tổng số", "Tổng số đảng viên"], ["Tổng số đảng viên", "Tổng số"]):
        columns, unused = read_header(cells, "sessions")
        specific = cells.index("Tổng số đảng viên")
        assert columns == {specific: "total"} and unused == {1 - specific: DUPLICATE}
    columns, _ = read_header(["Ngày", "Ngày quyết định", "Ngày vi phạm"], "violations")
    assert columns == {1: "decided_on", 2: "date"}
    # In a register "Ngày" alone is the day of the violation; a note naming a field is kept.
    assert match_header(["Ngày", "Ngày (quyết định)"], "violations") == {
        0: "date",
        1: "decided_on",
    }


def test_content_keeps_the_mapping_the_fields_give_it() -> None:
    owner = next(f for f, names in FIELDS["sessions"].items() if "Nội dung" in names)
    assert match_header(["Nội dung (ghi rõ)"], "sessions") == {0: owner}


def test_row_numbers_are_left_out_and_unknown_columns_kept_apart() -> None:
    columns, unused = read_header(["STT", "Số TT", "TT", "", "Chi bộ", "Địa điểm"], "sessions")
    assert columns == {4: "unit"}
    assert unused == {0: ROW_NUMBER, 1: ROW_NUMBER, 2: ROW_NUMBER, 5: UNKNOWN}


def test_the_header_is_found_under_a_title_block_and_over_column_numbers() -> None:
    rows = [
        ["ĐẢNG BỘ SỞ CÔNG THƯƠNG"],
        ["CHI BỘ 1"],
        ["Chi bộ"],  # one known word is a title, not a header
        [],
        ["Đơn vị", "Ngày", "Hình thức"],
        ["(1)", "(2)", "(3)"],
        ["Chi bộ 1", "5/11/2026", "Văn bản"],
    ]
    found = find_header(rows, "sessions")
    assert found is not None and (found.row, found.data_start, found.missing) == (4, 6, ())


NOTES = st.sampled_from(["", " (người)", " (dd/mm/yyyy)", " (ghi rõ)", "*", " [1]", ":"])
NUMBERING = st.sampled_from(["", "1. ", "2) ", "IV. ", "10 - "])


@given(
    kind=st.sampled_from(sorted(FIELDS)),
    data=st.data(),
    numbering=NUMBERING,
    note=NOTES,
    upper=st.booleans(),
    breaks=st.booleans(),
)
def test_small_variations_of_a_known_header_name_the_same_field(
    kind: str, data: st.DataObject, numbering: str, note: str, upper: bool, breaks: bool
) -> None:
    field = data.draw(st.sampled_from(sorted(FIELDS[kind])))
    name = data.draw(st.sampled_from(FIELDS[kind][field]))
    cell = numbering + (name.replace(" ", "\n", 1) if breaks else name) + note
    assert match_header([cell.upper() if upper else cell], kind) == {0: field}


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("Số người tham gia", "sessions"), ("Địa điểm", "sessions"), ("Nồng độ cồn", "violations")],
)
def test_headers_that_could_mean_two_things_are_not_guessed(cell: str, kind: str) -> None:
    assert read_header([cell], kind) == ({}, {0: UNKNOWN})
