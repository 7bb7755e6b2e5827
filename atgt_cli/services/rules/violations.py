"""The rules of a member's violation, declared once: `violation add` checks the fields it takes
(the violation), the import also those of its handling and publication, a row at a time; the
party's rules themselves (tiers, who may be given which outcome, dates of a decision) are in
services/discipline.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from atgt_cli.dates import format_date
from atgt_cli.errors import FieldRef, RowProblem
from atgt_cli.labels import MESSAGES
from atgt_cli.services import discipline
from atgt_cli.services.matching import Choice
from atgt_cli.services.rules import (
    Checks,
    Field,
    check_fields,
    dated,
    every,
    level,
    looked_up,
    members,
    month_of,
    options,
    pick,
    retired,
    text,
)


def _choices(codes: tuple[str, ...], labels: str) -> list[Choice[str]]:
    return [Choice(code, code, [code, MESSAGES[f"{labels}.{code}"][0]]) for code in codes]


# A code or its Vietnamese label, with or without diacritics (cảnh cáo, canh cao, canh-cao).
CODED = {
    "outcome": _choices(discipline.OUTCOMES, "outcome"),
    "decided_by": _choices(discipline.DECIDERS, "decider"),
}


def _coded(name: str) -> Any:
    return lambda _c, raw: pick(raw, CODED[name])


def coded(name: str, raw: str) -> str:
    """An outcome or a deciding body as typed (`violation handle`): its code or its label."""
    try:
        return pick(raw, CODED[name])
    except RowProblem as problem:
        raise problem.at(name) from None


OTHER = "khac"  # the plan's "Vi phạm khác"
# What `violation add` takes, in the order checked.
FIELDS = (
    Field("date", "--date", lambda c, raw: c.in_plan(raw), required=True),
    Field("unit", "--unit", lambda c, raw: c.unit(raw), required=True),
    Field("member", "--member", members.name, required=True),
    Field("membership", "--membership", members.membership),
    Field("category", "--category", lambda c, raw: c.term("violation_categories", raw)),
    Field("content", "--content", text),
    Field("known_on", "--known-on", lambda c, raw: c.past(raw)),
    Field("reported_on", "--reported-on", lambda c, raw: c.in_plan(raw)),
    Field("alcohol_breath", "--alcohol-breath", level),
    Field("alcohol_blood", "--alcohol-blood", level),
    Field("detected_by", "--detected-by", text),
    Field("note", "--note", text),
    Field("party_post", "--party-post", text),
    Field("state_title", "--state-title", text),
)
# A register also says how the violation was handled and published.
HANDLING = (
    Field("outcome", "--outcome", _coded("outcome")),
    Field("decided_on", "--decided-on", lambda c, raw: c.in_plan(raw)),
    Field("decided_by", "--decided-by", _coded("decided_by")),
    Field("decision", "--decision", text),
    Field("published_on", "--on", lambda c, raw: c.in_plan(raw)),
    Field("published_where", "--where", text),
)
OPTIONS = options(FIELDS + HANDLING)
# `violation edit` takes every field at once: a publication's are named in full there.
EDIT_OPTIONS = OPTIONS | {"published_on": "--published-on", "published_where": "--published-where"}


@dataclass(frozen=True)
class CheckedViolation:
    """A violation's stored values (but its plan and member), and who the member is."""

    values: dict[str, Any]
    member: str
    membership: str | None
    party_post: str | None
    state_title: str | None
    locked: RowProblem | None = None  # with defer_locks: a date in a closed month
    # The membership on the violation's day: as the row states it, else the member's history.
    on_day: str | None = None


def check(
    c: Checks,
    raw: Mapping[str, Any],
    *,
    handling: bool = False,
    defer_locks: bool = False,
    membership_column: bool = True,
) -> CheckedViolation:
    """A violation as typed (or a register's row, with its handling) → its values, or the first
    RowProblem. defer_locks: a date in a closed month is returned (`locked`), not raised: a
    register's row identical to what is stored changes nothing and is no problem.
    membership_column: False for a register without one, whose new members are recorded with
    their membership unknown (discipline.UNKNOWN), never as chính thức."""
    got = check_fields(c, FIELDS + (HANDLING if handling else ()), raw)
    occurred: dt.date = got["date"]
    unit, category = got["unit"], got["category"] or _category_in(c, got["content"])
    known: dt.date = got["known_on"] or occurred
    reported: dt.date | None = got["reported_on"]
    found: list[RowProblem] = []  # the rules across fields, every one the row breaks
    if unit.kind == "doan-the":
        found.append(RowProblem("unit", "violation.not_party_unit", unit=unit.name))
    if retired(unit.retired_on, occurred.isoformat()):
        retired_on = dated(unit.retired_on)
        found.append(RowProblem("unit", "unit.retired", unit=unit.name, date=retired_on))
    if known < occurred:
        found.append(
            RowProblem(
                "known_on",
                "violation.known_before",
                known_name=FieldRef("known_on"),
                known=format_date(known),
                date=format_date(occurred),
            )
        )
    if reported is not None and reported < known:
        found.append(
            RowProblem(
                "reported_on",
                "violation.reported_before",
                reported=format_date(reported),
                known=format_date(known),
            )
        )
    breath, blood = got["alcohol_breath"], got["alcohol_blood"]
    term = c.plan.term("violation_categories", category)
    measured = breath is not None or blood is not None
    if measured and not term.get("alcohol"):
        label = c.plan.label("violation_categories", category)
        found.append(RowProblem("alcohol_breath", "violation.level_not_alcohol", category=label))
    # A member recorded for the first time states their membership (no silent chính thức); a
    # register without the column records them as not known (the import counts them).
    membership: str | None = got["membership"]
    changes = c.membership_changes(unit.id, got["member"])
    if membership is None and changes is None and membership_column:
        found.append(
            RowProblem("membership", "violation.new_member_membership", member=got["member"])
        )
    if found:
        raise every(found)
    if changes is None:
        c.remember_member(unit.id, got["member"], membership)
        membership = membership or discipline.UNKNOWN
    on_day = membership or discipline.membership_on(changes or [], occurred)
    tier = (
        looked_up(
            lambda: discipline.alcohol_tier(
                breath=breath, blood=blood, highest=discipline.levels(c.plan.data)
            )
        )
        if measured
        else discipline.TOP_TIER
        if term.get("top_tier")
        else None
    )
    values: dict[str, Any] = {
        "unit_id": unit.id,
        "category": category,
        "occurred_on": occurred.isoformat(),
        "known_on": known.isoformat(),
        "detected_by": got["detected_by"],
        "alcohol_breath": breath,
        "alcohol_blood": blood,
        "alcohol_tier": tier,
        "decree": discipline.decree_on(occurred) if tier else None,
        "reported_on": reported.isoformat() if reported else None,
        "note": got["note"],
        "content": got["content"],
    }
    person = CheckedViolation(
        values, got["member"], membership, got["party_post"], got["state_title"], on_day=on_day
    )
    if handling:
        values |= _handling(c, got, person, occurred=occurred, known=known)
    locked = next(
        (
            RowProblem(
                name, "period.locked", month=month_of(day.isoformat()), date=format_date(day)
            )
            for name in ("date", "reported_on", "decided_on", "published_on")
            if (day := got.get(name)) is not None and c.locked(day)
        ),
        None,
    )
    if locked is not None and not defer_locks:
        raise locked
    return dataclasses.replace(person, locked=locked)


def _handling(
    c: Checks,
    got: Mapping[str, Any],
    person: CheckedViolation,
    *,
    occurred: dt.date,
    known: dt.date,
) -> dict[str, Any]:
    """The outcome, decision and publication a register gives, checked as `violation handle`
    and `violation publish` check them."""
    outcome, decided, published = got["outcome"], got["decided_on"], got["published_on"]
    place = got["published_where"]
    if outcome:
        if decided is None:
            raise RowProblem("decided_on", "field.required")
        # Registers rarely say which body decided: it is then "not stated" (None), and the
        # rule of who may decide applies where it is known.
        looked_up(
            lambda: discipline.check_outcome(
                outcome,
                membership=person.on_day or discipline.UNKNOWN,  # always set by check()
                party_post=person.party_post,
                state_title=person.state_title,
                decided_by=got["decided_by"],
                rules=discipline.authority(c.plan.data),
                member=c.member_code(got["unit"].id, person.member),
            )
        )
        looked_up(
            lambda: discipline.check_decision_date(
                decided, occurred_on=occurred, known_on=known, today=c.env.today
            )
        )
    if published is not None:
        if not outcome:
            raise RowProblem("published_on", "imp.published_open")
        check_published(published, decided=decided)
        if place is None:
            raise RowProblem("published_where", "field.required")
    return {
        "outcome": outcome,
        "decided_on": decided.isoformat() if outcome else None,
        "decided_by": got["decided_by"] if outcome else None,
        "decision": got["decision"] if outcome else None,
        "published_on": published.isoformat() if published else None,
        "published_where": place if published else None,
    }


def _category_in(c: Checks, content: str | None) -> str:
    """The category a violation's text names ("Điều khiển xe sau khi uống rượu bia…"), "khác"
    when it names none; without a text the category is required."""
    if content is None:
        raise RowProblem("category", "field.required")
    named = c.named_in("violation_categories", content)
    return named[0] if named else OTHER


def check_published(day: dt.date, *, decided: dt.date) -> None:
    if day < decided:
        raise RowProblem(
            "published_on",
            "violation.published_before",
            date=format_date(day),
            decided=format_date(decided),
        )
