"""Correcting any record through the CLI: members deleted or merged, units deleted, an import
undone over later edits, a session recorded twice, a member count changed in the past. Every
refusal leaves the store as it was."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import snapshot

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases


def log(office, *args: str) -> list[dict]:
    result = office("log", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def refused(office, *args: str, code: int = 1) -> str:
    """The command's error message, after checking it changed nothing."""
    before = snapshot(office.db)
    result = office(*args)
    assert result.exit_code == code, result.output
    assert snapshot(office.db) == before
    return result.output


def violation(office, member: str, day: str = "1/11/2026", unit: str = "cb1") -> str:
    result = office(
        "violation",
        "add",
        "--unit",
        unit,
        "--member",
        member,
        "--category",
        "vượt đèn đỏ",
        "--date",
        day,
        "--membership",
        "chinh-thuc",
    )
    assert result.exit_code == 0, result.output
    return re.search(r"ĐV-[0-9A-F]{4}", result.stdout).group(0)


def members(office) -> list[dict]:
    return json.loads(office("member", "list", "--json").stdout)


# --- member delete and merge ----------------------------------------------------------------------


def test_a_member_without_violations_is_deleted_and_audited(office) -> None:
    assert (
        office("member", "add", "Nguyễn Văn Ân", "--unit", "cb1", "--membership", "du-bi").exit_code
        == 0
    )
    code = members(office)[0]["code"]
    result = office("member", "delete", code)
    assert result.exit_code == 0, result.output
    assert code in result.stdout
    assert members(office) == []
    entry = log(office, "--entity", "member")[-1]
    assert entry["action"] == "delete" and entry["before"]["name"] == "Nguyễn Văn Ân"


def test_a_member_with_violations_is_not_deleted_and_the_message_says_how_many(office) -> None:
    code = violation(office, "Nguyễn Văn An")
    violation(office, "Nguyễn Văn An", "2/11/2026")
    message = refused(office, "member", "delete", code)
    assert "2 vi phạm" in message and "atgt member merge" in message


def test_deleting_an_unknown_member_is_not_found(office) -> None:
    assert "ĐV-0000" in refused(office, "member", "delete", "ĐV-0000", code=4)


def test_merge_moves_the_violations_and_removes_the_second_record(office) -> None:
    kept = violation(office, "Nguyễn Văn An")
    dropped = violation(office, "Nguyen Van An (2)", "3/11/2026")
    violation(office, "Nguyen Van An (2)", "4/11/2026")
    result = office("member", "merge", kept, dropped)
    assert result.exit_code == 0, result.output
    assert "2 vi phạm" in result.stdout
    assert [m["code"] for m in members(office)] == [kept]
    listed = json.loads(office("violation", "list", "--json").stdout)
    assert {v["member_code"] for v in listed} == {kept}
    entry = log(office, "--entity", "member")[-1]
    assert entry["action"] == "merge"
    assert entry["after"]["violations"] == [2, 3] and entry["before"]["code"] == dropped
    moved = [e for e in log(office, "--entity", "violation") if e["action"] == "merge"]
    assert [e["entity"] for e in moved] == ["violation:2", "violation:3"]


def test_merge_refuses_members_of_two_units_and_the_same_record(office) -> None:
    a = violation(office, "Nguyễn Văn An")
    b = violation(office, "Nguyễn Văn An", unit="cb2")
    assert "khác đơn vị" in refused(office, "member", "merge", a, b)
    assert "cùng một bản ghi" in refused(office, "member", "merge", a, a)


def test_merge_is_refused_when_a_moved_violation_is_in_a_closed_month(office) -> None:
    a = violation(office, "Nguyễn Văn An")
    b = violation(office, "Nguyễn Văn Ann", "5/10/2026")
    assert office("period", "close", "10/2026").exit_code == 0
    assert "10/2026" in refused(office, "member", "merge", a, b)


def test_merge_is_refused_when_a_moved_outcome_does_not_suit_the_member_kept(office) -> None:
    """Khai trừ decided for B, a full member, cannot move to A, a probationary one."""
    added = office("member", "add", "Trần Văn Bé", "--unit", "cb1", "--membership", "du-bi")
    assert added.exit_code == 0, added.output
    (kept,) = [m["code"] for m in members(office) if m["name"] == "Trần Văn Bé"]
    dropped = violation(office, "Trần Văn Bé (2)")
    handled = office(
        "violation", "handle", "1", "--outcome", "khai-tru", "--decided-on", "20/11/2026",
        "--decided-by", "dang-uy",
    )  # fmt: skip
    assert handled.exit_code == 0, handled.output
    assert "dự bị" in refused(office, "member", "merge", kept, dropped)


# --- unit delete ----------------------------------------------------------------------------------


def test_a_unit_nothing_refers_to_is_deleted_with_its_counts_and_aliases(office) -> None:
    assert office("unit", "add", "Chi bộ 9", "--kind", "chi-bo", "--members", "5").exit_code == 0
    assert office("unit", "alias", "add", "Chi bộ 9", "CB9").exit_code == 0
    result = office("unit", "delete", "CB9")
    assert result.exit_code == 0, result.output
    assert "Chi bộ 9" in result.stdout
    names = [u["name"] for u in json.loads(office("unit", "list", "--json").stdout)]
    assert "Chi bộ 9" not in names
    rows = snapshot(office.db)
    assert all(row[1] != 6 for row in rows["unit_members"] + rows["unit_alias"])
    entry = log(office, "--entity", "unit:6")[-1]
    assert entry["action"] == "delete" and entry["before"]["aliases"] == ["CB9"]
    assert entry["before"]["members"][0][1] == 5


def test_a_unit_with_records_is_not_deleted_and_retire_is_suggested(office) -> None:
    office("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "SH chi bộ")
    violation(office, "Nguyễn Văn An")
    message = refused(office, "unit", "delete", "cb1")
    assert "1 buổi tuyên truyền" in message and "1 vi phạm" in message
    assert "1 đảng viên" in message and "atgt unit retire" in message


def test_a_unit_with_units_under_it_is_not_deleted(office) -> None:
    assert office("unit", "add", "Đảng bộ bộ phận A", "--kind", "dang-bo-bo-phan").exit_code == 0
    added = office("unit", "add", "Chi bộ A1", "--kind", "chi-bo", "--parent", "Đảng bộ bộ phận A")
    assert added.exit_code == 0, added.output
    assert "1 đơn vị trực thuộc" in refused(office, "unit", "delete", "Đảng bộ bộ phận A")
    assert "không có 'Chi bộ không có'" in refused(office, "unit", "delete", "Chi bộ không có")


# --- a session typed twice ------------------------------------------------------------------------

MEETING = ("--unit", "cb1", "--date", "20/11/2026", "--channel", "SH chi bộ")


def test_a_session_identical_to_a_stored_one_is_refused_naming_it(office) -> None:
    assert office("session", "add", *MEETING, "--content", "Luật TTATGT").exit_code == 0
    message = refused(office, "session", "add", *MEETING, "--content", "Luật TTATGT")
    assert "đã có buổi số 1" in message and "--allow-duplicate" in message
    again = office("session", "add", *MEETING, "--content", "Luật TTATGT", "--allow-duplicate")
    assert again.exit_code == 0, again.output
    assert (
        office(
            "session", "add", *MEETING, "--content", "Luật phòng, chống tác hại của rượu"
        ).exit_code
        == 0
    )
    assert office("session", "add", *MEETING[:4], "--channel", "chào cờ").exit_code == 0


def test_sessions_without_content_on_one_day_are_identical(office) -> None:
    assert office("session", "add", *MEETING).exit_code == 0
    assert "đã có buổi số 1" in refused(office, "session", "add", *MEETING)


def test_a_web_post_is_the_same_when_its_url_is(office) -> None:
    web = ("--unit", "cb1", "--date", "20/11/2026", "--channel", "trang TTĐT")
    first = office("session", "add", *web, "--url", "https://sct.gov.vn/a", "--content", "Bài 1")
    assert first.exit_code == 0, first.output
    message = refused(office, "session", "add", *web, "--url", "https://sct.gov.vn/a")
    assert "đã có buổi số 1" in message
    assert office("session", "add", *web, "--url", "https://sct.gov.vn/b").exit_code == 0


def test_a_deleted_session_is_no_repeat(office) -> None:
    assert office("session", "add", *MEETING).exit_code == 0
    assert office("session", "delete", "1", "--reason", "nhầm").exit_code == 0
    assert office("session", "add", *MEETING).exit_code == 0


# --- a member count changed in the past -----------------------------------------------------------


def sessions_of(office) -> dict[int, dict]:
    return {s["id"]: s for s in json.loads(office("session", "list", "--json").stdout)}


def counted_sessions(office) -> None:
    """Chi bộ 1 (12 members, 1 exempt since 1/9/2023): sessions 1, 2, 4 take their total from
    the count, session 3's total is typed."""
    for day, extra in (
        ("5/10/2026", ("--present", "9")),
        ("5/11/2026", ("--present", "10")),
        ("6/11/2026", ("--present", "9", "--total", "15")),
        ("20/11/2026", ("--present", "7")),
    ):
        result = office("session", "add", "--unit", "cb1", "--date", day, "--channel", "VB", *extra)
        assert result.exit_code == 0, result.output


def test_a_count_in_the_past_changes_the_totals_taken_from_the_count(office) -> None:
    counted_sessions(office)
    assert office("unit", "members", "cb1", "14", "--since", "15/11/2026").exit_code == 0
    result = office("unit", "members", "cb1", "13", "--exempt", "1", "--since", "1/11/2026")
    assert result.exit_code == 0, result.output
    assert "1 buổi" in result.stdout
    totals = {i: s["total"] for i, s in sessions_of(office).items()}
    # From 1/11 until the count of 15/11 only; the typed total stays.
    assert totals == {1: 11, 2: 12, 3: 15, 4: 14}
    entries = log(office, "--entity", "session:2")
    assert entries[-1]["before"] == {"total": 11} and entries[-1]["after"] == {"total": 12}
    assert log(office, "--entity", "unit:1")[-1]["after"]["sessions"] == [2]


def test_a_count_below_those_present_is_refused_naming_the_sessions(office) -> None:
    counted_sessions(office)
    message = refused(office, "unit", "members", "cb1", "9", "--since", "1/11/2026")
    assert "buổi số 2 (10)" in message and "4" not in message.split("buổi số")[1].split(":")[0]


def test_a_count_whose_sessions_are_in_a_closed_month_is_refused(office) -> None:
    counted_sessions(office)
    assert office("period", "close", "10/2026").exit_code == 0
    assert "10/2026" in refused(office, "unit", "members", "cb1", "13", "--since", "1/9/2026")


# --- undoing an import whose records were edited since --------------------------------------------


def imported(office, tmp_path) -> None:
    from tests.test_import import HEADER, ROWS, write

    result = office("import", "sessions", str(write(tmp_path / "a.csv", [HEADER, *ROWS])))
    assert result.exit_code == 0, result.output


def test_undo_names_the_records_edited_since_and_force_removes_them_logged(
    office, tmp_path
) -> None:
    imported(office, tmp_path)
    batch = json.loads(office("import", "list", "--json").stdout)[-1]["id"]
    ids = sorted(sessions_of(office))
    assert office("session", "edit", str(ids[1]), "--masses", "3").exit_code == 0
    message = refused(office, "import", "undo", str(batch))
    assert f"buổi số {ids[1]}" in message and "--force" in message
    result = office("import", "undo", str(batch), "--force")
    assert result.exit_code == 0, result.output
    assert sessions_of(office) == {}
    (entry,) = [
        e for e in log(office, "--entity", f"session:{ids[1]}") if e["action"] == "undo-remove"
    ]
    assert entry["before"]["masses"] == 3 and entry["before"]["id"] == ids[1]
    assert "--force" in entry["reason"]


def test_a_later_import_that_changed_a_record_is_undone_first(office, tmp_path) -> None:
    from tests.test_import import HEADER, ROWS, write

    imported(office, tmp_path)
    changed = [[*ROWS[0][:4], "11", *ROWS[0][5:]]]
    path = write(tmp_path / "b.csv", [HEADER, *changed])
    assert office("import", "sessions", str(path), "--update").exit_code == 0
    message = refused(office, "import", "undo", "1", "--force")
    assert "lần nhập 2" in message and "atgt import undo 2" in message
    assert office("import", "undo", "2").exit_code == 0  # its own change is no edit since
    assert office("import", "undo", "1").exit_code == 0


def test_force_restores_a_changed_record_over_a_later_edit_and_logs_it(office, tmp_path) -> None:
    from tests.test_import import HEADER, ROWS, write

    imported(office, tmp_path)
    changed = [[*ROWS[0][:4], "11", *ROWS[0][5:]]]
    path = write(tmp_path / "b.csv", [HEADER, *changed])
    assert office("import", "sessions", str(path), "--update").exit_code == 0
    (session_id,) = [i for i, s in sessions_of(office).items() if s["present"] == 11]
    assert office("session", "edit", str(session_id), "--masses", "4").exit_code == 0
    assert f"buổi số {session_id}" in refused(office, "import", "undo", "2")
    assert "lần nhập 2" in refused(office, "import", "undo", "1", "--force")
    assert office("import", "undo", "2", "--force").exit_code == 0
    restored = sessions_of(office)[session_id]
    assert restored["present"] == 10
    (entry,) = [
        e for e in log(office, "--entity", f"session:{session_id}") if e["action"] == "undo-restore"
    ]
    assert entry["before"]["present"] == 11 and entry["before"]["masses"] == 4


def test_a_member_a_violations_import_brought_and_edited_since_blocks_its_undo(
    office, tmp_path
) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "Chi bộ,Họ và tên,Loại đảng viên,Loại vi phạm,Ngày vi phạm\r\n"
        "cb1,Lê Văn Cường,chính thức,vượt đèn đỏ,1/11/2026\r\n",
        encoding="utf-8",
    )
    result = office("import", "violations", str(path))
    assert result.exit_code == 0, result.output
    code = members(office)[0]["code"]
    assert office("member", "edit", code, "--party-post", "Phó Bí thư").exit_code == 0
    assert f"đảng viên {code}" in refused(office, "import", "undo", "1")
    assert office("import", "undo", "1", "--force").exit_code == 0
    assert members(office) == []


def test_an_edit_that_makes_a_session_a_copy_of_another_is_refused_unless_allowed(office) -> None:
    base = ("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "Chào cờ")
    assert office(*base, "--content", "Luật rượu bia").exit_code == 0
    assert office(*base, "--content", "Luật Đường bộ").exit_code == 0
    before = snapshot(office.db)
    refused = office("session", "edit", "2", "--content", "Luật rượu bia")
    assert refused.exit_code == 1 and "buổi số 1" in refused.stderr
    assert snapshot(office.db) == before
    allowed = office("session", "edit", "2", "--content", "Luật rượu bia", "--allow-duplicate")
    assert allowed.exit_code == 0, allowed.output
    # A session that already repeats another may still have its other fields corrected.
    assert office("session", "edit", "2", "--masses", "4").exit_code == 0
