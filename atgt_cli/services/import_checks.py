"""Checking rows of units and violations files: each row's cells → the values `unit add` and
`violation add` would store, or the first problem found (Bad)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from atgt_cli.dates import format_date
from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services import discipline
from atgt_cli.services.import_rows import Bad, Context, RowProblem, count, level, text, unquote
from atgt_cli.services.matching import Choice, match_one
from atgt_cli.services.units import KINDS
from atgt_cli.text import nfc

_KIND_NAMES = [
    Choice("chi-bo", "chi-bo", ["chi-bo", "Chi bộ", "CB"]),
    Choice("doan-the", "doan-the", ["doan-the", "Đoàn thể"]),
    Choice("dang-bo-bo-phan", "dang-bo-bo-phan", ["dang-bo-bo-phan", "Đảng bộ bộ phận"]),
    Choice("dang-uy", "dang-uy", ["dang-uy", "Đảng ủy"]),
]


def units_checker(c: Context) -> Callable[[dict[str, str]], dict[str, Any]]:
    def check(cells: dict[str, str]) -> dict[str, Any]:
        name = "name"
        try:
            unit_name = nfc(cells.get("name", ""))
            if not unit_name:
                raise Bad(t("imp.required"))
            name = "kind"
            kind = _kind(cells.get("kind", ""))
            name = "members"
            members = count(cells.get("members", ""))
            name = "exempt"
            exempt = count(cells.get("exempt", "")) or 0
            name = "since"
            # a member count may date from before the plan (`unit add --since` takes it too)
            since = c.date(cells.get("since", ""), required=False) or c.env.today
            if since > c.env.today:
                today = format_date(c.env.today)
                raise Bad(t("imp.future", date=format_date(since), today=today))
        except Bad as exc:
            raise RowProblem(name, exc.message, swapped=exc.swapped) from None
        if members is not None and exempt > members:
            raise RowProblem("exempt", t("unit.exempt_over", exempt=exempt, members=members))
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
        raise Bad(t("imp.required"))
    try:
        found: str = match_one(raw, _KIND_NAMES, field="")
    except InputError as exc:
        raise Bad(exc.message.removeprefix(": ")) from None
    assert found in KINDS
    return found


def violations_checker(c: Context) -> Callable[[dict[str, str]], dict[str, Any]]:
    def check(cells: dict[str, str]) -> dict[str, Any]:
        get = cells.get
        name = "date"
        try:
            occurred = c.past_date(get("date", ""))
            name = "unit"
            unit = c.unit(get("unit", ""))
            name = "member"
            member = nfc(unquote(get("member", "")))
            if not member:
                raise Bad(t("imp.required"))
            name = "membership"
            membership = _membership(get("membership", ""))
            name = "category"
            category = c.term("violation_categories", get("category", ""))
            name = "known_on"
            known = c.past_date(get("known_on", ""), required=False) or occurred
            name = "reported_on"
            reported = c.past_date(get("reported_on", ""), required=False)
            name = "alcohol_breath"
            breath = level(get("alcohol_breath", ""))
            name = "alcohol_blood"
            blood = level(get("alcohol_blood", ""))
            name = "decided_on"
            decided = c.past_date(get("decided_on", ""), required=False)
            name = "published_on"
            published = c.past_date(get("published_on", ""), required=False)
        except Bad as exc:
            raise RowProblem(name, exc.message, swapped=exc.swapped) from None
        assert occurred is not None and known is not None
        if unit.kind == "doan-the":
            raise RowProblem("unit", t("violation.not_party_unit", unit=unit.name))
        if known < occurred:
            raise RowProblem("known_on", t("violation.known_before", known=known, date=occurred))
        if reported is not None and reported < known:
            raise RowProblem(
                "reported_on", t("violation.reported_before", reported=reported, known=known)
            )
        term = c.plan.term("violation_categories", category)
        measured = breath is not None or blood is not None
        tier = None
        try:
            if measured and not term.get("alcohol"):
                raise InputError(
                    t(
                        "violation.level_not_alcohol",
                        category=c.plan.label("violation_categories", category),
                    )
                )
            tier = (
                discipline.alcohol_tier(breath=breath, blood=blood)
                if measured
                else (discipline.TOP_TIER if term.get("top_tier") else None)
            )
        except InputError as exc:
            raise RowProblem("alcohol_breath", exc.message) from None
        outcome = _outcome(get("outcome", ""))
        decided_by = _decider(get("decided_by", "")) if outcome else None
        party_post, state_title = (
            nfc(unquote(get("party_post", ""))) or None,
            nfc(unquote(get("state_title", ""))) or None,
        )
        if outcome:
            if decided is None:
                raise RowProblem("decided_on", t("imp.required"))
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
                raise RowProblem("outcome", exc.message) from None
        place = nfc(unquote(get("published_where", ""))) or None
        if published is not None:
            if not outcome or decided is None:
                raise RowProblem("published_on", t("imp.published_open"))
            if published < decided:
                raise RowProblem(
                    "published_on",
                    t(
                        "violation.published_before",
                        date=format_date(published),
                        decided=format_date(decided),
                    ),
                )
            if place is None:
                raise RowProblem("published_where", t("imp.required"))
        return {
            "unit_id": unit.id,
            "member": member,
            "membership": membership,
            "party_post": party_post,
            "state_title": state_title,
            "category": category,
            "occurred_on": occurred.isoformat(),
            "known_on": known.isoformat(),
            "detected_by": text(get("detected_by", "")),
            "alcohol_breath": breath,
            "alcohol_blood": blood,
            "alcohol_tier": tier,
            "decree": discipline.decree_on(occurred) if tier else None,
            "reported_on": reported.isoformat() if reported else None,
            "note": text(get("note", "")),
            "outcome": outcome,
            "decided_on": decided.isoformat() if outcome and decided else None,
            "decided_by": decided_by,
            "decision": text(get("decision", "")) if outcome else None,
            "published_on": published.isoformat() if published else None,
            "published_where": place if published else None,
        }

    return check


def _pick(raw: str, choices: tuple[str, ...], labels: Callable[[str], str]) -> str | None:
    if not raw:
        return None
    options = [Choice(code, code, [code, labels(code)]) for code in choices]
    try:
        found: str = match_one(raw, options, field="")
    except InputError as exc:
        raise Bad(exc.message.removeprefix(": ")) from None
    return found


def _membership(raw: str) -> str | None:
    from atgt_cli.labels import MESSAGES

    return _pick(raw, discipline.MEMBERSHIPS, lambda code: MESSAGES[f"membership.{code}"][0])


def _outcome(raw: str) -> str | None:
    from atgt_cli.labels import MESSAGES

    try:
        return _pick(raw, discipline.OUTCOMES, lambda code: MESSAGES[f"outcome.{code}"][0])
    except Bad as exc:
        raise RowProblem("outcome", exc.message) from None


def _decider(raw: str) -> str:
    from atgt_cli.labels import MESSAGES

    try:
        found = _pick(raw, discipline.DECIDERS, lambda code: MESSAGES[f"decider.{code}"][0])
    except Bad as exc:
        raise RowProblem("decided_by", exc.message) from None
    if found is None:
        raise RowProblem("decided_by", t("imp.required"))
    return found
