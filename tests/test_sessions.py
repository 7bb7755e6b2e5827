"""`atgt session …`: propaganda sessions checked against the plan, edited, deleted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import snapshot

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases


def sessions(office, *args: str) -> list[dict]:
    result = office("session", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_session_with_everything(office, tmp_path: Path) -> None:
    minutes = tmp_path / "bien-ban.pdf"
    minutes.write_bytes(b"%PDF-1.4")
    result = office(
        "session",
        "add",
        "--unit",
        "cb1",
        "--date",
        "20/11/2026",
        "--channel",
        "sh chi bo",
        "--topic",
        "tác hại",
        "--topic",
        "khong can thiep",
        "--topic",
        "tác hại",
        "--item",
        "ii.2.a",
        "--present",
        "10",
        "--masses",
        "3",
        "--title",
        "Sinh hoạt chi bộ tháng 11",
        "--note",
        "Lồng ghép  TTATGT",
        "--evidence",
        str(minutes),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Đã ghi buổi số 1."
    shown = json.loads(office("session", "show", "1", "--json").stdout)
    assert shown | {"created_at": ""} == {
        "id": 1,
        "plan_id": 1,
        "unit_id": 1,
        "unit": "Chi bộ 1",
        "held_on": "2026-11-20",
        "channel": "sinh-hoat-chi-bo",
        "topics": ["luat-ruou-bia", "khong-can-thiep"],
        "item": "II.2.a",
        "present": 10,
        "total": 11,
        "masses": 3,
        "title": "Sinh hoạt chi bộ tháng 11",
        "url": None,
        "note": "Lồng ghép TTATGT",
        "evidence": str(minutes.resolve()),
        "created_at": "",
        "content": None,
        "total_from_count": 1,  # --total not given: the unit's count
        "deleted_at": None,
        "deleted_reason": None,
    }
    text = office("session", "show", "1").stdout
    assert "10/11 (91%)" in text and "Luật phòng, chống tác hại của rượu, bia" in text


def test_a_website_post_is_a_session_on_that_channel_with_its_url(office) -> None:
    url = "https://sct.dongnai.gov.vn/tin-tuc/attgt-11-2026"
    result = office(
        "session", "add", "--unit", "cb1", "--date", "hôm nay", "--channel", "TTĐT", "--url", url
    )
    assert result.exit_code == 0, result.output
    (row,) = sessions(office)
    assert (row["channel"], row["url"], row["held_on"]) == ("trang-ttdt", url, "2026-11-24")


@pytest.mark.parametrize("written", ["17/11/2026", "17/11/26", "2026-11-17", "17.11.2026"])
def test_dates_as_users_write_them(office, written: str) -> None:
    assert (
        office("session", "add", "--unit", "cb1", "--date", written, "--channel", "vb").exit_code
        == 0
    )
    assert sessions(office)[0]["held_on"] == "2026-11-17"


def test_today_is_an_input(office) -> None:
    later = office(
        "--today",
        "2026-12-02",
        "session",
        "add",
        "--unit",
        "cb1",
        "--date",
        "today",
        "--channel",
        "vb",
    )
    assert later.exit_code == 0
    env_today = office(
        "session",
        "add",
        "--unit",
        "cb1",
        "--date",
        "1/12/2026",
        "--channel",
        "vb",
        env={"ATGT_TODAY": "3/12/2026"},
    )
    assert env_today.exit_code == 1  # --today (24/11/2026) wins over ATGT_TODAY
    assert "ở tương lai (hôm nay là 24/11/2026)" in env_today.stderr
    bad = office("--today", "30/02/2026", "session", "list")
    assert bad.exit_code == 1 and "--today / ATGT_TODAY" in bad.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "25/11/2026"], "--date: ngày 25/11/2026 ở tương lai (hôm nay là 24/11/2026)"),
        (["--date", "16/8/2023"], "--date: ngày 16/8/2023 trước kế hoạch 16-KH/ĐUSCT (17/8/2023)"),
        (["--date", "31/9/2026"], "--date: không có ngày này: 31/9/2026"),
        (["--present", "12"], "--present (12) lớn hơn --total (11)"),
        (["--present", "5", "--total", "4"], "--present (5) lớn hơn --total (4)"),
        (["--present", "-1"], "--present không được âm"),
        (["--masses", "-3"], "--masses không được âm"),
        (["--unit", "Chi bộ 8"], "--unit: không có 'Chi bộ 8'"),
        (["--channel", "họp dân"], "--channel: không có 'họp dân'"),
        (
            ["--channel", "sinh hoat"],
            "--channel: 'sinh hoat' có thể là nhiều mục: sinh-hoat-chi-bo",
        ),
        (["--topic", "ma túy"], "--topic: không có 'ma túy'"),
        (["--item", "II.9"], "--item: không có 'II.9'"),
        (["--channel", "trang thong tin"], "cần --url"),
        (
            ["--url", "sct.dongnai.gov.vn"],
            "--url: 'sct.dongnai.gov.vn' không phải đường dẫn http(s)",
        ),
        (["--evidence", "khong-co.pdf"], "--evidence: không có tệp 'khong-co.pdf'"),
        (["--unit", "cbvp", "--present", "3"], "chưa biết số đảng viên của Chi bộ Văn phòng"),
    ],
)
def test_bad_sessions_are_refused_naming_the_field_and_change_nothing(
    office, args: list[str], message: str
) -> None:
    base = {"--unit": "cb1", "--date": "20/11/2026", "--channel": "SH chi bộ"}
    for key, value in zip(args[::2], args[1::2], strict=True):
        base[key] = value
    before = snapshot(office.db)
    result = office("session", "add", *[x for pair in base.items() for x in pair])
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(office.db) == before


@pytest.mark.parametrize(
    ("missing", "said"),
    [("--unit", "đơn vị"), ("--date", "ngày"), ("--channel", "hình thức tuyên truyền")],
)
def test_unit_date_and_channel_are_required(office, missing: str, said: str) -> None:
    base = {"--unit": "cb1", "--date": "20/11/2026", "--channel": "SH chi bộ"}
    del base[missing]
    result = office("session", "add", *[x for pair in base.items() for x in pair])
    # The field in the user's words, then the option that sets it.
    assert result.exit_code == 1 and f"thiếu {said} ({missing})" in result.stderr


def test_list_filters(office) -> None:
    for unit, date, channel, item in (
        ("cb1", "20/10/2026", "SH chi bộ", "II.2.a"),
        ("cb1", "20/11/2026", "SH chi bộ", "II.2.b"),
        ("cb2", "21/11/2026", "SH chi bộ", "III.1"),
        ("Đảng ủy Sở", "17/11/2026", "chào cờ", None),
    ):
        args = ["--unit", unit, "--date", date, "--channel", channel] + (
            ["--item", item] if item else []
        )
        assert office("session", "add", *args).exit_code == 0

    def ids(*args: str) -> list[int]:
        return [r["id"] for r in sessions(office, *args)]

    assert ids() == [1, 4, 2, 3]  # by date
    assert ids("--unit", "cb1") == [1, 2]
    assert ids("--month", "11/2026") == [4, 2, 3]
    assert ids("--from", "18/11/2026", "--to", "2026-11-21") == [2, 3]
    assert ids("--channel", "chao co") == [4]
    assert ids("--item", "II.2") == [1, 2]
    bad = office("session", "list", "--month", "13/2026")
    assert bad.exit_code == 1 and "--month" in bad.stderr
    table = office("session", "list", env={"COLUMNS": "80"}).stdout
    assert "Sinh hoạt định kỳ đầu tuần" in table.replace("\n", " ") or "đầu tuần" in table
    assert max(len(line) for line in table.splitlines()) <= 80
    assert (
        json.loads(office("--lang", "en", "session", "list", "--json").stdout)[0]["held_on"]
        == "2026-10-20"
    )
    assert "Channel" in office("--lang", "en", "session", "list").stdout


def test_edit_changes_only_what_is_given_and_is_audited(office) -> None:
    office(
        "session",
        "add",
        "--unit",
        "cb1",
        "--date",
        "20/11/2026",
        "--channel",
        "SH chi bộ",
        "--present",
        "9",
    )
    result = office("session", "edit", "1", "--present", "10", "--title", "Tháng 11")
    assert result.exit_code == 0 and "Đã sửa buổi số 1" in result.stdout
    row = sessions(office)[0]
    assert (row["present"], row["total"], row["title"], row["channel"]) == (
        10,
        11,
        "Tháng 11",
        "sinh-hoat-chi-bo",
    )
    assert "không có gì thay đổi" in office("session", "edit", "1", "--present", "10").stdout
    (entry,) = [
        e
        for e in json.loads(office("log", "--json", "--entity", "session:1").stdout)
        if e["action"] == "update"
    ]
    assert entry["before"] == {"present": 9, "title": None}
    assert entry["after"] == {"present": 10, "title": "Tháng 11"}
    assert entry["actor"] == "Văn phòng"
    before = snapshot(office.db)
    assert office("session", "edit", "1", "--present", "20").exit_code == 1
    assert office("session", "edit", "1", "--date", "1/12/2026").exit_code == 1
    assert office("session", "edit", "9", "--present", "1").exit_code == 4
    assert snapshot(office.db) == before


def test_a_deleted_session_is_kept_but_out_of_the_lists(office) -> None:
    office("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "SH chi bộ")
    assert office("session", "delete", "1", "--reason", "  ").exit_code == 1
    result = office("session", "delete", "1", "--reason", "Ghi trùng")
    assert result.exit_code == 0
    assert sessions(office) == []
    (kept,) = sessions(office, "--deleted")
    assert kept["deleted_reason"] == "Ghi trùng"
    assert "Ghi trùng" in office("session", "show", "1").stdout
    again = office("session", "delete", "1", "--reason", "x")
    assert again.exit_code == 1 and "đã bị xóa" in again.stderr
    assert office("session", "edit", "1", "--present", "3").exit_code == 1
