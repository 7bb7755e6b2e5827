"""The bundled plan holds the whole seed text, each item and bullet in its own entry."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
import yaml

from atgt_cli.plan.bundled import seed_plan
from atgt_cli.plan.loader import load_plan
from atgt_cli.plan.schema import Plan
from atgt_cli.text import nfc
from tests.conftest import ROOT, SEED_PLAN, SEED_TEXT


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(SEED_PLAN)


def _norm(text: str) -> str:
    return nfc(text).replace("“", '"').replace("”", '"')


def seed_structure() -> list[tuple[str, str]]:
    """(expected id, text) for every numbered item and bullet of the seed, in order."""
    out: list[tuple[str, str]] = []
    part = number = ""
    letters = "abcdefghij"
    bullet = 0
    for line in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if m := re.match(r"^([IVX]+)\. ", line):
            part = m.group(1)
        elif m := re.match(r"^(\d+)\. (.*)$", line):
            number, bullet = f"{part}.{m.group(1)}", 0
            out.append((number, m.group(2)))
        elif line.startswith("- "):
            out.append((f"{number}.{letters[bullet]}", line[2:]))
            bullet += 1
    return out


def test_the_seed_plan_validates_with_the_cli(atgt) -> None:
    result = atgt("plan", "validate", str(SEED_PLAN))
    assert result.exit_code == 0, result.output
    assert "16-KH/ĐUSCT" in result.stdout
    assert "12 mục" in result.stdout


def test_seed_coverage_tool_finds_every_sentence() -> None:
    tool = ROOT.parent / "shared" / "tools" / "seed_coverage.py"
    if not tool.exists():
        pytest.skip("the shared seed tool is not beside this checkout")
    done = subprocess.run(
        [sys.executable, str(tool), str(SEED_PLAN)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout
    assert "(100%)" in done.stdout


def test_every_sentence_of_the_seed_is_in_the_plan() -> None:
    # The same rule as ../shared/tools/seed_coverage.py, so a clone without it checks too.
    body = SEED_TEXT.read_text(encoding="utf-8")
    body = body[body.index("Tăng cường sự lãnh đạo") :]
    haystack = _norm(" ".join(_strings(yaml.safe_load(SEED_PLAN.read_text(encoding="utf-8")))))
    haystack = haystack.casefold()
    sentences = []
    for line in body.splitlines():
        line = re.sub(r"^(?:[IVX]+\.|\d+\.|-)\s*", "", _norm(line))
        for part in re.split(r"(?<=[.;:])\s+", line):
            part = part.strip(" -")
            if len(part) >= 12:
                sentences.append(part.rstrip(".;:/ ").casefold())
    assert len(sentences) > 20
    assert [s for s in sentences if s not in haystack] == []


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_each_seed_item_and_bullet_is_its_own_item(plan: Plan) -> None:
    items = {item.id: _norm(item.text) for item in plan.all_items()}
    expected = seed_structure()
    assert [i for i, _ in expected] == list(items)
    for ident, text in expected:
        assert items[ident] == _norm(text), ident


def test_the_plan_records_its_document_chain(plan: Plan) -> None:
    assert plan.symbol == "16-KH/ĐUSCT"
    assert plan.date.isoformat() == "2023-08-17"
    assert plan.implements is not None
    assert plan.implements.symbol == "94-KH/ĐUK"
    assert plan.implements.date.isoformat() == "2023-08-09"
    assert plan.implements.issuer_as_published == "Ban Bí thư"
    assert plan.implements.issuer == "Đảng ủy Khối"
    assert "Ban Bí thư" in plan.preamble  # the text stays as published
    assert plan.closing.endswith("./.")
    assert [p.heading for p in plan.parts] == [
        "MỤC ĐÍCH, YÊU CẦU",
        "NỘI DUNG THỰC HIỆN",
        "TỔ CHỨC THỰC HIỆN",
    ]


def test_assignments_follow_the_plan(plan: Plan) -> None:
    by_item: dict[str, list[tuple[str | None, str | None, list[str]]]] = {}
    for a in plan.assignments:
        for u in a.units:
            by_item.setdefault(a.item, []).append((u.kind, u.unit, a.channels))
    assert (None, "Chi bộ 1", ["trang-ttdt"]) in by_item["III.3"]
    assert ("dang-uy", None, ["sinh-hoat-dau-tuan", "van-ban"]) in by_item["II.2.a"]
    assert [k for k, _, _ in by_item["III.1"]] == ["chi-bo"]
    assert [k for k, _, _ in by_item["III.2"]] == ["doan-the"]


def test_targets_name_metrics_periods_and_proposed_defaults(plan: Plan) -> None:
    targets = {t.id: t for t in plan.targets}
    web = targets["cb1-trang-ttdt"]
    assert (web.metric, web.period, web.threshold) == ("web_posts", "month", 1)
    assert web.applies_to[0].unit == "Chi bộ 1"
    assert targets["cb-ty-le-du"].aggregate == "best"
    assert all(t.proposed for t in plan.targets)  # the office has not set its own yet
    assert plan.rules.violation_report_days > 0


def test_vocabularies_hold_what_the_plan_names(plan: Plan) -> None:
    v = plan.vocabularies
    assert {"sinh-hoat-chi-bo", "sinh-hoat-dau-tuan", "van-ban", "trang-ttdt"} <= {
        c.code for c in v.channels
    }
    assert [c.code for c in v.channels if c.web] == ["trang-ttdt"]
    categories = {c.code: c for c in v.violation_categories}
    assert categories["nong-do-con"].alcohol
    assert categories["tu-choi-kiem-tra-con"].top_tier
    assert "Vi phạm nồng độ cồn" in categories["nong-do-con"].aliases
    assert "Đã uống rượu, bia không điều khiển phương tiện giao thông" in {
        t.label for t in v.topics
    }


def test_report_settings_come_from_the_plan(plan: Plan) -> None:
    r = plan.report
    assert r.committee == "Đảng ủy Sở Công Thương"
    assert r.place == "Đồng Nai"
    assert r.number_suffix == "BC/ĐUSCT"
    assert r.signer.title == "bi-thu"
    assert r.recipients


def test_the_bundled_plan_is_found_from_the_package() -> None:
    assert seed_plan().resolve() == SEED_PLAN.resolve()
