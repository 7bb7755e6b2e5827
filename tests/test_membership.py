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
    assert "cần ghi tư cách đảng viên (--membership" in message
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


# --- the membership is required when a member is first recorded (no silent chính thức) --------


def members(office) -> list[dict]:
    return json.loads(ok(office, "member", "list", "--json").stdout)


def test_violation_add_of_a_new_member_without_membership_is_refused(office) -> None:
    add = ("violation", "add", "--unit", "cb1", "--member", "Phan Văn Mới", "--category")
    add += ("vượt đèn đỏ", "--date", "2/11/2026")
    message = refused(office, *add)
    assert "Phan Văn Mới chưa có trong kho" in message
    assert "tư cách đảng viên" in message and "--membership" in message
    assert "chính thức hoặc dự bị" in message
    with_it = ok(office, *add, "--membership", "dự bị")
    assert "ĐV-" in with_it.stdout
    assert [(m["name"], m["membership"]) for m in members(office)] == [("Phan Văn Mới", "du-bi")]
    # A member atgt knows needs no membership: the history gives it on the violation's day.
    ok(office, *add[:-1], "3/11/2026")
    assert len(json.loads(ok(office, "violation", "list", "--json").stdout)) == 2


REGISTER = ["Đơn vị", "Họ và tên", "Nội dung vi phạm", "Ngày vi phạm", "Hình thức xử lý"]
REGISTER += ["Ngày quyết định"]


def test_a_register_with_a_membership_column_needs_it_for_a_new_member(office, tmp_path) -> None:
    from tests.test_import import write

    ok(office, "member", "add", "Lê Văn Cũ", "--unit", "cb1", "--membership", "chinh-thuc")
    header = ["Đơn vị", "Họ và tên", "Chính thức/Dự bị", "Nội dung vi phạm", "Ngày vi phạm"]
    rows = [
        header,
        ["cb1", "Lê Văn Cũ", "", "Vượt đèn đỏ", "1/11/2026"],  # known: the history says
        ["cb1", "Đinh Văn Mới", "", "Vượt đèn đỏ", "2/11/2026"],
    ]
    message = refused(office, "import", "violations", str(write(tmp_path / "dv.csv", rows)))
    assert "dv.csv:3:Chính thức/Dự bị: Đinh Văn Mới chưa có trong kho" in message
    assert "cần ghi tư cách đảng viên (chính thức hoặc dự bị)" in message
    assert "dv.csv:2" not in message
    rows[2][2] = "dự bị"
    ok(office, "import", "violations", str(write(tmp_path / "dv.csv", rows)))
    found = {m["name"]: m["membership"] for m in members(office)}
    assert found == {"Lê Văn Cũ": "chinh-thuc", "Đinh Văn Mới": "du-bi"}


def test_a_register_without_the_column_records_the_membership_as_unknown(office, tmp_path) -> None:
    from tests.test_import import write

    rows = [
        REGISTER,
        ["cb1", "Cao Văn Một", "Vượt đèn đỏ", "1/11/2026", "", ""],
        ["cb1", "Cao Văn Một", "Không đội mũ bảo hiểm", "3/11/2026", "", ""],
        ["cb2", "Tạ Thị Hai", "Vượt đèn đỏ", "2/11/2026", "khiển trách", "20/11/2026"],
    ]
    result = ok(office, "import", "violations", str(write(tmp_path / "so.csv", rows)))
    assert "2 đảng viên mới chưa rõ tư cách (chính thức hay dự bị)" in result.stdout
    assert "atgt member edit MÃ --membership chinh-thuc|du-bi --since NGÀY" in result.stdout
    listed = members(office)
    assert {m["membership"] for m in listed} == {"chua-ro"}  # never chính thức
    assert changes(office) == []  # no membership to date: no change recorded
    shown = ok(office, "member", "list").stdout
    assert "chưa rõ" in shown and "chính thức" not in shown
    codes = {m["name"]: m["code"] for m in listed}
    # atgt check lists them (by code and unit: no names) with the way to set it.
    checked = " ".join(ok(office, "check").stdout.split())
    assert "2 đảng viên chưa rõ tư cách" in checked
    assert f"{codes['Cao Văn Một']} (Chi bộ 1)" in checked and "Cao Văn Một" not in checked
    assert "atgt member edit MÃ --membership" in checked
    as_json = json.loads(ok(office, "check", "--json").stdout)
    assert len(as_json["unknown_membership"]) == 2

    # An outcome every membership may have is open; one that depends on it waits for it.
    ok(
        office,
        *handle(
            "1", "--outcome", "cảnh cáo", "--decided-on", "20/11/2026", "--decided-by", "chi bộ"
        ),
    )
    for outcome in ("khai trừ", "cách chức", "xóa tên"):
        message = refused(
            office,
            *handle(
                "2", "--outcome", outcome, "--decided-on", "20/11/2026", "--decided-by", "đảng ủy"
            ),
        )
        assert "chưa rõ đảng viên là chính thức hay dự bị vào ngày vi phạm" in message
        assert f"atgt member edit {codes['Cao Văn Một']} --membership chinh-thuc|du-bi" in message
    # --since alone has no membership to date.
    message = refused(office, "member", "edit", codes["Cao Văn Một"], "--since", "1/1/2026")
    assert "chưa rõ tư cách đảng viên của Cao Văn Một" in message
    # Set, the rules read it: dự bị since before the violation → xóa tên, not khai trừ.
    ok(
        office,
        "member",
        "edit",
        codes["Cao Văn Một"],
        "--membership",
        "du-bi",
        "--since",
        "1/1/2026",
    )
    ok(
        office,
        *handle(
            "2", "--outcome", "xóa tên", "--decided-on", "20/11/2026", "--decided-by", "đảng ủy"
        ),
    )
    assert "1 đảng viên chưa rõ tư cách" in " ".join(ok(office, "check").stdout.split())
    # In English too.
    english = " ".join(office("--lang", "en", "check").stdout.split())
    assert "1 member(s) with their membership unknown" in english


def test_an_outcome_that_depends_on_an_unknown_membership_is_a_row_problem(
    office, tmp_path
) -> None:
    from tests.test_import import write

    rows = [REGISTER, ["cb1", "Mai Văn Ba", "Vượt đèn đỏ", "1/11/2026", "khai trừ", "20/11/2026"]]
    message = refused(office, "import", "violations", str(write(tmp_path / "kt.csv", rows)))
    assert "kt.csv:2:Hình thức xử lý: chưa rõ đảng viên là chính thức hay dự bị" in message
    assert "khai trừ chỉ dành cho đảng viên chính thức" in message
    assert members(office) == []


def test_a_member_of_unknown_membership_merged_or_edited_is_judged_as_unknown(
    office, tmp_path
) -> None:
    from tests.test_import import write

    ok(office, "member", "add", "Vũ Văn Bốn", "--unit", "cb1", "--membership", "chinh-thuc")
    add = ("violation", "add", "--unit", "cb1", "--member", "Vũ Văn Bốn", "--category")
    ok(office, *add, "vượt đèn đỏ", "--date", "2/11/2026")
    ok(
        office,
        *handle(
            "1", "--outcome", "khai trừ", "--decided-on", "20/11/2026", "--decided-by", "đảng ủy"
        ),
    )
    rows = [REGISTER, ["cb1", "Vũ Văn Bốn B", "Vượt đèn đỏ", "3/11/2026", "", ""]]
    ok(office, "import", "violations", str(write(tmp_path / "b.csv", rows)))
    unknown = next(m["code"] for m in members(office) if m["membership"] == "chua-ro")
    known = next(m["code"] for m in members(office) if m["membership"] == "chinh-thuc")
    # The khai trừ moving to a member whose membership is not known: refused, saying how.
    message = refused(office, "member", "merge", unknown, known)
    assert "chưa rõ đảng viên là chính thức hay dự bị" in message and unknown in message
    # violation edit to that member: the same.
    message = refused(office, "violation", "edit", "1", "--member", "Vũ Văn Bốn B")
    assert "chưa rõ đảng viên là chính thức hay dự bị" in message


def test_a_version_12_store_takes_unknown_memberships_and_keeps_every_row(tmp_path: Path) -> None:
    """Migration 0013 rebuilds the member table (its CHECK): the rows that refer to members
    (violations, membership changes) stay, none cascades away."""
    path = tmp_path / "v12.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, path, backup=False, target=12)
    now = "'2026-01-01T00:00:00Z'"
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(
        "INSERT INTO unit (id, name, name_key, kind, created_at)"
        f" VALUES (1, 'Chi bộ 1', 'chi bo 1', 'chi-bo', {now})"
    )
    conn.execute(
        "INSERT INTO member (id, code, unit_id, name, name_key, membership, created_at)"
        f" VALUES (1, 'ĐV-0001', 1, 'A', 'a', 'du-bi', {now})"
    )
    conn.execute(
        "INSERT INTO member_membership (member_id, membership, since, created_at)"
        f" VALUES (1, 'du-bi', '2026-02-01', {now})"
    )
    conn.execute(
        f"INSERT INTO plan (id, symbol, symbol_key, created_at) VALUES (1, 'P', 'p', {now})"
    )
    conn.execute(
        "INSERT INTO violation (plan_id, unit_id, member_id, category, occurred_on, known_on,"
        f" outcome, decided_on, created_at) VALUES (1, 1, 1, 'khac', '2026-03-01', '2026-03-01',"
        f" 'canh-cao', '2026-03-05', {now})"
    )
    conn.close()
    before = snapshot(path)
    store = open_store(path)
    try:
        after = {
            name: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {name} ORDER BY 1")]
            for name in ("unit", "member", "member_membership", "violation")
        }
        assert len(after["violation"]) == len(after["member_membership"]) == 1
        assert all(after[name] == before[name] for name in after)
        sql = "SELECT sql FROM sqlite_master WHERE name = 'member'"
        assert "'chua-ro'" in store.conn.execute(sql).fetchone()[0]
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        store.close()


def test_bad_member_edits_are_refused_and_change_nothing(office) -> None:
    ok(office, "member", "add", "Hồ Văn Năm", "--unit", "cb1", "--membership", "chinh-thuc")
    ok(office, "member", "add", "Hồ Văn Sáu", "--unit", "cb1", "--membership", "du-bi")
    assert "đã có đảng viên 'Ho Van Nam'" in refused(
        office, "member", "edit", "Hồ Văn Sáu", "--name", "Ho Van Nam"
    )
    assert "--membership" in refused(office, "member", "edit", "Hồ Văn Sáu", "--membership", "x")
    message = refused(office, "member", "edit", "Hồ Văn Sáu", "--membership", "chinh-thuc",
                      "--since", "1/1/2027")  # fmt: skip
    assert "tương lai" in message
    # Happy path: the change is dated, the earlier one kept.
    ok(office, "member", "edit", "Hồ Văn Sáu", "--membership", "chính thức", "--since", "1/9/2026")
    assert changes(office)[-2:] == [(2, "du-bi", None), (2, "chinh-thuc", "2026-09-01")]


def test_an_unknown_membership_exported_imports_back_unknown(office, atgt, tmp_path) -> None:
    """atgt writes "chưa rõ" in the membership column; an import reads it so, in any store."""
    from tests.test_import import write

    rows = [REGISTER, ["cb1", "Lò Văn Bảy", "Vượt đèn đỏ", "1/11/2026", "", ""]]
    ok(office, "import", "violations", str(write(tmp_path / "a.csv", rows)))
    exported = tmp_path / "v.csv"
    ok(office, "export", "violations", "-o", str(exported))
    assert "chưa rõ" in exported.read_text(encoding="utf-8-sig")
    fresh = tmp_path / "fresh.db"

    def new(*args: str):
        result = atgt("--db", str(fresh), "--today", "24/11/2026", *args)
        assert result.exit_code == 0, result.output
        return result

    new("init")
    new("unit", "add", "Chi bộ 1", "--kind", "chi-bo")
    imported = new("import", "violations", str(exported))
    assert "1 đảng viên mới chưa rõ tư cách" in imported.stdout
    (member,) = json.loads(new("member", "list", "--json").stdout)
    assert member["membership"] == "chua-ro"
