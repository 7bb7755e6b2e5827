"""The store tests on both databases (issue 22).

A test module marked `pytest.mark.databases` runs each test that uses a store (`store_db`,
`office`, …) twice: on a SQLite file and on PostgreSQL, each run in a fresh database copied from
a migrated template (CREATE DATABASE … TEMPLATE: a few milliseconds). The server is
ATGT_TEST_PG (default: trust authentication on 127.0.0.1:5432, user postgres, database test);
ATGT_TEST_DATABASES=sqlite (or postgresql) runs one of them only. Without a server the
PostgreSQL runs are skipped, but with CI=true they fail: CI must have one.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SERVER = os.environ.get("ATGT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
DATABASES = [d for d in os.environ.get("ATGT_TEST_DATABASES", "sqlite,postgresql").split(",") if d]
_counter = itertools.count()
_URL = re.compile(r"^postgres(?:ql)?://", re.I)


def is_url(text: str) -> bool:
    return bool(_URL.match(text))


def url_of(name: str) -> str:
    """The server's URL with another database name."""
    return SERVER.rsplit("/", 1)[0] + "/" + name


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "databases: run on SQLite and on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("databases"):
        metafunc.parametrize("backend", DATABASES, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """sqlite or postgresql: which database this run of the test uses."""
    return str(getattr(request, "param", "sqlite"))


def _admin():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(SERVER, autocommit=True, connect_timeout=5)


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The server's URL; skips (fails with CI=true) when there is none."""
    try:
        import psycopg  # noqa: F401

        _admin().close()
    except Exception as exc:  # no driver, no server
        message = f"no PostgreSQL server at {SERVER}: {exc}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return SERVER


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> Iterator[str]:
    """A database holding an empty atgt store (migrated), for fresh copies."""
    from atgt_cli.config import DatabaseUrl
    from atgt_cli.store.db import open_store

    name = f"atgt_tpl_{os.getpid()}"
    with _admin() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    open_store(DatabaseUrl(url_of(name)), create=True).close()
    yield name
    with _admin() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def fresh_database(template: str) -> str:
    name = f"atgt_t_{os.getpid()}_{next(_counter)}"
    with _admin() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    return name


def drop_database(name: str) -> None:
    with _admin() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def store_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """Where this test's store is: a file, or a fresh PostgreSQL database's URL."""
    if backend == "sqlite":
        yield tmp_path / "office.db"
        return
    template = request.getfixturevalue("pg_template")
    name = fresh_database(template)
    try:
        yield url_of(name)
    finally:
        drop_database(name)


def pg_snapshot(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a PostgreSQL store."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}
