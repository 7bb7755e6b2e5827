"""Correcting records through the CLI: `violation edit` and `delete`, `report note list`, `edit`
and `delete`; each change audited, each refusal leaving the store as it was, closed months."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import snapshot

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases


def run_ok(office, *args: str):
    result = office(*args)
    assert result.exit_code == 0, result.output
    return result


def add(office, *args: str) -> None:
    base = ["violation", "add", "--unit", "cb1", "--member", "Nguyễn Văn An"]
    stated = () if "--membership" in args else ("--membership", "chinh-thuc")
    run_ok(office, *base, "--category", "vượt đèn đỏ", "--date", "1/11/2026", *stated, *args)


def violations(office, *args: str) -> list[dict]:
    return json.loads(run_ok(office, "violation", "list", "--json", *args).stdout)


def log(office, entity: str) -> list[dict]:
    return json.loads(run_ok(office, "log", "--json", "--entity", entity).stdout)


def refused(office, *args: str, code: int = 1) -> str:
    """The command fails with `code` and changes nothing; its message."""
    before = snapshot(office.db)
    result = office(*args)
    assert result.exit_code == code, result.output
    assert snapshot(office.db) == before
    return result.stderr


def handle(office, violation: str = "1", day: str = "10/11/2026") -> None:
    run_ok(
        office,
        *("violation", "handle", violation, "--outcome", "khien-trach"),
        *("--decided-on", day, "--decided-by", "chi-bo"),
    )


# --- violation edit ------------------------------------------------------------------------------


def test_edit_changes_the_fields_given_says_which_and_audits_before_and_after(office) -> None:
    add(office, "--note", "ghi vội")
    result = run_ok(
        office,
        *("violation", "edit", "1", "--date", "2/11/2026", "--note", "đã kiểm tra"),
        *("--category", "NĐC", "--alcohol-breath", "0,3"),
    )
    assert "--date" in result.stdout and "--note" in result.stdout
    assert "--category" in result.stdout and "Mức 2" in result.stdout
    (row,) = violations(office)
    assert (row["occurred_on"], row["note"], row["alcohol_tier"]) == (
        "2026-11-02",
        "đã kiểm tra",
        2,
    )
    (entry,) = [e for e in log(office, "violation:1") if e["action"] == "update"]
    assert entry["before"]["occurred_on"] == "2026-11-01" and entry["before"]["note"] == "ghi vội"
    assert entry["after"]["occurred_on"] == "2026-11-02" and entry["after"]["alcohol_tier"] == 2
    # the same values again change nothing and write nothing
    before = snapshot(office.db)
    same = run_ok(office, "violation", "edit", "1", "--note", "đã kiểm tra", "--date", "2/11/2026")
    assert "không có gì thay đổi" in same.stdout and snapshot(office.db) == before


def test_edit_takes_the_handling_and_publication_and_clears_them_in_order(office) -> None:
    add(office)
    run_ok(
        office,
        *("violation", "edit", "1", "--outcome", "cảnh cáo", "--decided-on", "10/11/2026"),
        *("--decided-by", "chi-bo", "--decision", "Số 3-QĐ/CB"),
    )
    run_ok(
        office,
        *("violation", "edit", "1", "--published-on", "12/11/2026"),
        *("--published-where", "Hội nghị chi bộ"),
    )
    (row,) = violations(office)
    assert (row["outcome"], row["decided_by"], row["published_where"]) == (
        "canh-cao",
        "chi-bo",
        "Hội nghị chi bộ",
    )
    # a published result cannot lose its handling; both cleared together, it is open again
    assert "chưa xử lý" in refused(office, "violation", "edit", "1", "--outcome", "")
    args = ("--outcome", "", "--published-on", "", "--published-where", "")
    run_ok(office, "violation", "edit", "1", *args)
    (row,) = violations(office)
    assert row["open"] and row["decided_on"] is None and row["published_on"] is None


def test_edit_moves_a_violation_to_another_member(office) -> None:
    add(office)
    result = run_ok(
        office, "violation", "edit", "1", "--member", "Trần Thị Bình", "--membership", "du-bi"
    )
    assert "--member" in result.stdout
    (row,) = violations(office)
    assert (row["member"], row["membership"]) == ("Trần Thị Bình", "du-bi")
    # the rules read the new member: a probationary member cannot be removed from a post
    stderr = refused(
        office,
        *("violation", "edit", "1", "--outcome", "cach-chuc", "--decided-on", "10/11/2026"),
    )
    assert "dự bị" in stderr and "cách chức" in stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "30/2/2026"), "--date"),
        (("--date", "1/12/2026"), "--date"),
        (("--known-on", "20/10/2026"), "--known-on"),
        (("--unit", "Công đoàn cơ sở"), "đoàn thể"),
        (("--unit", "không có"), "--unit"),
        (("--category", "Vượt đèn đỏ", "--alcohol-breath", "0,3"), "nồng độ cồn"),
        (("--alcohol-breath", "nhiều"), "--alcohol-breath"),
        (("--outcome", "khien-trach"), "--decided-on"),
        (("--outcome", "phạt tiền", "--decided-on", "10/11/2026"), "--outcome"),
        (
            (
                "--decided-on",
                "10/11/2026",
                "--outcome",
                "kiem-diem",
                "--published-on",
                "9/11/2026",
                "--published-where",
                "Hội nghị",
            ),
            "trước ngày quyết định",
        ),
        (("--published-on", "12/11/2026", "--published-where", "x"), "chưa xử lý"),
        (("--reported-on", "20/10/2026"), "trước ngày biết"),
        (("--member", ""), "--member"),
        # Another member atgt does not know: their membership is stated (no silent chính thức).
        (("--member", "Người Mới"), "cần ghi tư cách đảng viên (--membership"),
        (("--unit", "cb2"), "Nguyễn Văn An chưa có trong kho"),
    ],
)
def test_a_bad_edit_is_refused_naming_the_field_and_changes_nothing(
    office, args: tuple[str, ...], message: str
) -> None:
    add(office)
    assert message in refused(office, "violation", "edit", "1", *args)


def test_an_unknown_violation_is_not_found(office) -> None:
    assert "số 9" in refused(office, "violation", "edit", "9", "--note", "x", code=4)
    assert "số 9" in refused(office, "violation", "delete", "9", "--reason", "x", code=4)


def test_a_closed_month_locks_the_edit_of_each_event_by_its_dates_old_and_new(office) -> None:
    add(office, "--date", "20/10/2026")
    add(office, "--date", "21/11/2026")
    run_ok(office, "period", "close", "10/2026")
    # the violation itself is an October event
    assert "10/2026" in refused(office, "violation", "edit", "1", "--note", "x")
    # its handling in November is a November event
    handle(office)
    run_ok(office, "violation", "edit", "1", "--decision", "Số 7-QĐ/CB")
    # a November violation cannot be moved into October, nor its handling dated there
    assert "10/2026" in refused(office, "violation", "edit", "2", "--date", "20/10/2026")
    handle(office, "2", "22/11/2026")
    assert "10/2026" in refused(office, "violation", "edit", "1", "--decided-on", "25/10/2026")
    # a change of the unit moves every count: refused while one of its events is closed
    # (In cb2 Nguyễn Văn An is a new member: stated, so that the month is what refuses.)
    to_cb2 = ("violation", "edit", "1", "--unit", "cb2", "--membership", "chinh-thuc")
    assert "10/2026" in refused(office, *to_cb2)


# --- violation delete ----------------------------------------------------------------------------


def test_a_deleted_violation_is_kept_but_out_of_every_count_and_list(office) -> None:
    add(office)
    add(office, "--member", "Trần Thị Bình", "--date", "2/11/2026")
    handle(office, "2")

    def counted() -> tuple[int, int, int]:
        status = json.loads(run_ok(office, "status", "--month", "11/2026", "--json").stdout)
        cb1 = next(u for u in status["units"] if u["unit"] == "Chi bộ 1")["figures"]
        report = json.loads(
            run_ok(office, "report", "--month", "11/2026", "--format", "json").stdout
        )
        exported = list(csv.reader(io.StringIO(run_ok(office, "export", "violations").stdout)))
        return cb1["violations"], report["cases"]["new"]["period"], len(exported) - 1

    assert counted() == (2, 2, 2)
    assert "--reason" in refused(office, "violation", "delete", "2", "--reason", " ")
    deleted = run_ok(office, "violation", "delete", "2", "--reason", "ghi trùng")
    assert "Đã xóa vi phạm số 2" in deleted.stdout
    assert counted() == (1, 1, 1)
    assert [v["id"] for v in violations(office)] == [1]
    assert [(v["id"], v["deleted_reason"]) for v in violations(office, "--deleted")] == [
        (2, "ghi trùng")
    ]
    shown = run_ok(office, "violation", "show", "2").stdout
    assert "Đã xóa" in shown and "ghi trùng" in shown
    assert "ghi trùng" not in run_ok(office, "violation", "show", "2", "--redact").stdout
    (entry,) = [e for e in log(office, "violation:2") if e["action"] == "delete"]
    assert entry["before"]["outcome"] == "khien-trach" and entry["reason"] == "ghi trùng"
    # a deleted violation is not changed any more
    for args in (
        ("edit", "2", "--note", "x"),
        ("delete", "2", "--reason", "x"),
        (
            "handle",
            "2",
            "--outcome",
            "canh-cao",
            "--decided-on",
            "11/11/2026",
            "--decided-by",
            "chi-bo",
        ),
        ("publish", "2", "--on", "12/11/2026", "--where", "Hội nghị"),
        ("report", "2", "--on", "12/11/2026"),
    ):
        assert "đã bị xóa" in refused(office, "violation", *args)


def test_a_violation_counted_in_a_closed_month_cannot_be_deleted(office) -> None:
    add(office, "--date", "20/10/2026")
    handle(office)
    run_ok(office, "period", "close", "10/2026")
    assert "10/2026" in refused(office, "violation", "delete", "1", "--reason", "nhầm")
    run_ok(office, "period", "reopen", "10/2026", "--reason", "sửa sai")
    run_ok(office, "period", "close", "11/2026")
    assert "11/2026" in refused(office, "violation", "delete", "1", "--reason", "nhầm")


def test_a_violation_known_in_a_closed_month_was_due_there_and_stays(office) -> None:
    add(office, "--date", "31/10/2026", "--known-on", "1/11/2026")
    run_ok(office, "period", "close", "11/2026")
    assert "11/2026" in refused(office, "violation", "delete", "1", "--reason", "nhầm")
    to_cb2 = ("violation", "edit", "1", "--unit", "cb2", "--membership", "chinh-thuc")
    assert "11/2026" in refused(office, *to_cb2)


# --- report notes --------------------------------------------------------------------------------


def notes(office, *args: str) -> list[dict]:
    return json.loads(run_ok(office, "report", "note", "list", "--json", *args).stdout)


def test_report_notes_are_listed_edited_and_deleted_with_the_log_keeping_them(office) -> None:
    run_ok(office, "report", "note", "--month", "10/2026", "Chi bộ 2 chưa sinh hoạt")
    run_ok(office, "report", "note", "add", "--section", "phuong-huong", "Đôn đốc Chi bộ 1")
    assert [(n["id"], n["period"], n["section"]) for n in notes(office)] == [
        (1, "2026-10", "han-che"),
        (2, "2026-11", "phuong-huong"),
    ]
    assert [n["id"] for n in notes(office, "--month", "11/2026")] == [2]
    assert "Không có nhận xét" in run_ok(office, "report", "note", "list", "--year", "2025").stdout
    run_ok(office, "report", "note", "edit", "2", "Đôn đốc Chi bộ 1 đăng tin")
    same = run_ok(office, "report", "note", "edit", "2", "Đôn đốc Chi bộ 1 đăng tin")
    assert "không có gì thay đổi" in same.stdout
    report = run_ok(office, "report", "--month", "11/2026", "--format", "md").stdout
    assert "Đôn đốc Chi bộ 1 đăng tin" in report
    run_ok(office, "report", "note", "delete", "2", "--reason", "đã làm")
    assert [n["id"] for n in notes(office)] == [1]
    assert "Đôn đốc" not in run_ok(office, "report", "--month", "11/2026", "--format", "md").stdout
    entries = log(office, "report:2026-11")
    assert [e["action"] for e in entries] == ["note", "update", "delete"]
    assert entries[1]["before"]["text"] == "Đôn đốc Chi bộ 1"
    assert entries[2]["before"]["text"] == "Đôn đốc Chi bộ 1 đăng tin"
    assert entries[2]["reason"] == "đã làm"


def test_bad_note_changes_are_refused_and_change_nothing(office) -> None:
    run_ok(office, "report", "note", "--month", "10/2026", "Chi bộ 2 chưa sinh hoạt")
    assert "số 7" in refused(office, "report", "note", "edit", "7", "x", code=4)
    assert "số 7" in refused(office, "report", "note", "delete", "7", "--reason", "x", code=4)
    assert "TEXT" in refused(office, "report", "note", "edit", "1", "  ")
    assert "--reason" in refused(office, "report", "note", "delete", "1", "--reason", "")
    run_ok(office, "period", "close", "10/2026")
    assert "10/2026" in refused(office, "report", "note", "edit", "1", "y")
    assert "10/2026" in refused(office, "report", "note", "delete", "1", "--reason", "x")
    assert "10/2026" in refused(office, "report", "note", "--month", "10/2026", "z")
    # a quarter's note is locked with the quarter's last month
    run_ok(office, "report", "note", "--quarter", "4/2026", "Quý IV")
    run_ok(office, "period", "close", "11/2026")
    run_ok(office, "report", "note", "edit", "2", "Quý IV, sửa")


# --- unit delete: the plan's assignments and targets refer to units too -------------------------


def test_a_unit_the_plan_names_is_not_deleted_and_retire_is_suggested(office) -> None:
    # The seed plan gives Chi bộ 1 its own duty (III.3: the web portal), by name.
    message = refused(office, "unit", "delete", "Chi bộ 1")
    assert "không xóa được đơn vị Chi bộ 1" in message
    assert "phân công III.3 của kế hoạch 16-KH/ĐUSCT" in message
    assert '`atgt unit retire "Chi bộ 1"`' in message
    english = refused(office, "--lang", "en", "unit", "delete", "cb1")
    assert "assignment III.3 of plan 16-KH/ĐUSCT" in english and "unit retire" in english
    # A unit the plan names only by its kind ({kind: chi-bo}) is deleted.
    run_ok(office, "unit", "delete", "Chi bộ Văn phòng")
    names = [u["name"] for u in json.loads(run_ok(office, "unit", "list", "--json").stdout)]
    assert "Chi bộ Văn phòng" not in names and "Chi bộ 1" in names


def test_a_unit_a_target_names_by_an_alias_is_not_deleted(office, tmp_path) -> None:
    import yaml

    from tests.conftest import SEED_PLAN

    plan = yaml.safe_load(SEED_PLAN.read_text(encoding="utf-8"))
    target = dict(plan["targets"][0], id="cb-rieng", applies_to=[{"unit": "CB Hai"}])
    plan["targets"].append(target)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    run_ok(office, "plan", "load", str(path))
    run_ok(office, "unit", "alias", "add", "Chi bộ 2", "CB Hai")
    message = refused(office, "unit", "delete", "Chi bộ 2")
    assert "chỉ tiêu cb-rieng của kế hoạch 16-KH/ĐUSCT" in message


# --- shell completion in the user's language ----------------------------------------------------


def test_install_and_show_completion_speak_vietnamese(atgt, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # never the user's own shell files
    monkeypatch.setenv("SHELL", "/bin/bash")
    monkeypatch.setattr("typer._completion_shared._get_shell_name", lambda: "bash")
    installed = atgt("--install-completion")
    assert installed.exit_code == 0, installed.output
    assert "Đã cài gợi ý lệnh cho bash vào" in installed.stdout
    assert "có hiệu lực khi mở lại cửa sổ dòng lệnh" in installed.stdout
    assert "completion installed" not in installed.stdout
    assert (tmp_path / ".bash_completions" / "atgt.sh").is_file()
    english = atgt("--lang", "en", "--install-completion")
    assert "bash completion installed in" in english.stdout
    shown = atgt("--show-completion")
    assert shown.exit_code == 0 and "_atgt_completion()" in shown.stdout
    monkeypatch.setattr("typer._completion_shared._get_shell_name", lambda: "tcsh")
    unsupported = atgt("--show-completion")
    assert unsupported.exit_code == 1
    assert "Lỗi: không có gợi ý lệnh cho shell tcsh; atgt có cho: bash" in unsupported.stderr
    assert "not supported" not in unsupported.output
