"""The store: created private, WAL, versioned; old stores upgrade; others are refused untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from atgt_cli.errors import StoreError
from atgt_cli.models import SQLModel
from atgt_cli.platform import filesystem_type
from atgt_cli.services.plans import get_plan, load_plan_file
from atgt_cli.store.db import APPLICATION_ID, LATEST_VERSION, open_store
from atgt_cli.store.migrations import migrate, scripts
from tests.conftest import SEED_PLAN


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[Path]:
    return [
        p
        for p in (path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))
        if p.exists()
    ]


def test_a_new_store_is_private_wal_and_at_the_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "atgt.db"
    store = open_store(path, create=True)
    try:
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        load_plan_file(store, SEED_PLAN, actor="test")
        if os.name == "posix":  # SQLite gives -wal and -shm the database file's mode
            for file in (path, *side_files(path)):
                assert file.stat().st_mode & 0o777 == 0o600, file
            assert len(side_files(path)) == 2
    finally:
        store.close()


def test_migrations_are_numbered_and_match_the_latest_version() -> None:
    versions = [v for v, _, _ in scripts()]
    assert versions == list(range(1, LATEST_VERSION + 1))


def test_the_sqlmodel_tables_mirror_the_migrations(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.db", create=True)
    try:
        for table in SQLModel.metadata.sorted_tables:
            columns = {row[1] for row in store.conn.execute(f"PRAGMA table_info({table.name})")}
            assert columns == {c.name for c in table.columns}, table.name
    finally:
        store.close()


def make_v1_store(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, path, backup=False, target=1)
    conn.execute("INSERT INTO meta (key, value) VALUES ('office', 'Văn phòng Đảng ủy')")
    conn.close()


def test_a_store_at_the_first_migration_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1_store(path)
    conn = sqlite3.connect(path)
    rows_before = conn.execute("SELECT * FROM meta ORDER BY key").fetchall()
    conn.close()

    store = open_store(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        office = store.conn.execute("SELECT value FROM meta WHERE key = 'office'").fetchone()
        assert office == ("Văn phòng Đảng ủy",)
        load_plan_file(store, SEED_PLAN, actor="test")  # the new tables work
        assert get_plan(store).rev == 1
    finally:
        store.close()

    (backup,) = tmp_path.glob("old.db.v1-*.bak")
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT * FROM meta ORDER BY key").fetchall() == rows_before
    copy.close()
    if os.name == "posix":
        assert backup.stat().st_mode & 0o777 == 0o600


def test_a_failing_migration_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atgt_cli.store.migrations as migrations

    path = tmp_path / "old.db"
    make_v1_store(path)
    real = migrations.scripts()
    broken = [*real[:1], (2, "0002_plans.sql", real[1][2] + "\nCREATE TABLE oops (;\n")]
    monkeypatch.setattr(migrations, "scripts", lambda: broken)
    with pytest.raises(StoreError):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'plan'").fetchone()[0] == 0
    conn.close()


def foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()


def newer_store(path: Path) -> None:
    open_store(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()


def truncated_store(path: Path) -> None:
    store = open_store(path, create=True)
    load_plan_file(store, SEED_PLAN, actor="test")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("họ và tên, ngày\n", encoding="utf-8"), "không phải tệp SQLite"),
        (lambda p: p.write_bytes(os.urandom(8192)), "không phải tệp SQLite"),
        (foreign_sqlite, "không phải kho atgt"),
        (newer_store, "phiên bản atgt mới hơn"),
        (truncated_store, "bị hỏng"),
    ],
    ids=["text", "random", "foreign-sqlite", "newer", "truncated"],
)
def test_a_file_that_is_not_a_usable_store_is_refused_untouched(
    atgt, tmp_path: Path, make, message: str
) -> None:
    path = tmp_path / "store.db"
    make(path)
    before = digest(path)
    for args in (["plan", "list"], ["init"], ["plan", "load", str(SEED_PLAN)]):
        result = atgt("--db", str(path), *args)
        assert result.exit_code == 3, result.output
        assert message in result.stderr
        assert "không bị sửa" in result.stderr
        assert "Traceback" not in result.output
    assert digest(path) == before
    assert side_files(path) == []


def test_a_store_damaged_inside_is_reported_and_not_modified(atgt, tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    assert atgt("--db", str(path), "init").exit_code == 0
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : len(data)] = os.urandom(len(data) - page)  # every page but the header's
    path.write_bytes(bytes(data))
    before = digest(path)
    result = atgt("--db", str(path), "plan", "show")
    assert result.exit_code == 3, result.output
    assert "bị hỏng" in result.stderr or "lỗi kho" in result.stderr
    assert "Traceback" not in result.output
    assert digest(path) == before


def test_a_missing_store_says_how_to_create_one(atgt, tmp_path: Path) -> None:
    result = atgt("--db", str(tmp_path / "none.db"), "plan", "list")
    assert result.exit_code == 3
    assert "atgt init" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_concurrent_read_then_write_transactions_never_fail_locked(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    open_store(path, create=True).close()
    seed = SEED_PLAN.read_text(encoding="utf-8")
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        store = open_store(path)
        try:
            for i in range(10):
                variant = tmp_path / f"plan-{n}-{i}.yaml"
                text = seed.replace("symbol: 16-KH/ĐUSCT", f"symbol: {n}-KH/ĐUSCT")
                variant.write_text(
                    text.replace("due_day: 5", f"due_day: {i + 1}"), encoding="utf-8"
                )
                load_plan_file(store, variant, actor=f"t{n}")  # reads the latest rev, then writes
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store = open_store(path)
    try:
        for n in range(4):
            assert get_plan(store, f"{n}-KH/ĐUSCT").revisions == list(range(1, 11))
    finally:
        store.close()


def test_network_shares_are_recognised_from_the_mount_table() -> None:
    mounts = "/dev/vda / ext4 rw 0 0\n//srv/office /mnt/office cifs rw 0 0\nsrv:/x /mnt/nfs nfs4 rw 0 0\n"
    assert filesystem_type(Path("/mnt/office/atgt.db"), mounts) == "cifs"
    assert filesystem_type(Path("/mnt/nfs/a/atgt.db"), mounts) == "nfs4"
    assert filesystem_type(Path("/mnt/officex/atgt.db"), mounts) == "ext4"


def test_a_store_on_a_network_share_gets_a_warning(
    atgt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atgt_cli.store.db as db

    path = tmp_path / "share.db"
    assert atgt("--db", str(path), "init").exit_code == 0
    monkeypatch.setattr(db, "is_network_path", lambda _path: True)
    result = atgt("--db", str(path), "plan", "list")
    assert result.exit_code == 0
    assert "Cảnh báo:" in result.stderr and "ổ mạng" in result.stderr
