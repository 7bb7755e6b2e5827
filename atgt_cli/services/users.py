"""`atgt user add`: a login for a shared store, an office's or one unit's (store/access.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.lookups import find_unit
from atgt_cli.store import access, writes
from atgt_cli.store.db import Store

# A role name the server takes without quoting surprises, and a person can type.
_NAME = re.compile(r"^[a-z_][a-z0-9_.-]{0,62}$")


@dataclass(frozen=True)
class UserResult:
    name: str
    unit: str | None  # the unit's name; None: an office login
    created: bool  # a new role (else an existing one, its access set again)


def add_user(
    store: Store,
    env: Env,
    *,
    name: str,
    unit: str | None,
    office: bool,
    password: str | None = None,
) -> UserResult:
    if not store.shared:
        raise InputError(t("user.file_store", path=store.path))
    if not _NAME.match(name):
        raise InputError(t("user.bad_name", name=name))
    if office == (unit is not None):
        raise InputError(t("user.unit_or_office"))
    found = find_unit(store, unit, on=env.today) if unit is not None else None
    with store.transaction() as tx:
        created = access.add_login(
            tx,
            name=name,
            unit_id=found.id if found else None,
            office=office,
            password=password,
        )
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="user-add",
            entity=f"user:{name}",
            after={"unit": found.name if found else None, "office": office},
        )
    return UserResult(name, found.name if found else None, created)
