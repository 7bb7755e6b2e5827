"""Fuzzed hostile files (issue 21): mutated .xls workbooks (the legacy-font and error-cell passes
included) and mapping files of any shape. Every case ends in success or in a one-line `Lỗi: …`
naming the file, exit ≠ 0, no traceback, the store unchanged; what is accepted is stored as the
import says and renders (tests/fuzzing.still_usable).

`make test` runs a few dozen cases each; `make stress` (ATGT_STRESS=1) a thousand."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import strategies as st

from tests.conftest import ROOT, snapshot
from tests.fuzzing import Stores, added, clean_end, count_rows, fuzz, invoke, still_usable, tally
from tests.stress_table import StressRecord

pytestmark = pytest.mark.fuzz

SEEDS = [p.read_bytes() for p in sorted((ROOT / "tests" / "data").glob("*.xls"))]


@st.composite
def mutated_xls(draw: st.DrawFn) -> bytes:
    """A workbook of tests/data with bytes changed, cut, repeated or inserted."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 12))):
        if len(data) < 16:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["byte", "byte", "word", "cut", "insert", "truncate"]))
        if op == "byte":
            data[at] = draw(st.integers(0, 255))
        elif op == "word":  # a length or an offset of a record
            data[at : at + 4] = draw(
                st.sampled_from([b"\xff\xff\xff\xff", b"\0\0\0\0", b"\xfe\xff\xff\x7f"])
            )
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 512))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            del data[max(at, 512) :]
    return bytes(data)


def _import(stores: Stores, counter: Counter[str], file: Path, *options: str) -> None:
    db = stores.fresh()
    before, rows = snapshot(db), count_rows(db, "sessions")
    result = invoke("import", "sessions", str(file), *options, db=db)
    outcome = clean_end(result, db, before)
    counter[outcome] += 1
    if outcome == "refused" and result.exit_code == 1:  # the message names the file at fault
        names = [file.name, *(Path(o).name for o in options if o.endswith(".yaml"))]
        assert any(name in result.stderr for name in names), result.stderr
    if outcome == "ok":
        assert count_rows(db, "sessions") - rows == added(result.stdout), result.output
        still_usable(db)


def _xls_case(stores: Stores, counter: Counter[str], data: bytes, legacy: bool) -> None:
    file = stores.folder / "so-lieu.xls"
    file.write_bytes(data)
    # --skip-invalid: the seeds' good rows import, so that a mutation that keeps them is seen
    # stored and drawn, not only refused.
    _import(stores, counter, file, "--skip-invalid", *(["--legacy", "tcvn3"] if legacy else []))


def test_fuzzed_xls_files(stores: Stores, stress_record: StressRecord) -> None:
    counter: Counter[str] = Counter()
    fuzz(_xls_case, 30, data=mutated_xls(), legacy=st.booleans())(stores, counter)
    tally(counter, stress_record, "fuzz: mutated .xls → import sessions")


# ---- mapping files -----------------------------------------------------------------------------

SCALARS = st.one_of(
    st.sampled_from(["date", "unit", "channel", "title", "present", None, "van-ban", "Ngày"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.text(max_size=12),
)
SHAPES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(SCALARS.filter(lambda k: k is not None and k == k), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mapping_texts(draw: st.DrawFn) -> str:
    import yaml

    shape = draw(
        st.one_of(
            st.fixed_dictionaries(
                {},
                optional={
                    "columns": st.dictionaries(
                        SCALARS.filter(lambda k: k is not None), SHAPES, max_size=5
                    )
                    | SHAPES,
                    "values": st.dictionaries(
                        SCALARS.filter(lambda k: k is not None), SHAPES, max_size=4
                    )
                    | SHAPES,
                },
            ),
            SHAPES,
        )
    )
    try:
        text = yaml.safe_dump(shape, allow_unicode=True)
    except yaml.YAMLError:
        text = "columns: {}\n"
    damage = draw(st.sampled_from(["none", "none", "nest", "text", "anchor"]))
    if damage == "nest":
        depth = draw(st.integers(50, 3000))
        text = "columns: " + "[" * depth + "]" * depth + "\n"
    elif damage == "text":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(max_size=20)) + text[at:]
    elif damage == "anchor":
        text = "a: &a [x, x]\nb: &b [*a, *a, *a]\ncolumns: *b\nvalues: {channel: *b}\n"
    return text


CSV = "Đơn vị,Ngày,Hình thức,Tiêu đề\nChi bộ 1,1/11/2026,Văn bản,Buổi 1\nChi bộ 1,2/11/2026,1,2\n"


def _mapping_case(stores: Stores, counter: Counter[str], text: str) -> None:
    file = stores.folder / "rows.csv"
    file.write_text(CSV, encoding="utf-8")
    mapping = stores.folder / "map.yaml"
    mapping.write_text(text, encoding="utf-8", errors="surrogatepass")
    _import(stores, counter, file, "--skip-invalid", "--mapping", str(mapping))


def test_fuzzed_mapping_files(stores: Stores, stress_record: StressRecord) -> None:
    counter: Counter[str] = Counter()
    fuzz(_mapping_case, 30, text=mapping_texts())(stores, counter)
    tally(counter, stress_record, "fuzz: mapping files of any shape → import --mapping")
