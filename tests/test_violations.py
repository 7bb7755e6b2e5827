"""`atgt member …` and `atgt violation …` through the CLI: the rules, lateness, redaction."""

from __future__ import annotations

import json
import re

import pytest

from atgt_cli.text import fold
from tests.conftest import snapshot

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases

NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")


def violations(office, *args: str) -> list[dict]:
    result = office("violation", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def add(office, *args: str, expect: int = 0):
    base = {
        "--unit": "cb1",
        "--member": "Nguyễn Văn An",
        "--category": "vượt đèn đỏ",
        "--date": "1/11/2026",
        "--membership": "chinh-thuc",  # stated when a member is first recorded
    }
    for key, value in zip(args[::2], args[1::2], strict=True):
        base[key] = value
    result = office("violation", "add", *[x for pair in base.items() for x in pair])
    assert result.exit_code == expect, result.output
    return result


def test_a_violation_records_its_member_on_the_way_with_an_opaque_code(office) -> None:
    result = add(office, "--membership", "du-bi", "--state-title", "Chuyên viên")
    code = re.search(r"ĐV-[0-9A-F]{4}", result.stdout).group(0)
    members = json.loads(office("member", "list", "--json").stdout)
    assert [(m["name"], m["code"], m["membership"], m["state_title"]) for m in members] == [
        ("Nguyễn Văn An", code, "du-bi", "Chuyên viên")
    ]
    assert not set(fold("Nguyễn Văn An").replace(" ", "")) & set(code[3:].lower()) - set(
        "0123456789abcdef"
    )
    # the same person again is the same member, found as typed
    add(office, "--member", "nguyen van an", "--date", "2/11/2026")
    assert len(json.loads(office("member", "list", "--json").stdout)) == 1
    assert {v["member_code"] for v in violations(office)} == {code}


def test_members_are_added_listed_and_edited(office) -> None:
    # member add states the membership now (no silent chính thức: test_membership).
    result = office(
        "member", "add", "Lê Văn Cường", "--unit", "cb1", "--party-post", "Phó Bí thư chi bộ",
        "--membership", "chinh-thuc",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    code = result.stdout.split("mã ")[1].strip(" .\n")
    assert (
        office("member", "add", "le van cuong", "--unit", "cb1", "--membership", "du-bi").exit_code
        == 1
    )  # same unit, same name
    assert (
        office("member", "add", "Lê Văn Cường", "--unit", "cb2", "--membership", "du-bi").exit_code
        == 0
    )  # another person elsewhere
    edited = office(
        "member",
        "edit",
        code.replace("Đ", "D").lower(),
        "--membership",
        "du-bi",
        "--membership-since",
        "1/6/2026",
    )
    assert edited.exit_code == 0, edited.output
    ambiguous = office("member", "edit", "Lê Văn Cường", "--state-title", "x")
    assert (
        ambiguous.exit_code == 1
        and "Chi bộ 1" in ambiguous.stderr
        and "Chi bộ 2" in ambiguous.stderr
    )
    assert (
        office(
            "member", "edit", "Lê Văn Cường", "--unit", "cb2", "--state-title", "Phó phòng"
        ).exit_code
        == 0
    )
    members = {
        (m["unit"], m["name"]): m for m in json.loads(office("member", "list", "--json").stdout)
    }
    assert members[("Chi bộ 1", "Lê Văn Cường")]["membership"] == "du-bi"
    assert members[("Chi bộ 2", "Lê Văn Cường")]["state_title"] == "Phó phòng"
    assert office("member", "edit", "ĐV-0000", "--name", "X").exit_code == 4


@pytest.mark.parametrize(
    ("date", "level", "tier", "decree"),
    [
        ("31/12/2024", ("--alcohol-breath", "0.25"), 1, "100/2019/NĐ-CP"),
        ("1/1/2025", ("--alcohol-breath", "0.25"), 1, "168/2024/NĐ-CP"),
        ("1/1/2025", ("--alcohol-breath", "0.251"), 2, "168/2024/NĐ-CP"),
        ("1/1/2025", ("--alcohol-breath", "0.4"), 2, "168/2024/NĐ-CP"),
        ("1/1/2025", ("--alcohol-breath", "0.41"), 3, "168/2024/NĐ-CP"),
        ("15/6/2024", ("--alcohol-blood", "80"), 2, "100/2019/NĐ-CP"),
        ("15/6/2024", ("--alcohol-blood", "80.5"), 3, "100/2019/NĐ-CP"),
    ],
)
def test_alcohol_levels_are_classified_by_the_decree_in_force(
    office, date, level, tier, decree
) -> None:
    result = add(office, "--category", "nồng độ cồn", "--date", date, *level)
    assert f"Mức {tier} theo Nghị định {decree}" in result.stdout
    (row,) = violations(office)
    assert (row["alcohol_tier"], row["decree"]) == (tier, decree)


def test_refusing_the_test_is_punished_like_the_top_tier(office) -> None:
    add(office, "--category", "từ chối kiểm tra", "--date", "2/1/2025")
    assert violations(office)[0]["alcohol_tier"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--alcohol-breath", "0.3"], "nồng độ cồn chỉ ghi cho vi phạm về rượu, bia"),
        (
            ["--category", "NĐC", "--alcohol-breath", "0.3", "--alcohol-blood", "40"],
            "ghi một trong --alcohol-breath",
        ),
        (["--category", "NĐC", "--alcohol-breath", "0"], "--alcohol-breath phải > 0"),
        (["--date", "25/11/2026"], "--date: ngày 25/11/2026 ở tương lai"),
        (["--date", "1/8/2023"], "trước kế hoạch 16-KH/ĐUSCT"),
        (["--known-on", "31/10/2026"], "--known-on (31/10/2026) trước ngày vi phạm"),
        (["--reported-on", "31/10/2026"], "trước ngày biết vi phạm"),
        (["--unit", "Công đoàn"], "là đoàn thể"),
        (["--category", "say xỉn"], "--category: không có 'say xỉn'"),
        (["--membership", "tam-thoi"], "--membership: không có 'tam-thoi'"),
    ],
)
def test_bad_violations_are_refused_and_change_nothing(office, args, message) -> None:
    before = snapshot(office.db)
    result = add(office, *args, expect=1)
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(office.db) == before


@pytest.mark.parametrize(
    ("member", "outcome", "decided_on", "message"),
    [
        (
            ["--membership", "du-bi", "--party-post", "Chi ủy viên"],
            "cach-chuc",
            "20/11/2026",
            # The refusal now says what is possible for a dự bị member (xóa tên among them).
            "dự bị (vào ngày vi phạm) không thể cách chức",
        ),
        (["--membership", "du-bi"], "khai-tru", "20/11/2026", "không thể khai trừ"),
        (
            ["--state-title", "Trưởng phòng"],
            "cach-chuc",
            "20/11/2026",
            "'Trưởng phòng' là chức vụ chính quyền",
        ),
        ([], "canh-cao", "31/10/2026", "trước ngày vi phạm 1/11/2026"),
        ([], "canh-cao", "9/11/2026", "trước ngày biết vi phạm 10/11/2026"),
        ([], "canh-cao", "25/11/2026", "ở tương lai"),
    ],
)
def test_handling_under_quy_dinh_69(office, member, outcome, decided_on, message) -> None:
    add(office, "--known-on", "10/11/2026", *member)
    before = snapshot(office.db)
    result = office(
        "violation",
        "handle",
        "1",
        "--outcome",
        outcome,
        "--decided-on",
        decided_on,
        "--decided-by",
        "chi-bo",
    )
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert snapshot(office.db) == before


def test_handle_publish_and_report(office) -> None:
    add(
        office,
        "--member",
        "Lê Văn Cường",
        "--party-post",
        "Phó Bí thư chi bộ",
        "--known-on",
        "10/11/2026",
    )
    assert violations(office, "--open")[0]["open"] is True
    unpublished = office("violation", "publish", "1", "--on", "20/11/2026", "--where", "Hội nghị")
    assert unpublished.exit_code == 1 and "chưa xử lý" in unpublished.stderr
    handled = office(
        "violation",
        "handle",
        "1",
        "--outcome",
        "cach-chuc",
        "--decided-on",
        "15/11/2026",
        "--decided-by",
        "dang-uy",
        "--decision",
        "Số 05-QĐ/ĐUSCT",
    )
    assert handled.exit_code == 0 and "cách chức" in handled.stdout
    early = office("violation", "publish", "1", "--on", "14/11/2026", "--where", "Hội nghị")
    assert early.exit_code == 1
    assert (
        office(
            "violation", "publish", "1", "--on", "16/11/2026", "--where", "Hội nghị chi bộ"
        ).exit_code
        == 0
    )
    assert violations(office, "--open") == [] and violations(office, "--unpublished") == []
    (row,) = violations(office)
    assert (row["outcome"], row["decided_by"], row["decision"], row["published_where"]) == (
        "cach-chuc",
        "dang-uy",
        "Số 05-QĐ/ĐUSCT",
        "Hội nghị chi bộ",
    )
    shown = office("violation", "show", "1").stdout
    assert "cách chức" in shown and "Số 05-QĐ/ĐUSCT" in shown and "Phó Bí thư chi bộ" in shown


def test_reported_late_runs_from_the_day_it_was_known(office) -> None:
    # the plan allows 7 days; today is 24/11/2026
    add(office, "--date", "1/10/2026", "--known-on", "20/11/2026")  # known 4 days ago: not late yet
    add(
        office, "--date", "1/10/2026", "--known-on", "10/11/2026"
    )  # deadline 17/11 passed, not reported
    add(office, "--date", "1/10/2026", "--reported-on", "8/10/2026")  # on the deadline: on time
    add(office, "--date", "1/10/2026", "--reported-on", "9/10/2026")  # a day late
    assert [v["id"] for v in violations(office, "--late")] == [2, 4]
    result = office("violation", "report", "2", "--on", "21/11/2026")
    assert result.exit_code == 0 and "trễ hạn 17/11/2026" in result.stdout
    assert [v["late"] for v in violations(office)] == [False, True, False, True]


def test_a_closed_month_locks_each_event_by_its_own_date(office) -> None:
    add(office, "--date", "20/10/2026")
    office("period", "close", "10/2026")
    # handling in November a violation of October is a November event
    assert (
        office(
            "violation",
            "handle",
            "1",
            "--outcome",
            "khien-trach",
            "--decided-on",
            "5/11/2026",
            "--decided-by",
            "chi-bo",
        ).exit_code
        == 0
    )
    refused = add(office, "--date", "21/10/2026", expect=1)
    assert "tháng 10/2026 đã khóa sổ" in refused.stderr
    office("period", "close", "11/2026")
    again = office(
        "violation",
        "handle",
        "1",
        "--outcome",
        "canh-cao",
        "--decided-on",
        "23/11/2026",
        "--decided-by",
        "chi-bo",
    )
    assert again.exit_code == 1 and "11/2026" in again.stderr


def test_redacted_listings_and_log_hold_no_name_and_no_free_text(office) -> None:
    add(
        office,
        "--member",
        NAMES[0],
        "--membership",
        "du-bi",
        "--detected-by",
        "Công an phường báo",
        "--note",
        "Đồng chí Trần Thị Bình chứng kiến",
        "--category",
        "NĐC",
        "--alcohol-breath",
        "0.3",
    )
    add(office, "--member", NAMES[1], "--state-title", "Trưởng phòng Kế hoạch")
    office("member", "add", NAMES[2], "--unit", "cb2", "--party-post", "Bí thư chi bộ",
           "--membership", "chinh-thuc")  # fmt: skip
    office("member", "edit", NAMES[2], "--name", "Lê Văn Cương")
    office(
        "violation",
        "handle",
        "1",
        "--outcome",
        "canh-cao",
        "--decided-on",
        "20/11/2026",
        "--decided-by",
        "chi-bo",
        "--decision",
        "Quyết định về đồng chí Nguyễn Văn An",
    )
    office(
        "violation",
        "publish",
        "1",
        "--on",
        "21/11/2026",
        "--where",
        "Chi bộ 1, có mặt đ/c Lê Văn Cường",
    )
    secrets = [
        *NAMES,
        "Lê Văn Cương",
        "Công an phường báo",
        "chứng kiến",
        "Trưởng phòng",
        "Bí thư chi bộ",
        "có mặt",
    ]
    secrets += [fold(s) for s in secrets]
    outputs = []
    for args in (["violation", "list"], ["violation", "show", "1"], ["member", "list"], ["log"]):
        for fmt in ([], ["--json"]):
            result = office(*args, "--redact", *fmt)
            assert result.exit_code == 0, (args, result.output)
            outputs.append(result.stdout)
    text = "\n".join(outputs)
    folded = fold(text)
    for secret in secrets:
        assert secret not in text and fold(secret) not in folded, secret
    assert "ĐV-" in text and "canh-cao" in text  # still useful
    # without --redact the office sees everything
    assert NAMES[0] in office("violation", "list").stdout


def test_the_installed_atgt_records_and_redacts_a_violation(tmp_path) -> None:
    import os
    import subprocess

    from tests.conftest import VENV_BIN

    atgt_bin = VENV_BIN / "atgt"
    if not atgt_bin.exists():
        pytest.skip("atgt is not installed in this environment")
    env = {
        **os.environ,
        "ATGT_DB": str(tmp_path / "a.db"),
        "ATGT_TODAY": "24/11/2026",
        "COLUMNS": "100",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(atgt_bin), *args], capture_output=True, text=True, env=env, check=False
        )

    for args in (
        ["init"],
        ["unit", "add", "Chi bộ 1", "--kind", "chi-bo"],
        [
            "violation",
            "add",
            "--unit",
            "cb1",
            "--member",
            "Phạm Văn Dũng",
            "--membership",
            "du-bi",
            "--category",
            "NĐC",
            "--date",
            "1/11/2026",
            "--alcohol-breath",
            "0.4",
        ],
    ):
        assert run(*args).returncode == 0, args
    refused = run(
        "violation",
        "handle",
        "1",
        "--outcome",
        "cach-chuc",
        "--decided-on",
        "20/11/2026",
        "--decided-by",
        "chi-bo",
    )
    assert (
        refused.returncode == 1 and "dự bị" in refused.stderr and "Traceback" not in refused.stderr
    )
    listed = run("violation", "list", "--redact")
    assert (
        listed.returncode == 0 and "Phạm Văn Dũng" not in listed.stdout and "ĐV-" in listed.stdout
    )
