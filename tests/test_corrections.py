"""Correcting any record through the CLI: members deleted or merged, units deleted, an import
undone over later edits, a session recorded twice, a member count changed in the past. Every
refusal leaves the store as it was."""

from __future__ import annotations

import json
import re

from tests.conftest import snapshot


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
    )
    assert result.exit_code == 0, result.output
    return re.search(r"ĐV-[0-9A-F]{4}", result.stdout).group(0)


def members(office) -> list[dict]:
    return json.loads(office("member", "list", "--json").stdout)


# --- member delete and merge ----------------------------------------------------------------------


def test_a_member_without_violations_is_deleted_and_audited(office) -> None:
    assert office("member", "add", "Nguyễn Văn Ân", "--unit", "cb1").exit_code == 0
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
