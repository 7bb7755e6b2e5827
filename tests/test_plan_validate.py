"""`atgt plan validate`: every problem of a file at once, each with its line and column."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atgt_cli.plan.loader import PlanError, check_plan, load_plan
from tests.conftest import SEED_PLAN

SEED = SEED_PLAN.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def seed_with(old: str, new: str) -> str:
    assert old in SEED, old
    return SEED.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def problems(text: str) -> list[str]:
    plan, found = check_plan(text)
    assert plan is None
    return [f"{p.line}:{p.col}: {p.path}: {p.message}" for p in found]


def test_a_broken_file_gets_all_its_errors_with_line_and_column(atgt, tmp_path: Path) -> None:
    text = seed_with(
        "kind: Kế hoạch\ndate: 17/8/2023", "kind: Kế hoạch\nkind: KH\ndate: 31/02/2023"
    )
    text = text.replace("      - id: I.2\n", "      - id: I.1\n", 1)
    text = text.replace("    metric: web_posts\n", "    metric: web_post\n", 1)
    text = text.replace(
        "    item: III.3\n    label: Chi bộ 1", "    item: III.9\n    label: Chi bộ 1", 1
    )
    text = text.replace("    threshold: 20\n", "    threshold: -5\n", 1)
    text = text.replace("  place: Đồng Nai\n", "  place: Đồng Nai\n  colour: đỏ\n", 1)
    text = text.replace("heading: TỔ CHỨC THỰC HIỆN", 'heading: ""', 1)
    path = write(tmp_path, text)

    result = atgt("plan", "validate", str(path))

    assert result.exit_code == 1
    out = result.stdout.splitlines()
    expect = {
        "duplicate key": (line_of(text, "kind: KH"), 1, "kind: khóa 'kind' lặp lại"),
        "31/02": (line_of(text, "date: 31/02"), 7, "date: không có ngày này: 31/02/2023"),
        "duplicate id": (
            line_of(text, "- id: I.1\n        text: >-\n          Nâng"),
            13,
            "mã 'I.1' lặp lại",
        ),
        "unknown metric": (
            line_of(text, "metric: web_post\n"),
            13,
            "giá trị 'web_post' không hợp lệ",
        ),
        "unknown item": (line_of(text, "item: III.9"), 11, "mục 'III.9' không có trong kế hoạch"),
        "must be > 0": (line_of(text, "threshold: -5"), 16, "threshold: phải > 0"),
        "unknown key": (line_of(text, "colour:"), 3, "report.colour: khóa không có trong lược đồ"),
        "empty text": (line_of(text, 'heading: ""'), 14, "parts[2].heading: không được để trống"),
    }
    for what, (line, col, message) in expect.items():
        prefix = f"{path}:{line}:{col}: "
        assert any(o.startswith(prefix) and message in o for o in out), (what, prefix, out)
    assert len(out) == len(expect)
    assert result.stderr.strip() == f"Lỗi: {path}: {len(expect)} lỗi."


def test_messages_in_english(atgt, tmp_path: Path) -> None:
    path = write(tmp_path, seed_with("date: 17/8/2023", "date: 31/02/2023"))
    result = atgt("--lang", "en", "plan", "validate", str(path))
    assert result.exit_code == 1
    assert (
        f"{path}:{line_of(SEED, 'date: 17/8/2023')}:7: date: no such date: 31/02/2023"
        in result.stdout
    )
    assert result.stderr.startswith("Error: ")


def test_a_target_naming_unknown_vocabulary_and_unit_kind(tmp_path: Path) -> None:
    text = seed_with("filter: {channels: [sinh-hoat-dau-tuan]}", "filter: {channels: [chao-co]}")
    text = text.replace("applies_to: [{kind: doan-the}]", "applies_to: [{kind: đoàn-thể}]", 1)
    text = text.replace(
        "applies_to: [{unit: Chi bộ 1}]", "applies_to: [{unit: Chi bộ 1, kind: chi-bo}]", 1
    )
    found = problems(text)
    assert any("'chao-co' không có trong danh mục channels" in p for p in found), found
    assert any("applies_to[0].kind: giá trị 'đoàn-thể' không hợp lệ" in p for p in found), found
    assert any("ghi đúng một trong 'kind' hoặc 'unit'" in p for p in found), found


def test_metric_parameters_are_checked(tmp_path: Path) -> None:
    text = seed_with("    aggregate: best\n", "")
    text = text.replace("    threshold: 100\n", "    threshold: 150\n", 1)
    text = text.replace(
        "metric: sessions\n    period: month\n    threshold: 1\n",
        "metric: sessions\n    period: month\n    threshold: 1.5\n",
        1,
    )
    found = problems(text)
    assert any("chỉ số attendance cần 'aggregate'" in p for p in found), found
    assert any("ngưỡng phải từ 0 đến 100" in p for p in found), found
    assert any("ngưỡng phải là số nguyên" in p for p in found), found


def test_aliases_that_fold_to_the_same_text_clash(tmp_path: Path) -> None:
    text = seed_with("aliases: [Bằng văn bản,", "aliases: [sinh hoat chi bo, Bằng văn bản,")
    found = problems(text)
    assert any("'sinh hoat chi bo' trùng với vocabularies.channels[0].label" in p for p in found), (
        found
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format: 1\nsymbol: [a\nkind: x\n", "3:5: : lỗi cú pháp YAML"),
        ("", "1:1: : tệp rỗng"),
        ("- a\n- b\n", "1:1: : tệp kế hoạch phải là một ánh xạ"),
        ("a: !!python/object/apply:os.system [echo hi]\n", "1:4: a: thẻ YAML không được phép"),
        ("a: !!binary aGk=\n", "1:4: a: thẻ YAML không được phép"),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "3:3: c: không dùng khóa gộp '<<'"),
        ("a: &r [*r]\n", "lồng nhau quá 64 tầng"),
        ("n: 1" + "0" * 5000 + "\n", "1:4: n: giá trị không đọc được"),
        ("threshold: 1e999\n", "1:1: format: thiếu trường bắt buộc"),
    ],
)
def test_hostile_and_odd_yaml_gets_a_located_problem(text: str, message: str) -> None:
    assert any(message in p for p in problems(text)), problems(text)


def test_a_billion_laughs_file_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    start = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 5  # a correctness bound, not a benchmark
    assert any("bom YAML" in p for p in found), found


def test_dates_stay_text_so_an_impossible_iso_date_is_a_problem() -> None:
    found = problems(seed_with("date: 17/8/2023", "date: 2023-02-31"))
    assert any("date: không có ngày này: 2023-02-31" in p for p in found), found


def test_unreadable_files(atgt, tmp_path: Path) -> None:

    missing = atgt("plan", "validate", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 1
    assert "không đọc được tệp" in missing.stderr
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"symbol: V\xe3n b\xe0n\n")  # Windows-1258
    bad = atgt("plan", "validate", str(latin))
    assert bad.exit_code == 1
    assert "không phải văn bản UTF-8" in bad.stderr
    assert "Traceback" not in bad.output


def test_load_plan_raises_with_every_problem_as_a_detail(tmp_path: Path) -> None:
    path = write(tmp_path, seed_with("date: 17/8/2023", "date: 31/2/2023"))
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert caught.value.details == [
        f"{path}:{line_of(SEED, 'date: 17/8/2023')}:7: date: không có ngày này: 31/2/2023"
    ]


def test_nfd_text_is_stored_as_nfc(tmp_path: Path) -> None:
    import unicodedata

    path = write(tmp_path, unicodedata.normalize("NFD", SEED))
    plan = load_plan(path)
    assert plan.issuer == "Đảng ủy Sở Công Thương"
    assert unicodedata.is_normalized("NFC", plan.parts[1].items[0].text)


def test_plan_schema_is_json_schema_for_editors(atgt) -> None:
    import json

    result = atgt("plan", "schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Plan"
    assert "targets" in schema["properties"]
    assert "attendance" in json.dumps(schema)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_ends_in_a_plan_or_located_problems(text: str) -> None:
    plan, found = check_plan(text)
    assert plan is None
    assert found
    for p in found:
        assert p.message and "\n" not in p.message and "Traceback" not in p.message


@settings(max_examples=40, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        max_leaves=20,
    )
)
def test_any_yaml_document_ends_in_located_problems(data: object) -> None:
    _, found = check_plan(yaml.safe_dump({"targets": data, "format": 1}, allow_unicode=True))
    assert found


@pytest.mark.slow
@settings(max_examples=1_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2_000))
def test_many_texts_end_in_located_problems(text: str) -> None:
    """`make stress`: the same promise as above, on a thousand cases."""
    plan, found = check_plan(text)
    assert plan is None and found
    assert all(p.message and "\n" not in p.message for p in found)
