"""Importing units and violations: files of tens or hundreds of rows, each row checked whole
(imports/checks.py), then written record by record inside the import's one transaction, by the
same rules as `unit add` and `violation add`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from atgt_cli.errors import InputError, RowProblem
from atgt_cli.labels import t
from atgt_cli.services import discipline
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.imports.base import ImportResult, Row
from atgt_cli.services.imports.checks import units_checker, violations_checker
from atgt_cli.services.imports.ledger import record_update
from atgt_cli.services.imports.problems import Problems, day_first
from atgt_cli.services.lookups import unit_named
from atgt_cli.services.members import MemberInput, ensure_member
from atgt_cli.services.rules import Checks
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store, Transaction
from atgt_cli.text import compact, fold

_CHECKERS = {"units": units_checker, "violations": violations_checker}
_DATE_FIELDS = {
    "units": {"since"},
    "violations": {"date", "known_on", "reported_on", "decided_on"},
}


class RecordImport:
    """An importer of units or violations: checked rows kept (small files), then matched on
    their natural key and written."""

    def __init__(
        self,
        kind: str,
        store: Store,
        tx: Transaction,
        env: Env,
        context: Checks,
        problems: Problems,
        *,
        update: bool,
        skip_invalid: bool,
        new_batch: Callable[[str], int],
    ) -> None:
        self.kind, self.store, self.tx, self.env, self.update = kind, store, tx, env, update
        self.context, self.problems, self.skip_invalid = context, problems, skip_invalid
        self.plan_id = context.plan.id
        self.rows: list[tuple[int, dict[str, Any]]] = []
        self.read = 0  # non-blank rows
        self.number = 0  # the row being written, for messages
        self.new_batch = new_batch

    def load(self, records: Iterator[list[str]], *, width: int, first_number: int) -> None:
        """Check each row whole (rules across fields); keep the good ones."""
        checker = _CHECKERS[self.kind](self.context)
        columns, problems = self.problems.columns, self.problems
        dates = sorted(i for i, f in columns.items() if f in _DATE_FIELDS[self.kind])
        fields = list(columns.items())
        for number, record in enumerate(records, first_number):
            if not "".join(record).strip():
                continue
            self.read += 1
            size = len(record)
            row = Row(number, {f: record[i].strip() if i < size else "" for i, f in fields}, record)
            try:
                problems.faults.check(number, record)  # an error cell, a formula with no value
                values = checker(row.cells)
            except RowProblem as bad:
                if problems.not_data_row(record):
                    self.read -= 1
                else:
                    problems.problem(row.number, bad, row.record)
                continue
            locked = values.pop("_locked", None)
            if locked is not None and self._changes(values):
                problems.problem(row.number, locked, row.record)  # a closed month's record
                continue
            for index in dates:
                if index < size and day_first(record[index]):
                    problems.day_first(columns[index])
            self.rows.append((row.number, values))
        problems.settle()

    def finish(self, result: ImportResult, source_name: str) -> ImportResult:
        result.rows = self.read
        if self.problems.count and not self.skip_invalid:
            return result
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
                # The first row of a member new to atgt, from a register without the column.
                result.unknown_membership += values.get("membership") == discipline.UNKNOWN
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
        writes.set_batch_counts(
            self.tx,
            batch=batch,
            rows=result.rows,
            added=result.added,
            updated=result.updated,
            skipped=result.skipped,
        )
        return result

    def _changes(self, values: dict[str, Any]) -> bool:
        """Whether a row would add a record or change a stored one."""
        stored = self._stored(values)
        return stored is None or any(
            k in stored[1] and stored[1][k] != v for k, v in values.items()
        )

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
        conn = self.store.conn
        if self.kind == "units":
            parent_id = (
                queries.unit_by_key(conn, fold(values["parent"])) if values["parent"] else None
            )
            if values["parent"] and parent_id is None:  # neither stored nor on an earlier row
                raise InputError(
                    t("imp.no_parent", file=source_name, row=self.number, parent=values["parent"])
                )
            stored = queries.units(conn, values["since"])
            self._refuse_look_alike(stored, values["name"], source_name)
            self._refuse_taken(stored, values["name"], source_name, aliases_only=True)
            unit = writes.NewUnit(
                name=values["name"],
                name_key=fold(values["name"]),
                kind=values["kind"],
                parent_id=parent_id,
            )
            unit_id = writes.insert_unit(self.tx, data=unit, created_at=now, import_batch=batch)
            for alias in values.get("aliases") or ():  # a "Tên khác" column
                if compact(alias) == compact(values["name"]):
                    continue
                self._refuse_taken(stored, alias, source_name)
                data = writes.NewUnitAlias(unit_id=unit_id, alias=alias, alias_key=fold(alias))
                writes.insert_unit_alias(self.tx, data=data, created_at=now, import_batch=batch)
            if values["members"] is not None:
                writes.set_unit_members(
                    self.tx,
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
            self.store, self.env, self.tx, unit_id=values["unit_id"], data=person, batch=batch
        )
        columns = {
            k: v
            for k, v in values.items()
            if k not in ("member", "membership", "party_post", "state_title")
        }
        writes.insert_violation(
            self.tx,
            data=writes.NewViolation(**columns, plan_id=self.plan_id, member_id=member_id),
            created_at=now,
            import_batch=batch,
        )

    def _refuse_look_alike(self, units: list[queries.UnitRow], name: str, source_name: str) -> None:
        """A new unit whose name differs from a stored one's only by punctuation or spacing stops
        the import, as one differing only by diacritics does (services/units.py)."""
        key = compact(name)
        other = next((u for u in units if compact(u.name) == key), None)
        if other is not None:
            raise InputError(
                t("imp.look_alike", file=source_name, row=self.number, unit=name, other=other.name)
            )

    def _refuse_taken(
        self,
        units: list[queries.UnitRow],
        text: str,
        source_name: str,
        *,
        aliases_only: bool = False,
    ) -> None:
        """A new unit's name or alias that another unit is already read as stops the import."""
        holder = unit_named(units, text, aliases_only=aliases_only)
        if holder is not None:
            raise InputError(
                t(
                    "imp.alias_taken",
                    file=source_name,
                    row=self.number,
                    alias=text,
                    unit=holder.name,
                )
            )

    def _apply(
        self, row_id: int, old: dict[str, Any], diff: dict[str, Any], batch: int, now: str
    ) -> None:
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
            writes.update_unit(self.tx, unit_id=row_id, changes=diff)
        else:
            writes.update_violation(self.tx, violation_id=row_id, changes=diff)
        record_update(
            self.tx,
            self.env,
            batch=batch,
            now=now,
            kind=self.kind,
            entity=entity,
            row_id=row_id,
            before=before,
            after=diff,
        )
