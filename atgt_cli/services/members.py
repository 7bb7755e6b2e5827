"""Party members: recorded once per unit, known outside the office by an opaque code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Any

from atgt_cli.errors import InputError, NotFoundError, spoken
from atgt_cli.labels import t
from atgt_cli.services import discipline
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.locks import ensure_open
from atgt_cli.services.matching import Choice, match_one
from atgt_cli.services.rules import Checks, as_options
from atgt_cli.services.rules import members as rules
from atgt_cli.services.units import active_unit, find_unit
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store, Transaction
from atgt_cli.text import fold

_CODE = re.compile(r"^\s*(?:ĐV|DV)-([0-9A-F]{4,8})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class MemberInput:
    """A member as typed; on edit, None leaves a field as it is and "" clears a text."""

    name: str | None = None
    membership: str | None = None
    since: str | None = None
    party_post: str | None = None
    state_title: str | None = None


def new_code(taken: set[str]) -> str:
    """ĐV- and random hex: holds nothing of the name, unique in the store."""
    for length in (4, 4, 4, 6, 6, 8):
        code = f"ĐV-{secrets.token_hex(length // 2).upper()}"
        if code not in taken:
            return code
    raise RuntimeError("no free member code")  # pragma: no cover - 16^8 codes


def find_member(
    store: Store, env: Env, query: str, *, unit: str | None = None
) -> queries.MemberRow:
    """A member by code (ĐV-7F3A, DV-7f3a) or by name, within a unit when one is given."""
    if m := _CODE.match(query):
        code = f"ĐV-{m.group(1).upper()}"
        for row in queries.members(store.conn):
            if row.code == code:
                return row
        raise NotFoundError(t("member.unknown", member=query))
    unit_id = find_unit(store, unit, on=env.today).id if unit else None
    rows = queries.members(store.conn, unit_id)
    choices = [Choice(row, f"{row.name} ({row.unit}, {row.code})", [row.name]) for row in rows]
    return match_one(query, choices, field="--member")


def add_member(store: Store, env: Env, *, unit: str | None, data: MemberInput) -> queries.MemberRow:
    if not unit:
        raise InputError(t("field.required", field=spoken("unit", "--unit")))
    if not data.membership:  # stated when first recorded: never a silent chính thức
        raise InputError(t("member.membership_required", member=data.name or ""))
    with store.transaction() as tx:
        member_id = _insert(
            store, env, tx, unit_id=active_unit(store, unit, on=env.today).id, data=data
        )
    row = queries.member(store.conn, member_id)
    assert row is not None
    return row


def ensure_member(
    store: Store,
    env: Env,
    tx: Transaction,
    *,
    unit_id: int,
    data: MemberInput,
    batch: int | None = None,
) -> int:
    """The member of that unit with that name, recorded on the way if new (as part of an import's
    batch, if given), updated if the caller gave new details; inside the caller's transaction."""
    assert data.name
    key = fold(data.name)
    existing = next((m for m in queries.members(store.conn, unit_id) if fold(m.name) == key), None)
    if existing is None:
        return _insert(store, env, tx, unit_id=unit_id, data=data, batch=batch)
    # A stored member's membership is a dated history (`member edit --membership`); what a
    # violation states of it is judged on that violation's day, not written over the history.
    _update(
        store, env, tx, existing, MemberInput(None, None, None, data.party_post, data.state_title)
    )
    return existing.id


def edit_member(
    store: Store, env: Env, query: str, *, unit: str | None, data: MemberInput
) -> queries.MemberRow:
    member = find_member(store, env, query, unit=unit)
    with store.transaction() as tx:
        _update(store, env, tx, member, data)
    row = queries.member(store.conn, member.id)
    assert row is not None
    return row


def delete_member(
    store: Store, env: Env, query: str, *, unit: str | None = None
) -> queries.MemberRow:
    """Remove a member recorded by mistake: only one without violations (deleted ones count,
    they are kept)."""
    member = find_member(store, env, query, unit=unit)
    with store.transaction() as tx:
        held = queries.member_violations(store.conn, member.id)
        if held:
            raise InputError(
                t("member.has_violations", member=_shown(member), count=len(held), code=member.code)
            )
        writes.delete_member(tx, member_id=member.id)
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=env.actor,
            action="delete",
            entity=f"member:{member.id}",
            before=_details(member),
        )
    return member


def merge_members(
    store: Store, env: Env, keep: str, drop: str, *, unit: str | None = None
) -> tuple[queries.MemberRow, queries.MemberRow, list[int]]:
    """One person recorded twice: `drop`'s violations move to `keep`, `drop` is removed. Both
    must be of one unit (a violation's unit is its member's: moving it across units would change
    what the other unit reports). `keep`'s details stay as they are (`member edit` changes them).
    Returns both members and the violations moved."""
    kept = find_member(store, env, keep, unit=unit)
    dropped = find_member(store, env, drop, unit=unit)
    if kept.id == dropped.id:
        raise InputError(t("member.merge_self", member=_shown(kept)))
    if kept.unit_id != dropped.unit_id:
        raise InputError(t("member.merge_units", a=_shown(kept), b=_shown(dropped)))
    with store.transaction() as tx:
        moved = queries.member_violations(store.conn, dropped.id)
        ensure_open(store, *(dt.date.fromisoformat(day) for _, day, _ in moved))
        _rejudge(store, kept, [violation_id for violation_id, _, deleted in moved if not deleted])
        now = utc_now()
        for violation_id, _, _ in moved:
            writes.update_violation(tx, violation_id=violation_id, changes={"member_id": kept.id})
            writes.insert_audit(
                tx,
                at=now,
                actor=env.actor,
                action="merge",
                entity=f"violation:{violation_id}",
                before={"member_id": dropped.id},
                after={"member_id": kept.id},
            )
        writes.delete_member(tx, member_id=dropped.id)
        ids = [violation_id for violation_id, _, _ in moved]
        writes.insert_audit(
            tx,
            at=now,
            actor=env.actor,
            action="merge",
            entity=f"member:{dropped.id}",
            before=_details(dropped) | {"id": dropped.id},
            after={"merged_into": kept.id, "code": kept.code, "violations": ids},
        )
    return kept, dropped, ids


def _rejudge(store: Store, kept: queries.MemberRow, violation_ids: list[int]) -> None:
    """The outcomes of violations moving to `kept` must suit it: its membership on each
    violation's day, its party post (services/discipline.py check_outcome)."""
    from atgt_cli.services.plandata import plan_data

    changes = queries.membership_changes(store.conn, kept.id)
    for violation_id in violation_ids:
        record = queries.violation(store.conn, violation_id)
        if record is None or record.outcome is None:
            continue
        discipline.check_outcome(
            record.outcome,
            membership=discipline.membership_on(changes, dt.date.fromisoformat(record.occurred_on)),
            party_post=kept.party_post,
            state_title=kept.state_title,
            decided_by=record.decided_by,
            rules=discipline.authority(plan_data(store, record.plan_id).data),
            member=kept.code,
        )


def _shown(member: queries.MemberRow) -> str:
    return f"{member.name} ({member.unit}, {member.code})"


def _details(member: queries.MemberRow) -> dict[str, Any]:
    return {
        "code": member.code,
        "unit_id": member.unit_id,
        "name": member.name,
        "membership": member.membership,
        "membership_since": member.membership_since,
        "party_post": member.party_post,
        "state_title": member.state_title,
    }


def list_members(
    store: Store, env: Env, *, unit: str | None = None, redact: bool = False
) -> list[queries.MemberRow]:
    from atgt_cli.services import redact as redaction

    unit_id = find_unit(store, unit, on=env.today).id if unit else None
    rows = queries.members(store.conn, unit_id)
    return [redaction.member(row) for row in rows] if redact else rows


def _values(store: Store, env: Env, data: MemberInput) -> dict[str, Any]:
    """The columns a MemberInput sets, checked (rules/members.py); absent fields are left out."""
    with as_options(rules.OPTIONS):
        return rules.check(Checks(store, env), dataclasses.asdict(data))


def _insert(
    store: Store,
    env: Env,
    tx: Transaction,
    *,
    unit_id: int,
    data: MemberInput,
    batch: int | None = None,
) -> int:
    # Never a silent chính thức (add_member, rules/violations.check require it); UNKNOWN only
    # for a member a register without a membership column brings.
    unknown = data.membership == discipline.UNKNOWN
    checked = dataclasses.replace(data, membership=None) if unknown else data
    values = _values(store, env, checked)
    if unknown:
        values |= {"membership": discipline.UNKNOWN, "membership_since": None}
    if "membership" not in values:
        raise InputError(t("member.membership_required", member=values.get("name", "")))
    if "name" not in values:
        raise InputError(t("field.required", field=spoken("member", "--member")))
    if any(fold(m.name) == values["name_key"] for m in queries.members(store.conn, unit_id)):
        raise InputError(t("member.exists", member=values["name"]))
    now = utc_now()
    code = new_code(queries.member_codes(store.conn))
    member_id = writes.insert_member(
        tx,
        data=writes.NewMember(unit_id=unit_id, **values),
        code=code,
        created_at=now,
        import_batch=batch,
    )
    after = {k: v for k, v in values.items() if k != "name_key"} | {
        "code": code,
        "unit_id": unit_id,
    }
    writes.insert_audit(
        tx, at=now, actor=env.actor, action="create", entity=f"member:{member_id}", after=after
    )
    return member_id


def _update(
    store: Store, env: Env, tx: Transaction, member: queries.MemberRow, data: MemberInput
) -> None:
    values = _values(store, env, data)
    if "name_key" in values:
        clash = [
            m
            for m in queries.members(store.conn, member.unit_id)
            if fold(m.name) == values["name_key"] and m.id != member.id
        ]
        if clash:
            raise InputError(t("member.exists", member=values["name"]))
    before_all = {
        "name": member.name,
        "membership": member.membership,
        "membership_since": member.membership_since,
        "party_post": member.party_post,
        "state_title": member.state_title,
    }
    changes = {k: v for k, v in values.items() if k != "name_key" and before_all.get(k) != v}
    if not changes:
        return
    if "name" in changes:
        changes["name_key"] = values["name_key"]
    # A membership is a dated change (dự bị since D, chính thức since D), not an overwrite: the
    # rules read the membership on a violation's day. Without --membership-since, since today.
    dated = {k: changes.pop(k) for k in ("membership", "membership_since") if k in changes}
    if dated:
        if "membership" in dated:
            since = values.get("membership_since") or env.today.isoformat()
        elif member.membership == discipline.UNKNOWN:  # no membership to date
            raise InputError(t("member.since_unknown", member=_shown(member), code=member.code))
        else:  # the same membership, since the day given (as far as atgt knows)
            since = dated["membership_since"]
        change = writes.NewMembershipChange(
            member_id=member.id,
            membership=dated.get("membership", member.membership),
            since=since,
        )
        writes.insert_membership_change(tx, data=change, created_at=utc_now())
        changes |= {"membership": change.membership, "membership_since": since}
    rest = {k: v for k, v in changes.items() if k not in ("membership", "membership_since")}
    if rest:
        writes.update_member(tx, member_id=member.id, changes=rest)
    shown = {k: v for k, v in changes.items() if k != "name_key"}
    writes.insert_audit(
        tx,
        at=utc_now(),
        actor=env.actor,
        action="update",
        entity=f"member:{member.id}",
        before={k: before_all.get(k) for k in shown},
        after=shown,
    )
