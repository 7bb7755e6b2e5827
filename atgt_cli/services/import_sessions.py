"""Importing sessions: rows checked as they stream past, gathered in a temporary table, and
matched with the store in SQL (identical rows skipped, conflicts listed or applied), so memory
stays flat however long the file."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from typing import Any

from atgt_cli.labels import t
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.import_rows import Bad, Context, RowProblem, count, pair, url
from atgt_cli.services.sessions import SESSION_COLUMNS
from atgt_cli.store.db import Store

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


_SESSION_COLUMNS = SESSION_COLUMNS
_SESSION_KEY = ("plan_id", "unit_id", "held_on", "channel", "title")
_SESSION_TYPES = {
    "plan_id": "INTEGER",
    "unit_id": "INTEGER",
    "present": "INTEGER",
    "total": "INTEGER",
    "masses": "INTEGER",
}


class SessionWriter:
    """Rows go to a temporary table in chunks; duplicates and conflicts are found in SQL."""

    def __init__(
        self, store: Store, db: Any, env: Env, *, update: bool, new_batch: Callable[[str], int]
    ) -> None:
        self.conn, self.db, self.env, self.update, self.new_batch = (
            store.conn,
            db,
            env,
            update,
            new_batch,
        )
        self.buffer: list[tuple[Any, ...]] = []
        # Declared types: the same affinities as the table, so joins can use its indexes.
        columns = ", ".join(
            f"{name} {_SESSION_TYPES.get(name, 'TEXT')}" for name in _SESSION_COLUMNS
        )
        self.conn.execute("DROP TABLE IF EXISTS temp.incoming")
        self.conn.execute(f"CREATE TEMP TABLE incoming (row INTEGER, {columns})")
        marks = ", ".join("?" * (len(_SESSION_COLUMNS) + 1))
        self.insert = f"INSERT INTO temp.incoming VALUES ({marks})"

    def _repeats(self, group: str) -> bool:
        """Does the file hold one key twice? A unique index says so faster than a GROUP BY."""
        try:
            columns = group.replace("title", "coalesce(title, '')")
            self.conn.execute(f"CREATE UNIQUE INDEX temp.incoming_unique ON incoming ({columns})")
        except sqlite3.IntegrityError:
            return True
        self.conn.execute("DROP INDEX temp.incoming_unique")
        return False

    def add(self, number: int, values: tuple[Any, ...]) -> None:
        self.buffer.append((number, *values))
        if len(self.buffer) >= _CHUNK:
            self.conn.executemany(self.insert, self.buffer)
            self.buffer.clear()

    def finish(self, result: Any, source_name: str) -> Any:
        if self.buffer:
            self.conn.executemany(self.insert, self.buffer)
            self.buffer.clear()
        conn = self.conn
        # Key columns are never NULL but the title: "=" lets SQLite use the (unit, date) index.
        key = " AND ".join(
            f"s.{k} = i.{k}" if k != "title" else "s.title IS i.title" for k in _SESSION_KEY
        )
        same = " AND ".join(f"s.{k} IS i.{k}" for k in _SESSION_COLUMNS)
        group = ", ".join(_SESSION_KEY)
        values = " || '|' || ".join(
            f"coalesce({c}, '')" for c in _SESSION_COLUMNS if c not in _SESSION_KEY
        )
        if self._repeats(group):
            # The file's own repeats: identical rows count once; two versions of a key conflict.
            for first, other in conn.execute(
                f"SELECT min(row), max(row) FROM temp.incoming GROUP BY {group} HAVING count(DISTINCT {values}) > 1"
            ):
                result.conflicts.append(
                    t("imp.conflict_in_file", file=source_name, row=other, first=first)
                )
            conn.execute(
                f"DELETE FROM temp.incoming WHERE row NOT IN (SELECT min(row) FROM temp.incoming GROUP BY {group})"
            )
        # (unit, date) is the selective index for a natural key; without statistics SQLite may
        # pick (plan, date) and compare each row with a whole day of the store.
        table = "propaganda_session AS s INDEXED BY propaganda_session_unit"
        stored = f"FROM temp.incoming i JOIN {table} ON {key} AND s.deleted_at IS NULL"
        result.skipped = conn.execute(f"SELECT count(*) {stored} WHERE {same}").fetchone()[0]
        changed = conn.execute(
            f"SELECT i.row, s.id {stored} WHERE NOT ({same}) ORDER BY i.row"
        ).fetchall()
        # Only rows that meet the store need the check; in date order the indexes grow at the end.
        guard = f"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {key} AND s.deleted_at IS NULL)"
        now = utc_now()
        batch = self.new_batch(now)
        result.batch = batch
        columns = ", ".join(_SESSION_COLUMNS)
        result.added = conn.execute(
            f"""INSERT INTO propaganda_session ({columns}, created_at, import_batch)
                SELECT {columns}, ?, ? FROM temp.incoming i
                {guard if result.skipped or changed else ""}
                ORDER BY i.held_on, i.unit_id""",
            (now, batch),
        ).rowcount
        if self.update:
            result.updated = _update_sessions(conn, self.db, changed, batch, self.env, now)
        else:
            result.conflicts += [
                t("imp.conflict", file=source_name, row=row, id=sid) for row, sid in changed
            ]
        conn.execute(
            "UPDATE import_batch SET rows = ?, added = ?, updated = ?, skipped = ? WHERE id = ?",
            (result.rows, result.added, result.updated, result.skipped, batch),
        )
        conn.execute("DROP TABLE temp.incoming")
        return result


def _update_sessions(
    conn: Any, db: Any, changed: list[tuple[int, int]], batch: int, env: Env, now: str
) -> int:
    from atgt_cli.store import crud

    names = [c for c in _SESSION_COLUMNS if c not in _SESSION_KEY]
    for row, session_id in changed:
        new = dict(
            zip(
                names,
                conn.execute(
                    f"SELECT {', '.join(names)} FROM temp.incoming WHERE row = ?", (row,)
                ).fetchone(),
                strict=True,
            )
        )
        old = dict(
            zip(
                names,
                conn.execute(
                    f"SELECT {', '.join(names)} FROM propaganda_session WHERE id = ?", (session_id,)
                ).fetchone(),
                strict=True,
            )
        )
        diff = {k: v for k, v in new.items() if old[k] != v}
        before = {k: old[k] for k in diff}
        conn.execute(
            f"UPDATE propaganda_session SET {', '.join(f'{k} = ?' for k in diff)} WHERE id = ?",
            (*diff.values(), session_id),
        )
        conn.execute(
            "INSERT INTO import_change (batch_id, entity, row_id, before) VALUES (?, 'session', ?, ?)",
            (batch, session_id, json.dumps(before, ensure_ascii=False)),
        )
        crud.audit(
            db,
            at=now,
            actor=env.actor,
            action="import-update",
            entity=f"session:{session_id}",
            before=before,
            after=diff,
        )
    return len(changed)
