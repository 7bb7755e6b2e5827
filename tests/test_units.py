"""`atgt unit …`: units as users name them, member counts over time, retirement."""

from __future__ import annotations

import json
import unicodedata

import pytest

from tests.conftest import snapshot

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases


def units(office) -> dict[str, dict]:
    result = office("unit", "list", "--json")
    assert result.exit_code == 0, result.output
    return {u["name"]: u for u in json.loads(result.stdout)}


def test_units_are_listed_with_their_kind_and_current_members(office) -> None:
    listed = units(office)
    assert listed["Chi bộ 1"] | {"id": 0} == {
        "id": 0,
        "name": "Chi bộ 1",
        "kind": "chi-bo",
        "parent": None,
        "retired_on": None,
        "members": 12,
        "exempt": 1,
        "aliases": [],
    }
    assert listed["Công đoàn cơ sở"]["kind"] == "doan-the"
    table = office("unit", "list", env={"COLUMNS": "80"}).stdout
    assert "Chi bộ Văn phòng" in table and "đoàn thể" in table
    assert max(len(line) for line in table.splitlines()) <= 80


@pytest.mark.parametrize(
    "typed",
    ["cb1", "Chi bo 1", "chi bộ 1", "CHI BỘ 1", "chibo1", unicodedata.normalize("NFD", "chi bộ 1")],
)
def test_a_unit_is_found_however_it_is_typed(office, typed: str) -> None:
    result = office("unit", "members", typed, "15", "--since", "1/11/2026")
    assert result.exit_code == 0, result.output
    assert "Chi bộ 1: 15 đảng viên" in result.stdout


def test_unknown_and_ambiguous_units_list_the_choices(office) -> None:
    before = snapshot(office.db)
    unknown = office("unit", "members", "Chi bộ 7", "3")
    assert unknown.exit_code == 1
    assert "không có 'Chi bộ 7'" in unknown.stderr and "Chi bộ 1" in unknown.stderr
    ambiguous = office("unit", "members", "chi bo", "3")
    assert ambiguous.exit_code == 1
    assert "có thể là nhiều đơn vị: Chi bộ 1, Chi bộ 2, Chi bộ Văn phòng" in ambiguous.stderr
    assert '`atgt unit alias add ĐƠN_VỊ "chi bo"`' in ambiguous.stderr
    assert snapshot(office.db) == before


def test_a_unit_name_is_unique_without_diacritics(office) -> None:
    result = office("unit", "add", "chi bo 1", "--kind", "chi-bo")
    assert result.exit_code == 1 and "đã có đơn vị" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # "chi-bộ" is taken now (it is the code chi-bo with its diacritics, as people type
        # it: tests/test_user_words.py); a kind that is none of the four is still refused.
        (["unit", "add", "Chi bộ 9", "--kind", "hội"], "--kind"),
        (
            ["unit", "add", "Chi bộ 9", "--kind", "chi-bo", "--members", "-2"],
            "--members không được âm",
        ),
        (
            ["unit", "add", "Chi bộ 9", "--kind", "chi-bo", "--members", "3", "--exempt", "4"],
            "--exempt (4) lớn hơn",
        ),
        (["unit", "add", "Chi bộ 9", "--kind", "chi-bo", "--exempt", "1"], "cần đi cùng --members"),
        (["unit", "add", "  ", "--kind", "chi-bo"], "NAME không được để trống"),
        (
            ["unit", "members", "cb1", "5", "--since", "1/12/2026"],
            "--since: ngày 1/12/2026 ở tương lai",
        ),
        (["unit", "members", "cb1", "5", "--since", "31/11/2026"], "--since: không có ngày này"),
        (
            ["unit", "add", "Chi bộ 9", "--kind", "chi-bo", "--parent", "Ban X"],
            "--parent: không có 'Ban X'",
        ),
    ],
)
def test_bad_unit_input_is_refused_and_changes_nothing(
    office, args: list[str], message: str
) -> None:
    before = snapshot(office.db)
    result = office(*args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(office.db) == before


def test_parent_units(office) -> None:
    assert (
        office("unit", "add", "Đảng bộ bộ phận Khối A", "--kind", "dang-bo-bo-phan").exit_code == 0
    )
    assert (
        office(
            "unit", "add", "Chi bộ 5", "--kind", "chi-bo", "--parent", "dang bo bo phan khoi a"
        ).exit_code
        == 0
    )
    assert units(office)["Chi bộ 5"]["parent"] == "Đảng bộ bộ phận Khối A"


def test_member_counts_change_over_time_and_sessions_take_the_one_in_force(office) -> None:
    assert (
        office("unit", "members", "cb2", "11", "--exempt", "2", "--since", "1/11/2026").exit_code
        == 0
    )
    office(
        "session",
        "add",
        "--unit",
        "cb2",
        "--date",
        "20/10/2026",
        "--channel",
        "SH chi bộ",
        "--present",
        "8",
    )
    office(
        "session",
        "add",
        "--unit",
        "cb2",
        "--date",
        "20/11/2026",
        "--channel",
        "SH chi bộ",
        "--present",
        "8",
    )
    rows = json.loads(office("session", "list", "--unit", "cb2", "--json").stdout)
    assert [(r["held_on"], r["present"], r["total"]) for r in rows] == [
        ("2026-10-20", 8, 9),
        ("2026-11-20", 8, 9),
    ]
    assert units(office)["Chi bộ 2"]["members"] == 11


def test_rename_keeps_history(office) -> None:
    office("session", "add", "--unit", "cb2", "--date", "20/11/2026", "--channel", "SH chi bộ")
    result = office("unit", "rename", "cb2", "Chi bộ Kế hoạch")
    assert result.exit_code == 0 and "Chi bộ Kế hoạch" in result.stdout
    assert json.loads(office("session", "list", "--json").stdout)[0]["unit"] == "Chi bộ Kế hoạch"
    clash = office("unit", "rename", "Chi bộ Kế hoạch", "CHI BO 1")
    assert clash.exit_code == 1 and "đã có đơn vị" in clash.stderr


def test_a_retired_unit_keeps_its_history_and_takes_no_new_records(office) -> None:
    office("session", "add", "--unit", "cb2", "--date", "10/11/2026", "--channel", "SH chi bộ")
    result = office("unit", "retire", "cb2", "--on", "20/11/2026")
    assert result.exit_code == 0 and "20/11/2026" in result.stdout
    assert units(office)["Chi bộ 2"]["retired_on"] == "2026-11-20"
    before = snapshot(office.db)
    refused = office(
        "session", "add", "--unit", "cb2", "--date", "21/11/2026", "--channel", "SH chi bộ"
    )
    assert refused.exit_code == 1 and "đã ngừng từ 20/11/2026" in refused.stderr
    assert office("unit", "members", "cb2", "4").exit_code == 1
    assert snapshot(office.db) == before
    # its old session can still be corrected
    assert office("session", "edit", "1", "--title", "Sinh hoạt tháng 11").exit_code == 0
    assert office("session", "list", "--unit", "Chi bộ 2").exit_code == 0
