"""Logins of a shared store (PostgreSQL): the server's roles, each mapped to an office (reads and
writes everything) or to one unit (its own members, sessions and violations; the plan and every
unit's figures), enforced by the server's row-level security (store/postgres.py). A store that
is a file has one user, and no logins."""

from __future__ import annotations

from dataclasses import dataclass

from atgt_cli.store.db import Transaction


@dataclass(frozen=True)
class Login:
    name: str
    unit_id: int | None
    office: bool


def add_login(
    tx: Transaction, *, name: str, unit_id: int | None, office: bool, password: str | None
) -> bool:
    """Create the role (unless it exists: then its access is set again) and map it; True when
    the role is new."""
    from atgt_cli.store import postgres

    conn = tx.conn
    created = not postgres.role_exists(conn, name)
    if created:
        postgres.create_role(conn, name, password)
    if office:
        postgres.grant_office(conn, name)
    else:
        postgres.grant_unit(conn, name)
    postgres.map_role(conn, name, unit_id=unit_id, office=office)
    return created


def logins(tx: Transaction) -> list[Login]:
    rows = tx.execute("SELECT role_name, unit_id, office FROM atgt_role ORDER BY role_name")
    return [Login(str(n), None if u is None else int(u), bool(o)) for n, u, o in rows]
