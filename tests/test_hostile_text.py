"""Hostile text (issue 21): controls, lone surrogates and bidi overrides are left out on the way
in (command line, CSV, XLSX, plan YAML) or refused by name; whatever a store holds renders in
every output format, and nothing printed to a terminal carries a raw escape; look-alike unit
names and plan symbols are refused; the outputs others open (rejects CSV, Markdown) run nothing.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from atgt_cli.text import markdown_text, printable, strip_controls, symbol_problem, visible
from tests.conftest import SEED_PLAN, snapshot
from tests.fuzzing import Stores, clean_end, invoke
from tests.workbooks import shared_strings_xlsx

ESC, BIDI, NUL = "\x1b", "\u202e", "\x00"
CONTROLS = (ESC, BIDI, NUL, "\x07", "\x7f", "\x9b", "\u2066")


def _holds_control(text: str) -> bool:
    return any(c in text for c in CONTROLS)


def _sessions(db: Path) -> list[dict[str, object]]:
    result = invoke("session", "list", "--json", db=db)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---- the text helpers --------------------------------------------------------------------------


def test_the_helpers_leave_out_what_a_terminal_would_act_on() -> None:
    assert strip_controls(f"a{ESC}[31mb{BIDI}c\td\n") == "a[31mbc\td\n"
    assert printable("x\udcffy\x00") == "x\ufffdy"
    assert visible(f"a{ESC}\n") == "a\\x1b\\n"
    assert "<" not in markdown_text("<img src=x onerror=alert(1)>")
    assert markdown_text("[a](javascript:alert(1))").startswith("\\[a\\]")
    assert markdown_text("![](http://tracker/x.png)").startswith("\\!\\[")


@pytest.mark.parametrize(
    ("symbol", "bad"),
    [
        ("16-KH/ĐUSCT", False),
        ("16-KН/ĐUSCT", True),
        ("16-KH\u202e/ĐUSCT", True),
        ("16-KH／Đ", True),
    ],
)
def test_a_symbol_with_a_look_alike_character_is_a_problem(symbol: str, bad: bool) -> None:
    assert (symbol_problem(symbol) is not None) is bad


# ---- on the way in -----------------------------------------------------------------------------


def test_controls_typed_on_the_command_line_are_left_out(stores: Stores) -> None:
    db = stores.fresh()
    result = invoke(
        "session", "add", "--unit", "Chi bộ 1", "--date", "1/11/2026", "--channel", "van-ban",
        "--title", f"Buổi{ESC}[2J 1{BIDI}\x07", "--note", f"ghi{NUL} chú\x7f",
        db=db,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (stored,) = _sessions(db)
    assert stored["title"] == "Buổi[2J 1" and stored["note"] == "ghi chú"


def test_bytes_that_are_not_utf8_in_an_argument_are_refused_by_name(tmp_path: Path) -> None:
    # Through the real entry point: Python hands such bytes over as lone surrogates.
    db = tmp_path / "x.db"
    result = subprocess.run(
        [sys.executable, "-m", "atgt_cli", "--db", str(db), "unit", "add", b"Chi b\xff".decode(
            "utf-8", "surrogateescape"), "--kind", "chi-bo"],
        capture_output=True,
        env={"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1, err
    assert err.startswith("Lỗi: ") and "\\xff" in err and "Traceback" not in err
    assert not db.exists()


def test_controls_in_a_csv_file_are_left_out(stores: Stores) -> None:
    db = stores.fresh()
    file = stores.folder / "rows.csv"
    file.write_text(
        "Đơn vị,Ngày,Hình thức,Tiêu đề\n"
        f"Chi bộ 1,1/11/2026,Văn bản,{ESC}[31mBuổi{NUL} một{BIDI}\n"
        f'Chi bộ 1,2/11/2026,Văn bản,"Buổi\x07 hai"\n',
        encoding="utf-8",
    )
    result = invoke("import", "sessions", str(file), db=db)
    assert result.exit_code == 0, result.output
    titles = sorted(str(s["title"]) for s in _sessions(db))
    assert titles == ["Buổi hai", "[31mBuổi một"]


def test_controls_in_a_workbook_are_left_out(stores: Stores) -> None:
    db = stores.fresh()
    rows = [
        ["Đơn vị", "Ngày", "Hình thức", "Tiêu đề"],
        ["Chi bộ 1", "1/11/2026", "Văn bản", "Buổi_x001B_[31m một"],  # Excel's escape of ESC
        ["Chi bộ 1", "2/11/2026", "Văn bản", "Buổi&#x202E; hai_x0007_&#x7;"],  # references
    ]
    file = shared_strings_xlsx(stores.folder / "rows.xlsx", rows, raw=True)
    result = invoke("import", "sessions", str(file), db=db)
    assert result.exit_code == 0, result.output
    titles = sorted(str(s["title"]) for s in _sessions(db))
    assert titles == ["Buổi hai", "Buổi[31m một"]


def test_controls_in_a_plan_are_left_out(tmp_path: Path) -> None:
    text = SEED_PLAN.read_text(encoding="utf-8")
    file = tmp_path / "plan.yaml"  # YAML's own escapes: \e is ESC
    bad = 'issuer: "Đảng ủy Sở\\e[31m Công\\u202e Thương"'
    file.write_text(text.replace("issuer: Đảng ủy Sở Công Thương", bad, 1), "utf-8")
    db = tmp_path / "p.db"
    assert invoke("init", db=db).exit_code == 0
    result = invoke("plan", "load", str(file), db=db)
    assert result.exit_code == 0, result.output
    shown = invoke("plan", "show", "--json", db=db)
    assert shown.exit_code == 0, shown.output
    assert "Sở[31m Công Thương" in shown.stdout and not _holds_control(shown.stdout)


def test_a_plan_symbol_with_a_look_alike_letter_is_refused(tmp_path: Path) -> None:
    text = SEED_PLAN.read_text(encoding="utf-8").replace("symbol: 16-KH/", "symbol: 16-KН/", 1)
    file = tmp_path / "plan.yaml"
    file.write_text(text, encoding="utf-8")
    result = invoke("plan", "validate", str(file))
    assert result.exit_code == 1
    assert "plan.yaml:" in result.output and "CYRILLIC" in result.output


# ---- whatever a store holds renders ------------------------------------------------------------


def _store_with_raw_controls(stores: Stores) -> Path:
    """A store written before input was cleaned: an ESC, a BEL and a bidi override in a unit's
    name and a session's title."""
    db = stores.fresh()
    args = ["--unit", "Chi bộ 1", "--date", "1/11/2026", "--channel", "van-ban", "--title", "x"]
    assert invoke("session", "add", *args, db=db).exit_code == 0
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE unit SET name = ? WHERE name = 'Chi bộ 1'", (f"Chi bộ{ESC}[31m 1",))
        conn.execute("UPDATE propaganda_session SET title = ?", (f"Buổi{ESC}]0;pwn\x07{BIDI}x",))
    conn.close()
    return db


@pytest.mark.parametrize("suffix", ["docx", "xlsx", "md", "csv", "json"])
def test_a_report_renders_whatever_the_store_holds(stores: Stores, suffix: str) -> None:
    db = _store_with_raw_controls(stores)
    out = stores.folder / f"report.{suffix}"
    result = invoke("report", "--month", "11/2026", "-o", str(out), db=db)
    assert result.exit_code == 0, result.output
    if suffix in ("docx", "xlsx"):
        with zipfile.ZipFile(out) as archive:
            parts = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
            xml = "".join(archive.read(n).decode("utf-8") for n in parts)
        assert ESC not in xml and "\x07" not in xml
    elif suffix != "json":  # JSON escapes them (\u001b)
        assert not _holds_control(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["sessions", "units"])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_export_renders_whatever_the_store_holds(stores: Stores, kind: str, suffix: str) -> None:
    from openpyxl import load_workbook

    db = _store_with_raw_controls(stores)
    out = stores.folder / f"export.{suffix}"
    result = invoke("export", kind, "-o", str(out), db=db)
    assert result.exit_code == 0, result.output
    if suffix == "xlsx":
        book = load_workbook(out, read_only=True)
        sheet = book.worksheets[0]
        cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
        book.close()
        assert cells and not any(_holds_control(c) for c in cells)
    else:
        assert not _holds_control(out.read_text(encoding="utf-8-sig"))


@pytest.mark.parametrize(
    "args",
    [
        ["session", "list"],
        ["unit", "list"],
        ["status", "--month", "11/2026"],
        ["session", "list", "--json"],
        ["report", "--month", "11/2026", "--format", "table"],
    ],
)
def test_nothing_printed_to_a_terminal_carries_a_raw_control(
    stores: Stores, args: list[str]
) -> None:
    db = _store_with_raw_controls(stores)
    result = invoke(*args, db=db)
    assert result.exit_code == 0, result.output
    assert not _holds_control(result.output), repr(result.output[:400])


def test_an_error_message_shows_the_controls_it_quotes_as_escapes(stores: Stores) -> None:
    db = stores.fresh()
    before = snapshot(db)
    result = invoke("unit", "members", f"Chi bộ 9{ESC}[2J", "3", db=db)
    assert clean_end(result, db, before) == "refused"
    assert ESC not in result.output and "\\x1b[2J" in result.stderr


# ---- look-alike unit names ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Chi bộ-1", "Chi bộ 1.", "Chi  bộ 1", "chi bo 1", "CHI BỘ 1"])
def test_a_unit_name_differing_only_by_punctuation_spacing_or_diacritics_is_refused(
    stores: Stores, name: str
) -> None:
    db = stores.fresh()
    before = snapshot(db)
    result = invoke("unit", "add", name, "--kind", "chi-bo", db=db)
    assert clean_end(result, db, before) == "refused"
    assert result.exit_code == 1 and ("Chi bộ 1" in result.stderr or name in result.stderr)


def test_a_renamed_unit_may_not_look_like_another(stores: Stores) -> None:
    db = stores.fresh()
    before = snapshot(db)
    result = invoke("unit", "rename", "Chi bộ Văn phòng", "Chi-bộ 1", db=db)
    assert clean_end(result, db, before) == "refused" and "Chi bộ 1" in result.stderr


def test_an_imported_unit_may_not_look_like_a_stored_one(stores: Stores) -> None:
    db = stores.fresh()
    before = snapshot(db)
    file = stores.folder / "units.csv"
    file.write_text("Tên đơn vị,Loại\nChi bộ Mới,chi-bo\nChi bộ-1,chi-bo\n", encoding="utf-8")
    result = invoke("import", "units", str(file), db=db)
    assert clean_end(result, db, before) == "refused"
    assert "units.csv:3:" in result.stderr and "Chi bộ 1" in result.stderr


def test_an_exact_name_wins_over_initials(stores: Stores) -> None:
    db = stores.fresh()
    assert invoke("unit", "add", "CB1", "--kind", "chi-bo", "--members", "4", db=db).exit_code == 0
    args = ["--date", "1/11/2026", "--channel", "van-ban"]
    result = invoke("session", "add", "--unit", "cb1", *args, db=db)
    assert result.exit_code == 0, result.output
    assert [s["unit"] for s in _sessions(db)] == ["CB1"]
    result = invoke("session", "add", "--unit", "Chi bộ 1", *args, db=db)
    assert result.exit_code == 0, result.output


# ---- outputs others open -----------------------------------------------------------------------


def test_the_rejects_csv_neutralises_formulas(stores: Stores) -> None:
    db = stores.fresh()
    file = stores.folder / "rows.csv"
    file.write_text(
        "Đơn vị,Ngày,Hình thức,Tiêu đề\n"
        'Chi bộ 99,1/11/2026,Văn bản,"=HYPERLINK(""http://x"",""bấm"")"\n'
        "Chi bộ 1,1/11/2026,Văn bản,+cmd|' /C calc'!A0\n",
        encoding="utf-8",
    )
    rejects = stores.folder / "loi.csv"
    result = invoke(
        "import", "sessions", str(file), "--skip-invalid", "--rejects", str(rejects), db=db
    )
    assert result.exit_code == 0, result.output
    cells = [
        c for line in rejects.read_text(encoding="utf-8-sig").splitlines() for c in line.split(",")
    ]
    assert not any(c.lstrip('"').startswith(("=", "+", "@")) for c in cells), cells


def test_the_markdown_report_runs_and_fetches_nothing(stores: Stores) -> None:
    db = stores.fresh()
    evil = "<img src=http://x/t.png onerror=alert(1)> [bấm](javascript:alert(1)) ![](http://x/p)"
    assert invoke("report", "note", evil, "--month", "11/2026", db=db).exit_code == 0
    out = stores.folder / "bc.md"
    result = invoke("report", "--month", "11/2026", "-o", str(out), db=db)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "alert(1)" in text  # the note is there, as text
    # No tag (but the report's own <br>), link or image a viewer would act on: each is
    # escaped (\\<, \\], \\!) or an entity.
    for syntax in (r"(?<!\\)<(?!br>)[a-zA-Z/!?]", r"(?<!\\)\]\(", r"(?<!\\)!\["):
        assert re.search(syntax, text) is None, (syntax, text)


def test_a_lone_surrogate_escaped_in_a_plan_is_a_located_problem(tmp_path: Path) -> None:
    text = SEED_PLAN.read_text(encoding="utf-8")
    file = tmp_path / "plan.yaml"
    bad = 'issuer: "Đảng ủy\\ud800 Sở"'  # YAML's escape of half a UTF-16 pair
    file.write_text(text.replace("issuer: Đảng ủy Sở Công Thương", bad, 1), "utf-8")
    db = tmp_path / "p.db"
    assert invoke("init", db=db).exit_code == 0
    before = snapshot(db)
    for command in ("validate", "load"):
        result = invoke("plan", command, str(file), db=db)
        assert clean_end(result, db, before) == "refused"
        assert "plan.yaml:16:" in result.output and "ud800" in result.output


def test_an_environment_value_that_is_not_utf8_is_refused_by_name(tmp_path: Path) -> None:
    env = {"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    env_bytes = {k.encode(): v.encode() for k, v in env.items()} | {b"ATGT_ACTOR": b"V\xffn"}
    result = subprocess.run(
        [sys.executable, "-m", "atgt_cli", "--db", str(tmp_path / "x.db"), "init"],
        capture_output=True,
        env=env_bytes,  # type: ignore[arg-type]
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "ATGT_ACTOR" in err and "Traceback" not in err


def test_the_actor_is_written_without_controls(stores: Stores) -> None:
    db = stores.fresh()
    args = ["session", "add", "--unit", "Chi bộ 1", "--date", "1/11/2026", "--channel", "van-ban"]
    assert invoke("--actor", f"Văn{ESC}[31m phòng", *args, db=db).exit_code == 0
    conn = sqlite3.connect(db)
    (actor,) = conn.execute("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert actor == "Văn[31m phòng"


@pytest.mark.parametrize("kind", ["sessions", "violations"])
def test_a_template_renders_whatever_the_store_holds(stores: Stores, kind: str) -> None:
    from openpyxl import load_workbook

    db = _store_with_raw_controls(stores)
    out = stores.folder / f"mau-{kind}.xlsx"
    result = invoke("template", kind, "-o", str(out), db=db)
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    cells = [str(c) for sheet in book.worksheets for row in sheet.values for c in row if c]
    assert "Chi bộ[31m 1" in cells and not any(_holds_control(c) for c in cells)


def test_a_value_of_controls_only_is_no_value(stores: Stores) -> None:
    # Found by `make stress`: an --evidence of one C1 control was an internal error.
    db = stores.fresh()
    args = ["--unit", "Chi bộ 1", "--date", "1/11/2026", "--channel", "van-ban"]
    result = invoke("session", "add", *args, "--evidence", "\x87", "--title", ESC, db=db)
    assert result.exit_code == 0, result.output
    (stored,) = _sessions(db)
    assert stored["title"] is None and stored["evidence"] is None
    before = snapshot(db)
    result = invoke("unit", "add", ESC, "--kind", "chi-bo", db=db)
    assert clean_end(result, db, before) == "refused" and "NAME" in result.stderr
