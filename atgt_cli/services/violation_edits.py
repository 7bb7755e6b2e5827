"""Correcting a violation: `violation edit` (any field, through the rules of add and handle) and
`violation delete` (kept, out of every count and list). Each change is audited with its values
before and after, and refused when it touches a closed month."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services import discipline
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.locks import ensure_open
from atgt_cli.services.members import MemberInput, ensure_member
from atgt_cli.services.plandata import plan_data
from atgt_cli.services.rules import Checks, as_options
from atgt_cli.services.rules import violations as rules
from atgt_cli.services.violations import ViolationEdit, ViolationView, get_violation, live_violation
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store
from atgt_cli.text import fold, nfc

# The dates of a violation's events: the month each falls in counts it (new, known and so due to
# be reported, reported, handled, published). A change of a field touches the reports of its own
# event; any other field (the unit, the member, the category…) those of every event.
EVENTS = ("occurred_on", "known_on", "reported_on", "decided_on", "published_on")
EVENT_OF = {
    "reported_on": "reported_on",
    "outcome": "decided_on",
    "decided_on": "decided_on",
    "decided_by": "decided_on",
    "decision": "decided_on",
    "published_on": "published_on",
    "published_where": "published_on",
}
PERSON = ("membership", "party_post", "state_title")


@dataclass(frozen=True)
class Edited:
    violation: ViolationView
    changed: list[str]  # the options of the fields that changed, in the order of the rules


def edit_violation(store: Store, env: Env, violation_id: int, data: ViolationEdit) -> Edited:
    """The violation with the fields given, checked as `violation add` and `violation handle`
    check them; nothing is written when nothing changes."""
    old = live_violation(store, env, violation_id)
    given = {k: v for k, v in dataclasses.asdict(data).items() if v is not None}
    c = Checks(store, env, plan_data(store, old.plan_id))
    if "date" in given and "known_on" not in given and old.known_on == old.occurred_on:
        given["known_on"] = None  # known on the day it happened, as add takes by default
    found = _checked(c, _stored_as_typed(old) | given)
    same_person = found.values["unit_id"] == old.unit_id and fold(found.member) == fold(old.member)
    if not same_person and not any(k in given for k in PERSON):
        # Another member: the rules read that member's own details, when recorded.
        other = next(
            (
                m
                for m in queries.members(store.conn, found.values["unit_id"])
                if fold(m.name) == fold(found.member)
            ),
            None,
        )
        theirs = {k: getattr(other, k) if other else None for k in PERSON}
        if theirs["membership"] == discipline.UNKNOWN:  # not known: their history (none) says so
            theirs["membership"] = None
        found = _checked(c, _stored_as_typed(old) | theirs | given)
    after = found.values
    changes = {k: v for k, v in after.items() if getattr(old, k) != v}
    person_changed = [
        k for k in PERSON if k in given and getattr(found, k) != (getattr(old, k) or None)
    ]
    if not same_person:
        changes["member_id"] = None  # set in the transaction (the member may be new)
    if not changes and not person_changed:
        return Edited(old, [])
    days = _touched(old, after, [*changes, *person_changed])
    with store.transaction() as tx:
        ensure_open(store, *days)
        if not same_person or person_changed:
            person = MemberInput(
                name=found.member,
                membership=given.get("membership"),
                party_post=given.get("party_post"),
                state_title=given.get("state_title"),
            )
            member_id = ensure_member(store, env, tx, unit_id=after["unit_id"], data=person)
            if member_id != old.member_id:
                changes["member_id"] = member_id
            else:
                changes.pop("member_id", None)
        if changes:
            writes.update_violation(tx, violation_id=old.id, changes=changes)
            writes.insert_audit(
                tx,
                at=utc_now(),
                actor=env.actor,
                action="update",
                entity=f"violation:{old.id}",
                before={k: getattr(old, k) for k in changes},
                after=changes,
            )
    names = {**rules.EDIT_OPTIONS, "unit_id": "--unit", "member_id": "--member"}
    names |= {"occurred_on": "--date", "alcohol_tier": "", "decree": ""}
    shown = [names.get(k, k) for k in [*changes, *person_changed]]
    return Edited(get_violation(store, env, old.id), list(dict.fromkeys(x for x in shown if x)))


def _checked(c: Checks, raw: dict[str, Any]) -> rules.CheckedViolation:
    with as_options(rules.EDIT_OPTIONS):
        # Closed months are judged on the dates of the fields that change (see _touched).
        return rules.check(c, raw, handling=True, defer_locks=True)


def _stored_as_typed(v: ViolationView) -> dict[str, Any]:
    """The stored violation as `violation edit` would take it typed: the rules read it again."""
    return {
        "unit": v.unit,
        "member": v.member,
        "membership": None,  # the member's history gives it on the violation's day (rules.check)
        "party_post": v.party_post,
        "state_title": v.state_title,
        "category": v.category,
        "date": v.occurred_on,
        "known_on": v.known_on,
        "detected_by": v.detected_by,
        "alcohol_breath": v.alcohol_breath,
        "alcohol_blood": v.alcohol_blood,
        "reported_on": v.reported_on,
        "note": v.note,
        "content": v.content,
        "outcome": v.outcome,
        "decided_on": v.decided_on,
        "decided_by": v.decided_by,
        "decision": v.decision,
        "published_on": v.published_on,
        "published_where": v.published_where,
    }


def _touched(old: ViolationView, after: dict[str, Any], changed: list[str]) -> list[dt.date]:
    """The days, before and after, of the events the changed fields belong to."""
    events = {EVENT_OF.get(k) for k in changed}
    chosen = EVENTS if None in events else [e for e in EVENTS if e in events]
    found = {dt.date.fromisoformat(d) for e in chosen for d in (getattr(old, e), after.get(e)) if d}
    if {"known_on", "reported_on"} & set(chosen):  # a late case counts in its deadline's month
        allowed = old.deadline - dt.date.fromisoformat(old.known_on)
        found |= {
            old.deadline,
            dt.date.fromisoformat(after.get("known_on") or old.known_on) + allowed,
        }
    return sorted(found)


def delete_violation(store: Store, env: Env, violation_id: int, *, reason: str) -> ViolationView:
    """Keep the violation, out of every count and list; refused when one of its events falls in
    a closed month (a filed report counted it)."""
    old = live_violation(store, env, violation_id)
    if not reason.strip():
        raise InputError(t("reason.needed", option="--reason"))
    days = [dt.date.fromisoformat(d) for e in EVENTS if (d := getattr(old, e))]
    with store.transaction() as tx:
        ensure_open(store, *days, old.deadline)  # late cases count in the deadline's month
        now = utc_now()
        writes.update_violation(
            tx,
            violation_id=old.id,
            changes={"deleted_at": now, "deleted_reason": nfc(reason)},
        )
        writes.insert_audit(
            tx,
            at=now,
            actor=env.actor,
            action="delete",
            entity=f"violation:{old.id}",
            before={f.name: getattr(old, f.name) for f in dataclasses.fields(writes.NewViolation)},
            reason=nfc(reason),
        )
    return get_violation(store, env, old.id)
