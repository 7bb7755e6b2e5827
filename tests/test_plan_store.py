"""`atgt init`, `plan load/use/list/show/diff` and `demo` through the CLI, on real stores."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEED_PLAN, VENV_BIN

SEED = SEED_PLAN.read_text(encoding="utf-8")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "atgt.db"


def plans(atgt, db: Path) -> list[dict]:
    result = atgt("--db", str(db), "plan", "list", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def variant(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = SEED
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_init_creates_the_store_with_the_seed_plan_and_a_second_run_changes_nothing(
    atgt, db: Path
) -> None:
    first = atgt("--db", str(db), "init")
    assert first.exit_code == 0, first.output
    assert "Đã tạo kho dữ liệu" in first.stdout and "16-KH/ĐUSCT (bản 1)" in first.stdout
    before = plans(atgt, db)
    assert [(p["symbol"], p["revisions"], p["is_current"]) for p in before] == [
        ("16-KH/ĐUSCT", 1, True)
    ]

    second = atgt("--db", str(db), "init")
    assert second.exit_code == 0
    assert "không thay đổi gì" in second.stdout
    assert plans(atgt, db) == before


def test_loading_the_same_file_changes_nothing_and_a_changed_file_is_a_new_revision(
    atgt, db: Path, tmp_path: Path
) -> None:
    atgt("--db", str(db), "init")
    same = atgt("--db", str(db), "plan", "load", str(SEED_PLAN))
    assert same.exit_code == 0
    assert "giống bản 1; không thay đổi gì" in same.stdout

    # A comment is not a change of the plan; a threshold is.
    commented = variant(tmp_path, "c.yaml", ("format: 1\n", "format: 1  # ghi chú\n"))
    assert "giống bản 1" in atgt("--db", str(db), "plan", "load", str(commented)).stdout
    changed = variant(tmp_path, "v2.yaml", ("threshold: 80", "threshold: 75"))
    result = atgt("--db", str(db), "plan", "load", str(changed))
    assert result.exit_code == 0
    assert "bản 2 (hiện hành)" in result.stdout
    assert plans(atgt, db)[0]["revisions"] == 2

    old = json.loads(atgt("--db", str(db), "plan", "show", "--rev", "1", "--json").stdout)
    new = json.loads(atgt("--db", str(db), "plan", "show", "--json").stdout)
    threshold = {t["id"]: t["threshold"] for t in old["plan"]["targets"]}["cb-ty-le-du"]
    assert (old["rev"], threshold) == (1, 80)
    assert {t["id"]: t["threshold"] for t in new["plan"]["targets"]}["cb-ty-le-du"] == 75
    assert new["revisions"] == [1, 2]


def test_an_invalid_plan_is_refused_with_its_problems_and_the_store_is_unchanged(
    atgt, db: Path, tmp_path: Path
) -> None:
    atgt("--db", str(db), "init")
    before = plans(atgt, db)
    bad = variant(
        tmp_path,
        "bad.yaml",
        ("threshold: 80", "threshold: 800"),
        ("metric: masses", "metric: crowds"),
    )
    result = atgt("--db", str(db), "plan", "load", str(bad))
    assert result.exit_code == 1
    assert f"Lỗi: {bad}: 2 lỗi." in result.stderr
    assert f"{bad}:" in result.stderr and "crowds" in result.stderr
    assert plans(atgt, db) == before


def test_a_store_holds_several_plans_and_one_is_current(atgt, db: Path, tmp_path: Path) -> None:
    atgt("--db", str(db), "init")
    other = variant(tmp_path, "other.yaml", ("symbol: 16-KH/ĐUSCT", "symbol: 05-KH/ĐUSCT"))
    assert "bản 1." in atgt("--db", str(db), "plan", "load", str(other)).stdout  # not current
    listed = plans(atgt, db)
    assert {p["symbol"]: p["is_current"] for p in listed} == {
        "05-KH/ĐUSCT": False,
        "16-KH/ĐUSCT": True,
    }

    use = atgt("--db", str(db), "plan", "use", "05-kh/dusct")  # as users type it
    assert use.exit_code == 0
    assert "05-KH/ĐUSCT" in use.stdout
    assert (
        json.loads(atgt("--db", str(db), "plan", "show", "--json").stdout)["symbol"]
        == "05-KH/ĐUSCT"
    )

    unknown = atgt("--db", str(db), "plan", "use", "99-KH")
    assert unknown.exit_code == 4
    assert "05-KH/ĐUSCT, 16-KH/ĐUSCT" in unknown.stderr


def test_plan_show_draws_parts_items_assignments_and_targets(atgt, db: Path) -> None:
    atgt("--db", str(db), "init")
    result = atgt("--db", str(db), "plan", "show")
    assert result.exit_code == 0
    out = result.stdout
    for text in (
        "II. NỘI DUNG THỰC HIỆN",
        "II.2.a",
        "III.3 Giao Chi bộ 1",
        "▸ Thực hiện: Chi bộ 1",
        "◎ Chỉ tiêu cb1-trang-ttdt",
        "94-KH/ĐUK",
        "đúng là Đảng ủy Khối",
    ):
        assert text in out, text
    english = atgt("--lang", "en", "--db", str(db), "plan", "show", "--item", "III.3").stdout
    assert "Carried by: Chi bộ 1" in english and "web posts ≥ 1 per month" in english


def test_plan_show_one_item(atgt, db: Path) -> None:
    atgt("--db", str(db), "init")
    tree = atgt("--db", str(db), "plan", "show", "--item", "ii.2.a").stdout
    assert "II.2.a" in tree and "II.2.b" not in tree and "III" not in tree
    data = json.loads(
        atgt("--db", str(db), "plan", "show", "16-KH/DUSCT", "--item", "II.2", "--json").stdout
    )
    assert data["item"]["id"] == "II.2"
    assert [i["id"] for i in data["item"]["items"]] == ["II.2.a", "II.2.b", "II.2.c"]
    missing = atgt("--db", str(db), "plan", "show", "--item", "IV.1")
    assert missing.exit_code == 4 and "II.2.a" in missing.stderr
    norev = atgt("--db", str(db), "plan", "show", "--rev", "3")
    assert norev.exit_code == 4 and "có các bản: 1" in norev.stderr


def test_plan_diff_between_files_and_stored_revisions(atgt, db: Path, tmp_path: Path) -> None:
    atgt("--db", str(db), "init")
    changed = variant(
        tmp_path,
        "v2.yaml",
        ("Giao Chi bộ 1 thực hiện", "Giao Chi bộ 2 thực hiện"),
        ("threshold: 80", "threshold: 75"),
        ("  - id: dt-quan-chung\n", "  - id: dt-quan-chung-2\n"),
        ("  due_day: 5", "  due_day: 10"),
    )
    atgt("--db", str(db), "plan", "load", str(changed))
    for a, b in (("@1", "@2"), (str(SEED_PLAN), str(changed)), ("16-KH/ĐUSCT@1", str(changed))):
        result = atgt("--db", str(db), "plan", "diff", a, b, "--json")
        assert result.exit_code == 0, result.output
        changes = {
            (c["kind"], c["section"], c["key"]) for c in json.loads(result.stdout)["changes"]
        }
        assert changes == {
            ("changed", "items", "III.3"),
            ("changed", "targets", "cb-ty-le-du.threshold"),
            ("removed", "targets", "dt-quan-chung"),
            ("added", "targets", "dt-quan-chung-2"),
            ("changed", "settings", "report.due_day"),
        }
    table = atgt("--db", str(db), "plan", "diff", "@1", "@2")
    assert "5 thay đổi" in table.stdout and "chỉ tiêu" in table.stdout
    same = atgt("--db", str(db), "plan", "diff", str(SEED_PLAN), "@1")
    assert "giống nhau" in same.stdout
    bad = atgt("--db", str(db), "plan", "diff", "nope.yaml@x", "@1")
    assert bad.exit_code == 1 and "không phải tệp" in bad.stderr


def test_the_store_location_comes_from_db_then_env_then_the_user_data_dir(
    atgt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert atgt("init").exit_code == 0
    assert (tmp_path / "data" / "atgt" / "atgt.db").exists() or os.name != "posix"
    env_db = tmp_path / "env.db"
    assert atgt("init", env={"ATGT_DB": str(env_db)}).exit_code == 0
    assert env_db.exists()
    flag_db = tmp_path / "flag.db"
    assert atgt("--db", str(flag_db), "init", env={"ATGT_DB": str(env_db)}).exit_code == 0
    assert flag_db.exists()


def test_demo_uses_a_fresh_temporary_store_never_the_users(atgt, tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    out = tmp_path / "out"
    result = atgt("demo", "--out", str(out), env={"ATGT_DB": str(real)})
    assert result.exit_code == 0, result.output
    assert not real.exists()
    assert "Kho demo:" in result.stdout and "II.2.a" in result.stdout
    assert (
        "Chi bộ Văn phòng" in result.stdout and "Buổi tuyên truyền tháng 11/2026" in result.stdout
    )
    data = json.loads((out / "ke-hoach.json").read_text(encoding="utf-8"))
    assert data["symbol"] == "16-KH/ĐUSCT"

    atgt("--db", str(real), "init")
    refused = atgt("demo", "--db", str(real))
    assert refused.exit_code == 1 and "đã tồn tại" in refused.stderr


def test_demo_data_is_plausible_reproducible_and_redacted(atgt, tmp_path: Path) -> None:
    def run(name: str) -> tuple[list[dict], list[dict]]:
        out = tmp_path / name
        assert atgt("demo", "--db", str(tmp_path / f"{name}.db"), "--out", str(out)).exit_code == 0
        sessions = json.loads((out / "buoi-tuyen-truyen.json").read_text(encoding="utf-8"))
        violations = json.loads((out / "vi-pham-an-danh.json").read_text(encoding="utf-8"))
        return sessions, violations

    sessions, violations = run("a")
    assert {s["held_on"][:7] for s in sessions} == {"2026-11"}  # the demo's fixed today: 30/11/2026
    assert {"sinh-hoat-chi-bo", "sinh-hoat-dau-tuan", "sinh-hoat-doan-the"} <= {
        s["channel"] for s in sessions
    }
    assert {v["outcome"] for v in violations} == {"khien-trach", "cach-chuc", "canh-cao", None}
    assert any(v["late"] for v in violations) and any(v["published"] for v in violations)
    assert all(v["member"].startswith("ĐV-") and v["note"] is None for v in violations)

    def stable(rows: list[dict]) -> list[dict]:
        return [
            {k: v for k, v in r.items() if k not in ("created_at", "member", "member_code")}
            for r in rows
        ]

    again = run("b")
    assert stable(again[0]) == stable(sessions) and stable(again[1]) == stable(violations)
    db = str(tmp_path / "a.db")
    everything = json.loads(
        atgt("--db", db, "--today", "30/11/2026", "session", "list", "--json").stdout
    )
    assert len({s["held_on"][:7] for s in everything}) == 4  # a few months of history


def test_the_installed_atgt_runs_the_store_commands(tmp_path: Path) -> None:
    atgt_bin = VENV_BIN / "atgt"
    if not atgt_bin.exists():
        pytest.skip("atgt is not installed in this environment")
    env = {**os.environ, "ATGT_DB": str(tmp_path / "real.db"), "COLUMNS": "100"}
    for args in (["init"], ["plan", "list"], ["plan", "show", "--item", "III.3"]):
        done = subprocess.run(
            [str(atgt_bin), *args], capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == 0, done.stderr
    assert "Chi bộ 1" in done.stdout
