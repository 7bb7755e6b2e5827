"""Checking rows of units and violations files: each row's cells → the values `unit add` and
`violation add` would store, or the first problem found (a RowProblem naming its field)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from atgt_cli.dates import format_date
from atgt_cli.errors import InputError, RowProblem
from atgt_cli.services import discipline
from atgt_cli.services import rules as checks
from atgt_cli.services.matching import Choice, match_one
from atgt_cli.services.rules import Checks
from atgt_cli.services.units import KINDS
from atgt_cli.text import nfc, unquote

_KIND_NAMES = [
    Choice("chi-bo", "chi-bo", ["chi-bo", "Chi bộ", "CB"]),
    Choice("doan-the", "doan-the", ["doan-the", "Đoàn thể"]),
    Choice("dang-bo-bo-phan", "dang-bo-bo-phan", ["dang-bo-bo-phan", "Đảng bộ bộ phận"]),
    Choice("dang-uy", "dang-uy", ["dang-uy", "Đảng ủy"]),
]


def units_checker(c: Checks) -> Callable[[dict[str, str]], dict[str, Any]]:
    def check(cells: dict[str, str]) -> dict[str, Any]:
        name = "name"
        try:
            unit_name = nfc(cells.get("name", ""))
            if not unit_name:
                raise RowProblem(None, "field.required")
            name = "kind"
            kind = _kind(cells.get("kind", ""))
            name = "members"
            members = _count(cells.get("members", ""))
            name = "exempt"
            exempt = _count(cells.get("exempt", "")) or 0
            name = "since"
            # a member count may date from before the plan (`unit add --since` takes it too)
            since = c.past(cells["since"]) if cells.get("since") else c.env.today
        except RowProblem as problem:
            raise problem.at(name) from None
        if members is not None and exempt > members:
            raise RowProblem("exempt", "unit.exempt_over", exempt=exempt, members=members)
        parent = nfc(cells.get("parent", "")) or None
        return {
            "name": unit_name,
            "kind": kind,
            "parent": parent,
            "members": members,
            "exempt": exempt,
            "since": since.isoformat(),
        }

    return check


def _kind(raw: str) -> str:
    if not raw:
        raise RowProblem(None, "field.required")
    found = _pick(raw, _KIND_NAMES)
    assert found in KINDS
    return found


def violations_checker(c: Checks) -> Callable[[dict[str, str]], dict[str, Any]]:
    def day(raw: str) -> dt.date | None:
        return c.in_plan(raw) if raw else None

    def check(cells: dict[str, str]) -> dict[str, Any]:
        get = cells.get
        name = "date"
        try:
            if not get("date"):
                raise RowProblem(None, "field.required")
            occurred = c.in_plan(get("date", ""))
            name = "unit"
            if not get("unit") and not c.default_unit:
                raise RowProblem(None, "field.required")
            unit = c.unit(get("unit") or c.default_unit or "")
            name = "member"
            member = nfc(unquote(get("member", "")))
            if not member:
                raise RowProblem(None, "field.required")
            name = "membership"
            membership = _membership(get("membership", ""))
            name = "category"
            if not get("category"):
                raise RowProblem(None, "field.required")
            category = c.term("violation_categories", get("category", ""))
            name = "known_on"
            known = day(get("known_on", "")) or occurred
            name = "reported_on"
            reported = day(get("reported_on", ""))
            name = "alcohol_breath"
            breath = _level(get("alcohol_breath", ""))
            name = "alcohol_blood"
            blood = _level(get("alcohol_blood", ""))
            name = "decided_on"
            decided = day(get("decided_on", ""))
            name = "published_on"
            published = day(get("published_on", ""))
        except RowProblem as problem:
            raise problem.at(name) from None
        if unit.kind == "doan-the":
            raise RowProblem("unit", "violation.not_party_unit", unit=unit.name)
        if known < occurred:
            raise RowProblem("known_on", "violation.known_before", known=known, date=occurred)
        if reported is not None and reported < known:
            raise RowProblem(
                "reported_on", "violation.reported_before", reported=reported, known=known
            )
        term = c.plan.term("violation_categories", category)
        measured = breath is not None or blood is not None
        if measured and not term.get("alcohol"):
            label = c.plan.label("violation_categories", category)
            raise RowProblem("alcohol_breath", "violation.level_not_alcohol", category=label)
        try:
            tier = (
                discipline.alcohol_tier(breath=breath, blood=blood)
                if measured
                else (discipline.TOP_TIER if term.get("top_tier") else None)
            )
        except InputError as exc:
            raise RowProblem("alcohol_breath", "problem.text", text=exc.message) from None
        outcome = _outcome(get("outcome", ""))
        decided_by = _decider(get("decided_by", "")) if outcome else None
        party_post, state_title = (
            nfc(unquote(get("party_post", ""))) or None,
            nfc(unquote(get("state_title", ""))) or None,
        )
        if outcome:
            if decided is None:
                raise RowProblem("decided_on", "field.required")
            try:
                discipline.check_outcome(
                    outcome,
                    membership=membership or "chinh-thuc",
                    party_post=party_post,
                    state_title=state_title,
                )
                discipline.check_decision_date(
                    decided, occurred_on=occurred, known_on=known, today=c.env.today
                )
            except InputError as exc:
                raise RowProblem("outcome", "problem.text", text=exc.message) from None
        place = nfc(unquote(get("published_where", ""))) or None
        if published is not None:
            if not outcome or decided is None:
                raise RowProblem("published_on", "imp.published_open")
            if published < decided:
                raise RowProblem(
                    "published_on",
                    "violation.published_before",
                    date=format_date(published),
                    decided=format_date(decided),
                )
            if place is None:
                raise RowProblem("published_where", "field.required")
        return {
            "unit_id": unit.id,
            "member": member,
            "membership": membership,
            "party_post": party_post,
            "state_title": state_title,
            "category": category,
            "occurred_on": occurred.isoformat(),
            "known_on": known.isoformat(),
            "detected_by": _text(get("detected_by", "")),
            "alcohol_breath": breath,
            "alcohol_blood": blood,
            "alcohol_tier": tier,
            "decree": discipline.decree_on(occurred) if tier else None,
            "reported_on": reported.isoformat() if reported else None,
            "note": _text(get("note", "")),
            "outcome": outcome,
            "decided_on": decided.isoformat() if outcome and decided else None,
            "decided_by": decided_by,
            "decision": _text(get("decision", "")) if outcome else None,
            "published_on": published.isoformat() if published else None,
            "published_where": place if published else None,
        }

    return check


def _count(raw: str) -> int | None:
    return checks.count(None, raw) if raw else None


def _level(raw: str) -> float | None:
    return checks.level(None, raw) if raw else None


def _text(raw: str) -> str | None:
    return checks.text(None, raw) if raw else None


def _pick(raw: str, options: list[Choice[str]]) -> str:
    try:
        return match_one(raw, options, field="")
    except InputError as exc:
        assert exc.problem is not None
        raise exc.problem from None


def _coded(raw: str, codes: tuple[str, ...], label: str) -> str | None:
    from atgt_cli.labels import MESSAGES

    if not raw:
        return None
    names = [Choice(code, code, [code, MESSAGES[f"{label}.{code}"][0]]) for code in codes]
    return _pick(raw, names)


def _membership(raw: str) -> str | None:
    return _coded(raw, discipline.MEMBERSHIPS, "membership")


def _outcome(raw: str) -> str | None:
    try:
        return _coded(raw, discipline.OUTCOMES, "outcome")
    except RowProblem as problem:
        raise problem.at("outcome") from None


def _decider(raw: str) -> str:
    try:
        found = _coded(raw, discipline.DECIDERS, "decider")
    except RowProblem as problem:
        raise problem.at("decided_by") from None
    if found is None:
        raise RowProblem("decided_by", "field.required")
    return found
