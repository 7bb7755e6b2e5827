"""Importing sessions in bulk. The rows go into a temporary table, a checked column's cells as
numbers of their distinct texts; each distinct text is checked once here, with the same rules as
a session added by hand; SQL then finds the rows' problems, matches them with the store and
writes the good ones in one statement. A file of a million rows repeats a few thousand values,
so almost no Python code runs per row."""

from __future__ import annotations

import collections
import datetime as dt
import heapq
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from atgt_cli.errors import RowProblem
from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.imports.base import ImportResult
from atgt_cli.services.imports.faults import SetAside
from atgt_cli.services.imports.ledger import record_update
from atgt_cli.services.imports.problems import Problems, day_first
from atgt_cli.services.rules import Checks, check_one
from atgt_cli.services.rules import sessions as rules
from atgt_cli.store import writes
from atgt_cli.store.db import Store, Transaction
from atgt_cli.store.staging import SESSION_KEY, VALUE_TABLES, SessionStaging
from atgt_cli.store.writes import SESSION_COLUMNS

_FIELDS = {f.name: f for f in rules.FIELDS}
_ASIDE = "aside"  # a row set aside for a cell with no value (imports/faults.py)
_Bad = tuple[int, str, str | None, int, dict[str, Any]]  # a bad row: see staging.problems()


class SessionImport:
    def __init__(
        self,
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
        self.store, self.tx, self.env, self.context = store, tx, env, context
        self.problems, self.update, self.new_batch = problems, update, new_batch
        self.skip_invalid = skip_invalid
        self.first_number = 0
        self.unchanged: set[int] = set()  # rows in a closed month identical to a stored session
        self.aside: SetAside = {}  # rows with a cell that holds no value: staged blank
        self.staging: SessionStaging | None = None
        self.codes: dict[str, dict[str, int]] = {}

    def load(self, records: Iterable[list[str]], *, width: int, first_number: int) -> None:
        """Stage the rows (blank rows as NULLs, to keep the file's row numbers), each checked
        cell as the number of its distinct text: a few thousand texts are checked, once each,
        and the rows join them by number. All of it in C (map over the cells' coders)."""
        self.first_number = first_number
        columns = {f: i for i, f in self.problems.columns.items()}
        self.staging = SessionStaging(
            self.tx,
            plan_id=self.context.plan.id,
            width=width,
            columns=columns,
            rules=[rule.sql for rule in rules.RULES],
            bad_url=rules.URL_SQL,
            exempt=rules.LOCKED,
        )
        self.codes = {f: _coder() for f in VALUE_TABLES if f in columns}
        # Each cell goes through its column's coder: a checked column's text → its number,
        # any other cell as it is (str() of a str is the str itself).
        coders: list[Callable[[str], Any]] = [str] * width
        for field, codes in self.codes.items():
            coders[columns[field]] = codes.__getitem__
        blank = (None,) * width
        call = operator.call
        if self.problems.faults:
            records = self.problems.faults.set_aside(records, first_number, width, self.aside)

        def coded() -> Iterator[Any]:
            for record in records:
                if len(record) != width or not record[0].strip():
                    if not "".join(record).strip():
                        yield blank
                        continue
                    record = (record + [""] * width)[:width]
                yield tuple(map(call, coders, record))

        self.staging.load(coded())

    def finish(self, result: ImportResult, source_name: str) -> ImportResult:
        staging = self.staging
        assert staging is not None
        result.rows = staging.count() + len(self.aside)
        self._check_values(staging)
        identical, changed, matched = (
            self._matches(staging, source_name, result) if staging.may_match() else (0, [], 0)
        )
        now = utc_now()
        result.batch = batch = self.new_batch(now)
        first, last = staging.insert(batch=batch, now=now, guard=bool(matched))
        if last - first + 1 + matched < result.rows:
            self._problems(staging)
            result.rows -= self.problems.not_data
        if self.problems.count and not self.skip_invalid:
            result.conflicts.clear()
            staging.close()
            return result
        extra = self._repeats(staging, first, last, source_name, result)
        result.added = last - first + 1 - extra
        result.untopiced = staging.untopiced(first, last) if "content" in staging.columns else 0
        result.skipped = identical
        for row, session_id in changed:
            if self.update:
                self._apply(staging, batch, now, row, session_id)
                result.updated += 1
            else:
                result.conflicts.append(t("imp.conflict", file=source_name, row=row, id=session_id))
        writes.set_batch_counts(
            self.tx,
            batch=batch,
            rows=result.rows,
            added=result.added,
            updated=result.updated,
            skipped=result.skipped,
        )
        staging.close()
        return result

    def _distinct(self, field: str) -> Iterable[tuple[int, str]]:
        """(number, text) of each distinct text of a field's column ('' alone when the file has
        no such column)."""
        return ((n, text) for text, n in self.codes.get(field, {"": 1}).items())

    def _texts(self, staging: SessionStaging) -> list[dict[Any, str]]:
        """For each file column, its cells' texts by what is staged (a number or the text)."""
        texts: list[dict[Any, str]] = [{} for _ in range(staging.width)]
        for field, codes in self.codes.items():
            texts[staging.columns[field]] = {n: text for text, n in codes.items()}
        return texts

    def _number(self, row: int) -> int:
        return self.first_number + row - 1

    # --- values: each distinct text checked once ------------------------------------------------

    def _check_values(self, staging: SessionStaging) -> None:
        """Each distinct text of a checked column, through its field's check in
        rules/sessions.py: the values it stands for, or its problem's message."""
        c, problems = self.context, self.problems

        def date(text: str) -> tuple[Any, ...]:
            day = check_one(c, _FIELDS["date"], text)
            if day_first(text):
                problems.day_first("date")
            return day.isoformat(), c.locked(day)

        def unit(text: str) -> tuple[Any, ...]:
            found = check_one(c, _FIELDS["unit"], text or c.default_unit)
            # total: set below, where it is steady
            return found.id, found.name, None, found.retired_on

        web = {term["code"] for term in c.plan.terms("channels") if term.get("web")}

        def channel(text: str) -> tuple[Any, Any]:
            code = check_one(c, _FIELDS["channel"], text)
            return code, code in web

        def present(text: str) -> tuple[Any, Any]:
            if text.isdecimal() and len(text) < 7:  # quickly; the check sees the rest
                return int(text), None
            return check_one(c, _FIELDS["present"], text) or (None, None)

        def content(text: str) -> tuple[Any, ...]:
            said = check_one(c, _FIELDS["content"], text)
            return said, rules.found_topics(c, None, said)

        def value(field: str) -> Callable[[str], tuple[Any, ...]]:
            return lambda text: (check_one(c, _FIELDS[field], text),)

        for field, check in (
            ("date", date),
            ("unit", unit),
            ("channel", channel),
            ("topics", lambda text: (check_one(c, _FIELDS["topics"], text) or "[]",)),
            ("content", content),
            ("item", value("item")),
            ("present", present),
            ("total", value("total")),
            ("masses", value("masses")),
        ):
            staging.set_values(field, _checked(self._distinct(field), check, field))
        if "present" in staging.columns:  # the members in force, for a row with no total
            totals: dict[int, list[tuple[str, int | None]]] = {}
            for unit_id, day in list(staging.units_and_days()):
                found = c.members_on(unit_id, dt.date.fromisoformat(day))
                totals.setdefault(unit_id, []).append(
                    (day, None if found is None else found[0] - found[1])
                )
            # Most units keep one count over a file's dates: theirs is read with the unit.
            steady = {u: days[0][1] for u, days in totals.items() if len({n for _, n in days}) == 1}
            staging.set_totals(steady.items())
            staging.set_members(
                (u, day, n) for u, days in totals.items() if u not in steady for day, n in days
            )

    def _problems(self, staging: SessionStaging) -> None:
        c, problems = self.context, self.problems
        texts = self._texts(staging)
        bad: Iterable[_Bad] = staging.problems()
        if self.aside:  # in file order among the others, for not_data_row
            aside: list[_Bad] = [
                (n - self.first_number + 1, _ASIDE, None, 0, {}) for n in sorted(self.aside)
            ]
            bad = heapq.merge(bad, aside, key=operator.itemgetter(0))
        for number, problem, message, swapped, facts in bad:
            if problem is _ASIDE:
                record, fault = self.aside[self._number(number)]
                if not problems.not_data_row(record):
                    problems.problem(self._number(number), fault, record)
                continue
            record = [
                known.get(cell, cell or "")
                for known, cell in zip(texts, staging.record(number), strict=True)
            ]
            if number in self.unchanged or problems.not_data_row(record):
                continue
            # Every problem of the row, as rules/sessions.py finds them one row at a time, while
            # the problems are still shown (a file of bad rows is refused quickly: the rest are
            # counted from what SQL found, one a row).
            try:
                if problems.showing():
                    self._check_row(record)
            except RowProblem as each:
                problems.problem(self._number(number), each, record)
                continue
            field, _, rule = problem.partition(":")
            if rule:  # a rule across fields, or the URL's, found in SQL
                facts["channel_label"] = c.plan.label("channels", facts["channel"] or "")
                found = rules.RULES[int(rule)].problem(facts) if field == "rule" else None
                found = found or RowProblem("url", "session.bad_url", value=facts["url"])
                field, message = found.field or field, found.text()
            assert message is not None
            swapped = bool(swapped) and field == "date"
            problems.add(self._number(number), field, message, record, swapped=swapped)
        problems.settle()

    def _check_row(self, record: list[str]) -> None:
        """Check a bad row as one row (all its problems); SQL found that it has one."""
        cells = {f: record[i] for i, f in self.problems.columns.items() if i < len(record)}
        cells["unit"] = cells.get("unit", "").strip() or self.context.default_unit or ""
        rules.check(self.context, cells, plan_id=self.context.plan.id)

    # --- matching ---------------------------------------------------------------------------------

    def _matches(
        self, staging: SessionStaging, source_name: str, result: ImportResult
    ) -> tuple[int, list[tuple[int, int]], int]:
        """Rows whose key is stored: (identical count, changed (row, id) pairs, rows matched).
        Two rows of the file with one stored key: the first counts, the other is a repeat."""
        identical, matched = 0, 0
        changed: list[tuple[int, int]] = []
        head: tuple[int, int, bool] | None = None
        for row, session_id, same, exempt in staging.matches():
            if exempt:  # in a closed month: no problem only when it changes nothing
                if not same:
                    continue
                self.unchanged.add(row)
            matched += 1
            if head is not None and head[1] == session_id:
                if not (same and head[2]) and not self._same_rows(staging, head[0], row):
                    result.conflicts.append(
                        t(
                            "imp.conflict_in_file",
                            file=source_name,
                            row=self._number(row),
                            first=self._number(head[0]),
                        )
                    )
                continue
            head = (row, session_id, bool(same))
            if same:
                identical += 1
            else:
                changed.append((row, session_id))
        changed.sort()
        return identical, [(self._number(r), s) for r, s in changed], matched

    def _same_rows(self, staging: SessionStaging, a: int, b: int) -> bool:
        return staging.good_values(a) == staging.good_values(b)

    def _repeats(
        self, staging: SessionStaging, first: int, last: int, source_name: str, result: ImportResult
    ) -> int:
        """Keep the first row of each key the file repeats; a repeat with other values is a
        conflict. Returns how many new sessions were dropped."""
        runs = staging.repeats(first, last)
        if not runs:
            return 0
        values = staging.values([i for run in runs for i in run])
        key_at = [SESSION_COLUMNS.index(k) for k in SESSION_KEY]
        keys = [tuple(values[run[0]][i] for i in key_at) for run in runs]
        rows = staging.rows_by_key(keys)
        dropped: list[int] = []
        for run, key in zip(runs, keys, strict=True):
            numbers = rows[key]
            for position, other in enumerate(run[1:], 1):
                if values[other] != values[run[0]]:
                    result.conflicts.append(
                        t(
                            "imp.conflict_in_file",
                            file=source_name,
                            row=self._number(numbers[position]),
                            first=self._number(numbers[0]),
                        )
                    )
                dropped.append(other)
        staging.delete(dropped)
        return len(dropped)

    def _apply(
        self, staging: SessionStaging, batch: int, now: str, number: int, session_id: int
    ) -> None:
        before, after = staging.differences(number - self.first_number + 1, session_id)
        writes.update_session(self.tx, session_id=session_id, changes=after)
        record_update(
            self.tx,
            self.env,
            batch=batch,
            now=now,
            kind="sessions",
            entity="session",
            row_id=session_id,
            before=before,
            after=after,
        )


def _coder() -> dict[str, int]:
    """A mapping that numbers each new text it is asked for: 1, 2, 3…"""
    return collections.defaultdict(itertools.count(1).__next__)


def _checked(
    texts: Iterable[tuple[int, str]], check: Callable[[str], tuple[Any, ...]], field: str
) -> Iterator[tuple[Any, ...]]:
    """(number, text, *values, None, 0) for each good text, (number, text, None…, message,
    swapped) for each bad one (a swapped date is named once the column is seen: Problems)."""
    nothing = (None,) * len(VALUE_TABLES[field])
    for code, raw in texts:
        try:
            yield (code, raw, *check(raw.strip()), None, 0)
        except RowProblem as problem:
            yield (code, raw, *nothing, problem.text(), int(problem.swapped))
