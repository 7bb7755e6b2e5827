"""`atgt store copy`: a SQLite store into an empty PostgreSQL database and back, every table
counted and checksummed; the copy reads as the original (issue 22)."""

from __future__ import annotations

import pytest

from tests.conftest import snapshot

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


@pytest.fixture
def demo_file(atgt, tmp_path):
    db = tmp_path / "demo.db"
    result = atgt("demo", "--db", str(db), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    return db


def test_a_file_store_goes_to_postgresql_and_back_whole(atgt, demo_file, store_db, tmp_path):
    # store_db: an empty (migrated) database of the server.
    there = atgt("--db", str(demo_file), "store", "copy", "--to", store_db)
    assert there.exit_code == 0, there.output
    assert "mọi bảng khớp số dòng và mã kiểm tra" in there.stdout
    assert "propaganda_session: 32 dòng" in there.stdout
    back = tmp_path / "back.db"
    again = atgt("--db", store_db, "store", "copy", "--to", str(back))
    assert again.exit_code == 0, again.output
    assert snapshot(back) == snapshot(demo_file)
    reports = [
        atgt("--db", db, "--today", "30/11/2026", "report", "--month", "11/2026", "--format", "md")
        for db in (str(demo_file), store_db, str(back))
    ]
    assert reports[0].exit_code == 0 and reports[0].stdout
    assert reports[0].stdout == reports[1].stdout == reports[2].stdout
    # New records take ids after the copied ones.
    added = atgt(
        "--db", store_db, "--today", "30/11/2026", "session", "add", "--unit", "cb1",
        "--date", "28/11/2026", "--channel", "Chào cờ",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "Đã ghi buổi số 33" in added.stdout


def test_a_copy_goes_only_into_an_empty_store_or_a_new_file(atgt, demo_file, store_db, tmp_path):
    assert atgt("--db", str(demo_file), "store", "copy", "--to", store_db).exit_code == 0
    before = snapshot(store_db)
    twice = atgt("--db", str(demo_file), "store", "copy", "--to", store_db)
    assert twice.exit_code == 1 and "chỉ chép vào kho trống" in twice.stderr
    assert snapshot(store_db) == before
    existing = tmp_path / "kept.db"
    existing.write_bytes(b"something")
    onto = atgt("--db", store_db, "store", "copy", "--to", str(existing))
    assert onto.exit_code == 1 and "đã có" in onto.stderr
    assert existing.read_bytes() == b"something"
    itself = atgt("--db", str(demo_file), "store", "copy", "--to", str(demo_file))
    assert itself.exit_code == 1 and "chính là kho" in itself.stderr
    backup = atgt("--db", store_db, "backup")
    assert backup.exit_code == 1 and "atgt store copy" in backup.stderr
