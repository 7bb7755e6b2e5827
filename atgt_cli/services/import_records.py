"""Importing units and violations: files of tens or hundreds of rows, written record by record
inside the import's one transaction, by the same rules as `unit add` and `violation add`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from atgt_cli.dates import format_date
from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services import discipline
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.import_ledger import record_update
from atgt_cli.services.import_rows import Bad, Context, RowProblem, count, level, text, unquote
from atgt_cli.services.matching import Choice, match_one
from atgt_cli.services.members import MemberInput, ensure_member
from atgt_cli.services.units import KINDS
from atgt_cli.store import ledger, queries
from atgt_cli.store.db import Store
from atgt_cli.text import fold, nfc

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


class RecordWriter:
    """Checked rows kept (small files), then matched on their natural key and written."""

    def __init__(
        self,
        kind: str,
        store: Store,
        db: Any,
        env: Env,
        *,
        plan_id: int,
        update: bool,
        new_batch: Callable[[str], int],
    ) -> None:
        self.kind, self.store, self.db, self.env, self.update = kind, store, db, env, update
        self.plan_id = plan_id
        self.rows: list[tuple[int, dict[str, Any]]] = []
        self.number = 0  # the row being written, for messages
        self.new_batch = new_batch

    def add(self, number: int, values: dict[str, Any]) -> None:
        self.rows.append((number, values))

    def finish(self, result: Any, source_name: str) -> Any:
        now = utc_now()
        batch = self.new_batch(now)
        result.batch = batch
        seen: dict[str, tuple[int, dict[str, Any]]] = {}
        for number, values in self.rows:
            key = self._key(values)
            if key in seen:
                if seen[key][1] == values:
                    result.skipped += 1
                else:
                    result.conflicts.append(
                        t("imp.conflict_in_file", file=source_name, row=number, first=seen[key][0])
                    )
                continue
            seen[key] = (number, values)
            stored = self._stored(values)
            if stored is None:
                self.number = number
                self._insert(values, batch, now, source_name)
                result.added += 1
                continue
            row_id, old = stored
            diff = {k: v for k, v in values.items() if k in old and old[k] != v}
            counts = self.kind == "units" and ({"members", "exempt"} & set(diff))
            if not diff:
                result.skipped += 1
            elif self.update and not counts:
                self._apply(row_id, old, diff, batch, now)
                result.updated += 1
            else:  # a unit's member count changes through `atgt unit members`, which dates it
                result.conflicts.append(t("imp.conflict", file=source_name, row=number, id=row_id))
        ledger.set_counts(
            self.store.conn,
            batch,
            rows=result.rows,
            added=result.added,
            updated=result.updated,
            skipped=result.skipped,
        )
        return result

    # units: keyed by name; violations: by unit, member, date and category

    def _key(self, values: dict[str, Any]) -> str:
        if self.kind == "units":
            return fold(values["name"])
        return json.dumps(
            [values["unit_id"], fold(values["member"]), values["occurred_on"], values["category"]]
        )

    def _stored(self, values: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        conn = self.store.conn
        if self.kind == "units":
            unit_id = queries.unit_by_key(conn, fold(values["name"]))
            if unit_id is None:
                return None
            unit = next(u for u in queries.units(conn, values["since"]) if u.id == unit_id)
            old = {
                "kind": unit.kind,
                "parent": unit.parent,
                "members": unit.members,
                "exempt": unit.exempt or 0,
            }
            return unit_id, old | ({} if values["members"] is not None else {"members": None})
        rows = [
            v
            for v in queries.violations(
                conn,
                queries.ViolationFilter(
                    values["unit_id"],
                    values["occurred_on"],
                    values["occurred_on"],
                    values["category"],
                ),
            )
            if fold(v.member) == fold(values["member"])
        ]
        if not rows:
            return None
        row = rows[0]
        fields = (
            "known_on",
            "detected_by",
            "alcohol_breath",
            "alcohol_blood",
            "alcohol_tier",
            "decree",
            "reported_on",
            "note",
            "outcome",
            "decided_on",
            "decided_by",
            "decision",
            "published_on",
            "published_where",
        )
        return row.id, {f: getattr(row, f) for f in fields}

    def _insert(self, values: dict[str, Any], batch: int, now: str, source_name: str) -> None:
        from atgt_cli.models import Unit, Violation
        from atgt_cli.store import crud

        conn = self.store.conn
        if self.kind == "units":
            parent_id = (
                queries.unit_by_key(conn, fold(values["parent"])) if values["parent"] else None
            )
            if values["parent"] and parent_id is None:  # neither stored nor on an earlier row
                raise InputError(
                    t("imp.no_parent", file=source_name, row=self.number, parent=values["parent"])
                )
            unit = Unit(
                name=values["name"],
                name_key=fold(values["name"]),
                kind=values["kind"],
                parent_id=parent_id,
                created_at=now,
                import_batch=batch,
            )
            unit_id = crud.insert(self.db, unit)
            if values["members"] is not None:
                crud.set_members(
                    self.db,
                    unit_id=unit_id,
                    since=values["since"],
                    members=values["members"],
                    exempt=values["exempt"],
                )
            return
        person = MemberInput(
            values["member"],
            values["membership"],
            None,
            values["party_post"],
            values["state_title"],
        )
        member_id = ensure_member(
            self.store, self.env, self.db, unit_id=values["unit_id"], data=person, batch=batch
        )
        columns = {
            k: v
            for k, v in values.items()
            if k not in ("member", "membership", "party_post", "state_title")
        }
        crud.insert(
            self.db,
            Violation(
                **columns,
                plan_id=self.plan_id,
                member_id=member_id,
                created_at=now,
                import_batch=batch,
            ),
        )

    def _apply(
        self, row_id: int, old: dict[str, Any], diff: dict[str, Any], batch: int, now: str
    ) -> None:
        from atgt_cli.models import Unit, Violation
        from atgt_cli.store import crud

        before = {k: old[k] for k in diff}
        entity = "unit" if self.kind == "units" else "violation"
        if self.kind == "units":
            if "parent" in diff:
                parent = diff.pop("parent")
                diff["parent_id"] = (
                    queries.unit_by_key(self.store.conn, fold(parent)) if parent else None
                )
                before["parent_id"] = before.pop("parent") and queries.unit_by_key(
                    self.store.conn, fold(old["parent"])
                )
            crud.update(self.db, Unit, row_id, **diff)
        else:
            crud.update(self.db, Violation, row_id, **diff)
        record_update(
            self.store,
            self.db,
            self.env,
            batch=batch,
            now=now,
            kind=self.kind,
            entity=entity,
            row_id=row_id,
            before=before,
            after=diff,
        )
