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
    assert place_date("Đồng Nai", day) == f"Đồng Nai, {text}"


def test_the_docx_follows_hd36(pack: dict[str, Path]) -> None:
    from docx import Document
    from docx.shared import Mm, Pt

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
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
        "ĐẢNG ỦY SỞ CÔNG THƯƠNG",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 12-BC/ĐUSCT",
        "Đồng Nai, ngày 05 tháng 01 năm 2027",
        "BÁO CÁO",
        "Nơi nhận:",
        "T/M ĐẢNG ỦY",
        "BÍ THƯ",
        "Nguyễn Văn Bình",
        "HẠN CHẾ, NGUYÊN NHÂN",
        "PHƯƠNG HƯỚNG, NHIỆM VỤ",
    ):
        assert expected in text, expected
    assert "Số:" not in text  # "Số 12-BC/ĐUSCT", no colon
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.runs[0].font.size >= Pt(15)
    party = next(
        p
        for c in doc.tables[0].rows[0].cells
        for p in c.paragraphs
        if p.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    )
    assert party.runs[0].bold and party.runs[0].font.size == Pt(15)
    assert (
        party._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr")
        is not None
    )
    place = next(
        p
        for c in doc.tables[0].rows[0].cells
        for p in c.paragraphs
        if p.text.startswith("Đồng Nai")
    )
    assert place.runs[0].italic
    data = json.loads(pack["bc.json"].read_text(encoding="utf-8"))
    sessions = data["summary"][0]["rows"][0]
    figures = doc.tables[1].rows[1].cells
    assert [c.text for c in figures] == [
        sessions["label"],
        str(sessions["period"]),
        str(sessions["ytd"]),
        str(sessions["last_year"]),
    ]
    assert doc.core_properties.identifier == data["fingerprint"]
    assert Mm(1)  # the unit is there: widths are set in millimetres


def test_a_cells_report_and_a_draft(pack: dict[str, Path]) -> None:
    cell = docx_text(pack["cb3.docx"])
    assert (
        "CHI BỘ 3" in cell
        and "T/M CHI BỘ" in cell
        and "PHÓ BÍ THƯ" in cell
        and "ĐẢNG ỦY SỞ CÔNG THƯƠNG" in cell
    )
    assert "Số      -BC/ĐUSCT" in docx_text(pack["draft.docx"])


def test_the_xlsx_has_a_summary_data_sheets_dates_and_a_chart(pack: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    book = load_workbook(pack["bc.xlsx"])
    assert book.sheetnames == ["Tổng hợp", "Buổi tuyên truyền", "Vi phạm", "Đơn vị"]
    summary = book["Tổng hợp"]
    assert [c.value for c in summary[4]] == [
        "Phần",
        "Bảng",
        "Chỉ số",
        "Kỳ này",
        "Lũy kế",
        "Cùng kỳ",
    ]
    assert summary.freeze_panes == "A5"
    sessions = book["Buổi tuyên truyền"]
    assert sessions.freeze_panes == "A2" and sessions["B1"].value == "Ngày"
    assert (
        isinstance(sessions["B2"].value, dt.datetime)
        and sessions["B2"].number_format == "dd/mm/yyyy"
    )
    assert sessions.column_dimensions["C"].width >= len("Chi bộ Văn phòng")
    assert len(book["Đơn vị"]._charts) == 1
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
        "Số buổi tuyên truyền",
    ):
        assert expected in flat, expected
    sessions = data["summary"][0]["rows"][0]
    assert (
        f"Số buổi tuyên truyền {sessions['period']} {sessions['ytd']} {sessions['last_year']}"
        in flat
    )


def test_libreoffice_opens_the_xlsx(pack: dict[str, Path], tmp_path: Path) -> None:
    _, text = to_pdf(pack["bc.xlsx"], tmp_path)
    flat = " ".join(text.split())
    for expected in ("Số liệu chung", "Kỳ này", "Lũy kế", "Cùng kỳ", "Chi bộ Văn phòng"):
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
