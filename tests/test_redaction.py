"""After --redact, no member's name (nor its unaccented form, in any case) and no free-text field
appears in any output: every report format (DOCX and XLSX zip parts and properties included),
every export, the violation and member lists and the audit log."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from atgt_cli.text import fold

NAMES = ["Nguyễn Thị Xuyến", "Lê Văn Đặng", "Phạm Quỳnh Hương"]
# One marker per free-text field (services/redact.py FREE_TEXT), each findable on its own.
FREE = {
    "party_post": "Phó bí thư Khánh",
    "state_title": "Trưởng phòng Vĩnh",
    "detected_by": "Đội CSGT Ngọc Hồi",
    "note": "ghi chú riêng Thạch",
    "decision": "Quyết định số Tường",
    "published_where": "Bảng tin Quảng",
    "title": "Tiêu đề buổi Huyền",
    "url": "https://sct.gov.vn/bai-Luong",
    "evidence": "https://sct.gov.vn/bien-ban-Oanh.pdf",
    "report_note": "Nhận xét riêng về Tuấn",
    "session_note": "Lê Văn Đặng phát biểu",
}


@pytest.fixture
def personal(office: Callable[..., Result]) -> Callable[..., Result]:
    """The office's store with members, violations and sessions carrying every free text."""
    for i, name in enumerate(NAMES):
        steps = [
            [
                "violation",
                "add",
                "--unit",
                "Chi bộ 1",
                "--member",
                name,
                "--membership",
                "chinh-thuc",
                "--category",
                "nong-do-con",
                "--alcohol-breath",
                "0.3",
                "--date",
                f"{3 + i}/11/2026",
                "--known-on",
                f"{5 + i}/11/2026",
                "--detected-by",
                FREE["detected_by"],
                "--note",
                FREE["note"],
                "--party-post",
                FREE["party_post"],
                "--state-title",
                FREE["state_title"],
            ],
            [
                "violation",
                "handle",
                str(i + 1),
                "--outcome",
                "khien-trach",
                "--decided-on",
                f"{15 + i}/11/2026",
                "--decided-by",
                "chi-bo",
                "--decision",
                FREE["decision"],
            ],
            [
                "violation",
                "publish",
                str(i + 1),
                "--on",
                "20/11/2026",
                "--where",
                FREE["published_where"],
            ],
        ]
        for args in steps:
            result = office(*args)
            assert result.exit_code == 0, result.output
    for args in (
        [
            "session",
            "add",
            "--unit",
            "Chi bộ 1",
            "--date",
            "10/11/2026",
            "--channel",
            "sinh-hoat-chi-bo",
            "--present",
            "10",
            "--title",
            FREE["title"],
            "--url",
            FREE["url"],
            "--note",
            FREE["session_note"],
            "--evidence",
            FREE["evidence"],
        ],
        ["report", "note", FREE["report_note"], "--month", "11/2026"],
    ):
        result = office(*args)
        assert result.exit_code == 0, result.output
    return office


def texts_of(data: bytes) -> list[str]:
    """The readable text of an output: itself, or every part of a zip (DOCX, XLSX), with the
    XML tags removed too (a name can be split across runs)."""
    if not data.startswith(b"PK"):
        return [data.decode("utf-8")]
    out = []
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        for name in z.namelist():
            text = z.read(name).decode("utf-8", errors="replace")
            out += [text, re.sub(r"<[^>]+>", "", text)]
    assert len(out) > 10, "expected the parts of an Office file"
    return out


def leaks(data: bytes) -> list[str]:
    found = []
    for text in texts_of(data):
        folded = fold(text)
        for secret in [*NAMES, *FREE.values()]:
            if secret in text or fold(secret) in folded:
                found.append(secret)
    return sorted(set(found))


PERIODS = [["--month", "11/2026"], ["--quarter", "4/2026"], ["--year", "2026"]]


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p[0])
def test_redacted_reports_hold_no_name_nor_free_text(
    personal: Callable[..., Result], tmp_path: Path, period: list[str]
) -> None:
    for fmt in ("table", "md", "csv", "json"):
        result = personal("report", *period, "--format", fmt, "--redact")
        assert result.exit_code == 0, result.output
        assert leaks(result.stdout.encode()) == [], fmt
    for fmt in ("md", "csv", "json", "docx", "xlsx", "txt"):
        out = tmp_path / f"report.{fmt}"
        result = personal("report", *period, "-o", str(out), "--redact")
        assert result.exit_code == 0, result.output
        assert leaks(out.read_bytes()) == [], fmt


def test_unredacted_workbook_and_lists_do_show_the_names(
    personal: Callable[..., Result], tmp_path: Path
) -> None:
    """The check above can fail: without --redact the names are there."""
    out = tmp_path / "report.xlsx"
    assert personal("report", "--month", "11/2026", "-o", str(out)).exit_code == 0
    assert FREE["url"] in leaks(out.read_bytes())
    shown = personal("violation", "list", "--json").stdout
    assert set(NAMES) <= set(leaks(shown.encode()))


def test_redacted_lists_hold_no_name_nor_free_text(personal: Callable[..., Result]) -> None:
    for args in (
        ["violation", "list", "--redact"],
        ["violation", "list", "--redact", "--json"],
        ["violation", "show", "2", "--redact"],
        ["violation", "show", "2", "--redact", "--json"],
        ["member", "list", "--redact"],
        ["member", "list", "--redact", "--json"],
        ["log", "--redact"],
        ["log", "--redact", "--json"],
    ):
        result = personal(*args)
        assert result.exit_code == 0, result.output
        assert leaks(result.stdout.encode()) == [], args


@pytest.mark.parametrize("kind", ["sessions", "violations", "units", "members"])
def test_redacted_exports_hold_no_name_nor_free_text(
    personal: Callable[..., Result], tmp_path: Path, kind: str
) -> None:
    result = personal("export", kind, "--redact")
    assert result.exit_code == 0, result.output
    assert leaks(result.stdout.encode()) == [], kind
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"{kind}.{fmt}"
        result = personal("export", kind, "--redact", "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert leaks(out.read_bytes()) == [], (kind, fmt)
