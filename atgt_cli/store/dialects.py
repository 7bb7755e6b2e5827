"""Which database a connection speaks, and what the rest of store/ may ask of either.

The code above the dialects speaks portable SQL with sqlite3's `?` and `:name` parameters on a
`Connection` (an sqlite3 connection, or store/postgres.py's wrapper of a psycopg one), and asks
`of(conn)` for the few pieces of SQL the two databases write differently. Only a connection to
a `postgresql://` store imports the PostgreSQL module (and psycopg): the SQLite path never does.
"""

from __future__ import annotations

import sqlite3
import sys

from atgt_cli.store.interface import Connection as Connection
from atgt_cli.store.interface import Cursor as Cursor
from atgt_cli.store.interface import Dialect as Dialect


def of(conn: Connection) -> Dialect:
    """The dialect a connection speaks."""
    if isinstance(conn, sqlite3.Connection):
        from atgt_cli.store import sqlite

        return sqlite
    from atgt_cli.store import postgres

    return postgres


def is_integrity_error(exc: BaseException) -> bool:
    """A constraint refused a write (a key taken, a row still referred to), on either database."""
    if isinstance(exc, sqlite3.IntegrityError):
        return True
    psycopg = sys.modules.get("psycopg")  # loaded only when a PostgreSQL store is open
    return psycopg is not None and isinstance(exc, psycopg.IntegrityError)
