"""The layout the code promises (README, "For developers"): one write path, the tables declared
once, SQLite's own SQL in one module."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from atgt_cli.store import writes

PACKAGE = Path(__file__).resolve().parent.parent / "atgt_cli"
# The dialect modules: what only one database speaks (the PostgreSQL one translates SQLite's).
DIALECTS = ("atgt_cli/store/sqlite.py", "atgt_cli/store/postgres.py")
TABLES = (
    "meta|plan|plan_revision|unit|unit_members|unit_alias|propaganda_session|audit_log|period_lock|member"
    "|violation|report_note|import_batch|import_change"
)
_WRITE = re.compile(rf"\b(INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+({TABLES})\b", re.I)
_SQLITE_ONLY = re.compile(
    r"PRAGMA|user_version|OR IGNORE|OR REPLACE|TEMP TABLE|\btemp\.|immutable=|INDEXED BY"
    r"|json_each|json_extract|strftime\('|sqlite_master|WITHOUT ROWID|ATTACH DATABASE"
)


def sources() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(PACKAGE.parent)), path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def test_every_write_of_a_stored_table_is_in_the_write_module() -> None:
    found = [
        f"{name}: {m.group(0)}"
        for name, text in sources()
        if name != "atgt_cli/store/writes.py"
        for m in _WRITE.finditer(text)
    ]
    assert found == []


def test_sql_that_only_sqlite_speaks_is_in_the_dialect_module() -> None:
    found = [
        f"{name}:{text[: m.start()].count(chr(10)) + 1}: {m.group(0)}"
        for name, text in sources()
        if name not in DIALECTS
        for m in _SQLITE_ONLY.finditer(text)
    ]
    assert found == []


def test_no_database_handle_is_typed_any_in_services_or_store() -> None:
    loose = re.compile(r"\b(db|conn|tx|session|connection|transaction)\s*:\s*Any\b")
    found = [
        f"{name}: {m.group(0)}"
        for name, text in sources()
        if name.startswith(("atgt_cli/services/", "atgt_cli/store/"))
        for m in loose.finditer(text)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("record", "table"),
    [
        (writes.NewSession, "propaganda_session"),
        (writes.NewMember, "member"),
        (writes.NewMembershipChange, "member_membership"),
        (writes.NewViolation, "violation"),
        (writes.NewUnit, "unit"),
        (writes.NewUnitAlias, "unit_alias"),
    ],
)
def test_the_records_written_mirror_the_sqlmodel_tables(record: type, table: str) -> None:
    """A New… record's fields are columns of its table, nullable exactly where the table's are."""
    from atgt_cli.models import SQLModel

    columns = SQLModel.metadata.tables[table].columns
    fields = {f.name: f for f in dataclasses.fields(record)}
    assert set(fields) <= set(columns.keys())
    for name, field in fields.items():
        optional = "None" in str(field.type)
        assert optional == bool(columns[name].nullable), name
    # Every column a caller must give (not null, no default, not bookkeeping) is a field.
    bookkeeping = {"id", "created_at", "code", "import_batch"}
    required = {
        c.name
        for c in columns.values()
        if not c.nullable and c.default is None and c.name not in bookkeeping
    }
    assert required <= set(fields)


def test_the_write_module_inserts_every_column_of_a_new_session(tmp_path: Path) -> None:
    from atgt_cli.store.db import open_store

    store = open_store(tmp_path / "s.db", create=True)
    try:
        names = [row[1] for row in store.conn.execute("PRAGMA table_info(propaganda_session)")]
    finally:
        store.close()
    bookkeeping = {"id", "created_at", "deleted_at", "deleted_reason", "import_batch"}
    assert [n for n in names if n not in bookkeeping] == list(writes.SESSION_COLUMNS)
