"""The month-end pack as the party office files it: DOCX after Hướng dẫn 36-HD/VPTW, XLSX,
and both as LibreOffice turns them into PDF."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from atgt_cli.services.report_files import place_date


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo store's November report as DOCX and XLSX (and its JSON), made once."""
    from typer.testing import CliRunner

    from atgt_cli.cli.main import prepare

    folder = tmp_path_factory.mktemp("pack")
    db = folder / "demo.db"
    runner = CliRunner()

    def run(*args: str) -> None:
        result = runner.invoke(prepare(list(args)), list(args))
        assert result.exit_code == 0, result.output

    run("demo", "--db", str(db), "--out", str(folder / "demo"))
    common = ["--db", str(db), "--today", "5/1/2027", "report", "--month", "11/2026"]
    run(
        *common,
        "-o",
        str(folder / "bc.docx"),
        "-o",
        str(folder / "bc.xlsx"),
        "-o",
        str(folder / "bc.json"),
        "--number",
        "12",
        "--signer",
        "Nguyễn Văn Bình",
        "--date",
        "5/1/2027",
    )
    run(
        *common,
        "--unit",
        "Chi bộ 3",
        "--signer-title",
        "pho-bi-thu",
        "-o",
        str(folder / "cb3.docx"),
    )
    run(*common, "-o", str(folder / "draft.docx"))
    return {p.stem + p.suffix: p for p in folder.iterdir() if p.is_file()}


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (dt.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (dt.date(2026, 11, 15), "ngày 15 tháng 11 năm 2026"),
    ],
)
def test_place_and_date_are_written_as_hd36_says(day: dt.date, text: str) -> None:
    assert place_date("Đồng Nai", day, month=day.month, year=day.year) == f"Đồng Nai, {text}"
    open_day = place_date("Đồng Nai", None, month=day.month, year=day.year)
    assert open_day == "Đồng Nai, " + text.replace(f"ngày {day.day:02d}", "ngày " + " " * 4)


def test_the_docx_follows_hd36(pack: dict[str, Path]) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document(str(pack["bc.docx"]))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert doc.styles["Normal"].font.name == "Times New Roman" and doc.styles[
        "Normal"
    ].font.size == Pt(14)
    text = docx_text(pack["bc.docx"])
    for expected in (
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",  # the superior đảng bộ, not its đảng ủy
        "ĐẢNG ỦY SỞ CÔNG THƯƠNG",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 12-BC/ĐUSCT",
        "Đồng Nai, ngày 05 tháng 01 năm 2027",
        "BÁO CÁO",
        "Nơi nhận:",
        "T/M ĐẢNG ỦY",
        "BÍ THƯ",
        "Nguyễn Văn Bình",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 12/2026",
        "PHỤ LỤC",
    ):
        assert expected in text, expected
    assert "Số:" not in text and "DỰ THẢO" not in text  # "Số 12-BC/ĐUSCT", no colon
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.runs[0].font.size >= Pt(15)
    head = doc.tables[0]
    party = next(p for p in head.rows[0].cells[1].paragraphs if p.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.runs[0].bold and party.runs[0].font.size == Pt(15)
    assert party._p.pPr.find(f"{W}pBdr") is not None  # the rule under it
    # The number and the place and date on one row: level with each other.
    number, place = head.rows[1].cells
    assert number.text.strip() == "Số 12-BC/ĐUSCT" and place.text.startswith("Đồng Nai")
    assert place.paragraphs[0].runs[0].italic
    # "Nơi nhận:" upright and underlined, the recipients in 12 pt, one a line.
    bottom = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    to, *recipients = bottom.rows[0].cells[0].paragraphs
    assert to.runs[0].underline and not to.runs[0].italic and not to.runs[0].bold
    assert all(r.runs[0].font.size == Pt(12) for r in recipients)
    assert [r.text[:2] for r in recipients] == ["- "] * len(recipients)
    assert recipients[-1].text.endswith(".") and recipients[0].text.endswith(",")
    # The signature never alone on a page: its row does not split, the text before it keeps
    # with it.
    assert bottom.rows[0]._tr.trPr.find(f"{W}cantSplit") is not None
    body = doc.element.body
    before = bottom._tbl.getprevious()
    assert before.find(f"{W}pPr/{W}keepNext") is not None
    # Page numbers from the second page, in the top margin.
    assert section.different_first_page_header_footer
    assert (
        "PAGE" in section.header._element.xml and not section.first_page_header.paragraphs[0].text
    )
    # The annex on a page of its own, landscape.
    annex = doc.sections[-1]
    assert len(doc.sections) == 2 and annex.page_width > annex.page_height
    assert body is not None
    data = json.loads(pack["bc.json"].read_text(encoding="utf-8"))
    assert doc.core_properties.identifier == data["fingerprint"]
    assert data["fingerprint"] not in text


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_a_cells_report_and_a_draft(pack: dict[str, Path]) -> None:
    cell = docx_text(pack["cb3.docx"])
    assert (
        "CHI BỘ 3" in cell
        and "T/M CHI BỘ" in cell
        and "PHÓ BÍ THƯ" in cell
        and "ĐẢNG BỘ SỞ CÔNG THƯƠNG" in cell
        and "Đảng ủy Sở (để báo cáo)" in cell
    )
    draft = docx_text(pack["draft.docx"])
    assert "Số      -BC/ĐUSCT" in draft and "DỰ THẢO" in draft
    assert "ngày      tháng 01 năm 2027" in draft


def test_the_xlsx_has_a_summary_data_sheets_dates_and_a_chart(pack: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    book = load_workbook(pack["bc.xlsx"])
    assert book.sheetnames == ["Tổng hợp", "Buổi tuyên truyền", "Vi phạm", "Đơn vị"]
    summary = book["Tổng hợp"]
    assert [c.value for c in summary[4]] == [
        "Chỉ số",
        "Kỳ này",
        "Lũy kế năm 2026",
        "Cùng kỳ năm 2025 (chưa có số liệu)",
    ]
    assert summary.freeze_panes == "A5"
    rows = {r[0].value: r for r in summary.iter_rows(min_row=5)}
    attendance = rows["Tỷ lệ đảng viên dự (%)"]
    assert attendance[1].value == pytest.approx(0.867) and attendance[1].number_format == "0.0%"
    assert rows["Lượt quần chúng"][1].number_format == "#,##0"
    assert attendance[1].border.left.style == "thin"
    assert summary.page_setup.fitToHeight == 1 and summary.page_setup.fitToWidth == 1
    cases = book["Vi phạm"]
    heads = [c.value for c in cases[1]]
    late = heads.index("Trễ hạn")
    assert {r[late].value for r in cases.iter_rows(min_row=2)} <= {"Có", "Không"}
    chart = book["Đơn vị"]._charts[0]
    assert chart.y_axis.majorUnit == 1
    sessions = book["Buổi tuyên truyền"]
    assert sessions.freeze_panes == "A2" and sessions["B1"].value == "Ngày"
    assert (
        isinstance(sessions["B2"].value, dt.datetime)
        and sessions["B2"].number_format == "dd/mm/yyyy"
    )
    assert sessions.column_dimensions["C"].width >= len("Chi bộ Văn phòng")
    assert book.properties.identifier.startswith("sha256:")
    with zipfile.ZipFile(pack["bc.xlsx"]) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and all("<f>" not in zf.read(n).decode("utf-8", "replace") for n in sheets)


def test_formula_like_text_is_written_as_text(atgt, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    db = str(tmp_path / "a.db")
    atgt("--db", db, "init")
    atgt("--db", db, "unit", "add", "Chi bộ 1", "--kind", "chi-bo")
    title = '=HYPERLINK("http://evil.example","bấm")'
    added = atgt(
        "--db",
        db,
        "--today",
        "24/11/2026",
        "session",
        "add",
        "--unit",
        "cb1",
        "--date",
        "20/11/2026",
        "--channel",
        "vb",
        "--title",
        title,
    )
    assert added.exit_code == 0
    out = tmp_path / "r.xlsx"
    assert (
        atgt(
            "--db", db, "--today", "24/11/2026", "report", "--month", "11/2026", "-o", str(out)
        ).exit_code
        == 0
    )
    cell = load_workbook(out)["Buổi tuyên truyền"]["J2"]
    assert cell.value == title and cell.data_type == "s"


def test_docx_and_xlsx_need_a_file(atgt, tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    atgt("--db", db, "init")
    result = atgt("--db", db, "report", "--format", "docx")
    assert result.exit_code == 1 and "-o" in result.stderr


def _tools() -> tuple[str, str] | None:
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice and pdftotext:
        return soffice, pdftotext
    if os.environ.get("CI") == "true":
        pytest.fail(
            "LibreOffice (soffice) and poppler (pdftotext) are needed under CI: .ci/run installs them"
        )
    pytest.skip("LibreOffice or poppler is not installed")
    return None


def to_pdf(source: Path, folder: Path) -> tuple[bytes, str]:
    tools = _tools()
    assert tools is not None
    soffice, pdftotext = tools
    out = folder / source.stem
    out.mkdir()
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out / f"{source.stem}.pdf"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return pdf.read_bytes(), text


def test_libreoffice_prints_the_docx_on_a4_with_everything_on_it(
    pack: dict[str, Path], tmp_path: Path
) -> None:
    pdf, text = to_pdf(pack["bc.docx"], tmp_path)
    assert b"/MediaBox [0 0 595.3" in pdf or b"/MediaBox[0 0 595.3" in pdf
    flat = " ".join(text.split())
    data = json.loads(pack["bc.json"].read_text(encoding="utf-8"))
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY SỞ CÔNG THƯƠNG",
        "Số 12-BC/ĐUSCT",
        "BÁO CÁO",
        "Nơi nhận:",
        "T/M ĐẢNG ỦY",
        "BÍ THƯ",
        "Nguyễn Văn Bình",
        "PHỤ LỤC",
    ):
        assert expected in flat, expected
    sessions = data["propaganda"]["sessions"]["period"]
    assert f"tổ chức {sessions} buổi tuyên truyền" in flat
    # One to two pages of prose: the annex starts on page 2 or 3.
    pages = text.split("\f")
    annex = next(i for i, page in enumerate(pages) if "PHỤ LỤC" in page)
    assert annex in (1, 2), annex
    assert "T/M ĐẢNG ỦY" in pages[annex - 1] and "Nơi nhận:" in pages[annex - 1]


def test_libreoffice_opens_the_xlsx(pack: dict[str, Path], tmp_path: Path) -> None:
    _, text = to_pdf(pack["bc.xlsx"], tmp_path)
    flat = " ".join(text.split())
    for expected in ("Chỉ số", "Kỳ này", "Lũy kế", "Cùng kỳ", "Chi bộ Văn phòng"):
        assert expected in flat, expected


def test_redacted_documents_hold_no_name_inside_their_zip_parts(atgt, tmp_path: Path) -> None:
    from atgt_cli.text import fold

    db = str(tmp_path / "demo.db")
    assert atgt("demo", "--db", db, "--out", str(tmp_path / "demo")).exit_code == 0
    names = {
        v["member"] for v in json.loads(atgt("--db", db, "violation", "list", "--json").stdout)
    }
    assert names
    files = [tmp_path / "r.docx", tmp_path / "r.xlsx"]
    args = [x for f in files for x in ("-o", str(f))]
    assert (
        atgt(
            "--db", db, "--today", "30/11/2026", "report", "--month", "11/2026", "--redact", *args
        ).exit_code
        == 0
    )
    for file in files:
        with zipfile.ZipFile(file) as zf:
            text = "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())
        for name in names:
            assert name not in text and fold(name) not in fold(text), (file.name, name)
        assert "sct.example.gov.vn" not in text  # web post links are free text too
