"""A shared store on PostgreSQL (issue 22): the same schema from the same migrations, the version
check, databases that are not atgt stores refused untouched, sqlite3's parameters on psycopg."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import snapshot
from tests.databases import drop_database, url_of


@pytest.fixture
def empty_db(pg_server: str) -> str:
    """A new, empty database (not even migrated)."""
    import psycopg

    name = f"atgt_empty_{abs(hash(pg_server)) % 10_000}_{id(object())}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    yield url_of(name)
    drop_database(name)


def _execute(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def test_an_empty_database_says_how_to_make_a_store_and_init_makes_one(atgt, empty_db) -> None:
    missing = atgt("--db", empty_db, "status")
    assert missing.exit_code == 3
    assert "còn trống" in missing.stderr and "atgt init" in missing.stderr
    assert snapshot(empty_db) == {}
    first = atgt("--db", empty_db, "init")
    assert first.exit_code == 0, first.output
    assert "Đã tạo kho" in first.stdout and "16-KH/ĐUSCT" in first.stdout
    again = atgt("--db", empty_db, "init")
    assert again.exit_code == 0 and "đã có" in again.stdout


def test_a_database_holding_something_else_is_refused_untouched(atgt, empty_db) -> None:
    _execute(empty_db, "CREATE TABLE accounts (id int PRIMARY KEY, name text)")
    before = snapshot(empty_db)
    for args in (["status"], ["init"]):
        result = atgt("--db", empty_db, *args)
        assert result.exit_code == 3, result.output
        assert "không phải kho atgt" in result.stderr
    assert snapshot(empty_db) == before


def test_a_store_from_a_newer_atgt_is_refused_untouched(atgt, store_db_pg: str) -> None:
    from atgt_cli.store.db import LATEST_VERSION

    _execute(store_db_pg, f"UPDATE atgt_schema SET version = {LATEST_VERSION + 1}")
    before = snapshot(store_db_pg)
    for args in (["status"], ["init"], ["unit", "add", "Chi bộ 9", "--kind", "chi-bo"]):
        result = atgt("--db", store_db_pg, *args)
        assert result.exit_code == 3, result.output
        assert "phiên bản atgt mới hơn" in result.stderr
    assert snapshot(store_db_pg) == before


def test_no_server_is_a_clear_error_and_a_password_is_never_shown(atgt) -> None:
    result = atgt("--db", "postgresql://cell:s3cret@127.0.0.1:1/atgt", "status")
    assert result.exit_code == 3
    assert result.stderr.startswith("Lỗi: không kết nối được kho postgresql://cell:***@")
    assert "s3cret" not in result.output and "Traceback" not in result.output


def test_the_migrations_build_the_same_tables_and_columns_on_both(
    tmp_path: Path, store_db_pg: str
) -> None:
    import psycopg

    from atgt_cli.store.db import open_store

    open_store(tmp_path / "a.db", create=True).close()
    lite = sqlite3.connect(tmp_path / "a.db")
    tables = [
        r[0]
        for r in lite.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    on_sqlite = {t: [r[1] for r in lite.execute(f"PRAGMA table_info({t})")] for t in tables}
    with psycopg.connect(store_db_pg) as conn:
        rows = conn.execute(
            """SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = 'public' AND table_name <> 'atgt_schema'
               ORDER BY table_name, ordinal_position"""
        ).fetchall()
    # What only a shared store has: its logins, and the database user on each log line.
    own = {("atgt_role", c) for c in ("role_name", "unit_id", "office")}
    own |= {("audit_log", "db_user"), ("import_batch", "db_user")}
    on_postgres: dict[str, list[str]] = {}
    for table, column in rows:
        if (table, column) not in own:
            on_postgres.setdefault(table, []).append(column)
    assert on_postgres == on_sqlite


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT ? + ?", "SELECT %s + %s"),
        ("WHERE a = :a AND b LIKE :b || '.%'", "WHERE a = %(a)s AND b LIKE %(b)s || '.%%'"),
        ("SELECT '?', ':x', x::jsonb -- a comment ?", "SELECT '?', ':x', x::jsonb -- a comment ?"),
        ("SELECT 'it''s ?' , ?", "SELECT 'it''s ?' , %s"),
        ("SELECT 5 % 2", "SELECT 5 %% 2"),
    ],
)
def test_sqlite_parameters_become_psycopgs_outside_quotes(sql: str, expected: str) -> None:
    from atgt_cli.store.postgres import placeholders

    assert placeholders(sql) == expected


@pytest.fixture
def store_db_pg(pg_template: str):
    from tests.databases import fresh_database

    name = fresh_database(pg_template)
    yield url_of(name)
    drop_database(name)
