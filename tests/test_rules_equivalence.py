"""The rules of a session are declared once (services/rules/sessions.py): a session typed on the
command line and the same session as a row of an imported file get the same verdict, the same
message and, when accepted, the same stored values."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from atgt_cli.errors import InputError
from atgt_cli.services.context import Env
from atgt_cli.services.imports import ImportOptions, run_import
from atgt_cli.services.sessions import SessionInput, add_session
from atgt_cli.store.db import Store, using_store
from tests.fuzzing import fuzz_settings, invoke

ENV = Env(today=dt.date(2026, 11, 24), actor="Văn phòng")
HEADERS = {
    "unit": "Đơn vị",
    "date": "Ngày",
    "channel": "Hình thức",
    "topics": "Chủ đề",
    "item": "Mục",
    "present": "Số ĐV dự",
    "total": "Tổng số",
    "masses": "Quần chúng",
    "title": "Tiêu đề",
    "url": "Đường dẫn",
    "note": "Ghi chú",
}
STORED = (
    "plan_id, unit_id, held_on, channel, topics, item, present, total, masses, title, url, note"
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fuzz store, with a retired unit, a unit without a member count and a closed month."""
    from tests.fuzzing import make_template

    db = make_template(tmp_path_factory.mktemp("rules") / "template.db")
    for args in (
        ["unit", "add", "Chi bộ Kho", "--kind", "chi-bo", "--members", "5", "--since", "1/1/2024"],
        ["unit", "retire", "Chi bộ Kho", "--on", "1/11/2026"],
        ["unit", "add", "Chi bộ Kế toán", "--kind", "chi-bo"],
        ["period", "close", "10/2026"],
    ):
        result = invoke(*args, db=db)
        assert result.exit_code == 0, result.output
    return db


@dataclass(frozen=True)
class Outcome:
    verdict: str  # "ok" or "refused"
    detail: object  # the stored session, or the problem's message


def added(db: Path, add: Callable[[Store], object], select: str) -> Outcome:
    """A record added one at a time (as `atgt … add` does): the rows stored, or its problems."""
    with using_store(db) as store:
        try:
            add(store)
        except InputError as exc:
            assert exc.problem is not None, exc.message
            return Outcome("refused", [p.text() for p in exc.problem.every()])
    return Outcome("ok", stored(db, select))


def imported_row(
    db: Path, kind: str, headers: dict[str, str], row: dict[str, object], select: str
) -> Outcome:
    """The same record as the one data row of a CSV file."""
    path = db.with_suffix(".csv")
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers.values())
        writer.writerow(["" if row.get(k) is None else str(row[k]) for k in headers])
    with using_store(db) as store:
        result = run_import(store, ENV, str(path), ImportOptions(kind=kind))
    if result.problem_count:
        messages = []
        for line in result.problems:  # every problem of the one row, in order
            location, message = line.split(": ", 1)
            assert location.startswith(f"{path}:2:"), location
            messages.append(message)
        return Outcome("refused", messages)
    assert result.added == 1, result
    return Outcome("ok", stored(db, select))


def stored(db: Path, select: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(select).fetchall()
    finally:
        conn.close()


SESSIONS = f"SELECT {STORED} FROM propaganda_session"


def typed(db: Path, row: dict[str, object]) -> Outcome:
    """`atgt session add` with these options (a missing one is not given)."""
    values = {k: v for k, v in row.items() if v is not None}
    if "topics" in values:
        values["topics"] = [values["topics"]]
    data = SessionInput(**values)  # type: ignore[arg-type]
    return added(db, lambda store: add_session(store, ENV, data), SESSIONS)


def imported(db: Path, row: dict[str, object]) -> Outcome:
    return imported_row(db, "sessions", HEADERS, row, SESSIONS)


# Values as a user would type them, (good, bad); dates that look month-first are left out (a
# file's column of them is judged as a whole, not row by row). Good values are drawn more often,
# so that most rows reach the rules across fields.
VALUES: dict[str, tuple[list[str], list[str]]] = {
    "unit": (["cb1", "Chi bộ Văn phòng", "Chi bộ Kế toán"], ["Chi bộ Kho", "Chi bộ 9", "chi bo"]),
    "date": (
        [
            *["20/11/2026", "2026-11-03", "5/11/26", "hôm nay", "1/9/2024", "2026/11/20"],
            *["20 tháng 11 năm 2026", "ngày 3/11/2026"],
        ],
        ["25/11/2026", "16/8/2023", "15/10/2026", "31/9/2026", "ngày mai"],
    ),
    "channel": (["SH chi bộ", "Chào cờ", "Trang thông tin điện tử"], ["họp dân", "sinh hoat"]),
    "topics": (["Luật phòng chống tác hại rượu bia"], ["ma túy"]),
    "item": (["II.1"], ["II.9"]),
    "title": (["Buổi 1", "  '=1+1"], []),
    "url": (["https://sct.dongnai.gov.vn/bai-1", "HTTP://a.vn"], ["sct.dongnai.gov.vn", "http://"]),
    "note": (["biên bản số 3"], [""]),
}
# Counts as numbers, and as text offices type: thousands, a fraction, a float's text.
COUNTS = st.sampled_from(
    [None, None, None, 0, 3, 9, 11, 12, 13, 15, -1, 1_000_001, "1.200", "9,5", "12.0", "8,0"]
)


@st.composite
def rows(draw: st.DrawFn) -> dict[str, object]:
    row: dict[str, object] = {}
    for name, (good, bad) in VALUES.items():
        pick = st.sampled_from(good) if not bad else st.sampled_from(good * 3 + bad)
        required = name in ("unit", "date", "channel")
        row[name] = draw(pick if required else st.one_of(st.none(), pick))
        if required and draw(st.integers(0, 9)) == 0:
            row[name] = None  # a required field left empty
    for name in ("present", "total", "masses"):
        row[name] = draw(COUNTS)
    return row


@fuzz_settings(60)
@given(row=rows())
def test_a_session_typed_and_the_same_row_imported_get_the_same_verdict(
    template: Path, tmp_path_factory: pytest.TempPathFactory, row: dict[str, object]
) -> None:
    assume(any(row[k] not in (None, "") for k in HEADERS))  # a blank row is no session
    folder = tmp_path_factory.mktemp("case")
    one, bulk = folder / "typed.db", folder / "imported.db"
    shutil.copyfile(template, one)
    shutil.copyfile(template, bulk)
    assert typed(one, row) == imported(bulk, row), row


def test_the_equivalence_covers_both_verdicts_and_every_rule(
    template: Path, tmp_path: Path
) -> None:
    """Hand-picked rows: each rule across fields, each field's check, and a good row."""
    good = {"unit": "cb1", "date": "20/11/2026", "channel": "SH chi bộ"}
    cases = [
        ({}, "ok"),
        ({"present": 9}, "ok"),
        ({"present": 13}, "Số đảng viên dự (13) lớn hơn tổng số (12)"),
        ({"unit": "Chi bộ Kế toán", "present": 3}, "chưa biết số đảng viên của Chi bộ Kế toán"),
        ({"channel": "Trang thông tin điện tử"}, "tin, bài trên"),
        ({"url": "sct.dongnai.gov.vn"}, "không phải đường dẫn http(s)"),
        ({"channel": "Trang thông tin điện tử", "url": "https://sct.dongnai.gov.vn/a"}, "ok"),
        ({"date": "15/10/2026"}, "tháng 10/2026 đã khóa sổ"),
        ({"date": "25/11/2026"}, "ở tương lai"),
        ({"unit": "Chi bộ Kho"}, "đã ngừng"),
        ({"masses": -1}, "không được âm"),
        ({"masses": "1.200"}, "ok"),
        ({"present": "9,5"}, "'9,5' không phải số nguyên"),
        ({"unit": None}, "thiếu giá trị"),
    ]
    for number, (change, expected) in enumerate(cases):
        row = {**good, **change}
        one, bulk = tmp_path / f"t{number}.db", tmp_path / f"i{number}.db"
        shutil.copyfile(template, one)
        shutil.copyfile(template, bulk)
        outcome = typed(one, row)
        assert outcome == imported(bulk, row), row
        if expected == "ok":
            assert outcome.verdict == "ok", outcome
        else:
            assert outcome.verdict == "refused" and expected in str(outcome.detail), outcome


# --- violations: `violation add` and a register's row ---------------------------------------------

VIOLATION_HEADERS = {
    "unit": "Đơn vị",
    "member": "Họ và tên",
    "membership": "Loại đảng viên",
    "party_post": "Chức vụ đảng",
    "state_title": "Chức vụ chính quyền",
    "category": "Hành vi vi phạm",
    "date": "Ngày vi phạm",
    "known_on": "Ngày biết",
    "detected_by": "Nơi phát hiện",
    "alcohol_breath": "Nồng độ cồn (mg/l)",
    "alcohol_blood": "Nồng độ cồn máu",
    "reported_on": "Ngày báo cáo",
    "note": "Ghi chú",
}
VIOLATION_VALUES: dict[str, tuple[list[object], list[object]]] = {
    "unit": (["cb1", "Chi bộ Văn phòng"], ["Công đoàn", "Chi bộ Kho", "Chi bộ 9"]),
    "member": (["Nguyễn Văn An", "Trần Thị Bình"], ["  "]),
    "membership": (["chinh-thuc", "dự bị"], ["tam-thoi"]),
    "party_post": (["Chi ủy viên"], []),
    "state_title": (["Trưởng phòng"], []),
    "category": (["NĐC", "vượt đèn đỏ", "từ chối kiểm tra nồng độ cồn"], ["say xỉn"]),
    "date": (["1/11/2026", "2025-01-01", "hôm nay"], ["25/11/2026", "1/8/2023", "15/10/2026"]),
    "known_on": (["10/11/2026", "24/11/2026"], ["31/10/2026", "30/11/2026"]),
    "detected_by": (["CSGT"], []),
    "alcohol_breath": ([0.2, 0.3, 0.5], [0.0, -1.0]),
    "alcohol_blood": ([40.0], []),
    "reported_on": (["12/11/2026", "24/11/2026"], ["9/11/2026"]),
    "note": (["biên bản"], []),
}
REQUIRED_VIOLATION = ("unit", "member", "category", "date")
VIOLATION_STORED = (
    "v.plan_id, v.unit_id, v.category, v.occurred_on, v.known_on, v.detected_by,"
    " v.alcohol_breath, v.alcohol_blood, v.alcohol_tier, v.decree, v.reported_on, v.note,"
    " m.name, m.membership, m.party_post, m.state_title"
)


@st.composite
def violation_rows(draw: st.DrawFn) -> dict[str, object]:
    row: dict[str, object] = {}
    for name, (good, bad) in VIOLATION_VALUES.items():
        pick = st.sampled_from(good * 3 + bad) if bad else st.sampled_from(good)
        required = name in REQUIRED_VIOLATION
        row[name] = draw(pick if required else st.one_of(st.none(), st.none(), pick))
        if required and draw(st.integers(0, 14)) == 0:
            row[name] = None
    return row


VIOLATIONS = f"SELECT {VIOLATION_STORED} FROM violation v JOIN member m ON m.id = v.member_id"


def typed_violation(db: Path, row: dict[str, object]) -> Outcome:
    from atgt_cli.services.violations import ViolationInput, add_violation

    data = ViolationInput(**{k: v for k, v in row.items() if v is not None})  # type: ignore[arg-type]
    return added(db, lambda store: add_violation(store, ENV, data), VIOLATIONS)


def imported_violation(db: Path, row: dict[str, object]) -> Outcome:
    return imported_row(db, "violations", VIOLATION_HEADERS, row, VIOLATIONS)


@fuzz_settings(60)
@given(row=violation_rows())
def test_a_violation_typed_and_the_same_register_row_imported_get_the_same_verdict(
    template: Path, tmp_path_factory: pytest.TempPathFactory, row: dict[str, object]
) -> None:
    assume(any(row[k] not in (None, "") for k in VIOLATION_HEADERS))  # a blank row is nothing
    folder = tmp_path_factory.mktemp("case")
    one, bulk = folder / "typed.db", folder / "imported.db"
    shutil.copyfile(template, one)
    shutil.copyfile(template, bulk)
    assert typed_violation(one, row) == imported_violation(bulk, row), row
