"""Fuzzed command-line values (files: test_fuzz.py), and the cases fuzzing found. Every case
ends in success or in a one-line `Lỗi: …` naming the place, exit ≠ 0, no traceback, the store
unchanged.

`make test` runs a few dozen cases each; `make stress` (ATGT_STRESS=1) a thousand."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import strategies as st

from tests.conftest import snapshot
from tests.fuzzing import Stores, clean_end, fuzz, invoke, still_usable, tally
from tests.stress_table import StressRecord

pytestmark = pytest.mark.fuzz


# ---- command-line values -----------------------------------------------------------------------

TEXT = st.text(max_size=15)


def mostly(valid: st.SearchStrategy[str], odd: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A valid value three times in four: a command then fails on one odd value, or passes."""
    return st.one_of(valid, valid, valid, odd)


DATES = mostly(
    st.sampled_from(["1/11/2026", "20/11/2026", "3/11/2026", "2026-11-05"]),
    st.sampled_from(["29/2/2026", "31/4/2026", "1/1/1", "", "hôm nay", "25/12/2026"])
    | st.builds("{}/{}/{}".format, st.integers(-2, 40), st.integers(-2, 14), st.integers(-1, 10**6))
    | st.builds(
        "{}-{:02d}-{:02d}".format, st.integers(0, 99999), st.integers(0, 13), st.integers(0, 32)
    )
    | TEXT,
)
INTS = mostly(
    st.integers(0, 12).map(str),
    st.integers(-(10**30), 10**30).map(str)
    | st.sampled_from(["1e3", "0x10", "٣", "²", "-0", "+5", " 5 ", "", "1000001"])
    | TEXT,
)
FLOATS = mostly(
    st.sampled_from(["0.3", "0.1", "0.45", "0,2"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr)
    | st.sampled_from(["nan", "inf", "-inf", "1e309", "0", "1_0", ""])
    | TEXT,
)
UNITS = mostly(
    st.sampled_from(["Chi bộ 1", "chi bo van phong", "Đảng ủy Sở", "Công đoàn cơ sở"]),
    st.sampled_from(["Chi bộ 9", "chi", ""]) | TEXT,
)
URLS = mostly(
    st.just("https://sct.gov.vn/bai-1"), st.sampled_from(["ftp://x", "javascript:1"]) | TEXT
)


def valid_or(values: list[str]) -> st.SearchStrategy[str]:
    return mostly(st.sampled_from(values), TEXT)


def options(**values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """Some of the options, each with a drawn value."""
    pairs = [st.tuples(st.just(f"--{name.replace('_', '-')}"), v) for name, v in values.items()]
    chosen = st.lists(st.sampled_from(range(len(pairs))), unique=True).flatmap(
        lambda picks: st.tuples(*(pairs[i] for i in picks))
    )
    return chosen.map(lambda ps: [word for pair in ps for word in pair])


SESSION_ADD = st.tuples(
    st.tuples(st.just("--unit"), UNITS),
    st.tuples(st.just("--date"), DATES),
    st.tuples(st.just("--channel"), valid_or(["sinh-hoat-chi-bo", "van-ban", "SH chi bộ"])),
    options(
        topic=valid_or(["luat-ruou-bia", "van-hoa-giao-thong"]),
        item=valid_or(["II.2.a", "III.1"]),
        present=INTS,
        total=INTS,
        masses=INTS,
        title=TEXT,
        url=URLS,
        note=TEXT,
        evidence=URLS,
    ),
).map(lambda t: ["session", "add", *t[0], *t[1], *t[2], *t[3]])
VIOLATION_ADD = st.tuples(
    st.tuples(st.just("--unit"), UNITS),
    st.tuples(st.just("--member"), valid_or(["Nguyễn Văn An", "nguyen van an", "Trần Bình"])),
    st.tuples(st.just("--category"), valid_or(["nong-do-con", "qua-toc-do", "Nồng độ cồn"])),
    st.tuples(st.just("--date"), DATES),
    options(
        known_on=DATES,
        reported_on=DATES,
        alcohol_breath=FLOATS,
        alcohol_blood=FLOATS,
        membership=valid_or(["chinh-thuc", "du-bi"]),
        party_post=TEXT,
        state_title=TEXT,
        detected_by=TEXT,
        note=TEXT,
    ),
).map(lambda t: ["violation", "add", *t[0], *t[1], *t[2], *t[3], *t[4]])
MONTHS = mostly(
    st.sampled_from(["11/2026", "10/2026", "1/2026", "12/2025"]),
    st.builds("{}/{}".format, st.integers(-1, 14), st.integers(-1, 10**5))
    | st.sampled_from(["13/2026", "0/2026", "١١/٢٠٢٦", "2026-11", "11", "", "12/2099"])
    | TEXT,
)
PERIOD = st.one_of(
    st.just([]),
    st.tuples(st.just("--month"), MONTHS).map(list),
    st.tuples(st.just("--quarter"), mostly(st.sampled_from(["4/2026", "1/2026"]), MONTHS)).map(
        list
    ),
    st.tuples(st.just("--half"), mostly(st.sampled_from(["2/2026", "1/2025"]), MONTHS)).map(list),
    st.tuples(st.just("--year"), mostly(st.sampled_from(["2026", "2025"]), INTS)).map(list),
    options(month=MONTHS, quarter=MONTHS, half=MONTHS, year=INTS),
)
STATUS = PERIOD.map(lambda o: ["status", *o])
REPORT = st.tuples(
    PERIOD,
    options(
        unit=UNITS,
        format=st.sampled_from(["md", "csv", "json", "table", "docx", "pdf"]),
        as_of=DATES,
    ),
    st.booleans(),
).map(lambda t: ["report", *t[0], *t[1], *(["--redact"] if t[2] else [])])
COMMANDS = {
    "session add": SESSION_ADD,
    "violation add": VIOLATION_ADD,
    "status": STATUS,
    "report": REPORT,
}


def _command_case(stores: Stores, counter: Counter[str], name: str, data: st.DataObject) -> None:
    args = data.draw(COMMANDS[name])
    db = stores.fresh()
    before = snapshot(db)
    outcome = clean_end(invoke(*args, db=db), db, before)
    counter[outcome] += 1
    if outcome == "ok" and args[1:2] == ["add"]:
        still_usable(db)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_fuzzed_command_line_values(name: str, stores: Stores, stress_record: StressRecord) -> None:
    counter: Counter[str] = Counter()
    fuzz(_command_case, 40, data=st.data())(stores, counter, name)
    tally(counter, stress_record, f"fuzz: values of `atgt {name}`")


# ---- what fuzzing found, kept as plain cases ---------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--present", "99999999999999999999"], "--present quá lớn"),
        (["--masses", "1000001"], "--masses quá lớn"),
    ],
)
def test_huge_counts_are_refused_by_name(stores: Stores, args: list[str], message: str) -> None:
    db = stores.fresh()
    base = ["session", "add", "--unit", "Chi bộ 1", "--date", "1/11/2026", "--channel", "van-ban"]
    result = invoke(*base, *args, db=db)
    assert result.exit_code == 1 and message in result.stderr


def test_an_infinite_alcohol_level_is_refused(stores: Stores) -> None:
    db = stores.fresh()
    args = [
        "--unit",
        "Chi bộ 1",
        "--member",
        "An",
        "--category",
        "nong-do-con",
        "--date",
        "1/11/2026",
    ]
    result = invoke("violation", "add", *args, "--alcohol-breath", "1e309", db=db)
    assert result.exit_code == 1 and "--alcohol-breath" in result.stderr


@pytest.mark.parametrize("value", ["inf", "1e30", "99999999999999999999999", "²", "1/9999999999"])
def test_odd_numbers_in_an_imported_file_name_their_cell(stores: Stores, value: str) -> None:
    db = stores.fresh()
    before = snapshot(db)
    file = stores.folder / "rows.csv"
    file.write_text(
        f"Chi bộ,Ngày,Hình thức,Số đảng viên dự,Lượt quần chúng\nChi bộ 1,1/11/2026,Văn bản,{value},{value}\n",
        encoding="utf-8",
    )
    result = invoke("import", "sessions", str(file), db=db)
    assert result.exit_code == 1, result.output
    assert "rows.csv:2:" in result.stderr and clean_end(result, db, before) == "refused"


def test_an_id_past_sqlite_integers_is_a_usage_error(stores: Stores) -> None:
    result = invoke("session", "show", "9" * 25, db=stores.fresh())
    assert result.exit_code == 2 and "ID" in result.stderr


def test_deeply_nested_yaml_is_a_located_problem(tmp_path: Path) -> None:
    file = tmp_path / "deep.yaml"
    file.write_text("a: " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    result = invoke("plan", "validate", str(file))
    assert result.exit_code == 1
    assert "deep.yaml:1:" in result.stdout and "64" in result.stdout


def test_a_number_where_a_list_of_aliases_belongs_is_a_located_problem(tmp_path: Path) -> None:
    from tests.conftest import SEED_PLAN

    text = SEED_PLAN.read_text(encoding="utf-8").replace("aliases: [Khác]", "aliases: -1", 1)
    file = tmp_path / "plan.yaml"
    file.write_text(text, encoding="utf-8")
    result = invoke("plan", "validate", str(file))
    assert result.exit_code == 1 and "aliases" in result.stdout, result.output
    assert clean_end(result) == "refused"
