"""`atgt status`: figures per unit and a mark per target; `--check` for scheduled jobs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED_PLAN

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases


@pytest.fixture
def busy(office):
    """October: Chi bộ 1 does everything, Chi bộ 2 nothing; November (today 24/11) is running."""
    for args in (
        [
            "session",
            "add",
            "--unit",
            "cb1",
            "--date",
            "5/10/2026",
            "--channel",
            "SH chi bộ",
            "--present",
            "10",
        ],
        [
            "session",
            "add",
            "--unit",
            "cb1",
            "--date",
            "8/10/2026",
            "--channel",
            "TTĐT",
            "--url",
            "https://x.vn/1",
        ],
        [
            "session",
            "add",
            "--unit",
            "cb1",
            "--date",
            "20/11/2026",
            "--channel",
            "SH chi bộ",
            "--present",
            "7",
        ],
        [
            "session",
            "add",
            "--unit",
            "Đảng ủy Sở",
            "--date",
            "5/10/2026",
            "--channel",
            "chào cờ",
            "--masses",
            "40",
        ],
        [
            "session",
            "add",
            "--unit",
            "Công đoàn",
            "--date",
            "15/10/2026",
            "--channel",
            "SH đoàn thể",
            "--masses",
            "25",
        ],
        [
            "violation",
            "add",
            "--unit",
            "cb2",
            "--member",
            "Lê Văn Cường",
            "--membership",
            "chinh-thuc",
            "--category",
            "tốc độ",
            "--date",
            "1/10/2026",
            "--reported-on",
            "20/10/2026",
        ],
    ):
        assert office(*args).exit_code == 0, args
    return office


def status(run, *args: str) -> dict:
    result = run("status", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def marks(data: dict, unit: str) -> dict[str, str]:
    (row,) = [u for u in data["units"] if u["unit"] == unit]
    return {m["target"]: m["state"] for m in row["marks"]}


def test_a_past_month_shows_who_met_and_who_fell_short(busy) -> None:
    data = status(busy, "--month", "10/2026")
    assert (data["period"], data["start"], data["end"]) == ("2026-10", "2026-10-01", "2026-10-31")
    assert marks(data, "Chi bộ 1") == {
        "cb-trien-khai": "pending",
        "cb-sinh-hoat": "met",
        "cb-ty-le-du": "met",
        "cb1-trang-ttdt": "met",
        "cb-bao-cao-vi-pham": "na",
        "cb-cong-khai": "na",
    }
    assert marks(data, "Chi bộ 2") == {
        "cb-trien-khai": "pending",
        "cb-sinh-hoat": "short",
        "cb-ty-le-du": "na",
        "cb-bao-cao-vi-pham": "short",
        "cb-cong-khai": "na",
    }
    assert marks(data, "Đảng ủy Sở") == {"du-dau-tuan": "met", "du-van-ban": "pending"}
    assert marks(data, "Công đoàn cơ sở") == {"dt-tuyen-truyen": "met", "dt-quan-chung": "met"}
    (cb1,) = [u for u in data["units"] if u["unit"] == "Chi bộ 1"]
    assert cb1["figures"] | {"by_channel": None} == {
        "sessions": 1,  # and a web post, counted apart
        "documents": 0,
        "by_channel": None,
        "present": 10,
        "total": 11,
        "attendance": 90.9,
        "masses": 0,
        "web_posts": 1,
        "violations": 0,
        "handled": 0,
        "published": 0,
        "reported_on_time": 0,
        "reported_late": 0,
        "open": 0,
    }
    (cb2,) = [u for u in data["units"] if u["unit"] == "Chi bộ 2"]
    assert (
        cb2["figures"]["violations"],
        cb2["figures"]["reported_late"],
        cb2["figures"]["open"],
    ) == (1, 1, 1)
    assert cb2["shortfalls"] == [
        "Tuyên truyền TTATGT trong sinh hoạt chi bộ hằng tháng (II.2.a): 0 / ≥ 1",
        "Báo cáo kịp thời Đảng ủy Sở các trường hợp vi phạm (III.1): 0% / ≥ 100%",
    ]
    # Four sessions held, one of them a web post (counted apart: web_posts).
    assert data["totals"]["sessions"] == 3 and data["totals"]["web_posts"] == 1
    assert data["totals"]["masses"] == 65


def test_the_running_month_is_pending_not_short(busy) -> None:
    data = status(busy)  # default: the month of today, 24/11/2026
    assert data["period"] == "2026-11"
    assert marks(data, "Chi bộ 2")["cb-sinh-hoat"] == "pending"
    assert marks(data, "Chi bộ 1")["cb-sinh-hoat"] == "met"
    assert marks(data, "Chi bộ 1")["cb-ty-le-du"] == "pending"  # 7/11 = 64%, but the month runs
    check = busy("status", "--check")
    assert check.exit_code == (1 if any(u["shortfalls"] for u in data["units"]) else 0)


def test_check_exits_1_when_a_unit_falls_short(busy) -> None:
    short = busy("status", "--month", "10/2026", "--check")
    assert short.exit_code == 1
    assert "Chi bộ 2" in short.stdout and "Đơn vị chưa đạt" in short.stdout
    only_cb1 = busy("status", "--month", "10/2026", "--unit", "cb1", "--check")
    assert only_cb1.exit_code == 0 and "Không đơn vị nào chưa đạt" in only_cb1.stdout


def test_longer_periods_judge_shorter_targets_in_each_of_their_periods(busy) -> None:
    data = status(busy, "--quarter", "4/2026")
    (cb1,) = [u for u in data["units"] if u["unit"] == "Chi bộ 1"]
    by_id = {m["target"]: m for m in cb1["marks"]}
    assert (
        by_id["cb-sinh-hoat"]["state"] == "met"
        and by_id["cb-sinh-hoat"]["detail"] == "2/2 tháng đạt"
    )
    # a post in October; none yet in November, which is still running
    assert (by_id["cb1-trang-ttdt"]["state"], by_id["cb1-trang-ttdt"]["detail"]) == (
        "pending",
        "1/2 tháng đạt",
    )
    year = status(busy, "--year", "2026")
    assert marks(year, "Chi bộ 1")["cb-sinh-hoat"] == "short"  # January to September had none


def test_the_table_fits_80_columns_and_says_who_falls_short(busy) -> None:
    result = busy("status", "--month", "10/2026", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "Chi bộ 2: Tuyên truyền TTATGT" in result.stdout.replace("\n", " ")
    english = busy("--lang", "en", "status", "--month", "10/2026")
    assert "Units falling short" in english.stdout


def test_bad_period_options_are_refused(busy) -> None:
    for args in (
        ["--month", "13/2026"],
        ["--month", "10/2026", "--year", "2026"],
        ["--quarter", "5/2026"],
    ):
        result = busy("status", *args)
        assert result.exit_code == 1, args
        assert "Traceback" not in result.output


def test_the_plans_cut_off_day_moves_sessions_between_months(busy, tmp_path: Path) -> None:
    text = SEED_PLAN.read_text(encoding="utf-8").replace("  cutoff_day: ", "  cutoff_day: 14", 1)
    plan = tmp_path / "cutoff.yaml"
    plan.write_text(text, encoding="utf-8")
    assert busy("plan", "load", str(plan)).exit_code == 0
    data = status(busy, "--month", "11/2026")
    assert (data["start"], data["end"]) == ("2026-10-15", "2026-11-14")
    (union,) = [u for u in data["units"] if u["unit"] == "Công đoàn cơ sở"]
    assert union["figures"]["sessions"] == 1  # held 15/10: the first day of "November"
