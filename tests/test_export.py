"""`atgt export`: what it writes, `atgt import` reads back into an empty store, the same records;
formula-like text is neutralised; --redact leaves no name behind."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from atgt_cli.importers.headers import FIELDS
from atgt_cli.text import fold

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases

NAMES = ("Nguyễn Văn Ánh", "Trần Thị Bích", "Lê Đức Cường")


_BUILT: list[Path] = []  # the store made once; each test gets its own copy


@pytest.fixture
def filled(atgt, tmp_path: Path, request: pytest.FixtureRequest):
    """The office's store with a unit under an intermediate committee, sessions, members and
    violations (handled, published, a probationary member with a party post)."""
    if _BUILT:
        import sqlite3

        db = tmp_path / "office.db"
        source, target = sqlite3.connect(_BUILT[0]), sqlite3.connect(db)
        with target:
            source.backup(target)
        source.close()
        target.close()

        def run(*args: str, **kwargs: object):
            return atgt(
                "--db", str(db), "--today", "24/11/2026", "--actor", "Văn phòng", *args, **kwargs
            )

        return run
    office = request.getfixturevalue("office")
    for args in (
        ["unit", "add", "Đảng bộ bộ phận Khối A", "--kind", "dang-bo-bo-phan"],
        [
            "unit",
            "add",
            "Chi bộ 3",
            "--kind",
            "chi-bo",
            "--parent",
            "Đảng bộ bộ phận Khối A",
            "--members",
            "5",
            "--since",
            "1/1/2020",  # a count from before the plan
        ],
        ["unit", "members", "Chi bộ 2", "10", "--since", "1/10/2026"],
        [
            "session",
            "add",
            "--unit",
            "cb1",
            "--date",
            "5/11/2026",
            "--channel",
            "SH chi bộ",
            "--topic",
            "luat-ruou-bia",
            "--topic",
            "khong-can-thiep",
            "--item",
            "II.2.a",
            "--present",
            "10",
            "--title",
            "Quán triệt Luật TTATGT",
            "--note",
            '=HYPERLINK("http://x.example","bấm")',
        ],
        [
            "session",
            "add",
            "--unit",
            "Chi bộ 2",
            "--date",
            "14/10/2026",
            "--channel",
            "van-ban",
            "--present",
            "8",
            "--total",
            "9",
            "--note",
            "- phát tài liệu",
            "--evidence",
            "https://x.example/tl.pdf",
        ],
        [
            "session",
            "add",
            "--unit",
            "Chi bộ 1",
            "--date",
            "2/11/2026",
            "--channel",
            "TTĐT",
            "--topic",
            "da-uong-ruou-bia",
            "--url",
            "https://soct.example/tin/1",
            "--title",
            "+ Tin bài tuyên truyền",
        ],
        [
            "session",
            "add",
            "--unit",
            "Công đoàn cơ sở",
            "--date",
            "3/11/2026",
            "--channel",
            "Sinh hoạt công đoàn",
            "--masses",
            "45",
            "--topic",
            "van-hoa-giao-thong",
        ],
        [
            "violation",
            "add",
            "--unit",
            "cb1",
            "--member",
            NAMES[0],
            "--membership",
            "chinh-thuc",
            "--state-title",
            "Trưởng phòng",
            "--category",
            "NĐC",
            "--date",
            "3/10/2026",
            "--known-on",
            "20/10/2026",
            "--alcohol-breath",
            "0.3",
            "--reported-on",
            "22/10/2026",
            "--detected-by",
            "CSGT thông báo",
            "--note",
            "@ghi chú",
        ],
        [
            "violation",
            "handle",
            "1",
            "--outcome",
            "khien-trach",
            "--decided-on",
            "5/11/2026",
            "--decided-by",
            "chi-bo",
            "--decision",
            "Số 05-QĐ/CB",
        ],
        ["violation", "publish", "1", "--on", "10/11/2026", "--where", "Hội nghị chi bộ"],
        [
            "violation",
            "add",
            "--unit",
            "Chi bộ 3",
            "--member",
            NAMES[1],
            "--membership",
            "du-bi",
            "--party-post",
            "Phó Bí thư chi bộ",
            "--category",
            "tu-choi-kiem-tra-con",
            "--date",
            "12/11/2026",
        ],
        [
            "violation",
            "add",
            "--unit",
            "Chi bộ 2",
            "--member",
            NAMES[2],
            "--membership",
            "chinh-thuc",
            "--category",
            "Không đội mũ bảo hiểm",
            "--date",
            "1/9/2026",
        ],
    ):
        result = office(*args)
        assert result.exit_code == 0, (args, result.output)
    _BUILT.append(office.db)
    return office


# Bookkeeping a round trip cannot carry: ids, times, codes, and whether a session's total was
# taken from the unit's count (the file holds the number itself).
IGNORED = {
    "id",
    "unit_id",
    "member_id",
    "plan_id",
    "created_at",
    "member_code",
    "code",
    "total_from_count",
}


def listing(run, *args: str) -> list[dict[str, object]]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return [{k: v for k, v in row.items() if k not in IGNORED} for row in json.loads(result.output)]


def records(run) -> dict[str, list[dict[str, object]]]:
    return {
        "units": listing(run, "unit", "list"),
        "sessions": sorted(
            listing(run, "session", "list"), key=lambda r: (r["held_on"], r["unit"])
        ),
        "violations": sorted(
            listing(run, "violation", "list"), key=lambda r: (r["occurred_on"], r["member"])
        ),
        "members": listing(run, "member", "list"),
    }


def round_trip(filled, atgt, tmp_path: Path, fmt: str) -> None:
    files = {}
    for kind in ("units", "sessions", "violations", "members"):
        files[kind] = tmp_path / f"{kind}.{fmt}"
        result = filled("export", kind, "--format", fmt, "-o", str(files[kind]))
        assert result.exit_code == 0, result.output
    fresh = tmp_path / "fresh.db"

    def new(*args: str):
        return atgt("--db", str(fresh), "--today", "24/11/2026", *args)

    assert new("init").exit_code == 0
    for kind in ("units", "sessions", "violations"):
        result = new("import", kind, str(files[kind]))
        assert result.exit_code == 0, result.output
    before, after = records(filled), records(new)
    assert len(before["sessions"]) == 4 and len(before["violations"]) == 3
    assert len(before["units"]) == 7
    for kind in before:
        assert after[kind] == before[kind], kind


def test_csv_export_imports_back_into_an_empty_store_as_the_same_records(
    filled, atgt, tmp_path: Path
) -> None:
    round_trip(filled, atgt, tmp_path, "csv")


def test_xlsx_export_imports_back_into_an_empty_store_as_the_same_records(
    filled, atgt, tmp_path: Path
) -> None:
    pytest.importorskip("python_calamine")  # the workbook reader of `atgt import`
    round_trip(filled, atgt, tmp_path, "xlsx")


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 only with a BOM
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_goes_to_stdout_with_the_headers_import_knows_and_values_it_reads(filled) -> None:
    result = filled("export", "sessions", "--month", "11/2026")
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout_bytes)
    assert rows[0] == [
        FIELDS["sessions"][f][0]
        for f in (
            "unit",
            "date",
            "channel",
            "topics",
            "item",
            "present",
            "total",
            "masses",
            "title",
            "url",
            "note",
            "evidence",
            "content",
        )
    ]
    assert len(rows) == 4  # the October session is left out
    first = next(r for r in rows if r[1] == "5/11/2026")
    assert first[:8] == [
        "Chi bộ 1",
        "5/11/2026",
        "Sinh hoạt chi bộ",
        "Luật phòng, chống tác hại của rượu, bia; "
        "Không can thiệp vào quá trình kiểm tra, xử lý vi phạm",
        "II.2.a",
        "10",
        "11",
        "",
    ]
    units = read_csv(filled("export", "units").stdout_bytes)
    names = [r[0] for r in units[1:]]
    assert names.index("Đảng bộ bộ phận Khối A") < names.index("Chi bộ 3")  # parent first
    assert ["Chi bộ 3", "Chi bộ", "Đảng bộ bộ phận Khối A", "5", "0", "1/1/2020", ""] in units


def test_text_that_looks_like_a_formula_is_neutralised(filled, tmp_path: Path) -> None:
    rows = read_csv(filled("export", "sessions").stdout_bytes)
    notes = {r[10] for r in rows[1:]} | {r[8] for r in rows[1:]}
    assert '\'=HYPERLINK("http://x.example","bấm")' in notes
    assert "'- phát tài liệu" in notes and "'+ Tin bài tuyên truyền" in notes
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    violations = read_csv(filled("export", "violations").stdout_bytes)
    assert any("'@ghi chú" in row for row in violations)

    from openpyxl import load_workbook

    path = tmp_path / "s.xlsx"
    assert filled("export", "sessions", "-o", str(path)).exit_code == 0
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet  # not a single formula
    cells = [c for row in load_workbook(path).active.iter_rows() for c in row]
    formula_like = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in formula_like} == {
        '=HYPERLINK("http://x.example","bấm")',
        "- phát tài liệu",
        "+ Tin bài tuyên truyền",
    }
    assert all(c.data_type == "s" and c.quotePrefix for c in formula_like)


def test_xlsx_has_real_dates_a_bold_frozen_header_and_widths(filled, tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import load_workbook

    path = tmp_path / "v.xlsx"
    result = filled("export", "violations", "-o", str(path))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(path).active
    assert sheet.title == "Vi phạm" and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:3] == ["Chi bộ", "Họ và tên", "Chính thức/Dự bị"]
    assert all(c.font.b for c in sheet[1])
    day = sheet.cell(row=2, column=7)
    assert day.value == dt.datetime(2026, 9, 1) and day.number_format == "d/m/yyyy"
    assert sheet.column_dimensions["F"].width > 20  # the category labels are long


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["violations", "members"])
def test_redact_leaves_no_member_name_nor_its_unaccented_form(
    filled, tmp_path: Path, fmt: str, kind: str
) -> None:
    path = tmp_path / f"out.{fmt}"
    result = filled("export", kind, "--redact", "-o", str(path))
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        text = path.read_bytes().decode("utf-8-sig")
    else:
        with zipfile.ZipFile(path) as book:
            # openpyxl writes non-ASCII text as character references (&#7897;)
            text = html.unescape("\n".join(book.read(n).decode("utf-8") for n in book.namelist()))
    assert "ĐV-" in text  # names give way to the members' codes
    for name in NAMES:
        assert name not in text and fold(name) not in fold(text)
    for private in ("Trưởng phòng", "Phó Bí thư", "CSGT thông báo", "Hội nghị chi bộ"):
        assert private not in text


def test_files_with_names_are_for_the_owner_only(filled, tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX file modes")
    path = tmp_path / "members.csv"
    assert filled("export", "members", "-o", str(path)).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o600
    rows = read_csv(path.read_bytes())
    assert rows[0] == [
        "Chi bộ",
        "Họ và tên",
        "Chính thức/Dự bị",
        "Chức vụ đảng",
        "Chức vụ chính quyền",
    ]
    assert ["Chi bộ 3", NAMES[1], "dự bị", "Phó Bí thư chi bộ", ""] in rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "sessions", "--format", "xlsx"], "-o"),
        (["export", "sessions", "--format", "ods", "-o", "x.ods"], "--format"),
        (["export", "members", "--month", "11/2026"], "--month"),
        (["export", "sessions", "--month", "13/2026"], "--month"),
    ],
)
def test_bad_export_options_are_refused_in_one_line(office, args, message) -> None:
    result = office(*args)
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("kind", ["units", "sessions", "violations", "members"])
def test_the_workbook_holds_the_same_table_as_the_csv(filled, tmp_path: Path, kind: str) -> None:
    import datetime as dt

    from openpyxl import load_workbook

    path = tmp_path / f"{kind}.xlsx"
    assert filled("export", kind, "-o", str(path)).exit_code == 0
    expected = read_csv(filled("export", kind).stdout_bytes)

    def shown(value: object) -> str:
        if isinstance(value, dt.datetime):
            return f"{value.day}/{value.month}/{value.year}"
        if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
            return "'" + value
        return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    sheet = load_workbook(path).active
    assert [[shown(c.value) for c in row] for row in sheet.iter_rows()] == expected


def test_redacted_sessions_leave_out_free_text(filled) -> None:
    rows = read_csv(filled("export", "sessions", "--redact").stdout_bytes)
    assert len(rows) == 5
    # title, url, note, evidence, content
    assert all(row[8:] == ["", "", "", "", ""] for row in rows[1:])
    assert rows[1][:3] == ["Chi bộ 2", "14/10/2026", "Văn bản"]
