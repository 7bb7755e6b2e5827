"""`atgt template`: an input workbook from the current plan, with drop-down lists on a hidden sheet,
that imports with no mapping once filled in."""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from atgt_cli.importers.headers import FIELDS, REQUIRED
from tests.conftest import SEED_PLAN

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases

LABELS = {
    vocab: [term["label"] for term in terms]
    for vocab, terms in yaml.safe_load(SEED_PLAN.read_text(encoding="utf-8"))[
        "vocabularies"
    ].items()
}


def make(office, kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"mau-{kind}.xlsx"
    result = office("template", kind, "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def lists_of(path: Path) -> dict[str, list[str]]:
    """Header of a data column → the values its drop-down offers (read through its range)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    data = book.worksheets[0]
    headers = {cell.column_letter: cell.value for cell in data[1]}
    out = {}
    for check in data.data_validations.dataValidation:
        if check.type != "list":
            continue
        assert not check.formula1.startswith('"')  # never an inline list
        m = re.fullmatch(r"'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", check.formula1)
        assert m, check.formula1
        sheet, column, first, _, last = m.groups()
        values = [book[sheet][f"{column}{row}"].value for row in range(int(first), int(last) + 1)]
        for area in str(check.sqref).split():
            out[headers[area.split(":")[0].rstrip("0123456789")]] = values
    return out


def test_the_sessions_template_offers_the_plans_values(office, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = make(office, "sessions", tmp_path)
    book = load_workbook(path)
    assert [(s.title, s.sheet_state) for s in book.worksheets] == [
        ("Nhập liệu", "visible"),
        ("Hướng dẫn", "visible"),
        ("Danh mục", "hidden"),
    ]
    data = book.worksheets[0]
    headers = [cell.value for cell in data[1]]
    # The topic column is a drop-down (strict); what was said is free text, the last column.
    assert headers[:4] == ["Chi bộ", "Ngày", "Hình thức", "Chủ đề"]
    assert headers[-1] == "Nội dung"
    assert all(
        h == FIELDS["sessions"][f][0] for h, f in zip(headers, FIELDS["sessions"], strict=True)
    )
    assert data.freeze_panes == "A2"
    lists = lists_of(path)
    assert lists["Hình thức"] == LABELS["channels"]
    assert lists["Chủ đề"] == LABELS["topics"]  # labels with commas, whole
    assert "Luật phòng, chống tác hại của rượu, bia" in lists["Chủ đề"]
    assert lists["Chi bộ"] == [
        "Chi bộ 1",
        "Chi bộ 2",
        "Chi bộ Văn phòng",
        "Công đoàn cơ sở",
        "Đảng ủy Sở",
    ]
    assert lists["Mục"][:3] == ["I.1", "I.2", "II.1"] and "II.2.a" in lists["Mục"]
    assert data.column_dimensions["B"].number_format == "d/m/yyyy"
    dates = [c for c in data.data_validations.dataValidation if c.type == "date"]
    assert [str(c.sqref) for c in dates] == ["B2:B2001"]
    assert int(dates[0].formula1) == (dt.date(2023, 8, 17) - dt.date(1899, 12, 30)).days
    guide = [row for row in book["Hướng dẫn"].iter_rows(values_only=True)]
    required = {row[0] for row in guide if row[1] == "Có"}
    assert required == {FIELDS["sessions"][f][0] for f in REQUIRED["sessions"]}
    assert {row[0] for row in guide} >= set(headers)


def test_the_violations_template_lists_party_units_categories_and_outcomes(
    office, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    path = make(office, "violations", tmp_path)
    lists = lists_of(path)
    assert lists["Hành vi vi phạm"] == LABELS["violation_categories"]
    assert lists["Hình thức xử lý"] == [
        "kiểm điểm rút kinh nghiệm",
        "khiển trách",
        "cảnh cáo",
        "cách chức",
        "khai trừ",
        "xóa tên khỏi danh sách đảng viên",  # an outcome of its own for a dự bị member
    ]
    assert "Công đoàn cơ sở" not in lists["Chi bộ"]  # no party violations in a mass organisation
    assert lists["Cấp quyết định"] == ["Chi bộ", "Đảng ủy", "Ủy ban kiểm tra"]
    data = load_workbook(path).worksheets[0]
    dated = {
        data.cell(row=1, column=i).value
        for i in range(1, data.max_column + 1)
        if data.column_dimensions[data.cell(row=1, column=i).column_letter].number_format
        == "d/m/yyyy"
    }
    assert dated == {
        "Ngày vi phạm",
        "Ngày biết",
        "Ngày báo cáo",
        "Ngày quyết định",
        "Ngày công khai",
    }


def fill(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(path)
    for row in rows:
        book.worksheets[0].append(row)
    out = path.with_name("filled.xlsx")
    book.save(out)
    return out


SESSION_ROWS = [
    [
        "Chi bộ 1",
        dt.date(2026, 11, 5),
        "Sinh hoạt chi bộ",
        "Luật phòng, chống tác hại của rượu, bia; Không can thiệp vào quá trình kiểm tra, xử lý"
        " vi phạm",
        "II.2.a",
        10,
        None,
        None,
        "Quán triệt",
    ],
    [
        "Công đoàn cơ sở",
        dt.date(2026, 11, 3),
        "Sinh hoạt đoàn thể",
        "Văn hóa giao thông",
        None,
        None,
        None,
        40,
    ],
]


def as_csv(path: Path) -> Path:
    """The filled data sheet as an office's CSV (dates d/m/yyyy): what the lists gave, typed."""
    from openpyxl import load_workbook

    out = path.with_suffix(".csv")
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for row in load_workbook(path).worksheets[0].iter_rows(values_only=True):
            writer.writerow(
                [f"{v.day}/{v.month}/{v.year}" if isinstance(v, dt.date) else v for v in row]
            )
    return out


def check_sessions(office) -> None:
    listed = office("session", "list", "--json")
    import json

    rows = json.loads(listed.output)
    assert [
        (r["unit"], r["held_on"], r["channel"], r["topics"], r["present"], r["total"], r["masses"])
        for r in rows
    ] == [
        (
            "Công đoàn cơ sở",
            "2026-11-03",
            "sinh-hoat-doan-the",
            ["van-hoa-giao-thong"],
            None,
            None,
            40,
        ),
        (
            "Chi bộ 1",
            "2026-11-05",
            "sinh-hoat-chi-bo",
            ["luat-ruou-bia", "khong-can-thiep"],
            10,
            11,
            None,
        ),
    ]


def test_values_picked_from_the_lists_import_with_no_mapping(office, tmp_path: Path) -> None:
    filled = fill(make(office, "sessions", tmp_path), SESSION_ROWS)
    result = office("import", "sessions", str(as_csv(filled)))
    assert result.exit_code == 0, result.output
    check_sessions(office)


def test_a_filled_template_imports_with_no_mapping(office, tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")  # the workbook reader of `atgt import`
    filled = fill(make(office, "sessions", tmp_path), SESSION_ROWS)
    result = office("import", "sessions", str(filled))
    assert result.exit_code == 0, result.output
    check_sessions(office)
    violations = fill(
        make(office, "violations", tmp_path),
        [
            [
                "Chi bộ 2",
                "Trần Văn Bình",
                "dự bị",
                None,
                None,
                "Không đội mũ bảo hiểm",
                dt.date(2026, 10, 1),
                None,
                None,
                None,
                None,
                None,
                "khiển trách",
                dt.date(2026, 11, 2),
                "Chi bộ",
            ]
        ],
    )
    result = office("import", "violations", str(violations))
    assert result.exit_code == 0, result.output


def test_a_template_is_an_xlsx_file(office, tmp_path: Path) -> None:
    result = office("template", "sessions", "-o", str(tmp_path / "mau.csv"))
    assert result.exit_code == 1 and ".xlsx" in result.stderr
    assert not (tmp_path / "mau.csv").exists()


@pytest.mark.slow
def test_libreoffice_offers_the_plans_values_in_the_drop_downs(office, tmp_path: Path) -> None:
    """LibreOffice reads the validations as lists over the hidden sheet's ranges."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    path = make(office, "sessions", tmp_path)
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    for target in (
        "ods",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
    ):
        subprocess.run(
            [
                soffice,
                "--headless",
                profile,
                "--convert-to",
                target,
                "--outdir",
                str(tmp_path),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    content = zipfile.ZipFile(path.with_suffix(".ods")).read("content.xml").decode("utf-8")
    values = list(csv.reader((tmp_path / f"{path.stem}-Danh mục.csv").open(encoding="utf-8")))
    offered = {}
    for condition in re.findall(r'table:condition="([^"]+)"', content):
        m = re.search(r"\$'Danh mục'\.\$([A-Z])\$(\d+):\.\$[A-Z]\$(\d+)", html.unescape(condition))
        if m:
            column = ord(m.group(1)) - ord("A")
            offered[values[0][column]] = [
                r[column] for r in values[int(m.group(2)) - 1 : int(m.group(3))]
            ]
    assert offered["Hình thức"] == LABELS["channels"]
    assert offered["Chủ đề"] == LABELS["topics"]
