"""`atgt import sessions`: files as offices keep them, checked whole, written as one batch."""

from __future__ import annotations

import codecs
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from atgt_cli.importers.legacy import from_unicode
from tests.conftest import VENV_BIN, snapshot

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
ROWS = [
    [
        "Chi bộ 1",
        "5/11/2026",
        "Sinh hoạt chi bộ",
        "Luật phòng, chống tác hại của rượu, bia",
        "10",
        "",
        "Họp thường kỳ",
    ],
    ["cb2", "06/11/2026", "SH chi bộ", "không can thiệp", "8/9", "", ""],
    ["Đảng ủy Sở", "2026-11-02", "Chào cờ", "", "", "45", "đầu tuần"],
]


def write(
    path: Path,
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    title: bool = False,
    legacy: str | None = None,
) -> Path:
    lines = (["BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN THÁNG 11/2026", ""] if title else []) + [
        delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in rows
    ]
    text = "\r\n".join(lines) + "\r\n"
    if legacy:
        path.write_bytes(from_unicode(text, legacy).encode("cp1252"))
    elif encoding == "utf-8-sig":
        path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    elif encoding == "nfd":
        path.write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    elif encoding == "cp1258":
        path.write_bytes(windows_1258(text))
    else:
        path.write_bytes(text.encode(encoding))
    return path


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """As Windows does it: vowel letters (â, ă, ơ…) precomposed, tone marks combining after."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def sessions(office) -> list[dict]:
    return json.loads(office("session", "list", "--json").stdout)


@pytest.mark.parametrize(
    ("encoding", "delimiter", "legacy"),
    [
        ("utf-8", ",", None),
        ("utf-8-sig", ";", None),
        ("utf-16", "\t", None),  # Excel's "Unicode text"
        ("utf-16-le", "\t", None),
        ("nfd", ",", None),
        ("cp1258", ";", None),
        ("cp1252", ",", "tcvn3"),
        ("cp1252", "\t", "vni"),
    ],
)
def test_encodings_and_delimiters(
    office, tmp_path: Path, encoding: str, delimiter: str, legacy: str | None
) -> None:
    rows = [HEADER, *ROWS]
    if encoding == "cp1258":  # Windows-1258 cannot hold every precomposed letter: keep to its own
        rows = [
            HEADER,
            [
                "Chi bộ 1",
                "5/11/2026",
                "Sinh hoạt chi bộ",
                "Luật phòng, chống tác hại của rượu, bia",
                "10",
                "",
                "Họp",
            ],
        ]
    path = write(tmp_path / "f.csv", rows, delimiter=delimiter, encoding=encoding, legacy=legacy)
    args = ["import", "sessions", str(path)] + (["--legacy", legacy] if legacy else [])
    result = office(*args)
    assert result.exit_code == 0, result.output
    stored = sessions(office)
    assert len(stored) == len(rows) - 1
    first = next(s for s in stored if s["held_on"] == "2026-11-05")
    assert (
        first["unit"] == "Chi bộ 1"
        and first["topics"] == ["luat-ruou-bia"]
        and (first["present"], first["total"]) == (10, 11)
    )


def test_title_lines_english_headers_and_date_styles(office, tmp_path: Path) -> None:
    rows = [
        ["unit", "date", "channel", "present", "total", "title"],
        ["cb1", "5/11/26", "van-ban", "", "", "Công văn"],
        ["cb1", "2026-11-06", "sinh-hoat-chi-bo", "7", "11", ""],
    ]
    assert (
        office("import", "sessions", str(write(tmp_path / "e.csv", rows, title=True))).exit_code
        == 0
    )
    assert [s["held_on"] for s in sessions(office)] == ["2026-11-05", "2026-11-06"]


def test_a_file_without_a_unit_column_takes_unit(office, tmp_path: Path) -> None:
    rows = [
        ["Ngày", "Hình thức", "Tiêu đề", "Đường dẫn"],
        ["10/11/2026", "TTĐT", "Tin bài", "https://x.vn/1"],
    ]
    path = write(tmp_path / "w.csv", rows)
    assert office("import", "sessions", str(path)).exit_code == 1
    assert office("import", "sessions", str(path), "--unit", "cb1").exit_code == 0
    assert sessions(office)[0]["channel"] == "trang-ttdt"


def test_three_bad_cells_are_all_named_and_nothing_is_written(office, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ROWS[0],
        ["cb1", "31/11/2026", "SH chi bộ", "", "", "", ""],
        ["Chi bộ 9", "7/11/2026", "SH chi bộ", "", "", "", ""],
        ["cb1", "8/11/2026", "họp dân", "", "", "", ""],
    ]
    path = write(tmp_path / "bad.csv", rows)
    before = snapshot(office.db)
    result = office("import", "sessions", str(path), "--rejects", str(tmp_path / "rej.csv"))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{path}:3:Ngày: không có ngày này: 31/11/2026" in lines
    assert any(line.startswith(f"{path}:4:Chi bộ: không có 'Chi bộ 9'") for line in lines)
    assert any(line.startswith(f"{path}:5:Hình thức: không có 'họp dân'") for line in lines)
    assert "3 lỗi; không ghi gì vào kho" in result.stderr
    assert snapshot(office.db) == before
    rejects = (tmp_path / "rej.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rejects[0].endswith(",Lỗi") and len(rejects) == 4
    skipped = office("import", "sessions", str(path), "--skip-invalid")
    assert skipped.exit_code == 0 and len(sessions(office)) == 1


def test_a_month_first_date_column_is_reported_as_swapped(office, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["cb1", "11/05/2026", "SH chi bộ", "", "", "", ""],
        ["cb1", "11/13/2026", "SH chi bộ", "", "", "", ""],
        ["cb1", "11/20/2026", "SH chi bộ", "", "", "", ""],
    ]
    result = office("import", "sessions", str(write(tmp_path / "us.csv", rows)))
    assert result.exit_code == 1
    assert "tháng trước ngày (mm/dd): 2 ô như '11/13/2026'" in result.stderr
    assert sessions(office) == []


def test_reimport_adds_nothing_and_a_longer_file_adds_only_the_new_rows(
    office, tmp_path: Path
) -> None:
    path = write(tmp_path / "s.csv", [HEADER, *ROWS[:2]])
    assert "thêm 2" in office("import", "sessions", str(path)).stdout
    assert "thêm 0, trùng bỏ qua 2" in office("import", "sessions", str(path)).stdout
    longer = write(tmp_path / "s2.csv", [HEADER, *ROWS])
    assert "thêm 1, trùng bỏ qua 2" in office("import", "sessions", str(longer)).stdout
    assert len(sessions(office)) == 3


def test_a_conflict_is_listed_and_applied_only_with_update(office, tmp_path: Path) -> None:
    office("import", "sessions", str(write(tmp_path / "a.csv", [HEADER, ROWS[0]])))
    changed = [[*ROWS[0][:4], "11", *ROWS[0][5:]]]
    path = write(tmp_path / "b.csv", [HEADER, *changed])
    result = office("import", "sessions", str(path))
    assert (
        result.exit_code == 0
        and "xung đột 1" in result.stdout
        and "khác bản ghi số 1" in result.stderr
    )
    assert sessions(office)[0]["present"] == 10
    updated = office("import", "sessions", str(path), "--update")
    assert "sửa 1" in updated.stdout
    assert sessions(office)[0]["present"] == 11
    (entry,) = [
        e
        for e in json.loads(office("log", "--json", "--entity", "session:1").stdout)
        if e["action"] == "import-update"
    ]
    assert entry["before"] == {"present": 10} and entry["after"] == {"present": 11}
    # undoing the update restores the old value
    batch = json.loads(office("import", "list", "--json").stdout)[-1]["id"]
    assert office("import", "undo", str(batch)).exit_code == 0
    assert sessions(office)[0]["present"] == 10


def test_rules_across_cells_name_their_column(office, tmp_path: Path) -> None:
    rows = [
        ["Chi bộ", "Ngày", "Hình thức", "Số đảng viên dự", "Tổng số đảng viên", "Đường dẫn"],
        ["cb1", "5/11/2026", "SH chi bộ", "13", "12", ""],  # more present than members
        ["cb1", "6/11/2026", "TTĐT", "", "", ""],  # a web post needs its link
        ["cb1", "7/11/2026", "TTĐT", "", "", "x.vn/bai"],  # not an http(s) link
        ["Chi bộ Văn phòng", "8/11/2026", "SH chi bộ", "5", "", ""],  # no member count known
        ["cb2", "9/11/2026", "SH chi bộ", " 8 ", "", "  "],  # spaces around cells are fine
    ]
    path = write(tmp_path / "rules.csv", rows)
    result = office("import", "sessions", str(path))
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    # In the user's words, never the command line's options (Import 3/3).
    assert f"{path}:2:Số đảng viên dự: Số đảng viên dự (13) lớn hơn tổng số (12)" in lines
    assert f"{path}:3:Đường dẫn: tin, bài trên Trang thông tin điện tử cần đường dẫn" in lines
    assert "--present" not in result.stderr and "--url" not in result.stderr
    assert f"{path}:4:Đường dẫn: 'x.vn/bai' không phải đường dẫn http(s)" in lines
    assert any(line.startswith(f"{path}:5:Số đảng viên dự: ") for line in lines)
    assert "4 lỗi" in result.stderr and sessions(office) == []
    assert office("import", "sessions", str(path), "--skip-invalid").exit_code == 0
    (kept,) = sessions(office)
    assert (kept["unit"], kept["present"], kept["total"], kept["url"]) == ("Chi bộ 2", 8, 9, None)


def test_a_key_repeated_in_the_file_is_written_once(office, tmp_path: Path) -> None:
    first = ["cb1", "5/11/2026", "SH chi bộ", "", "10", "", ""]
    rows = [
        HEADER,
        first,
        [
            "Chi bộ 1",
            "05/11/2026",
            "Sinh hoạt chi bộ",
            "",
            "10",
            "",
            "",
        ],  # the same, spelt otherwise
        ["cb1", "5/11/2026", "SH chi bộ", "", "9", "", ""],  # the same key, other values
        ["cb2", "5/11/2026", "SH chi bộ", "", "7", "", ""],
    ]
    path = write(tmp_path / "rep.csv", rows)
    result = office("import", "sessions", str(path))
    assert result.exit_code == 0
    assert f"{path}:4: cùng khóa với dòng 2 nhưng khác giá trị" in result.stderr.splitlines()
    assert "thêm 2" in result.stdout
    stored = {(s["unit"], s["present"]) for s in sessions(office)}
    assert stored == {("Chi bộ 1", 10), ("Chi bộ 2", 7)}
    # Again, into a store that holds the key: nothing new, the repeat still named.
    again = office("import", "sessions", str(path))
    assert "thêm 0, trùng bỏ qua 2" in again.stdout
    assert f"{path}:4: cùng khóa với dòng 2 nhưng khác giá trị" in again.stderr.splitlines()


def test_undo_removes_the_batch_and_respects_closed_months(office, tmp_path: Path) -> None:
    office("import", "sessions", str(write(tmp_path / "a.csv", [HEADER, *ROWS])))
    office("period", "close", "11/2026")
    refused = office("import", "undo", "1")
    assert refused.exit_code == 1 and "đã khóa sổ" in refused.stderr
    office("period", "reopen", "11/2026", "--reason", "sửa nhập nhầm")
    assert office("import", "undo", "1").exit_code == 0
    assert sessions(office) == []
    assert office("import", "undo", "1").exit_code == 1
    assert json.loads(office("import", "list", "--json").stdout)[0]["undone_at"]


def test_dry_run_and_json_summary(office, tmp_path: Path) -> None:
    result = office(
        "import", "sessions", str(write(tmp_path / "a.csv", [HEADER, *ROWS])), "--dry-run", "--json"
    )
    summary = json.loads(result.stdout)
    assert (summary["rows"], summary["added"], summary["dry_run"]) == (3, 3, True)
    assert sessions(office) == [] and json.loads(office("import", "list", "--json").stdout) == []


def test_stdin_and_a_mapping_file(office, tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns:\n  Đơn vị tổ chức: unit\n  Loại hình: channel\n  Ngày họp: date\nvalues:\n  channel:\n    Họp chi bộ tháng: sinh-hoat-chi-bo\n",
        encoding="utf-8",
    )
    data = "Đơn vị tổ chức,Ngày họp,Loại hình\ncb1,5/11/2026,Họp chi bộ tháng\n"
    result = office("import", "sessions", "-", "--mapping", str(mapping), input=data)
    assert result.exit_code == 0, result.output
    assert sessions(office)[0]["channel"] == "sinh-hoat-chi-bo"


def test_kill_9_during_a_large_import_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    atgt_bin = VENV_BIN / "atgt"
    if not atgt_bin.exists():
        pytest.skip("atgt is not installed in this environment")
    db = tmp_path / "k.db"
    env = {**os.environ, "ATGT_DB": str(db), "ATGT_TODAY": "30/11/2026"}
    for args in (
        ["init"],
        ["unit", "add", "Chi bộ 1", "--kind", "chi-bo", "--members", "12", "--since", "1/1/2024"],
    ):
        subprocess.run([str(atgt_bin), *args], env=env, check=True, capture_output=True)
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as f:
        f.write("Chi bộ,Ngày,Hình thức,Tiêu đề\n")
        # Large enough to still be running at the kill (a million rows take several seconds).
        f.writelines(
            f"cb1,{1 + i % 28}/{1 + (i // 28) % 10}/2026,SH chi bộ,Buổi {i}\n"
            for i in range(1_000_000)
        )
    process = subprocess.Popen(
        [str(atgt_bin), "import", "sessions", str(big)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the import ended before the kill"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM propaganda_session").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM import_batch").fetchone()[0] == 0
    conn.close()
    assert sys.platform != "win32"


def test_units_import_with_parents_and_undo(atgt, tmp_path: Path) -> None:
    db = str(tmp_path / "u.db")
    atgt("--db", db, "init")
    rows = [
        ["Tên đơn vị", "Loại", "Trực thuộc", "Số đảng viên", "Miễn sinh hoạt", "Từ ngày"],
        ["Đảng bộ bộ phận Khối A", "Đảng bộ bộ phận", "", "", "", ""],
        ["Chi bộ 1", "chi bộ", "Đảng bộ bộ phận Khối A", "12", "1", "1/1/2026"],
        ["Công đoàn cơ sở", "Đoàn thể", "", "", "", ""],
    ]
    path = write(tmp_path / "units.csv", rows, title=True)
    result = atgt("--db", db, "--today", "24/11/2026", "import", "units", str(path))
    assert result.exit_code == 0, result.output
    units = {u["name"]: u for u in json.loads(atgt("--db", db, "unit", "list", "--json").stdout)}
    assert (
        units["Chi bộ 1"]["parent"] == "Đảng bộ bộ phận Khối A"
        and units["Chi bộ 1"]["members"] == 12
    )
    assert "thêm 0, trùng bỏ qua 3" in atgt("--db", db, "import", "units", str(path)).stdout
    orphan = write(tmp_path / "o.csv", [rows[0], ["Chi bộ 9", "chi bộ", "Khối Z", "", "", ""]])
    refused = atgt("--db", db, "import", "units", str(orphan))
    assert refused.exit_code == 1 and "không có đơn vị 'Khối Z'" in refused.stderr
    assert atgt("--db", db, "import", "undo", "1").exit_code == 0
    assert json.loads(atgt("--db", db, "unit", "list", "--json").stdout) == []


def test_violations_import_follows_the_party_rules(office, tmp_path: Path) -> None:
    header = [
        "Chi bộ",
        "Họ và tên",
        "Chính thức/Dự bị",
        "Chức vụ đảng",
        "Hành vi vi phạm",
        "Ngày vi phạm",
        "Ngày biết",
        "Nồng độ cồn (mg/l)",
        "Ngày báo cáo",
        "Hình thức xử lý",
        "Ngày quyết định",
        "Cấp quyết định",
    ]
    good = [
        header,
        [
            "cb1",
            "Nguyễn Văn An",
            "dự bị",
            "",
            "Vi phạm nồng độ cồn",
            "1/11/2026",
            "5/11/2026",
            "0.4",
            "8/11/2026",
            "khiển trách",
            "20/11/2026",
            "chi bộ",
        ],
        [
            "cb2",
            "Trần Thị Bình",
            "chính thức",
            "Bí thư chi bộ",
            "Vượt đèn đỏ",
            "2/11/2026",
            "",
            "",
            "",
            "cách chức",
            "21/11/2026",
            "đảng ủy",
        ],
    ]
    assert office("import", "violations", str(write(tmp_path / "v.csv", good))).exit_code == 0
    stored = json.loads(office("violation", "list", "--json").stdout)
    assert [(v["member"], v["alcohol_tier"], v["outcome"], v["late"]) for v in stored] == [
        ("Nguyễn Văn An", 2, "khien-trach", False),
        ("Trần Thị Bình", None, "cach-chuc", True),
    ]
    assert (
        "trùng bỏ qua 2"
        in office("import", "violations", str(write(tmp_path / "v.csv", good))).stdout
    )
    bad = [
        header,
        [
            "cb1",
            "Lê Văn C",
            "dự bị",
            "",
            "Vượt đèn đỏ",
            "1/11/2026",
            "",
            "",
            "",
            "cách chức",
            "20/11/2026",
            "chi bộ",
        ],
        ["Công đoàn cơ sở", "Phạm D", "", "", "Vượt đèn đỏ", "1/11/2026", "", "", "", "", "", ""],
    ]
    before = snapshot(office.db)
    result = office("import", "violations", str(write(tmp_path / "bad.csv", bad)))
    assert result.exit_code == 1
    # The refusal now says what is possible for a dự bị member.
    assert "Hình thức xử lý: đảng viên dự bị (vào ngày vi phạm) không thể cách chức" in (
        result.stderr
    )
    assert "là đoàn thể" in result.stderr
    assert snapshot(office.db) == before
    # Undo takes the violations back, and the people the file brought with them.
    assert office("import", "undo", "1").exit_code == 0
    assert json.loads(office("violation", "list", "--json").stdout) == []
    assert json.loads(office("member", "list", "--json").stdout) == []
