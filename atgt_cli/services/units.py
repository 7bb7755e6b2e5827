"""Units (chi bộ, đoàn thể, đảng bộ bộ phận, the committee) and their member counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from atgt_cli.dates import format_date
from atgt_cli.errors import InputError, NotFoundError, RowProblem
from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.locks import ensure_open
from atgt_cli.services.lookups import active_unit as active_unit
from atgt_cli.services.lookups import find_unit as find_unit
from atgt_cli.services.lookups import unit_named
from atgt_cli.services.rules import Checks, as_options
from atgt_cli.services.rules import units as rules
from atgt_cli.services.rules.units import KINDS as KINDS
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store, Transaction
from atgt_cli.text import compact, fold, nfc


def list_units(store: Store, *, on: dt.date) -> list[queries.UnitRow]:
    return queries.units(store.conn, on.isoformat())


def add_unit(
    store: Store,
    env: Env,
    *,
    name: str,
    kind: str,
    parent: str | None = None,
    members: int | str | None = None,  # as typed ("1.200"): rules.count reads it
    exempt: int | str | None = None,
    since: str | None = None,
    aliases: list[str] | None = None,
) -> queries.UnitRow:
    typed = {
        "name": name,
        "kind": kind,
        "parent": parent,
        "members": members,
        "exempt": exempt,
        "since": since,
        "aliases": aliases or [],
    }
    with as_options(rules.OPTIONS):
        found = rules.check(Checks(store, env), typed)
    name, kind = found["name"], found["kind"]
    counted: int | None = found["members"]
    exempted: int = found["exempt"]
    parent_id = active_unit(store, parent, on=env.today, field="--parent").id if parent else None
    day: dt.date = found["since"]
    # Its own name again is no alias.
    others = [a for a in found["aliases"] or () if compact(a) != compact(name)]
    with store.transaction() as tx:
        if queries.unit_by_key(store.conn, fold(name)) is not None:
            raise InputError(t("unit.exists", unit=name))
        stored = queries.units(store.conn, env.today.isoformat())
        refuse_look_alike(stored, name)
        refuse_taken(stored, name, aliases_only=True)
        for alias in others:
            refuse_taken(stored, alias)
        now = utc_now()
        row = writes.NewUnit(name=name, name_key=fold(name), kind=kind, parent_id=parent_id)
        unit_id = writes.insert_unit(tx, data=row, created_at=now)
        after: dict[str, Any] = {"name": name, "kind": kind, "parent_id": parent_id}
        for alias in others:
            data = writes.NewUnitAlias(unit_id=unit_id, alias=alias, alias_key=fold(alias))
            writes.insert_unit_alias(tx, data=data, created_at=now)
        if others:
            after["aliases"] = others
        if counted is not None:
            ensure_open(store, day)
            writes.set_unit_members(
                tx, unit_id=unit_id, since=day.isoformat(), members=counted, exempt=exempted
            )
            after |= {"members": counted, "exempt": exempted, "since": day.isoformat()}
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
        stored = queries.units(store.conn, env.today.isoformat())
        refuse_look_alike(stored, new_name, other_than=unit.id)
        refuse_taken(stored, new_name, other_than=unit.id, aliases_only=True)
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


def refuse_look_alike(
    units: list[queries.UnitRow], name: str, *, other_than: int | None = None
) -> None:
    """Refuse a name that another unit's differs from only by punctuation or spacing ("Chi bộ
    1" and "Chi bộ-1", "Chi bộ 1."), as one differing only by diacritics is: matched as typed,
    the two could not be told apart."""
    key = compact(name)
    for unit in units:
        if unit.id != other_than and compact(unit.name) == key:
            raise InputError(t("unit.look_alike", unit=name, other=unit.name))


def refuse_taken(
    units: list[queries.UnitRow],
    text: str,
    *,
    other_than: int | None = None,
    aliases_only: bool = False,
) -> None:
    """Refuse a name or alias that another unit is already read as (see lookups.unit_named)."""
    holder = unit_named(units, text, other_than=other_than, aliases_only=aliases_only)
    if holder is not None:
        raise InputError(t("unit.alias_taken", alias=text, unit=holder.name))


def add_alias(store: Store, env: Env, query: str, alias: str) -> tuple[queries.UnitRow, str, bool]:
    """Another name a unit is matched by; returns the unit, the alias as stored, and whether it
    is new (a unit already called so is left as it was)."""
    unit = find_unit(store, query, on=env.today, field="UNIT")
    with as_options({"aliases": "ALIAS"}):
        (text,) = rules.check_aliases(Checks(store, env), [alias])
    known = next((a for a in (unit.name, *unit.aliases) if compact(a) == compact(text)), None)
    if known is not None:
        return unit, known, False
    with store.transaction() as tx:
        refuse_taken(queries.units(store.conn, env.today.isoformat()), text, other_than=unit.id)
        now = utc_now()
        data = writes.NewUnitAlias(unit_id=unit.id, alias=text, alias_key=fold(text))
        writes.insert_unit_alias(tx, data=data, created_at=now)
        writes.insert_audit(
            tx,
            at=now,
            actor=env.actor,
            action="alias-add",
            entity=f"unit:{unit.id}",
            after={"alias": text},
        )
    return _row(store, unit.id, env.today), text, True


def remove_alias(store: Store, env: Env, query: str, alias: str) -> tuple[queries.UnitRow, str]:
    """A unit's alias taken off; returns the unit and the alias as it was stored."""
    unit = find_unit(store, query, on=env.today, field="UNIT")
    stored = next((a for a in unit.aliases if compact(a) == compact(alias)), None)
    if stored is None:
        had = ", ".join(unit.aliases) or "—"
        raise NotFoundError(t("unit.alias_unknown", unit=unit.name, alias=alias, aliases=had))
    with store.transaction() as tx:
        writes.delete_unit_alias(tx, unit_id=unit.id, alias_key=fold(stored))
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="alias-remove",
            entity=f"unit:{unit.id}",
            before={"alias": stored},
        )
    return _row(store, unit.id, env.today), stored


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


def delete_unit(store: Store, env: Env, query: str) -> queries.UnitRow:
    """Remove a unit added by mistake: only one nothing refers to (sessions, violations, members,
    units under it, an import that changed it); its own member counts and aliases go with it.
    A unit that did exist is retired instead, so its records stay."""
    unit = find_unit(store, query, on=env.today, field="UNIT")
    with store.transaction() as tx:
        refs = queries.unit_references(store.conn, unit.id)
        named = _named_by_plans(store, unit)
        if refs or named:
            held = [t(f"unit.refs.{kind}", count=n) for kind, n in refs.items()] + named
            raise InputError(t("unit.in_use", unit=unit.name, refs=", ".join(held)))
        counts = queries.members_history(store.conn, unit.id)
        writes.delete_unit(tx, unit_id=unit.id)
        before: dict[str, Any] = {
            "name": unit.name,
            "kind": unit.kind,
            "parent": unit.parent,
            "retired_on": unit.retired_on,
            "aliases": list(unit.aliases),
            "members": [list(c) for c in counts],
        }
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="delete",
            entity=f"unit:{unit.id}",
            before=before,
        )
    return unit


def _named_by_plans(store: Store, unit: queries.UnitRow) -> list[str]:
    """The assignments and targets of the stored plans (their latest revisions) that name the
    unit itself ({unit: "Chi bộ 1"}, by its name or an alias; {kind: …} names no one unit)."""
    from atgt_cli.services.plandata import plan_data

    names = {fold(unit.name), *(fold(alias) for alias in unit.aliases)}

    def names_it(refs: list[dict[str, Any]]) -> bool:
        return any(ref.get("unit") is not None and fold(ref["unit"]) in names for ref in refs)

    found: list[str] = []
    for plan in queries.list_plans(store.conn):
        data = plan_data(store, plan.id).data
        for assignment in data.get("assignments") or []:
            if names_it(assignment.get("units") or []):
                found.append(t("unit.refs.assignment", plan=plan.symbol, item=assignment["item"]))
        for target in data.get("targets") or []:
            if names_it(target.get("applies_to") or []):
                found.append(t("unit.refs.target", plan=plan.symbol, target=target["id"]))
    return found


def set_members(
    store: Store,
    env: Env,
    query: str,
    *,
    members: int | str,
    exempt: int | str = 0,
    since: str | None = None,
) -> tuple[queries.UnitRow, dt.date, int, tuple[int, int]]:
    """Record a member count in force from a day (default today); the sessions whose total was
    taken from the count follow it from that day until the next recorded count (a total the user
    typed stays). Counts may be as typed ("1.200"). Returns the unit, the day, how many sessions
    changed, and the count recorded (members, exempted)."""
    unit = active_unit(store, query, on=env.today)
    with as_options(rules.OPTIONS | {"members": "N"}):
        if not str(members).strip():
            raise RowProblem("members", "field.empty")
        found = rules.check_count(
            Checks(store, env), {"members": members, "exempt": exempt, "since": since}
        )
    day: dt.date = found["since"]
    members, exempt = int(found["members"]), int(found["exempt"])
    with store.transaction() as tx:
        ensure_open(store, day)
        before = queries.members_on(store.conn, unit.id, day.isoformat())
        changed = _follow_count(store, env, tx, unit.id, day, members - exempt)
        writes.set_unit_members(
            tx, unit_id=unit.id, since=day.isoformat(), members=members, exempt=exempt
        )
        after: dict[str, Any] = {"members": members, "exempt": exempt, "since": day.isoformat()}
        if changed:
            after["sessions"] = changed
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="members",
            entity=f"unit:{unit.id}",
            before=None if before is None else {"members": before[0], "exempt": before[1]},
            after=after,
        )
    return _row(store, unit.id, env.today), day, len(changed), (members, exempt)


def _follow_count(
    store: Store, env: Env, tx: Transaction, unit_id: int, day: dt.date, total: int
) -> list[int]:
    """Give the sessions whose total came from the unit's count, from `day` until the next
    recorded count, the new total; refused when one's present would exceed it or one is in a
    closed month. Returns the ids changed."""
    later = [since for since, _, _ in queries.members_history(store.conn, unit_id)]
    end = min((s for s in later if s > day.isoformat()), default=None)
    rows = queries.sessions_from_count(store.conn, unit_id, day.isoformat(), end)
    rows = [r for r in rows if r.total != total]
    over = [r for r in rows if r.present is not None and r.present > total]
    if over:
        shown_ids = ", ".join(f"{r.id} ({r.present})" for r in over)
        raise InputError(t("unit.members_under_present", total=total, sessions=shown_ids))
    ensure_open(store, *(dt.date.fromisoformat(r.held_on) for r in rows))
    now = utc_now()
    for r in rows:
        writes.update_session(tx, session_id=r.id, changes={"total": total})
        writes.insert_audit(
            tx,
            at=now,
            actor=env.actor,
            action="members",
            entity=f"session:{r.id}",
            before={"total": r.total},
            after={"total": total},
        )
    return [r.id for r in rows]


def _row(store: Store, unit_id: int, on: dt.date) -> queries.UnitRow:
    return next(u for u in queries.units(store.conn, on.isoformat()) if u.id == unit_id)


def _future(field: str, day: dt.date, env: Env) -> None:
    raise InputError(
        t("date.future", field=field, date=format_date(day), today=format_date(env.today))
    )
