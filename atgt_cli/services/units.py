"""Units (chi bộ, đoàn thể, đảng bộ bộ phận, the committee) and their member counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from atgt_cli.dates import format_date
from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.locks import ensure_open
from atgt_cli.services.lookups import active_unit as active_unit
from atgt_cli.services.lookups import find_unit as find_unit
from atgt_cli.services.rules import Checks, as_options
from atgt_cli.services.rules import units as rules
from atgt_cli.services.rules.units import KINDS as KINDS
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store
from atgt_cli.text import fold, nfc


def list_units(store: Store, *, on: dt.date) -> list[queries.UnitRow]:
    return queries.units(store.conn, on.isoformat())


def add_unit(
    store: Store,
    env: Env,
    *,
    name: str,
    kind: str,
    parent: str | None = None,
    members: int | None = None,
    exempt: int | None = None,
    since: str | None = None,
) -> queries.UnitRow:
    typed = {
        "name": name,
        "kind": kind,
        "parent": parent,
        "members": members,
        "exempt": exempt,
        "since": since,
    }
    with as_options(rules.OPTIONS):
        found = rules.check(Checks(store, env), typed, typed=True)
    name, kind, members, exempt = found["name"], found["kind"], found["members"], found["exempt"]
    parent_id = active_unit(store, parent, on=env.today, field="--parent").id if parent else None
    day: dt.date = found["since"]
    with store.transaction() as tx:
        if queries.unit_by_key(store.conn, fold(name)) is not None:
            raise InputError(t("unit.exists", unit=name))
        now = utc_now()
        row = writes.NewUnit(name=name, name_key=fold(name), kind=kind, parent_id=parent_id)
        unit_id = writes.insert_unit(tx, data=row, created_at=now)
        after: dict[str, Any] = {"name": name, "kind": kind, "parent_id": parent_id}
        if members is not None:
            ensure_open(store, day)
            writes.set_unit_members(
                tx, unit_id=unit_id, since=day.isoformat(), members=members, exempt=exempt
            )
            after |= {"members": members, "exempt": exempt, "since": day.isoformat()}
        writes.insert_audit(
            tx, at=now, actor=env.actor, action="create", entity=f"unit:{unit_id}", after=after
        )
    return _row(store, unit_id, env.today)


def rename_unit(store: Store, env: Env, query: str, new_name: str) -> queries.UnitRow:
    unit = find_unit(store, query, on=env.today)
    new_name = nfc(new_name)
    if not new_name:
        raise InputError(t("field.empty", field="NEW_NAME"))
    with store.transaction() as tx:
        other = queries.unit_by_key(store.conn, fold(new_name))
        if other is not None and other != unit.id:
            raise InputError(t("unit.exists", unit=new_name))
        writes.update_unit(
            tx, unit_id=unit.id, changes={"name": new_name, "name_key": fold(new_name)}
        )
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="rename",
            entity=f"unit:{unit.id}",
            before={"name": unit.name},
            after={"name": new_name},
        )
    return _row(store, unit.id, env.today)


def retire_unit(store: Store, env: Env, query: str, *, on: str | None = None) -> queries.UnitRow:
    unit = active_unit(store, query, on=env.today)
    day = env.day(on, field="--on") if on else env.today
    if day > env.today:
        _future("--on", day, env)
    with store.transaction() as tx:
        writes.update_unit(tx, unit_id=unit.id, changes={"retired_on": day.isoformat()})
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="retire",
            entity=f"unit:{unit.id}",
            before={"retired_on": None},
            after={"retired_on": day.isoformat()},
        )
    return _row(store, unit.id, env.today)


def set_members(
    store: Store, env: Env, query: str, *, members: int, exempt: int, since: str | None = None
) -> tuple[queries.UnitRow, dt.date]:
    """Record a member count in force from a day (default today); returns the unit and day."""
    unit = active_unit(store, query, on=env.today)
    with as_options(rules.OPTIONS):
        found = rules.check_count(
            Checks(store, env), {"members": members, "exempt": exempt, "since": since}
        )
    day: dt.date = found["since"]
    with store.transaction() as tx:
        ensure_open(store, day)
        before = queries.members_on(store.conn, unit.id, day.isoformat())
        writes.set_unit_members(
            tx, unit_id=unit.id, since=day.isoformat(), members=members, exempt=exempt
        )
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="members",
            entity=f"unit:{unit.id}",
            before=None if before is None else {"members": before[0], "exempt": before[1]},
            after={"members": members, "exempt": exempt, "since": day.isoformat()},
        )
    return _row(store, unit.id, env.today), day


def _row(store: Store, unit_id: int, on: dt.date) -> queries.UnitRow:
    return next(u for u in queries.units(store.conn, on.isoformat()) if u.id == unit_id)


def _future(field: str, day: dt.date, env: Env) -> None:
    raise InputError(
        t("date.future", field=field, date=format_date(day), today=format_date(env.today))
    )
