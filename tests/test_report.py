"""`atgt report`: the month-end report the office signs — prose from a Word template, the annex,
figures that agree across formats and months, the template round trip, the three kinds."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases

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


@pytest.fixture(scope="module")
def demo_pg(pg_template: str) -> Iterator[str]:
    """The demo's records in a PostgreSQL store, through the same services."""
    from atgt_cli.config import DatabaseUrl
    from atgt_cli.platform import current_user
    from atgt_cli.services.context import Env
    from atgt_cli.services.demo import DEMO_TODAY
    from atgt_cli.services.demo_data import record_demo
    from atgt_cli.services.plans import init_store
    from atgt_cli.store.db import using_store
    from tests.databases import drop_database, fresh_database, url_of

    name = fresh_database(pg_template)
    url = DatabaseUrl(url_of(name))
    env = Env(today=DEMO_TODAY, actor=current_user())
    init_store(url, actor=env.actor)
    with using_store(url) as store:
        record_demo(store, env)
    yield str(url)
    drop_database(name)


@pytest.fixture
def demo(atgt, backend: str, request: pytest.FixtureRequest):
    """The demo store (module-wide: tests only read it), on SQLite or PostgreSQL."""
    db = request.getfixturevalue("demo_db" if backend == "sqlite" else "demo_pg")

    def run(*args: str, **kwargs: object):
        return atgt("--db", str(db), "--today", "30/11/2026", *args, **kwargs)

    return run


def _docx_text(path: Path) -> str:
    from atgt_cli.render.docx_text import text_of

    return text_of(path.read_bytes())


def test_the_monthly_report_matches_the_golden_files(demo, tmp_path: Path) -> None:
    """The demo month's prose (md is the Word document read back), figures and model."""
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
        same = ("report", "--quarter", "4/2026", "--as-of", "31/12/2026", "--date", "5/1/2027")
        demo(*same, "-o", str(first))
        demo("--today", "2027-01-05", *same, "-o", str(second))
        assert first.read_bytes() == second.read_bytes()


def test_the_report_reads_as_the_office_writes_it(demo) -> None:
    md = demo("report", "--month", "11/2026", "--format", "md").stdout
    assert "# BÁO CÁO" in md
    assert (
        "kết quả thực hiện Kế hoạch số 16-KH/ĐUSCT ngày 17/8/2023 của Đảng ủy Sở Công Thương về"
        " tăng cường sự lãnh đạo" in md
    )
    assert "Đảng ủy Sở báo cáo kết quả tháng 11 năm 2026 như sau:" in md
    for heading in (
        "## I. KẾT QUẢ THỰC HIỆN",
        "### 1. Công tác lãnh đạo, chỉ đạo",
        "### 2. Công tác tuyên truyền, phổ biến, giáo dục pháp luật",
        "### 3. Tình hình đảng viên vi phạm và kết quả xử lý",
        "## II. HẠN CHẾ, NGUYÊN NHÂN",
        "## III. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 12/2026",
        "PHỤ LỤC",
    ):
        assert heading in md, heading
    # Vietnamese numbers, periods named, no false zero for a year atgt holds nothing of.
    assert "tỷ lệ đảng viên dự đạt 86,7%" in md
    assert "Lũy kế năm 2026" in md and "Cùng kỳ năm 2025: chưa có số liệu" in md
    # Shortfalls as sentences naming the units and the figures; tasks drawn from them.
    assert "Chi bộ Văn phòng có tỷ lệ đảng viên dự chỉ đạt 60% (chỉ tiêu 80%)" in md
    assert "Chi bộ 3 chưa tổ chức sinh hoạt chi bộ có nội dung về TTATGT" in md
    assert "Chi bộ 3 tổ chức sinh hoạt chi bộ có nội dung về TTATGT trong tháng 12/2026" in md
    for pasted in ("≥", "— đạt:", "(tập trung:", "http", "Không có.", "sha256"):
        assert pasted not in md, pasted


def test_the_annex_totals_are_the_figures_of_the_prose(demo) -> None:
    data = json.loads(demo("report", "--month", "11/2026", "--format", "json").stdout)
    p = data["propaganda"]
    units = data["units"]
    assert sum(u["sessions"] for u in units) == p["sessions"]["period"]
    assert sum(u["masses"] for u in units) == p["masses"]["period"]
    assert sum(u["web_posts"] for u in units) == p["web_posts"]["period"]
    assert sum(u["documents"] for u in units) == p["documents"]["period"]
    assert sum(u["violations"] for u in units) == data["cases"]["new"]["period"]
    md = demo("report", "--month", "11/2026", "--format", "md").stdout
    total = next(line for line in md.splitlines() if line.startswith("|  | Cộng |"))
    cells = [c.strip() for c in total.strip("|").split("|")]
    sessions, documents, web, attendance, masses = cells[2:7]
    assert f"tổ chức {sessions} buổi tuyên truyền" in md
    assert f"tuyên truyền đến {masses} lượt quần chúng" in md
    assert f"tỷ lệ đảng viên dự đạt {attendance}" in md
    assert int(sessions) == p["sessions"]["period"] and int(masses) == p["masses"]["period"]
    assert (documents, web) == (str(p["documents"]["period"]), str(p["web_posts"]["period"]))


def test_sessions_documents_and_web_posts_are_counted_apart(demo) -> None:
    data = json.loads(demo("report", "--year", "2026", "--format", "json").stdout)
    p = data["propaganda"]
    channels = {term["code"] for term in p["by_channel"]}
    assert "van-ban" not in channels and "trang-ttdt" not in channels
    assert sum(term["count"]["period"] for term in p["by_channel"]) == p["sessions"]["period"]
    assert p["web_posts"]["period"] == 6 and p["documents"]["period"] == 1


def test_lateness_summed_over_the_months_is_the_years(demo) -> None:
    def late(*period: str) -> int:
        args = ("report", *period, "--as-of", "31/12/2026", "--format", "json")
        return int(json.loads(demo(*args).stdout)["cases"]["late"]["period"])

    months = [late("--month", f"{m}/2026") for m in range(1, 13)]
    assert sum(months) == late("--year", "2026") == 2
    assert all(n <= 1 for n in months)  # each late case in exactly one month
    december = json.loads(
        demo("report", "--month", "12/2026", "--as-of", "31/12/2026", "--format", "json").stdout
    )
    assert december["cases"]["late"]["ytd"] == sum(months)


def test_a_case_is_new_in_the_month_the_cell_learned_of_it(office) -> None:
    added = office(
        "violation", "add", "--unit", "Chi bộ 1", "--member", "Nguyễn Văn A",
        "--membership", "chính thức", "--date", "30/10/2026", "--known-on", "2/11/2026",
        "--category", "mu-bao-hiem",
    )  # fmt: skip
    assert added.exit_code == 0, added.output

    def new(month: str) -> int:
        args = ("report", "--month", month, "--as-of", "30/11/2026", "--format", "json")
        return int(json.loads(office(*args).stdout)["cases"]["new"]["period"])

    assert (new("10/2026"), new("11/2026")) == (0, 1)


def test_a_period_not_over_is_reported_up_to_today(demo) -> None:
    result = demo("--today", "15/11/2026", "report", "--month", "11/2026", "--format", "md")
    assert result.exit_code == 0, result.output
    assert "(Số liệu đến ngày 15/11/2026; kỳ báo cáo chưa kết thúc.)" in result.stdout
    assert "kỳ báo cáo chưa kết thúc" in result.stderr and "15/11/2026" in result.stderr
    over = demo("report", "--month", "10/2026", "--format", "md")
    assert "chưa kết thúc" not in over.stdout + over.stderr
    assert "hạn gửi báo cáo" in over.stderr.lower() or "quá hạn" in over.stderr


def test_a_draft_and_a_numbered_report(demo, tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    assert demo("report", "--month", "11/2026", "-o", str(draft)).exit_code == 0
    text = _docx_text(draft)
    assert "DỰ THẢO" in text and "ngày      tháng 11 năm 2026" in text
    final = tmp_path / "final.docx"
    result = demo(
        "report", "--month", "11/2026", "--number", "12", "--date", "5/12/2026",
        "--signer", "Nguyễn Văn Bí", "-o", str(final),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = _docx_text(final)
    assert "DỰ THẢO" not in text
    assert "Số 12-BC/ĐUSCT" in text and "Đồng Nai, ngày 05 tháng 12 năm 2026" in text
    assert "Kèm theo Báo cáo số 12-BC/ĐUSCT ngày 05/12/2026 của Đảng ủy Sở Công Thương" in text
    assert "T/M ĐẢNG ỦY" in text and "Nguyễn Văn Bí" in text
    assert "sha256" not in text  # the data fingerprint is in the properties only
    from docx import Document

    assert Document(str(final)).core_properties.identifier.startswith("sha256:")


def test_a_cells_own_report(demo) -> None:
    md = demo("report", "--month", "11/2026", "--unit", "cb van phong", "--format", "md").stdout
    assert md.startswith("ĐẢNG BỘ SỞ CÔNG THƯƠNG\n\n**CHI BỘ VĂN PHÒNG**")
    assert "Chi bộ báo cáo kết quả tháng 11 năm 2026 như sau:" in md
    assert "- Đảng ủy Sở (để báo cáo)," in md and "- Lưu chi bộ." in md
    assert "**T/M CHI BỘ**" in md
    assert "Chi bộ 3" not in md and "Chi bộ 1" not in md  # only its own content


def test_a_mass_organisations_report_is_not_a_party_document(demo) -> None:
    md = demo("report", "--month", "11/2026", "--unit", "Công đoàn cơ sở", "--format", "md").stdout
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in md
    assert "CÔNG ĐOÀN VIÊN CHỨC TỈNH" in md and "**CÔNG ĐOÀN CƠ SỞ**" in md
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in md and "Số:" in md
    assert "đảng viên vi phạm" not in md and "T/M ĐẢNG ỦY" not in md
    assert "**TM. BAN CHẤP HÀNH**" in md and "**CHỦ TỊCH**" in md
    assert "54 lượt quần chúng" in md


def test_the_template_round_trip(demo, tmp_path: Path) -> None:
    from docx import Document

    template = tmp_path / "mau.docx"
    written = demo("report", "template", "-o", str(template))
    assert written.exit_code == 0, written.output
    document = Document(str(template))
    edited = 0
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if "Đảng ủy Sở tiếp tục lãnh đạo" in run.text:
                run.text = run.text.replace("tiếp tục lãnh đạo", "đã tập trung lãnh đạo")
                edited += 1
    assert edited == 1
    document.save(str(template))
    out = tmp_path / "bao-cao.docx"
    result = demo("report", "--month", "11/2026", "--template", str(template), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Đảng ủy Sở đã tập trung lãnh đạo, chỉ đạo" in _docx_text(out)
    md = demo("report", "--month", "11/2026", "--template", str(template), "--format", "md")
    assert "đã tập trung lãnh đạo" in md.stdout
    before = template.read_bytes()
    over = demo("report", "--month", "11/2026", "--template", str(template), "-o", str(template))
    assert over.exit_code == 1 and "mẫu Word" in over.stderr
    assert template.read_bytes() == before


@pytest.mark.parametrize(
    ("tag", "named"),
    [
        ("{{ so_lieu_la }}", "so_lieu_la"),
        ("{{ now.khong_co }}", "khong_co"),
        ("{% if %}", "{% if %}"),
        ("{{ now.sessions ) }}", "{{ now.sessions ) }}"),
        ("{% lap x %}", "{% lap x %}"),
    ],
)
def test_a_template_with_a_broken_or_unknown_tag_is_refused(
    demo, tmp_path: Path, tag: str, named: str
) -> None:
    from docx import Document

    template = tmp_path / "mau.docx"
    demo("report", "template", "-o", str(template))
    document = Document(str(template))
    document.add_paragraph(f"Câu mới {tag}")
    document.save(str(template))
    out = tmp_path / "bao-cao.docx"
    result = demo("report", "--month", "11/2026", "--template", str(template), "-o", str(out))
    assert result.exit_code == 1
    assert (
        "Lỗi:" in result.stderr and "mau.docx" in result.stderr and "Traceback" not in result.stderr
    )
    assert named in result.stderr
    assert not out.exists()


def test_office_notes_appear_in_every_regeneration_unless_redacted(demo) -> None:
    for section, text in (
        ("ket-qua", "Đảng ủy Sở tổ chức hội nghị quán triệt Kế hoạch"),
        ("han-che", "Chi bộ 3 chưa sinh hoạt do nhân sự nghỉ phép"),
        ("phuong-huong", "Đôn đốc Chi bộ 1 đăng tin"),
    ):
        added = demo("report", "note", "--month", "11/2026", "--section", section, text)
        assert added.exit_code == 0, added.output
    for _ in range(2):
        md = demo("report", "--month", "11/2026", "--format", "md").stdout
        results, limits = md.split("## II.")
        assert "Đảng ủy Sở tổ chức hội nghị quán triệt Kế hoạch" in results
        assert "Chi bộ 3 chưa sinh hoạt do nhân sự nghỉ phép" in limits.split("## III.")[0]
        assert "- Đôn đốc Chi bộ 1 đăng tin" in limits.split("## III.")[1]
    redacted = demo("report", "--month", "11/2026", "--format", "md", "--redact").stdout
    assert "nghỉ phép" not in redacted and "Bùi Minh Yến" not in redacted
    bad = demo("report", "note", "--month", "11/2026", "--section", "linh-tinh", "x")
    assert bad.exit_code == 1 and "--section" in bad.stderr


def test_csv_for_excel_in_a_vietnamese_locale(demo) -> None:
    plain = demo("report", "--month", "11/2026", "--format", "csv").stdout.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(plain)))
    assert ["Kết quả thực hiện", "Tỷ lệ đảng viên dự (%)", "86.7", "74.6", ""] in rows
    vi = demo("report", "--month", "11/2026", "--format", "csv", "--excel-vi").stdout
    vi_rows = list(csv.reader(io.StringIO(vi.lstrip("\ufeff")), delimiter=";"))
    assert ["Kết quả thực hiện", "Tỷ lệ đảng viên dự (%)", "86,7", "74,6", ""] in vi_rows


def test_the_terminal_view_is_the_document(demo) -> None:
    table = demo("report", "--month", "11/2026").stdout
    assert "BÁO CÁO" in table and "HẠN CHẾ, NGUYÊN NHÂN" in table and "PHỤ LỤC" in table


def test_one_unit_and_bad_outputs(demo, tmp_path: Path) -> None:
    one = json.loads(
        demo("report", "--month", "11/2026", "--unit", "cb1", "--format", "json").stdout
    )
    assert one["unit"] == "Chi bộ 1" and [u["unit"] for u in one["units"]] == ["Chi bộ 1"]
    unknown = demo("report", "--month", "11/2026", "-o", str(tmp_path / "r.pdfx"))
    assert unknown.exit_code == 1 and "--format" in unknown.stderr
    assert not (tmp_path / "r.pdfx").exists()


def test_markdown_shows_text_as_written() -> None:
    from atgt_cli.render.report import _md

    shown = _md("<img src=x onerror=alert(1)> [a](javascript:alert(1)) ![i](http://x/p.png)")
    assert "<" not in shown.replace("\\<", "") and "](" not in shown.replace("\\](", "")


def test_text_that_looks_like_a_formula_is_written_as_text() -> None:
    from atgt_cli.render.report import safe_cell

    assert [safe_cell(x) for x in ("=1+1", "+84", "-5", "@SUM", "Chi bộ")] == [
        "'=1+1",
        "'+84",
        "'-5",
        "'@SUM",
        "Chi bộ",
    ]


def test_vietnamese_numbers_have_one_rounding_rule() -> None:
    from atgt_cli.render.numbers import number, percent

    assert [number(1200), number(81.75), number(0.25), number(None)] == [
        "1.200",
        "81,8",
        "0,3",
        "–",
    ]
    assert percent(86.66) == "86,7%" and number(1234567.0) == "1.234.567"
    assert re.fullmatch(r"\d+", number(5))


def test_a_late_case_locks_the_month_its_deadline_passed(office) -> None:
    added = office(
        "violation", "add", "--unit", "Chi bộ 1", "--member", "Trần Văn B",
        "--membership", "chinh-thuc", "--date", "27/10/2026", "--known-on", "28/10/2026",
        "--category", "mu-bao-hiem",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    closed = office("period", "close", "11/2026")  # the 7-day deadline fell on 4/11
    assert closed.exit_code == 0, closed.output
    refused = office("violation", "delete", "1", "--reason", "nhầm")
    assert refused.exit_code != 0 and "11/2026" in refused.stderr
    moved = office("violation", "edit", "1", "--reported-on", "30/10/2026")
    assert moved.exit_code != 0 and "11/2026" in moved.stderr


def test_a_plan_without_the_cell_and_organisation_settings_still_reports(office, tmp_path) -> None:
    import re as regex

    from atgt_cli.plan.bundled import seed_plan

    text = seed_plan().read_text(encoding="utf-8")
    text = regex.sub(r"\n  cell:\n(?:    .*\n|      .*\n)+", "\n", text)
    text = regex.sub(r"\n  organisations:\n(?:    .*\n|      .*\n|        .*\n)+", "\n", text)
    assert "organisations:" not in text and "\n  cell:" not in text
    older = tmp_path / "plan.yaml"
    older.write_text(text, encoding="utf-8")
    loaded = office("plan", "load", str(older))
    assert loaded.exit_code == 0, loaded.output
    cell = office("report", "--unit", "Chi bộ 1", "--format", "md")
    assert cell.exit_code == 0, cell.output
    assert "ĐẢNG BỘ SỞ CÔNG THƯƠNG" in cell.stdout and "- Lưu chi bộ." in cell.stdout
    assert "- Đảng ủy Sở Công Thương (để báo cáo)," in cell.stdout  # the default, not the seed's
    organisation = office("report", "--unit", "Công đoàn cơ sở", "--format", "md")
    assert organisation.exit_code == 0, organisation.output
    assert "**TM. BAN CHẤP HÀNH**" in organisation.stdout
