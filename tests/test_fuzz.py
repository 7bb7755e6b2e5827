"""Fuzzed files: plan YAML, CSV and XLSX rows (command-line values: test_fuzz_cli.py). Every
case ends in success or in a one-line `Lỗi: …` naming the place, exit ≠ 0, no traceback, the
store unchanged.

`make test` runs a few dozen cases each; `make stress` (ATGT_STRESS=1) a thousand."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import strategies as st

from atgt_cli.importers.headers import FIELDS
from tests.conftest import SEED_PLAN, snapshot
from tests.fuzzing import (
    Stores,
    added,
    clean_end,
    count_rows,
    fuzz,
    invoke,
    still_usable,
    tally,
)
from tests.stress_table import StressRecord

pytestmark = pytest.mark.fuzz

SEED_LINES = SEED_PLAN.read_text(encoding="utf-8").splitlines()


# ---- plan YAML ---------------------------------------------------------------------------------

ODD_VALUES = [
    "-1",
    "0",
    "1e999",
    "-1e999",
    ".nan",
    ".inf",
    "99999999999999999999999999999999999999",
    "0x7fffffffffffffffff",
    "null",
    "~",
    "[]",
    "{}",
    "''",
    "yes",
    "2023-02-30",
    "31/02/2023",
    "!!python/object/apply:os.system ['echo pwned']",
    "!!python/name:os.system",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "*nowhere",
    "&anchor value",
    "<<: *nowhere",
    "\u202eđảo chiều",
    "\ufeffBOM",
    "\u0000",
    "e\u0301",
    "🚦" * 50,
    "x" * 5000,
    "[" * 200 + "]" * 200,
    "{a: " * 100 + "1" + "}" * 100,
]


def bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "format: 1\n" + "\n".join(lines) + f"\ntargets: *a{levels - 1}\n"


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "value", "indent", "text", "swap"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(ODD_VALUES) | st.text(max_size=30))}"
        elif op == "indent":
            lines[i] = " " * draw(st.integers(0, 9)) + lines[i].lstrip()
        elif op == "text":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(max_size=10)) + lines[i][at:]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines) + "\n"


plan_texts = st.one_of(
    mutated_seed(),
    st.builds(bomb, st.integers(2, 12), st.integers(2, 12)),
    st.sampled_from(ODD_VALUES).map(lambda v: f"format: 1\nsymbol: {v}\ntargets: {v}\n"),
    st.integers(1, 3000).map(lambda n: "a: " + "[" * n + "]" * n + "\n"),
    st.integers(1, 3000).map(lambda n: "".join(f"{'  ' * i}k{i}:\n" for i in range(n))),
    st.text(max_size=300),
)
PLAN_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])


def _plan_case(stores: Stores, counter: Counter[str], text: str, encoding: str) -> None:
    file = stores.folder / "plan.yaml"
    file.write_bytes(text.encode(encoding, errors="replace"))
    counter[clean_end(invoke("plan", "validate", str(file)))] += 0
    db = stores.fresh()
    before = snapshot(db)
    counter[clean_end(invoke("plan", "load", str(file), db=db), db, before)] += 1


def test_fuzzed_plan_yaml(stores: Stores, stress_record: StressRecord) -> None:
    counter: Counter[str] = Counter()
    fuzz(_plan_case, 25, text=plan_texts, encoding=PLAN_ENCODINGS)(stores, counter)
    tally(counter, stress_record, "fuzz: plan YAML → plan validate + plan load")
    assert not list(stores.folder.glob("pwned*"))


# ---- CSV and XLSX rows -------------------------------------------------------------------------

CELLS = {
    "unit": ["Chi bộ 1", "chi bo 1", "CHI BỘ VĂN PHÒNG", "Chi bộ 99", "Đảng ủy Sở", ""],
    "date": ["1/11/2026", "31/2/2026", "2026-11-01", "45000", "1/1/99999", "0/0/0", "", "11/2026"],
    "channel": ["Sinh hoạt chi bộ", "van-ban", "SH chi bộ", "Chào cờ", "xyz", ""],
    "number": ["5", "0", "-1", "12", "1e9", "99999999999999999999999", "nan", "inf", "1,5", "٣"],
    "kind": ["chi-bo", "Chi bộ", "đoàn thể", "dang-uy", "xx", ""],
    "category": ["nong-do-con", "Nồng độ cồn", "quá tốc độ", "khac", "???", ""],
    "member": ["Nguyễn Văn An", "nguyen van an", "Trần Thị Bình", "ĐV-0001", ""],
    "outcome": ["kiem-diem", "Khiển trách", "cảnh cáo", "khai-tru", "bogus", ""],
}
FIELD_CELLS = {
    "unit": "unit",
    "parent": "unit",
    "name": "unit",
    "member": "member",
    "kind": "kind",
    "channel": "channel",
    "category": "category",
    "outcome": "outcome",
    "present": "number",
    "total": "number",
    "masses": "number",
    "members": "number",
    "exempt": "number",
    "alcohol_breath": "number",
    "alcohol_blood": "number",
}
ODD_TEXT = st.text(
    st.characters(codec="utf-8") | st.sampled_from('\x00"\n\r;,\t\ufeff'), max_size=20
)


# A row that imports, per kind: most fuzzed cells keep these values, so a row fails (or passes)
# on the one odd cell, deep in the import rather than at the first check.
VALID = {
    "sessions": {
        "unit": "Chi bộ 1",
        "date": "1/11/2026",
        "channel": "Văn bản",
        "item": "II.2.a",
        "present": "5",
        "total": "12",
        "masses": "3",
        "title": "Buổi 1",
        "url": "https://sct.gov.vn/a",
    },
    "violations": {
        "unit": "Chi bộ 1",
        "member": "Nguyễn Văn An",
        "membership": "chinh-thuc",
        "category": "nong-do-con",
        "date": "1/11/2026",
        "known_on": "2/11/2026",
        "alcohol_breath": "0.3",
        "reported_on": "3/11/2026",
    },
    "units": {
        "name": "Chi bộ Mới",
        "kind": "chi-bo",
        "parent": "Đảng ủy Sở",
        "members": "10",
        "exempt": "0",
        "since": "1/1/2025",
    },
}


def cell_for(kind: str, field: str) -> st.SearchStrategy[str]:
    pool = CELLS["date"] if "date" in field or field.endswith(("_on", "since")) else None
    pool = pool or CELLS.get(FIELD_CELLS.get(field, ""), ["Luật rượu bia", "II.2.a", ""])
    odd = st.sampled_from(pool) | ODD_TEXT | st.integers(-(10**25), 10**25).map(str)
    valid = st.just(VALID[kind].get(field, ""))
    return st.one_of(valid, valid, valid, valid, odd)


@st.composite
def table(draw: st.DrawFn, kind: str) -> list[list[str]]:
    fields = list(FIELDS[kind])
    extra = st.lists(st.sampled_from(fields), max_size=len(fields), unique=True)
    chosen = list(dict.fromkeys([*VALID[kind], *draw(extra)]))
    if draw(st.booleans()):
        chosen = draw(st.permutations(chosen))[: draw(st.integers(1, len(chosen)))]
    header = [draw(st.sampled_from((f, *FIELDS[kind][f]))) for f in chosen]
    if draw(st.booleans()):
        header.append(draw(ODD_TEXT))
        chosen.append("junk")
    cells = st.tuples(*(cell_for(kind, f) for f in chosen)).map(list)
    rows = draw(st.lists(cells, min_size=0, max_size=6))
    title = [[draw(ODD_TEXT)]] if draw(st.booleans()) else []
    return [*title, header, *rows]


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258"]
KINDS = st.sampled_from(["sessions", "violations", "units"])
OPTIONS = st.lists(st.sampled_from(["--skip-invalid", "--update", "--dry-run"]), unique=True)


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, bytes, list[str]]:
    kind = draw(KINDS)
    rows = draw(table(kind))
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=draw(st.sampled_from([",", ";", "\t", "|"])),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
    )
    writer.writerows(rows)
    text = buffer.getvalue()
    damage = draw(st.sampled_from(["none", "none", "none", "cut", "bytes"]))
    if damage == "bytes":
        data = draw(st.binary(max_size=200))
    elif damage == "cut":
        data = text.encode("utf-8")[: -draw(st.integers(1, 9))]
    else:
        data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return kind, data, draw(OPTIONS)


def _csv_case(stores: Stores, counter: Counter[str], case: tuple[str, bytes, list[str]]) -> None:
    kind, data, options = case
    file = stores.folder / "rows.csv"
    file.write_bytes(data)
    _import_case(stores, counter, kind, file, options)


def _import_case(
    stores: Stores, counter: Counter[str], kind: str, file: Path, options: list[str]
) -> None:
    """Import a fuzzed file into a fresh store: it succeeds, or ends cleanly leaving it as was."""
    db = stores.fresh()
    before, rows = snapshot(db), count_rows(db, kind)
    result = invoke("import", kind, str(file), *options, db=db)
    outcome = clean_end(result, db, before)
    counter[outcome] += 1
    if outcome == "ok":
        # What the import says it added is what the store holds now, no more, no less.
        expected = 0 if "--dry-run" in options else added(result.stdout)
        assert count_rows(db, kind) - rows == expected, result.output
        still_usable(db)


def test_fuzzed_csv_imports(stores: Stores, stress_record: StressRecord) -> None:
    counter: Counter[str] = Counter()
    fuzz(_csv_case, 50, case=csv_files())(stores, counter)
    tally(counter, stress_record, "fuzz: CSV rows → import sessions|violations|units")


@st.composite
def xlsx_files(draw: st.DrawFn) -> tuple[str, list[list[object]], list[str]]:
    """Rows for a workbook: text cells, and numbers and dates as Excel stores them."""
    import datetime as dt

    kind = draw(KINDS)
    rows: list[list[object]] = []
    for row in draw(table(kind)):
        cells: list[object] = []
        for cell in row:
            form = draw(st.sampled_from(["text", "text", "typed"]))
            if form == "typed" and cell.lstrip("-").isdecimal() and len(cell) < 16:
                cells.append(int(cell))
            elif form == "typed" and cell.count("/") == 2:
                cells.append(draw(st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1))))
            elif form == "typed":
                cells.append(draw(st.floats(allow_nan=False, allow_infinity=False) | st.none()))
            else:
                cells.append(cell)
        rows.append(cells)
    return kind, rows, draw(OPTIONS)


def _xlsx_case(
    stores: Stores, counter: Counter[str], case: tuple[str, list[list[object]], list[str]]
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    kind, rows, options = case
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    file = stores.folder / "rows.xlsx"
    book.save(file)
    _import_case(stores, counter, kind, file, options)


def test_fuzzed_xlsx_imports(stores: Stores, stress_record: StressRecord) -> None:
    pytest.importorskip("python_calamine")  # the XLSX reader
    counter: Counter[str] = Counter()
    fuzz(_xlsx_case, 30, case=xlsx_files())(stores, counter)
    tally(counter, stress_record, "fuzz: XLSX rows → import sessions|violations|units")
