"""Outputs never destroy anything (issue 21): every output path of every command that is the
store, one of its sidecars, the file being imported, another atgt store, a folder, a device or a
pipe, or a symlink to any of them, is refused before anything is written, and the store, the
input and the target are left byte for byte as they were. And what atgt writes is owner-only:
files 0600, the folders it makes 0700; a report with several -o writes all of them or none."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, snapshot
from tests.stress_table import StressRecord

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and POSIX modes")

CSV_ROWS = "Đơn vị,Ngày,Hình thức,Nội dung,Số ĐV dự\nChi bộ 1,15/11/2026,chi bộ,luat-ruou-bia,8\n"
BAD_ROW = "Chi bộ 1,32/11/2026,chi bộ,luat-ruou-bia,8\n"


def state(path: Path) -> object:
    """What is at path, without following a symlink: kind, target, bytes."""
    if path.is_symlink():
        return ("link", os.readlink(path), state_of_target(path))
    return state_of_target(path)


def state_of_target(path: Path) -> object:
    if not path.exists():
        return None
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    if stat.S_ISDIR(mode):
        return ("dir", sorted(p.name for p in path.iterdir()))
    return ("special", stat.S_IFMT(mode))


# --- the targets: each made in tmp, beside the office store ---------------------------------------

Make = Callable[[Path, Path], Path]  # (store, a folder for the test) → the output path


def link(name: str, to: Callable[[Path, Path], Path]) -> Make:
    def make(db: Path, tmp: Path) -> Path:
        path = tmp / name
        path.symlink_to(to(db, tmp))
        return path

    return make


def sidecar(suffix: str) -> Make:
    return lambda db, _tmp: db.with_name(db.name + suffix)


def hard_link(db: Path, tmp: Path) -> Path:
    path = tmp / "hard.xlsx"
    os.link(db, path)
    return path


def through_linked_folder(db: Path, tmp: Path) -> Path:
    """The store's -wal (not there yet) reached through a symlink to the store's folder."""
    (tmp / "linked").symlink_to(db.parent, target_is_directory=True)
    return tmp / "linked" / (db.name + "-wal")


def fifo(_db: Path, tmp: Path) -> Path:
    path = tmp / "pipe.xlsx"
    os.mkfifo(path)
    return path


def folder(_db: Path, tmp: Path) -> Path:
    path = tmp / "folder.xlsx"
    path.mkdir()
    (path / "inside.txt").write_text("giữ nguyên", encoding="utf-8")
    return path


def other_store(db: Path, tmp: Path) -> Path:
    """An atgt store that is not the one in use (a backup)."""
    path = tmp / "copy.xlsx"
    path.write_bytes(db.read_bytes())
    return path


TARGETS: dict[str, Make] = {
    "store": lambda db, _tmp: db,
    "wal": sidecar("-wal"),
    "shm": sidecar("-shm"),
    "journal": sidecar("-journal"),
    "symlink-to-store": link("to-store.xlsx", lambda db, _tmp: db),
    "symlink-to-wal": link("to-wal.xlsx", sidecar("-wal")),
    "hard-link-to-store": hard_link,
    "wal-through-linked-folder": through_linked_folder,
    "folder": folder,
    "symlink-to-folder": link("to-folder.xlsx", folder),
    "device": lambda _db, _tmp: Path("/dev/null"),
    "symlink-to-device": link("to-null.xlsx", lambda _db, _tmp: Path("/dev/null")),
    "fifo": fifo,
    "another-store": other_store,
}

# (name, argv with OUT where the output goes, whether the target's name must end in .xlsx)
COMMANDS: dict[str, tuple[list[str], bool]] = {
    "export": (["export", "sessions", "--format", "csv", "-o", "OUT"], False),
    "report": (["report", "--month", "11/2026", "--format", "md", "-o", "OUT"], False),
    "report-two": (
        ["report", "--month", "11/2026", "-o", "FIRST.md", "-o", "OUT", "--format", "md"],
        False,
    ),
    "template": (["template", "sessions", "-o", "OUT"], True),
    "rejects": (["import", "sessions", "IN", "--skip-invalid", "--rejects", "OUT"], False),
    "backup": (["backup", "OUT"], False),
}


def run_refused(office: Run, tmp_path: Path, command: str, target: str) -> None:
    argv, needs_xlsx = COMMANDS[command]
    if target == "another-store" and command == "backup":
        pytest.skip("backup --force may replace an older backup: tested below")
    work = tmp_path / "work"
    work.mkdir()
    db: Path = office.db  # type: ignore[attr-defined]
    out = TARGETS[target](db, work)
    if needs_xlsx and out.suffix != ".xlsx":
        # A name the command refuses anyway; reach the same file through a symlink instead.
        alias = work / "alias.xlsx"
        alias.symlink_to(out)
        out = alias
    source = work / "in.csv"
    source.write_text(CSV_ROWS + BAD_ROW, encoding="utf-8")
    words = {"OUT": str(out), "IN": str(source), "FIRST.md": str(work / "FIRST.md")}
    args = [words.get(a, a) for a in argv]
    watched = [db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal")), source]
    before = {p: state(p) for p in watched}
    rows, target_before = snapshot(db), state(out)

    result = office(*args)

    assert result.exit_code != 0, (args, result.output)
    assert result.stderr.startswith("Lỗi: "), result.output
    assert str(out) in result.stderr, result.output
    assert "Traceback" not in result.output and "lỗi nội bộ" not in result.output
    assert {p: state(p) for p in watched} == before
    assert state(out) == target_before
    assert snapshot(db) == rows
    assert not (work / "FIRST.md").exists()  # a report's other file is not written either
    assert not [p for p in work.iterdir() if "atgt-tmp" in p.name]


# Each command against a few targets in `make test`; every command × every target in stress.
FAST = [
    ("export", "store"),
    ("export", "symlink-to-wal"),
    ("export", "device"),
    ("report", "store"),
    ("report", "wal-through-linked-folder"),
    ("report", "folder"),
    ("report-two", "shm"),
    ("template", "symlink-to-store"),
    ("template", "fifo"),
    ("template", "another-store"),
    ("rejects", "store"),
    ("rejects", "hard-link-to-store"),
    ("rejects", "symlink-to-device"),
    ("backup", "wal"),
    ("backup", "journal"),
    ("backup", "symlink-to-folder"),
]


@pytest.mark.parametrize(("command", "target"), FAST, ids=[f"{c}-{t}" for c, t in FAST])
def test_an_output_that_would_destroy_something_is_refused(
    office: Run, tmp_path: Path, command: str, target: str
) -> None:
    run_refused(office, tmp_path, command, target)


@pytest.mark.slow
def test_every_output_onto_every_kept_file_is_refused(
    office: Run, tmp_path: Path, stress_record: StressRecord
) -> None:
    """Every command × every target, counted for `make stress`'s table."""
    failed, cases = [], 0
    for command in COMMANDS:
        for target in TARGETS:
            if target == "another-store" and command == "backup":
                continue
            cases += 1
            case = tmp_path / f"{command}-{target}"
            case.mkdir()
            try:
                run_refused(office, case, command, target)
            except AssertionError as exc:
                failed.append(f"{command} → {target}: {exc}")
    stress_record(
        "outputs onto the store, its sidecars, the input, folders, devices, symlinks",
        f"{cases - len(failed)}/{cases} refused, all left unchanged",
        f"{cases}/{cases}",
        not failed,
    )
    assert not failed, "\n".join(failed)


def test_rejects_onto_the_file_being_imported_leave_it_as_it_was(
    office: Run, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(CSV_ROWS + BAD_ROW, encoding="utf-8")
    before, rows = source.read_bytes(), snapshot(office.db)  # type: ignore[attr-defined]
    alias = tmp_path / "alias.csv"
    alias.symlink_to(source)
    for rejects in (source, alias):
        result = office(
            "import", "sessions", str(source), "--skip-invalid", "--rejects", str(rejects)
        )
        assert result.exit_code == 1, result.output
        assert "tệp đang nhập" in result.stderr and str(rejects) in result.stderr
        assert source.read_bytes() == before
        assert snapshot(office.db) == rows  # type: ignore[attr-defined]
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns: {}\n", encoding="utf-8")
    result = office(
        "import", "sessions", str(source), "--mapping", str(mapping), "--rejects", str(mapping)
    )
    assert result.exit_code == 1 and "tệp ánh xạ" in result.stderr, result.output
    assert mapping.read_text(encoding="utf-8") == "columns: {}\n"


def test_a_backup_may_still_replace_an_older_backup_with_force(office: Run, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    assert office("backup", str(old)).exit_code == 0
    office("unit", "add", "Chi bộ 9", "--kind", "chi-bo")
    result = office("backup", str(old), "--force")
    assert result.exit_code == 0, result.output
    assert snapshot(old) == snapshot(office.db)  # type: ignore[attr-defined]


# --- restore and --db: only a store is replaced ---------------------------------------------------


def test_restore_onto_a_folder_or_a_file_that_is_not_a_store_is_refused(
    atgt: Run, office: Run, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    assert office("backup", str(copy)).exit_code == 0
    folder = tmp_path / "a-folder"
    folder.mkdir()
    (folder / "x.txt").write_text("x", encoding="utf-8")
    text = tmp_path / "notes.txt"
    text.write_text("ghi chú của tôi\n", encoding="utf-8")
    sqlite_other = tmp_path / "other.sqlite"
    import sqlite3

    conn = sqlite3.connect(sqlite_other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)  # reading it would wait for a writer for ever
    for target, words in (
        (folder, "thư mục"),
        (text, "không phải kho"),
        (sqlite_other, "không phải kho"),
        (pipe, "không phải kho"),
    ):
        listing = sorted(p.name for p in tmp_path.iterdir())
        before = state(target)
        result = atgt("--db", str(target), "restore", str(copy))
        assert result.exit_code == 3, result.output
        assert result.stderr.startswith("Lỗi: ") and words in result.stderr, result.output
        assert str(target) in result.stderr
        assert state(target) == before
        # Nothing renamed, no sidecar or temporary made beside it.
        assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_db_pointing_at_a_folder_or_a_foreign_file_is_refused_untouched(
    atgt: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    text = tmp_path / "notes.txt"
    text.write_text("ghi chú\n", encoding="utf-8")
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)
    for target in (folder, text, pipe):
        for args in (["status"], ["init"], ["session", "list"], ["check"]):
            listing = sorted(p.name for p in tmp_path.iterdir())
            before = state(target)
            result = atgt("--db", str(target), *args)
            assert result.exit_code == 3, (args, result.output)
            assert result.stderr.startswith("Lỗi: ") and str(target) in result.stderr
            assert state(target) == before
            assert sorted(p.name for p in tmp_path.iterdir()) == listing


# --- modes: files 0600, folders 0700 --------------------------------------------------------------


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_every_file_atgt_writes_is_private_and_every_folder_it_makes_too(
    atgt: Run, tmp_path: Path, umask_022: object
) -> None:
    db = tmp_path / "new" / "deeper" / "office.db"
    run = lambda *a: atgt("--db", str(db), "--today", "24/11/2026", *a)  # noqa: E731
    assert run("init").exit_code == 0
    assert run("unit", "add", "Chi bộ 1", "--kind", "chi-bo", "--members", "5").exit_code == 0
    out = tmp_path / "out" / "a" / "b"
    source = tmp_path / "in.csv"
    source.write_text(CSV_ROWS + BAD_ROW, encoding="utf-8")
    for args in (
        ["export", "sessions", "-o", str(out / "e.csv")],
        ["export", "units", "-o", str(out / "u.xlsx")],
        ["template", "sessions", "-o", str(out / "t.xlsx")],
        ["import", "sessions", str(source), "--skip-invalid", "--rejects", str(out / "r.csv")],
        ["backup", str(out / "b.db")],
        ["backup", str(out / "c" / "d" / "b.db")],
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
    made = [db, *(p for p in out.iterdir() if p.is_file())]
    assert {p.name: mode(p) for p in made} == {p.name: 0o600 for p in made}
    folders = [db.parent, db.parent.parent, out, out.parent, out.parent.parent, out / "c"]
    assert mode(out / "c" / "d" / "b.db") == 0o600 and mode(out / "c" / "d") == 0o700
    assert {str(p): mode(p) for p in folders} == {str(p): 0o700 for p in folders}


def test_the_demo_writes_private_files_in_private_folders(
    atgt: Run, tmp_path: Path, umask_022: object
) -> None:
    out = tmp_path / "demo" / "out"
    db = tmp_path / "demo" / "store" / "demo.db"
    result = atgt("demo", "--db", str(db), "--out", str(out))
    assert result.exit_code == 0, result.output
    files = [db, *out.iterdir()]
    assert len(files) > 4
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    for folder in (out, out.parent, db.parent):
        assert mode(folder) == 0o700, folder


def test_the_demo_refuses_an_out_that_is_a_file(atgt: Run, tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("x", encoding="utf-8")
    result = atgt("demo", "--db", str(tmp_path / "d.db"), "--out", str(file))
    assert result.exit_code == 1 and "không phải thư mục" in result.stderr, result.output
    assert file.read_text(encoding="utf-8") == "x"


# --- a report's several files: all or none --------------------------------------------------------


def test_a_report_with_several_outputs_writes_all_or_none(
    office: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from atgt_cli import files

    first, second = tmp_path / "r.md", tmp_path / "r.csv"
    first.write_text("báo cáo cũ", encoding="utf-8")
    # The second file cannot be written: the first is not replaced either.
    real_create = files.create_private

    def create(path: Path) -> int:
        if path.name.startswith(".r.csv."):
            raise OSError(28, "No space left on device")
        return real_create(path)

    monkeypatch.setattr(files, "create_private", create)
    result = office("report", "--month", "11/2026", "-o", str(first), "-o", str(second))
    assert result.exit_code == 1, result.output
    assert "đĩa đầy" in result.stderr and str(second) in result.stderr
    assert first.read_text(encoding="utf-8") == "báo cáo cũ" and not second.exists()
    assert [p.name for p in tmp_path.iterdir() if "atgt-tmp" in p.name] == []
    monkeypatch.setattr(files, "create_private", real_create)

    result = office("report", "--month", "11/2026", "-o", str(first), "-o", str(second))
    assert result.exit_code == 0, result.output
    assert first.read_text(encoding="utf-8") != "báo cáo cũ" and second.exists()
