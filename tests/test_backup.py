"""`atgt backup`, `atgt restore`, `atgt check`: consistent copies of a live store, restores
that check first and keep what they replace, and the store's health with its row counts."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import threading
from pathlib import Path

import pytest

from atgt_cli.services.context import Env
from atgt_cli.services.sessions import SessionInput, add_session
from atgt_cli.store.db import LATEST_VERSION, open_store
from tests.conftest import snapshot
from tests.test_store import foreign_sqlite, make_v1_store, newer_store, truncated_store
from tests.test_store_faults import fingerprint, integrity, xlsx_bytes

ADD = ("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "SH chi bộ")


def backup(office, *args: str) -> Path:
    result = office("backup", *args)
    assert result.exit_code == 0, result.output
    return Path(re.search(r"vào (.+) \(\d+", result.stdout).group(1))


def kept_from(output: str) -> Path:
    return Path(re.search(r"được giữ tại (.+)\.\n", output).group(1))


def test_a_backup_is_a_private_copy_beside_the_store_and_is_never_overwritten(
    office, tmp_path: Path
) -> None:
    old = os.umask(0o022)
    try:
        copy = backup(office)
    finally:
        os.umask(old)
    assert copy.parent == office.db.parent
    assert re.fullmatch(r"office-\d{8}-\d{6}\.db", copy.name)
    assert snapshot(copy) == snapshot(office.db)
    assert integrity(copy) == "ok"
    assert not copy.with_name(copy.name + "-wal").exists()  # one self-contained file
    if os.name == "posix":
        assert copy.stat().st_mode & 0o777 == 0o600

    target = tmp_path / "usb" / "atgt.db"
    target.parent.mkdir()
    target.write_text("tệp cũ", encoding="utf-8")
    result = office("backup", str(target))
    assert result.exit_code == 1
    assert "--force" in result.stderr and str(target) in result.stderr
    assert target.read_text(encoding="utf-8") == "tệp cũ"
    assert backup(office, str(target), "--force") == target
    assert snapshot(target) == snapshot(office.db)
    assert [p.name for p in target.parent.iterdir()] == ["atgt.db"]  # no temporary left

    result = office("backup", str(office.db), "--force")
    assert result.exit_code == 1 and "chính nó" in result.stderr


def test_a_backup_taken_while_another_writer_holds_the_lock_has_the_committed_rows(
    office, tmp_path: Path
) -> None:
    office(*ADD)
    committed = snapshot(office.db)
    writer = sqlite3.connect(office.db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM propaganda_session")  # not committed yet
    try:
        copy = backup(office, str(tmp_path / "copy.db"))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert snapshot(copy) == committed


def test_backups_taken_during_writes_are_each_one_consistent_moment(office, tmp_path: Path) -> None:
    stop = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        store = open_store(office.db)
        env = Env(today=dt.date(2026, 11, 24), actor="writer")
        try:
            while not stop.is_set():
                data = SessionInput("Chi bộ 1", "20/11/2026", "SH chi bộ")
                add_session(store, env, data, allow_duplicate=True)
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.close()

    thread = threading.Thread(target=write)
    thread.start()
    try:
        copies = [backup(office, str(tmp_path / f"b{i}.db")) for i in range(4)]
    finally:
        stop.set()
        thread.join()
    assert errors == []
    counts = []
    for copy in copies:
        assert integrity(copy) == "ok"
        conn = sqlite3.connect(copy)
        sessions = conn.execute("SELECT count(*) FROM propaganda_session").fetchone()[0]
        audited = conn.execute(
            "SELECT count(*) FROM audit_log WHERE entity LIKE 'session:%'"
        ).fetchone()[0]
        conn.close()
        assert sessions == audited  # each write's two rows: both in the copy or neither
        counts.append(sessions)
    assert counts == sorted(counts) and counts[-1] > 0


def test_a_restore_keeps_the_replaced_store_and_brings_back_the_backup(office) -> None:
    copy = backup(office)
    saved = snapshot(office.db)
    office(*ADD)
    after_backup = snapshot(office.db)
    result = office("restore", str(copy))
    assert result.exit_code == 0, result.output
    kept = kept_from(result.stdout)
    assert kept.parent == office.db.parent and ".replaced-" in kept.name
    assert snapshot(office.db) == saved
    assert snapshot(kept) == after_backup
    assert integrity(office.db) == "ok"
    if os.name == "posix":
        assert kept.stat().st_mode & 0o777 == 0o600
    assert not list(office.db.parent.glob(".*tmp*"))
    assert office(*ADD).exit_code == 0  # the restored store takes writes
    again = office("restore", str(copy))  # within the same second: another name
    assert again.exit_code == 0, again.output
    assert kept_from(again.stdout) != kept and snapshot(kept) == after_backup


def test_a_restore_while_a_reader_is_open_swaps_under_it(office) -> None:
    copy = backup(office)
    office(*ADD)
    reader = open_store(office.db)
    try:
        assert reader.conn.execute("SELECT count(*) FROM propaganda_session").fetchone() == (1,)
        assert office("restore", str(copy)).exit_code == 0
        # The open connection sees the restored store, not a stale or torn one.
        assert reader.conn.execute("SELECT count(*) FROM propaganda_session").fetchone() == (0,)
    finally:
        reader.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p.write_text("Chi bộ 1;20/11/2026\n", encoding="utf-8"),
            "không phải tệp SQLite",
        ),
        (lambda p: p.write_bytes(xlsx_bytes()), "không phải tệp SQLite"),
        (foreign_sqlite, "không phải kho atgt"),
        (newer_store, "mới hơn"),
        (truncated_store, "bị hỏng"),
        ("damaged", "bị hỏng"),
    ],
    ids=["text", "xlsx", "foreign-sqlite", "newer", "truncated", "damaged-page"],
)
def test_a_restore_from_a_bad_file_is_refused_and_nothing_changes(
    office, tmp_path: Path, make, message: str
) -> None:
    source = tmp_path / "bad.db"
    if make == "damaged":
        damaged_copy(office, source)
    else:
        make(source)
    store_before, source_before = fingerprint(office.db), fingerprint(source)
    rows_before = snapshot(office.db)
    result = office("restore", str(source))
    assert result.exit_code == 3, result.output
    assert message in result.stderr and "không khôi phục" in result.stderr
    assert str(source) in result.stderr
    assert "Traceback" not in result.output
    assert fingerprint(office.db) == store_before and snapshot(office.db) == rows_before
    assert fingerprint(source) == source_before
    assert sorted(p.name for p in office.db.parent.iterdir() if "replaced" in p.name) == []
    assert not list(office.db.parent.glob(".*tmp*"))


def test_a_restore_into_a_read_only_folder_is_refused_clearly(office, tmp_path: Path) -> None:
    from tests.test_store_faults import read_only

    copy = backup(office, str(tmp_path / "copy.db"))
    office(*ADD)
    before = snapshot(office.db)
    with read_only(office.db.parent):
        result = office("restore", str(copy))
    assert result.exit_code == 3, result.output
    assert "không khôi phục" in result.stderr and "Traceback" not in result.output
    assert snapshot(office.db) == before


def test_an_older_backup_is_upgraded_when_restored(office, tmp_path: Path) -> None:
    source = tmp_path / "v1.db"
    make_v1_store(source)
    before = fingerprint(source)
    result = office("restore", str(source))
    assert result.exit_code == 0, result.output
    assert f"lược đồ 1 đã được nâng lên lược đồ {LATEST_VERSION}" in result.stdout
    assert fingerprint(source) == before
    conn = sqlite3.connect(office.db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("SELECT value FROM meta WHERE key = 'office'").fetchone() == (
        "Văn phòng Đảng ủy",
    )
    conn.close()


def test_a_damaged_store_is_moved_aside_and_replaced(office, tmp_path: Path) -> None:
    copy = backup(office, str(tmp_path / "good.db"))
    data = office.db.read_bytes()
    office.db.write_bytes(data[: len(data) // 2])  # the store itself is truncated
    result = office("restore", str(copy))
    assert result.exit_code == 0, result.output
    kept = kept_from(result.stdout)
    assert kept.read_bytes() == data[: len(data) // 2]
    assert snapshot(office.db) == snapshot(copy)
    assert office("check").exit_code == 0


def test_a_restore_where_there_is_no_store_yet(atgt, office, tmp_path: Path) -> None:
    copy = backup(office)
    fresh = tmp_path / "new" / "atgt.db"
    result = atgt("--db", str(fresh), "restore", str(copy))
    assert result.exit_code == 0, result.output
    assert "được giữ" not in result.stdout
    assert snapshot(fresh) == snapshot(office.db)
    if os.name == "posix":
        assert fresh.stat().st_mode & 0o777 == 0o600


def test_check_counts_the_rows_of_a_sound_store(office) -> None:
    office(*ADD)
    result = office("check")
    assert result.exit_code == 0, result.output
    assert "Toàn vẹn: tốt." in result.stdout
    assert re.search(r"propaganda_session\s+│\s+1 ", result.stdout)
    found = json.loads(office("check", "--json").stdout)
    rows = snapshot(office.db)
    assert found["ok"] is True and found["version"] == LATEST_VERSION
    assert found["tables"] == {name: len(rows[name]) for name in found["tables"]}


def damaged_copy(office, target: Path) -> None:
    """A copy of the store with two pages of session rows overwritten: the header and the
    schema are intact."""
    lines = ["Chi bộ,Ngày,Hình thức,Tiêu đề,Ghi chú"]
    lines += [f"Chi bộ 1,{d % 28 + 1}/10/2026,SH chi bộ,Bài {d},ghi chú {d}" for d in range(400)]
    csv = target.with_name("many.csv")
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert office("import", "sessions", str(csv)).exit_code == 0
    backup(office, str(target))
    data = bytearray(target.read_bytes())
    # Pages of the sessions' rows, found by their text: the schema's pages stay readable.
    size = int.from_bytes(data[16:18], "big") or 65536
    found = data.find("ghi chú 200".encode())
    assert found > size
    page = found // size * size
    data[page : page + 2 * size] = b"\xa5" * (2 * size)
    target.write_bytes(bytes(data))


def test_check_finds_a_damaged_page_and_exits_3(atgt, office, tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    damaged_copy(office, path)
    before = fingerprint(path)
    result = atgt("--db", str(path), "check")
    assert result.exit_code == 3, result.output
    assert "bị hỏng" in result.stderr and "atgt restore" in result.stderr
    assert "Toàn vẹn:" in result.stdout and "vấn đề" in result.stdout
    found = json.loads(atgt("--db", str(path), "check", "--json").stdout)
    assert found["ok"] is False and found["problems"]
    assert fingerprint(path) == before
