"""Access enforced by the server (issue 22): a unit's login reads and writes only its unit's
members, sessions and violations, reads the plan and every unit's figures, and no query it can
write reads another unit's names or free text; the audit log records the database user."""

from __future__ import annotations

import contextlib
import json
import os

import pytest

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

SECRET_NAMES = ("Nguyễn Văn Bí Mật", "Trần Thị Riêng Tư")
SECRET_TEXT = "ghi chú kín của chi bộ 1"


def _as(url: str, role: str) -> str:
    """The store's URL, logging in as role."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{role}@{rest.split('@', 1)[1]}"


@pytest.fixture
def shared(office, backend):
    """Two cells' records, and a login for Chi bộ 2 (dropped after the test)."""
    import psycopg

    for name in SECRET_NAMES:
        result = office(
            "violation", "add", "--unit", "cb1", "--member", name, "--membership", "chinh-thuc",
            "--category", "vượt đèn đỏ",
            "--date", "3/11/2026", "--note", SECRET_TEXT,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    for args in (
        ["session", "add", "--unit", "cb1", "--date", "5/11/2026", "--channel", "SH chi bộ",
         "--present", "10", "--note", SECRET_TEXT, "--title", SECRET_TEXT],
        ["violation", "add", "--unit", "cb2", "--member", "Lê Văn Hai", "--membership", "du-bi",
         "--category",
         "vượt đèn đỏ", "--date", "4/11/2026"],
    ):  # fmt: skip
        result = office(*args)
        assert result.exit_code == 0, result.output
    role = f"cb2_{os.getpid()}"
    result = office("user", "add", role, "--unit", "Chi bộ 2")
    assert result.exit_code == 0, result.output
    assert f"Đã tạo tài khoản {role}" in result.stdout
    yield office, role
    with psycopg.connect(str(office.db), autocommit=True) as conn:
        conn.execute(f'DROP OWNED BY "{role}"')
        conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_a_units_login_reads_no_other_units_names_by_any_query(shared) -> None:
    import psycopg

    office, role = shared
    url = _as(str(office.db), role)
    seen: list[str] = []
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        assert {"member", "violation", "propaganda_session", "audit_log"} <= set(tables)
        queries = [f'SELECT * FROM "{t}"' for t in tables]
        queries += [
            "SELECT * FROM atgt_session_facts()",
            "SELECT * FROM atgt_violation_facts()",
            "SELECT m.* FROM member m JOIN violation v ON v.member_id = m.id",
            "SELECT * FROM member WHERE unit_id = 1",
            "SELECT name FROM member WHERE atgt_is_office() OR true",
        ]
        for sql in queries:
            with contextlib.suppress(psycopg.errors.InsufficientPrivilege):  # nothing read
                rows = conn.execute(sql).fetchall()
                seen.append(json.dumps(rows, default=str, ensure_ascii=False))
        # Its own rows it does read; nobody else's.
        names = [r[0] for r in conn.execute("SELECT name FROM member")]
        assert names == ["Lê Văn Hai"]
        for escalation in (
            "UPDATE atgt_role SET unit_id = 1",
            "SET ROLE postgres",
            "ALTER TABLE member DISABLE ROW LEVEL SECURITY",
            "SELECT atgt_my_unit() FROM pg_sleep(0)",
        ):
            with contextlib.suppress(psycopg.Error):
                conn.execute(escalation)
        seen.append(
            json.dumps(conn.execute("SELECT name FROM member").fetchall(), ensure_ascii=False)
        )
    everything = "\n".join(seen)
    for secret in (*SECRET_NAMES, SECRET_TEXT):
        assert secret not in everything
    assert "Lê Văn Hai" in everything


def test_a_units_login_sees_every_units_figures_but_only_its_own_records(shared, atgt) -> None:
    office, role = shared
    url = _as(str(office.db), role)

    def run(*args: str):
        return atgt("--db", url, "--today", "24/11/2026", "--actor", "Bí thư CB2", *args)

    status = run("status", "--month", "11/2026", "--json")
    assert status.exit_code == 0, status.output
    figures = {u["unit"]: u["figures"] for u in json.loads(status.stdout)["units"]}
    assert figures["Chi bộ 1"]["sessions"] == 1 and figures["Chi bộ 1"]["violations"] == 2
    assert figures["Chi bộ 2"]["violations"] == 1
    members = run("member", "list", "--json")
    assert members.exit_code == 0, members.output
    assert [m["name"] for m in json.loads(members.stdout)] == ["Lê Văn Hai"]
    violations = run("violation", "list", "--json")
    assert violations.exit_code == 0, violations.output
    assert SECRET_NAMES[0] not in violations.stdout and "Lê Văn Hai" in violations.stdout
    sessions = run("session", "list", "--json")
    assert sessions.exit_code == 0 and SECRET_TEXT not in sessions.stdout
    # Its own unit: recorded, the log naming the database user; another's: refused.
    own = run("session", "add", "--unit", "cb2", "--date", "6/11/2026", "--channel", "SH chi bộ")
    assert own.exit_code == 0, own.output
    other = run("session", "add", "--unit", "cb1", "--date", "6/11/2026", "--channel", "SH chi bộ")
    assert other.exit_code == 3, other.output
    assert other.stderr.startswith("Lỗi: ") and "Traceback" not in other.output
    units = run("unit", "add", "Chi bộ Mới", "--kind", "chi-bo")
    assert units.exit_code == 3 and units.stderr.startswith("Lỗi: ")
    import psycopg

    with psycopg.connect(str(office.db)) as conn:
        lines = conn.execute(
            "SELECT actor, db_user FROM audit_log WHERE entity LIKE 'session:%' ORDER BY id"
        ).fetchall()
        office_user = conn.execute("SELECT current_user").fetchone()[0]
    assert lines[-1] == ("Bí thư CB2", role)
    assert lines[0][1] == office_user


def test_logins_are_for_a_shared_store_and_need_one_of_unit_or_office(shared, atgt, tmp_path):
    office, _role = shared
    both = office("user", "add", "someone", "--unit", "cb1", "--office")
    neither = office("user", "add", "someone")
    bad = office("user", "add", "Robert'); DROP TABLE member;--", "--office")
    for result in (both, neither, bad):
        assert result.exit_code == 1 and result.stderr.startswith("Lỗi: ")
    lite = tmp_path / "a.db"
    assert atgt("--db", str(lite), "init").exit_code == 0
    single = atgt("--db", str(lite), "user", "add", "cb1", "--unit", "cb1")
    assert single.exit_code == 1 and "một người dùng" in single.stderr
