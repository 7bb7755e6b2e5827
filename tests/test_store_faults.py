"""The store when the disk is full, when it is read-only, when the file is not ours, and who
may read the files atgt makes."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sqlite3
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from atgt_cli.store.db import LATEST_VERSION, open_store
from tests.conftest import snapshot

ADD = ("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "SH chi bộ")
READS = (
    ("status",),
    ("session", "list"),
    ("violation", "list", "--json"),
    ("report", "--month", "11/2026", "--format", "md"),
    ("plan", "show"),
)


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


# --- disk full ---------------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection may use no page beyond those the store has: the disk is full."""
    import atgt_cli.store.sqlite as db

    real = db.connect

    def connect(path: Path, mode: str, **kwargs: bool) -> sqlite3.Connection:
        conn = real(path, mode, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(db, "connect", connect)


def test_a_write_on_a_full_disk_fails_clearly_and_writes_nothing(office, full_disk) -> None:
    before = snapshot(office.db)
    result = office(*ADD, "--note", "biên bản " * 5000)  # needs new pages
    assert result.exit_code == 3, result.output
    assert "đĩa đầy" in result.stderr and str(office.db) in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(office.db) == before
    assert integrity(office.db) == "ok"


def test_an_import_that_fills_the_disk_leaves_no_row_behind(
    office, full_disk, tmp_path: Path
) -> None:
    lines = ["Chi bộ,Ngày,Hình thức,Tiêu đề,Ghi chú"]
    lines += [f"Chi bộ 1,{d % 28 + 1}/10/2026,SH chi bộ,Bài {d},ghi chú {d}" for d in range(3000)]
    csv = tmp_path / "many.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(office.db)
    result = office("import", "sessions", str(csv))
    assert result.exit_code == 3, result.output
    assert "đĩa đầy" in result.stderr
    assert snapshot(office.db) == before
    assert integrity(office.db) == "ok"


# --- read-only ---------------------------------------------------------------------------


@contextlib.contextmanager
def read_only(target: Path) -> Iterator[None]:
    """Make a file or folder read-only: its mode for a user, the immutable flag for root
    (whom modes do not stop)."""
    if os.name != "posix":
        pytest.skip("POSIX modes")
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(target)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip("running as root without chattr +i")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(target)], check=True)
    else:
        mode = target.stat().st_mode
        target.chmod(mode & ~0o222)
        try:
            yield
        finally:
            target.chmod(mode)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_store_can_be_read_but_not_written(office, what: str) -> None:
    office("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "Chào cờ")
    before, print_before = snapshot(office.db), fingerprint(office.db)
    with read_only(office.db if what == "file" else office.db.parent):
        for args in READS:
            result = office(*args)
            assert result.exit_code == 0, (args, result.output)
        result = office(*ADD)
        assert result.exit_code == 3, result.output
        assert "chỉ đọc" in result.stderr and str(office.db) in result.stderr
        assert "Traceback" not in result.output
        if what == "folder":
            assert str(office.db.parent) in result.stderr
    assert fingerprint(office.db) == print_before
    assert snapshot(office.db) == before
    assert integrity(office.db) == "ok"


def test_a_read_only_store_that_needs_upgrading_says_so(atgt, tmp_path: Path) -> None:
    from tests.test_store import make_v1_store

    path = tmp_path / "old.db"
    make_v1_store(path)
    before = fingerprint(path)
    with read_only(path):
        result = atgt("--db", str(path), "plan", "list")
    assert result.exit_code == 3, result.output
    assert "chỉ đọc" in result.stderr and f"lược đồ {LATEST_VERSION}" in result.stderr
    assert fingerprint(path) == before
    assert list(tmp_path.glob("*.bak")) == []


# --- damaged or foreign files ------------------------------------------------------------


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def truncated_at_a_page(path: Path) -> None:
    store = open_store(path, create=True)
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: 4096 * 3])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(xlsx_bytes()), "không phải tệp SQLite"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 40), "không phải tệp SQLite"),
        (truncated_at_a_page, "bị hỏng"),
        (lambda p: p.write_bytes(b""), "tệp rỗng"),
    ],
    ids=["xlsx", "short-header", "truncated-at-a-page", "empty"],
)
def test_a_foreign_or_damaged_file_is_refused_and_never_touched(
    atgt, tmp_path: Path, make, message: str
) -> None:
    path = tmp_path / "store.db"
    make(path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # an mtime a write would change
    before = fingerprint(path)
    for args in (("status",), ("session", "list"), ("report", "--month", "11/2026"), ADD):
        result = atgt("--db", str(path), *args)
        assert result.exit_code == 3, (args, result.output)
        assert message in result.stderr and str(path) in result.stderr
        assert "không bị sửa" in result.stderr
        assert "Traceback" not in result.output
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.db"]


def test_a_newer_store_keeps_its_bytes_and_mtime(atgt, tmp_path: Path) -> None:
    from tests.test_store import newer_store

    path = tmp_path / "store.db"
    newer_store(path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = fingerprint(path)
    for args in (("status",), ADD, ("init",)):
        result = atgt("--db", str(path), *args)
        assert result.exit_code == 3
        assert "mới hơn" in result.stderr
    assert fingerprint(path) == before


# --- permissions -------------------------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    if os.name != "posix":
        pytest.skip("POSIX modes")
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_files_that_hold_names_are_private_whatever_the_umask(
    atgt, tmp_path: Path, umask_022
) -> None:
    db = tmp_path / "office.db"
    run = lambda *a: atgt("--db", str(db), "--today", "24/11/2026", *a)  # noqa: E731
    assert run("init").exit_code == 0
    assert run("unit", "add", "Chi bộ 1", "--kind", "chi-bo", "--members", "5").exit_code == 0
    store = open_store(db)  # keep it open: the -wal and -shm stay
    try:
        result = run(
            "violation", "add", "--unit", "cb1", "--member", "Nguyễn Văn An",
            "--category", "vượt đèn đỏ", "--date", "1/11/2026", "--membership", "chinh-thuc",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        wal, shm = db.with_name("office.db-wal"), db.with_name("office.db-shm")
        assert (mode(db), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
    finally:
        store.close()
    for name in ("r.md", "r.csv", "r.json", "r.xlsx"):
        result = run("report", "--month", "11/2026", "--output", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert mode(tmp_path / name) == 0o600, name
    (tmp_path / "old.md").write_text("old", encoding="utf-8")
    (tmp_path / "old.md").chmod(0o644)
    assert run("report", "--month", "11/2026", "--output", str(tmp_path / "old.md")).exit_code == 0
    assert mode(tmp_path / "old.md") == 0o600  # an overwritten report becomes private too


def test_the_copy_kept_before_an_upgrade_is_private(atgt, tmp_path: Path, umask_022) -> None:
    from tests.test_store import make_v1_store

    path = tmp_path / "old.db"
    make_v1_store(path)
    assert atgt("--db", str(path), "plan", "list").exit_code == 0
    (backup,) = tmp_path.glob("old.db.v1-*.bak")
    assert mode(backup) == 0o600
