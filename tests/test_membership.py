"""A member's membership over time (migration 0012): dự bị since one day, chính thức since
another; the party's rules read it on the day of the violation (Điều lệ Đảng, Điều 35)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from atgt_cli.store.db import open_store
from atgt_cli.store.migrations import migrate
from tests.conftest import snapshot


def ok(office, *args: str):
    result = office(*args)
    assert result.exit_code == 0, result.output
    return result


def refused(office, *args: str) -> str:
    before = snapshot(office.db)
    result = office(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert snapshot(office.db) == before
    return result.stderr


def changes(office) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(office.db)
    try:
        sql = "SELECT member_id, membership, since FROM member_membership ORDER BY id"
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def handle(*args: str) -> tuple[str, ...]:
    return ("violation", "handle", *args)


def test_the_rules_read_the_membership_on_the_violations_day(office) -> None:
    ok(
        office,
        "member",
        "add",
        "Trần Thị Bình",
        "--unit",
        "cb1",
        "--membership",
        "du-bi",
        "--membership-since",
        "1/3/2026",
    )
    ok(
        office,
        "member",
        "edit",
        "Trần Thị Bình",
        "--membership",
        "chinh-thuc",
        "--membership-since",
        "1/9/2026",
    )
    assert changes(office)[-2:] == [(1, "du-bi", "2026-03-01"), (1, "chinh-thuc", "2026-09-01")]
    for day in ("1/6/2026", "1/10/2026"):
        ok(
            office,
            "violation",
            "add",
            "--unit",
            "cb1",
            "--member",
            "Trần Thị Bình",
            "--category",
            "vượt đèn đỏ",
            "--date",
            day,
        )
    # On 1/6/2026 she was dự bị: no khai trừ; what is possible is said.
    message = refused(
        office,
        *handle(
            "1", "--outcome", "khai-tru", "--decided-on", "20/11/2026", "--decided-by", "dang-uy"
        ),
    )
    assert "dự bị (vào ngày vi phạm) không thể khai trừ" in message
    assert "xóa tên khỏi danh sách đảng viên" in message
    # On 1/10/2026 she was chính thức: the đảng ủy may expel her.
    ok(
        office,
        *handle(
            "2", "--outcome", "khai-tru", "--decided-on", "20/11/2026", "--decided-by", "dang-uy"
        ),
    )
    # And xóa tên is for a dự bị member only.
    ok(
        office,
        *handle(
            "1", "--outcome", "xoa-ten", "--decided-on", "20/11/2026", "--decided-by", "dang-uy"
        ),
    )
    # Counted apart in the report: a row of its own among the outcomes.
    report = ok(office, "report", "--month", "11/2026").stdout
    assert "xóa tên khỏi danh sách đảng viên" in report


def test_a_membership_without_a_day_changes_from_today(office) -> None:
    ok(office, "member", "add", "Lê Văn Cường", "--unit", "cb1", "--membership", "du-bi")
    ok(office, "member", "edit", "Lê Văn Cường", "--membership", "chinh-thuc")
    assert changes(office) == [(1, "du-bi", None), (1, "chinh-thuc", "2026-11-24")]
    listed = ok(office, "member", "list", "--json").stdout
    assert '"chinh-thuc"' in listed


def test_a_version_11_store_keeps_its_members_membership_as_their_first_change(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v11.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, path, backup=False, target=11)
    conn.execute(
        "INSERT INTO unit (id, name, name_key, kind, created_at)"
        " VALUES (1, 'Chi bộ 1', 'chi bo 1', 'chi-bo', '2026-01-01T00:00:00Z')"
    )
    for i, (membership, since) in enumerate([("du-bi", "2026-02-01"), ("chinh-thuc", None)], 1):
        conn.execute(
            "INSERT INTO member (id, code, unit_id, name, name_key, membership, membership_since,"
            " created_at) VALUES (?, ?, 1, ?, ?, ?, ?, '2026-01-01T00:00:00Z')",
            (i, f"ĐV-000{i}", f"A{i}", f"a{i}", membership, since),
        )
    conn.close()
    store = open_store(path)
    try:
        rows = store.conn.execute(
            "SELECT member_id, membership, since FROM member_membership ORDER BY member_id"
        ).fetchall()
        assert [tuple(r) for r in rows] == [(1, "du-bi", "2026-02-01"), (2, "chinh-thuc", None)]
        # xóa tên is an outcome the rebuilt violation table takes.
        sql = "SELECT sql FROM sqlite_master WHERE name = 'violation'"
        assert "'xoa-ten'" in store.conn.execute(sql).fetchone()[0]
    finally:
        store.close()


def test_member_add_states_the_membership(office) -> None:
    message = refused(office, "member", "add", "Phạm Văn Dũng", "--unit", "cb1")
    assert "cần ghi --membership" in message
    ok(office, "member", "add", "Phạm Văn Dũng", "--unit", "cb1", "--membership", "dự bị")
    assert changes(office) == [(1, "du-bi", None)]


def test_who_may_decide_on_violation_handle(office) -> None:
    ok(
        office,
        "member",
        "add",
        "Ngô Văn Em",
        "--unit",
        "cb1",
        "--membership",
        "chinh-thuc",
        "--party-post",
        "Chi ủy viên",
    )
    ok(
        office,
        "violation",
        "add",
        "--unit",
        "cb1",
        "--member",
        "Ngô Văn Em",
        "--category",
        "vượt đèn đỏ",
        "--date",
        "1/11/2026",
    )
    for outcome in ("cach-chuc", "khai-tru"):
        message = refused(
            office,
            *handle(
                "1", "--outcome", outcome, "--decided-on", "20/11/2026", "--decided-by", "chi-bo"
            ),
        )
        assert "Chi bộ không có thẩm quyền quyết định" in message
        assert "Đảng ủy, Ủy ban kiểm tra" in message
    message = refused(
        office,
        *handle(
            "1", "--outcome", "xoa-ten", "--decided-on", "20/11/2026", "--decided-by", "dang-uy"
        ),
    )
    assert "chỉ dành cho đảng viên dự bị" in message
    ok(
        office,
        *handle(
            "1", "--outcome", "cach-chuc", "--decided-on", "20/11/2026", "--decided-by", "ubkt"
        ),
    )


def test_implausible_levels_are_refused_naming_the_field(office) -> None:
    base = (
        "violation",
        "add",
        "--unit",
        "cb1",
        "--member",
        "Ngô Văn Em",
        "--membership",
        "chinh-thuc",
        "--category",
        "nồng độ cồn",
        "--date",
        "1/11/2026",
    )
    message = refused(office, *base, "--alcohol-breath", "35")
    assert "--alcohol-breath" in message and "gõ nhầm" in message
    message = refused(office, *base, "--alcohol-blood", "800")
    assert "--alcohol-blood" in message and "500" in message
    ok(office, *base, "--alcohol-breath", "0,5")


def test_a_refused_test_is_shown_as_the_top_tier_not_a_number(office) -> None:
    added = ok(
        office,
        "violation",
        "add",
        "--unit",
        "cb1",
        "--member",
        "Ngô Văn Em",
        "--membership",
        "chinh-thuc",
        "--category",
        "từ chối kiểm tra",
        "--date",
        "1/11/2026",
    )
    assert "Xử phạt như mức cao nhất" in added.stdout
    assert "Mức 3" not in added.stdout
    shown = ok(office, "violation", "show", "1").stdout
    assert "xử phạt như mức cao nhất" in shown and "mức 3" not in shown


IMPORT_HEADER = [
    "Chi bộ",
    "Họ và tên",
    "Chính thức/Dự bị",
    "Chức vụ đảng",
    "Hành vi vi phạm",
    "Ngày vi phạm",
    "Nồng độ cồn (mg/l)",
    "Hình thức xử lý",
    "Ngày quyết định",
    "Cấp quyết định",
]


def test_a_register_follows_who_may_decide_where_the_body_is_known(office, tmp_path) -> None:
    from tests.test_import import write

    def row(name: str, outcome: str, body: str, level: str = "") -> list[str]:
        what = "Vi phạm nồng độ cồn" if level else "Vượt đèn đỏ"
        cells = ["cb1", name, "chính thức", "Chi ủy viên", what, "1/11/2026", level]
        return [*cells, outcome, "20/11/2026", body]

    bad = [
        IMPORT_HEADER,
        row("Đỗ Văn Giang", "khai trừ", "chi bộ"),
        row("Hà Văn Hải", "", "", "35"),
    ]
    message = refused(office, "import", "violations", str(write(tmp_path / "bad.csv", bad)))
    assert "bad.csv:2:Cấp quyết định: Chi bộ không có thẩm quyền quyết định khai trừ" in message
    assert "bad.csv:3:Nồng độ cồn (mg/l): 35" in message and "gõ nhầm" in message
    # Without the body (registers often leave it out) the row imports: body not stated.
    good = [IMPORT_HEADER, row("Đỗ Văn Giang", "khai trừ", "")]
    ok(office, "import", "violations", str(write(tmp_path / "good.csv", good)))
    listed = ok(office, "violation", "list", "--json").stdout
    assert '"decided_by": null' in listed and '"outcome": "khai-tru"' in listed


def test_member_edit_takes_since_as_the_issue_writes_it(office) -> None:
    """`member edit --membership X --since D` (the short name of --membership-since)."""
    added = office("member", "add", "Ngô Văn Em", "--unit", "cb1", "--membership", "du-bi")
    assert added.exit_code == 0, added.output
    edited = office(
        "member", "edit", "Ngô Văn Em", "--membership", "chinh-thuc", "--since", "1/6/2026"
    )
    assert edited.exit_code == 0, edited.output
    (member,) = [
        m
        for m in json.loads(office("member", "list", "--json").stdout)
        if m["name"] == "Ngô Văn Em"
    ]
    assert (member["membership"], member["membership_since"]) == ("chinh-thuc", "2026-06-01")


def test_the_plausible_alcohol_levels_are_plan_data_an_office_may_correct(
    office, tmp_path: Path
) -> None:
    from tests.conftest import SEED_PLAN

    args = ("violation", "add", "--unit", "cb1", "--member", "Lê Văn Cường", "--membership")
    args += ("chinh-thuc", "--category", "NĐC", "--date", "2/11/2026", "--alcohol-breath")
    assert office(*args, "1,5").exit_code == 0  # below the seed plan's 2,5 mg/l
    stricter = tmp_path / "plan.yaml"
    text = SEED_PLAN.read_text(encoding="utf-8")
    assert "plausible_levels: {breath: 2.5, blood: 500}" in text
    stricter.write_text(text.replace("breath: 2.5", "breath: 1.2"), encoding="utf-8")
    assert office("plan", "load", str(stricter)).exit_code == 0
    before = snapshot(office.db)
    refused = office(*args[:5], "Trần Văn Dũng", *args[6:], "1,5")
    assert refused.exit_code == 1
    assert "--alcohol-breath" in refused.stderr and "1.2" in refused.stderr
    assert snapshot(office.db) == before
