"""Units as offices write them: abbreviations of unit kinds, a name's words in order, aliases
(`atgt unit alias …`), and several units that fit listed with how to tell them apart."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from atgt_cli.store.db import LATEST_VERSION, open_store
from atgt_cli.store.migrations import migrate
from tests.conftest import snapshot

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases

MORE_UNITS = [
    ("Chi bộ Quản lý thị trường", "chi-bo"),
    ("Đoàn Thanh niên", "doan-the"),
    ("Hội Cựu chiến binh", "doan-the"),
    ("Ban Nữ công", "doan-the"),
    ("Đảng bộ bộ phận Khối A", "dang-bo-bo-phan"),
]


@pytest.fixture
def offices(office):
    """The office of conftest with the mass organisations and a few more units."""
    for name, kind in MORE_UNITS:
        result = office("unit", "add", name, "--kind", kind)
        assert result.exit_code == 0, result.output
    return office


def units(office) -> dict[str, dict]:
    result = office("unit", "list", "--json")
    assert result.exit_code == 0, result.output
    return {u["name"]: u for u in json.loads(result.stdout)}


def unit_of_a_new_session(office, typed: str) -> str:
    day = ("--date", "20/11/2026", "--channel", "VB", "--allow-duplicate")
    result = office("session", "add", "--unit", typed, *day)
    assert result.exit_code == 0, result.output
    return json.loads(office("session", "list", "--json").stdout)[-1]["unit"]


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("CB Văn phòng", "Chi bộ Văn phòng"),
        ("cb văn phòng", "Chi bộ Văn phòng"),
        ("C.bộ Văn phòng", "Chi bộ Văn phòng"),
        ("CB VP", "Chi bộ Văn phòng"),
        ("Chi bộ QLTT", "Chi bộ Quản lý thị trường"),
        ("CB QLTT", "Chi bộ Quản lý thị trường"),
        ("Đoàn TN", "Đoàn Thanh niên"),
        ("ĐTN", "Đoàn Thanh niên"),
        ("doan tn", "Đoàn Thanh niên"),
        (unicodedata.normalize("NFD", "Đoàn TN"), "Đoàn Thanh niên"),
        ("Hội CCB", "Hội Cựu chiến binh"),
        ("CCB", "Hội Cựu chiến binh"),
        ("Công đoàn Sở", "Công đoàn cơ sở"),
        ("CĐCS", "Công đoàn cơ sở"),
        ("CĐ", "Công đoàn cơ sở"),
        ("BNC", "Ban Nữ công"),
        ("Ban NC", "Ban Nữ công"),
        ("ĐBBP Khối A", "Đảng bộ bộ phận Khối A"),
        ("ĐU Sở", "Đảng ủy Sở"),
        # what matched before still does
        ("cb1", "Chi bộ 1"),
        ("CB 2", "Chi bộ 2"),
        ("van phong", "Chi bộ Văn phòng"),
    ],
)
def test_a_unit_is_found_as_offices_write_it(offices, typed: str, unit: str) -> None:
    assert unit_of_a_new_session(offices, typed) == unit


def test_several_units_that_fit_are_listed_with_how_to_add_an_alias(offices) -> None:
    before = snapshot(offices.db)
    result = offices("unit", "members", "CB", "3")
    assert result.exit_code == 1
    assert (
        "'CB' có thể là nhiều đơn vị: Chi bộ 1, Chi bộ 2, Chi bộ Quản lý thị trường, "
        "Chi bộ Văn phòng; đặt tên gọi khác cho đơn vị đúng bằng "
        '`atgt unit alias add ĐƠN_VỊ "CB"`' in result.stderr
    )
    english = offices("--lang", "en", "unit", "members", "CB", "3")
    assert "may be several units: Chi bộ 1" in english.stderr
    assert '`atgt unit alias add UNIT "CB"`' in english.stderr
    assert snapshot(offices.db) == before
    # an alias settles it
    assert offices("unit", "alias", "add", "Chi bộ Văn phòng", "CB").exit_code == 0
    assert unit_of_a_new_session(offices, "CB") == "Chi bộ Văn phòng"
    assert unit_of_a_new_session(offices, "cb1") == "Chi bộ 1"


def test_aliases_are_added_listed_matched_and_removed(offices) -> None:
    added = offices("unit", "alias", "add", "cb vp", "VP Sở")
    assert added.exit_code == 0, added.output
    assert "Đã thêm tên gọi khác 'VP Sở' cho Chi bộ Văn phòng." in added.stdout
    again = offices("unit", "alias", "add", "Chi bộ Văn phòng", "vp so")
    assert again.exit_code == 0 and "đã có tên gọi khác 'VP Sở'" in again.stdout
    assert unit_of_a_new_session(offices, "VP Sở") == "Chi bộ Văn phòng"
    assert unit_of_a_new_session(offices, "vp so") == "Chi bộ Văn phòng"

    made = offices("unit", "add", "Chi bộ Kế hoạch", "--kind", "chi-bo", "--alias", "KH")
    assert made.exit_code == 0, made.output
    assert offices("unit", "alias", "add", "Chi bộ Kế hoạch", "Phòng KH").exit_code == 0
    listed = units(offices)
    assert listed["Chi bộ Văn phòng"]["aliases"] == ["VP Sở"]
    assert listed["Chi bộ Kế hoạch"]["aliases"] == ["KH", "Phòng KH"]
    assert listed["Chi bộ 1"]["aliases"] == []
    table = offices("unit", "list").stdout
    assert "Tên gọi khác" in table and "KH; Phòng KH" in table
    assert unit_of_a_new_session(offices, "kh") == "Chi bộ Kế hoạch"

    removed = offices("unit", "alias", "remove", "Chi bộ Kế hoạch", "kh")
    assert removed.exit_code == 0 and "Đã bỏ tên gọi khác 'KH'" in removed.stdout
    assert units(offices)["Chi bộ Kế hoạch"]["aliases"] == ["Phòng KH"]
    missing = offices("unit", "alias", "remove", "Chi bộ Kế hoạch", "KH")
    assert missing.exit_code == 4
    assert "Chi bộ Kế hoạch không có tên gọi khác 'KH' (có: Phòng KH)" in missing.stderr

    log = json.loads(offices("log", "--json").stdout)
    changes = [(e["action"], e["before"], e["after"]) for e in log if e["action"] != "create"]
    assert ("alias-add", None, {"alias": "VP Sở"}) in changes
    assert ("alias-remove", {"alias": "KH"}, None) in changes
    created = next(e for e in log if e["after"] and e["after"].get("name") == "Chi bộ Kế hoạch")
    assert created["after"]["aliases"] == ["KH"]


def test_an_alias_is_refused_where_another_unit_is_read_so(offices) -> None:
    offices("unit", "alias", "add", "Chi bộ 2", "CB Kế hoạch")
    before = snapshot(offices.db)
    for args, other in [
        (["unit", "alias", "add", "Chi bộ 1", "chi bo van phong"], "Chi bộ Văn phòng"),
        (["unit", "alias", "add", "Chi bộ 1", "cb ke hoach"], "Chi bộ 2"),
        (["unit", "alias", "add", "Chi bộ 1", "Chi bộ Kế hoạch"], "Chi bộ 2"),
        (["unit", "alias", "add", "Chi bộ 1", "cb2"], "Chi bộ 2"),  # its initials
        (["unit", "alias", "add", "Chi bộ 1", "Đoàn TN"], "Đoàn Thanh niên"),
        (["unit", "add", "Chi bộ 7", "--kind", "chi-bo", "--alias", "CĐCS"], "Công đoàn cơ sở"),
        (["unit", "add", "CB Kế hoạch", "--kind", "chi-bo"], "Chi bộ 2"),
        (["unit", "rename", "Chi bộ 1", "Chi bộ Kế hoạch"], "Chi bộ 2"),
    ]:
        result = offices(*args)
        assert result.exit_code == 1, args
        assert f"đã là tên hoặc tên gọi khác của đơn vị {other}" in result.stderr, args
    empty = offices("unit", "alias", "add", "Chi bộ 1", " ")
    assert empty.exit_code == 1 and "ALIAS không được để trống" in empty.stderr
    assert snapshot(offices.db) == before


def test_a_sessions_log_with_abbreviated_units_and_aliases_imports_without_a_mapping(
    offices, tmp_path: Path
) -> None:
    offices("unit", "alias", "add", "Chi bộ 2", "Phòng Kế hoạch")
    rows = [
        "Chi bộ,Ngày,Hình thức,Số đảng viên dự",
        "CB Văn phòng,5/11/2026,Văn bản,",
        "Đoàn TN,6/11/2026,Văn bản,",
        "Hội CCB,7/11/2026,Văn bản,",
        "CĐCS,8/11/2026,Văn bản,",
        "Phòng Kế hoạch,9/11/2026,SH chi bộ,7",
        "cb1,10/11/2026,SH chi bộ,9",
    ]
    path = tmp_path / "log.csv"
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    result = offices("import", "sessions", str(path))
    assert result.exit_code == 0, result.output
    listed = json.loads(offices("session", "list", "--json").stdout)
    assert [s["unit"] for s in listed] == [
        "Chi bộ Văn phòng",
        "Đoàn Thanh niên",
        "Hội Cựu chiến binh",
        "Công đoàn cơ sở",
        "Chi bộ 2",
        "Chi bộ 1",
    ]


def test_an_ambiguous_unit_in_a_file_names_the_units_and_writes_nothing(
    offices, tmp_path: Path
) -> None:
    path = tmp_path / "log.csv"
    path.write_text("Chi bộ,Ngày,Hình thức\r\nCB,5/11/2026,Văn bản\r\n", encoding="utf-8")
    before = snapshot(offices.db)
    result = offices("import", "sessions", str(path))
    assert result.exit_code == 1
    assert "'CB' có thể là nhiều đơn vị: Chi bộ 1, Chi bộ 2" in result.stderr
    assert "atgt unit alias add" in result.stderr
    assert snapshot(offices.db) == before


def test_undoing_a_units_import_takes_the_aliases_of_its_units(office, tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("Tên đơn vị,Loại\r\nChi bộ Kỹ thuật,Chi bộ\r\n", encoding="utf-8")
    assert office("import", "units", str(path)).exit_code == 0
    assert office("unit", "alias", "add", "Chi bộ Kỹ thuật", "CB KT").exit_code == 0
    batch = json.loads(office("import", "list", "--json").stdout)[0]["id"]
    # an alias given since is an edit of the unit: undone only with --force
    assert "Chi bộ Kỹ thuật" in office("import", "undo", str(batch)).stderr
    undone = office("import", "undo", str(batch), "--force")
    assert undone.exit_code == 0, undone.output
    assert "Chi bộ Kỹ thuật" not in units(office)
    # the alias went with its unit: it may be given again
    assert office("unit", "alias", "add", "Chi bộ 1", "CB KT").exit_code == 0


def test_a_store_of_version_8_opens_and_takes_aliases(atgt, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, path, backup=False, target=8)
    conn.execute(
        """INSERT INTO unit (name, name_key, kind, created_at)
           VALUES ('Chi bộ Văn phòng', 'chi bo van phong', 'chi-bo', '2026-01-01T00:00:00+00:00')"""
    )
    conn.close()

    run = ("--db", str(path), "--today", "24/11/2026")
    added = atgt(*run, "unit", "alias", "add", "CB Văn phòng", "VP")
    assert added.exit_code == 0, added.output
    listed = json.loads(atgt(*run, "unit", "list", "--json").stdout)
    assert [(u["name"], u["aliases"]) for u in listed] == [("Chi bộ Văn phòng", ["VP"])]
    assert list(tmp_path.glob("old.db.v8-*.bak"))
    store = open_store(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    finally:
        store.close()


def test_a_units_file_may_give_aliases_and_undo_takes_them(office, tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    rows = [
        "Tên đơn vị,Loại,Tên khác",
        "Chi bộ Kỹ thuật,Chi bộ,CB KT; Phòng Kỹ thuật",
        "Đoàn Thanh niên,Đoàn thể,",
    ]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    result = office("import", "units", str(path))
    assert result.exit_code == 0, result.output
    assert units(office)["Chi bộ Kỹ thuật"]["aliases"] == ["CB KT", "Phòng Kỹ thuật"]
    found = office("unit", "members", "Phòng Kỹ thuật", "5")
    assert found.exit_code == 0 and "Chi bộ Kỹ thuật: 5 đảng viên" in found.stdout
    exported = office("export", "units").stdout
    assert "Tên khác" in exported.splitlines()[0] and "CB KT; Phòng Kỹ thuật" in exported
    assert "thêm 0, trùng bỏ qua 2" in office("import", "units", str(path)).stdout

    clash = tmp_path / "clash.csv"
    clash.write_text("Tên đơn vị,Loại,Tên khác\r\nChi bộ 8,Chi bộ,cb1\r\n", encoding="utf-8")
    before = snapshot(office.db)
    refused = office("import", "units", str(clash))
    assert refused.exit_code == 1
    assert "clash.csv:2: 'cb1' đã là tên hoặc tên gọi khác của đơn vị Chi bộ 1" in refused.stderr
    assert snapshot(office.db) == before

    batch = json.loads(office("import", "list", "--json").stdout)[-1]["id"]
    undone = office("import", "undo", str(batch), "--force")  # its count was recorded since
    assert undone.exit_code == 0, undone.output
    assert "Chi bộ Kỹ thuật" not in units(office)
    assert office("unit", "alias", "add", "Chi bộ 1", "CB KT").exit_code == 0
