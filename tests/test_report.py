"""`atgt report`: one model, four text formats, reproducible to the byte, notes kept."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
FORMATS = ("md", "csv", "json")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from atgt_cli.cli.main import prepare

    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.db"
    result = CliRunner().invoke(
        prepare([]), ["demo", "--db", str(db), "--out", str(folder / "out")]
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def demo(atgt, demo_db: Path):
    def run(*args: str, **kwargs: object):
        return atgt("--db", str(demo_db), "--today", "30/11/2026", *args, **kwargs)

    return run


def test_the_monthly_report_matches_the_golden_files(demo, tmp_path: Path) -> None:
    outputs = [tmp_path / f"report.{fmt}" for fmt in FORMATS]
    args = [x for path in outputs for x in ("-o", str(path))]
    result = demo("report", "--month", "11/2026", *args)
    assert result.exit_code == 0, result.output
    for path in outputs:
        golden = GOLDEN / f"report-2026-11{path.suffix}"
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_bytes(path.read_bytes())
        assert path.read_bytes() == golden.read_bytes(), (
            f"{golden.name} differs (UPDATE_GOLDEN=1 rewrites it)"
        )


def test_the_same_store_and_period_give_byte_identical_reports(demo, tmp_path: Path) -> None:
    for fmt in FORMATS:
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        demo("report", "--quarter", "4/2026", "-o", str(first))
        demo("--today", "2027-01-05", "report", "--quarter", "4/2026", "-o", str(second))
        assert first.read_bytes() == second.read_bytes()


def test_the_formats_carry_the_same_numbers(demo) -> None:
    data = json.loads(demo("report", "--month", "11/2026", "--format", "json").stdout)
    summary = {row["label"]: row for row in data["summary"][0]["rows"]}
    sessions = summary["Số buổi tuyên truyền"]
    rows = list(
        csv.reader(
            io.StringIO(
                demo("report", "--month", "11/2026", "--format", "csv").stdout.lstrip("\ufeff")
            )
        )
    )
    (csv_row,) = [r for r in rows if r[1] == "Số liệu chung" and r[2] == "Số buổi tuyên truyền"]
    assert csv_row[3:] == [
        str(sessions["period"]),
        str(sessions["ytd"]),
        str(sessions["last_year"]),
    ]
    md = demo("report", "--month", "11/2026", "--format", "md").stdout
    assert (
        f"| Số buổi tuyên truyền | {sessions['period']} | {sessions['ytd']} | {sessions['last_year']} |"
        in md
    )
    assert data["fingerprint"].startswith("sha256:") and data["fingerprint"] in md
    table = demo("report", "--month", "11/2026").stdout
    assert "Hạn chế, nguyên nhân" in table and "Phương hướng, nhiệm vụ" in table


def test_status_and_report_agree(demo) -> None:
    status = json.loads(demo("status", "--month", "11/2026", "--json").stdout)
    report = json.loads(demo("report", "--month", "11/2026", "--format", "json").stdout)
    assert report["units"] == status["units"]
    totals = {row["label"]: row["period"] for row in report["summary"][0]["rows"]}
    assert totals["Số buổi tuyên truyền"] == status["totals"]["sessions"]
    assert totals["Lượt quần chúng"] == status["totals"]["masses"]


def test_the_report_follows_the_plan_items(demo) -> None:
    data = json.loads(demo("report", "--month", "11/2026", "--format", "json").stdout)
    assert [s["item"] for s in data["sections"]] == ["II.1", "II.2", "III.1", "III.2", "III.3"]
    by_item = {s["item"]: s for s in data["sections"]}
    assert by_item["III.3"]["units"] == ["Chi bộ 1"]
    assert {t["title"] for t in by_item["II.1"]["tables"]} == {
        "Vi phạm theo loại",
        "Xử lý, công khai, báo cáo",
    }
    assert any(
        r["label"] == "Sinh hoạt định kỳ đầu tuần"
        for t in by_item["II.2"]["tables"]
        for r in t["rows"]
    )
    assert data["limitations"] and data["directions"]
    assert any("III.3" in d for d in data["directions"])


def test_office_notes_appear_in_every_regeneration_unless_redacted(demo) -> None:
    added = demo(
        "report",
        "note",
        "--month",
        "11/2026",
        "--section",
        "han-che",
        "Chi bộ 3 chưa sinh hoạt do nhân sự nghỉ phép",
    )
    assert added.exit_code == 0, added.output
    demo(
        "report",
        "note",
        "--month",
        "11/2026",
        "--section",
        "phuong-huong",
        "Đôn đốc Chi bộ 1 đăng tin",
    )
    for _ in range(2):
        md = demo("report", "--month", "11/2026", "--format", "md").stdout
        assert (
            "Chi bộ 3 chưa sinh hoạt do nhân sự nghỉ phép" in md
            and "Đôn đốc Chi bộ 1 đăng tin" in md
        )
    redacted = demo("report", "--month", "11/2026", "--format", "md", "--redact").stdout
    assert "nghỉ phép" not in redacted and "https://" not in redacted
    bad = demo("report", "note", "--month", "11/2026", "--section", "linh-tinh", "x")
    assert bad.exit_code == 1 and "--section" in bad.stderr


def test_one_unit_and_bad_outputs(demo, tmp_path: Path) -> None:
    one = json.loads(
        demo("report", "--month", "11/2026", "--unit", "cb1", "--format", "json").stdout
    )
    assert one["unit"] == "Chi bộ 1" and [u["unit"] for u in one["units"]] == ["Chi bộ 1"]
    unknown = demo("report", "--month", "11/2026", "-o", str(tmp_path / "r.pdfx"))
    assert unknown.exit_code == 1 and "--format" in unknown.stderr
    assert not (tmp_path / "r.pdfx").exists()


def test_text_that_looks_like_a_formula_is_written_as_text() -> None:
    from atgt_cli.render.report import safe_cell

    assert [safe_cell(x) for x in ("=1+1", "+84", "-5", "@SUM", "Chi bộ")] == [
        "'=1+1",
        "'+84",
        "'-5",
        "'@SUM",
        "Chi bộ",
    ]
