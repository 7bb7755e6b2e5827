"""Importing sessions: rows checked as they stream past, gathered in a temporary table, and
matched with the store in SQL (identical rows skipped, conflicts listed or applied), so memory
stays flat however long the file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.import_rows import Bad, Context, RowProblem, count, pair, url
from atgt_cli.store import ledger
from atgt_cli.store.db import Store
from atgt_cli.store.staging import SessionStaging

_CHUNK = 5_000


def sessions_checker(c: Context) -> Callable[[dict[str, str]], tuple[Any, ...]]:
    web = {term["code"] for term in c.plan.terms("channels") if term.get("web")}
    plan_id = c.plan.id
    # A large file repeats a few values: the checked ones are kept here, one dict lookup a cell
    # (a value that fails is checked again and fails again, through the Context's own cache).
    days: dict[str, tuple[dt.date, str]] = {}
    units: dict[str, tuple[int, str]] = {}
    channels: dict[str, str] = {}
    topic_lists: dict[str, str] = {}

    def check(cells: dict[str, str]) -> tuple[Any, ...]:
        get = cells.get
        name = "date"  # the field being checked, named in a problem
        try:
            raw = get("date", "")
            if (known := days.get(raw)) is None:
                checked = c.past_date(raw)
                assert checked is not None
                known = days[raw] = (checked, checked.isoformat())
            day, iso = known
            name = "unit"
            raw = get("unit", "")
            if (unit := units.get(raw)) is None:
                found = c.unit(raw)
                unit = units[raw] = (found.id, found.name)
            name = "channel"
            raw = get("channel", "")
            if (channel := channels.get(raw)) is None:
                channel = channels[raw] = c.term("channels", raw)
            name = "topics"
            raw = get("topics", "")
            if (topics := topic_lists.get(raw)) is None:
                topics = topic_lists[raw] = c.terms_json("topics", raw)
            name = "item"
            item = c.item(get("item", ""))
            name = "present"
            raw = get("present", "")
            present: int | None
            total: int | None
            if raw.isdigit():
                present = int(raw)
                name = "total"
                total = count(get("total", ""))
            elif both := pair(raw):
                present, total = both
            else:
                present = count(raw)
                name = "total"
                total = count(get("total", ""))
            name = "masses"
            raw = get("masses", "")
            masses = int(raw) if raw.isdigit() else count(raw)
            name = "url"
            link = url(get("url", ""))
        except Bad as exc:
            raise RowProblem(name, exc.message, swapped=exc.swapped) from None
        if present is not None and total is None:
            counts = c.members(unit[0], day)
            if counts is None:
                raise RowProblem("present", t("imp.total_unknown", unit=unit[1]))
            total = counts[0] - counts[1]
        if present is not None and total is not None and present > total:
            raise RowProblem("present", t("session.present_over", present=present, total=total))
        if link is None and channel in web:
            raise RowProblem(
                "url", t("session.url_needed", channel=c.plan.label("channels", channel))
            )
        return (
            plan_id,
            unit[0],
            iso,
            channel,
            topics,
            item,
            present,
            total,
            masses,
            get("title") or None,
            link,
            get("note") or None,
            get("evidence") or None,
        )

    return check


class SessionWriter:
    """Rows go to a staging table in chunks; duplicates and conflicts are found in SQL."""

    def __init__(
        self, store: Store, db: Any, env: Env, *, update: bool, new_batch: Callable[[str], int]
    ) -> None:
        self.store, self.db, self.env, self.update, self.new_batch = (
            store,
            db,
            env,
            update,
            new_batch,
        )
        self.staging = SessionStaging(store.conn)
        self.buffer: list[tuple[Any, ...]] = []

    def add(self, number: int, values: tuple[Any, ...]) -> None:
        self.buffer.append((number, *values))
        if len(self.buffer) >= _CHUNK:
            self.staging.add(self.buffer)
            self.buffer.clear()

    def finish(self, result: Any, source_name: str) -> Any:
        from atgt_cli.models import PropagandaSession
        from atgt_cli.store import crud

        staging = self.staging
        staging.add(self.buffer)
        self.buffer.clear()
        if staging.repeats():  # identical rows count once; two versions of a key conflict
            for first, other in staging.drop_repeats():
                result.conflicts.append(
                    t("imp.conflict_in_file", file=source_name, row=other, first=first)
                )
        result.skipped, changed = staging.matches()
        now = utc_now()
        result.batch = batch = self.new_batch(now)
        result.added = staging.insert_new(
            batch=batch, now=now, any_stored=bool(result.skipped or changed)
        )
        for row, session_id in changed:
            if not self.update:
                result.conflicts.append(t("imp.conflict", file=source_name, row=row, id=session_id))
                continue
            before, after = staging.differences(row, session_id)
            crud.update(self.db, PropagandaSession, session_id, **after)
            ledger.record_change(
                self.store.conn, batch, kind="sessions", row_id=session_id, before=before
            )
            entity = f"session:{session_id}"
            crud.audit(
                self.db,
                at=now,
                actor=self.env.actor,
                action="import-update",
                entity=entity,
                before=before,
                after=after,
            )
            result.updated += 1
        ledger.set_counts(
            self.store.conn,
            batch,
            rows=result.rows,
            added=result.added,
            updated=result.updated,
            skipped=result.skipped,
        )
        staging.close()
        return result
