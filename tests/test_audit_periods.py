"""The audit log records every change; a closed month refuses writes until reopened."""

from __future__ import annotations

import json

import pytest

from tests.conftest import snapshot

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases


def log(office, *args: str) -> list[dict]:
    result = office("log", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_log_shows_every_change_with_who_and_what(office) -> None:
    office("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "SH chi bộ")
    office("session", "edit", "1", "--masses", "4")
    office("session", "delete", "1", "--reason", "nhầm đơn vị")
    office("unit", "rename", "cb2", "Chi bộ Kế hoạch")
    office("period", "close", "10/2026")
    office("period", "reopen", "10/2026", "--reason", "bổ sung")
    entries = log(office)
    seen = [(e["action"], e["entity"]) for e in entries]
    assert seen == [
        ("load", "plan:1"),
        ("create", "unit:1"),
        ("create", "unit:2"),
        ("create", "unit:3"),
        ("create", "unit:4"),
        ("create", "unit:5"),
        ("create", "session:1"),
        ("update", "session:1"),
        ("delete", "session:1"),
        ("rename", "unit:2"),
        ("close", "period:2026-10"),
        ("reopen", "period:2026-10"),
    ]
    assert {e["actor"] for e in entries[1:]} == {"Văn phòng"}
    assert set(entries[0]) == {"id", "at", "actor", "action", "entity", "before", "after", "reason"}
    assert (
        entries[8]["reason"] == "nhầm đơn vị"
        and entries[8]["before"]["channel"] == "sinh-hoat-chi-bo"
    )
    assert entries[9]["before"] == {"name": "Chi bộ 2"} and entries[9]["after"] == {
        "name": "Chi bộ Kế hoạch"
    }
    assert [e["action"] for e in log(office, "--entity", "session:1")] == [
        "create",
        "update",
        "delete",
    ]
    assert len(log(office, "--entity", "unit")) == 6
    assert log(office, "--since", "25/11/2099") == []
    table = office("log", env={"COLUMNS": "80"}).stdout
    assert "rename unit:2" in table.replace("\n", " ") or "rename" in table
    assert max(len(line) for line in table.splitlines()) <= 80


def test_the_actor_comes_from_the_option_the_environment_or_the_os_user(atgt, tmp_path) -> None:
    db = str(tmp_path / "a.db")
    atgt("--db", db, "init", env={"ATGT_ACTOR": "Chị Lan"})
    atgt(
        "--db",
        db,
        "--actor",
        "Anh Minh",
        "unit",
        "add",
        "Chi bộ 1",
        "--kind",
        "chi-bo",
        env={"ATGT_ACTOR": "Chị Lan"},
    )
    entries = json.loads(atgt("--db", db, "log", "--json").stdout)
    assert [e["actor"] for e in entries] == ["Chị Lan", "Anh Minh"]


def test_a_closed_month_refuses_adding_editing_and_deleting(office) -> None:
    office("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "SH chi bộ")
    office("session", "add", "--unit", "cb1", "--date", "20/10/2026", "--channel", "SH chi bộ")
    result = office("period", "close", "11/2026")
    assert result.exit_code == 0 and "11/2026" in result.stdout
    before = snapshot(office.db)
    for args in (
        ["session", "add", "--unit", "cb1", "--date", "21/11/2026", "--channel", "vb"],
        ["session", "edit", "1", "--masses", "2"],
        ["session", "edit", "2", "--date", "2/11/2026"],  # moving a record into a closed month
        ["session", "delete", "1", "--reason", "x"],
        ["unit", "members", "cb1", "13", "--since", "15/11/2026"],
    ):
        refused = office(*args)
        assert refused.exit_code == 1, args
        assert (
            "tháng 11/2026 đã khóa sổ" in refused.stderr
            and "period reopen 11/2026" in refused.stderr
        )
    assert snapshot(office.db) == before
    # other months stay open
    assert office("session", "edit", "2", "--masses", "2").exit_code == 0
    assert [p["month"] for p in json.loads(office("period", "list", "--json").stdout)] == [
        "2026-11"
    ]


def test_reopening_needs_a_reason_and_is_audited(office) -> None:
    office("period", "close", "11/2026")
    again = office("period", "close", "2026-11")
    assert again.exit_code == 1 and "đã khóa sổ rồi" in again.stderr
    assert office("period", "reopen", "11/2026", "--reason", " ").exit_code == 1
    assert (
        office("period", "reopen", "11/2026", "--reason", "Bổ sung buổi sinh hoạt").exit_code == 0
    )
    assert (
        office(
            "session", "add", "--unit", "cb1", "--date", "21/11/2026", "--channel", "vb"
        ).exit_code
        == 0
    )
    not_closed = office("period", "reopen", "11/2026", "--reason", "x")
    assert not_closed.exit_code == 1 and "chưa khóa sổ" in not_closed.stderr
    reopen = [e for e in log(office) if e["action"] == "reopen"]
    assert reopen[0]["reason"] == "Bổ sung buổi sinh hoạt"


@pytest.mark.parametrize("month", ["13/2026", "11-2026x", "2026"])
def test_bad_months_are_refused(office, month: str) -> None:
    result = office("period", "close", month)
    assert result.exit_code == 1 and "không phải tháng" in result.stderr


def test_every_list_and_show_prints_one_json_document(office) -> None:
    office("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "SH chi bộ")
    office("period", "close", "10/2026")
    for args in (
        ["unit", "list"],
        ["session", "list"],
        ["session", "show", "1"],
        ["log"],
        ["period", "list"],
        ["plan", "list"],
        ["plan", "show"],
    ):
        result = office(*args, "--json")
        assert result.exit_code == 0, args
        json.loads(result.stdout)
