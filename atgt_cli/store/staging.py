"""Imported sessions checked in bulk: the file's rows go into a temporary table (a checked
column's cells as numbers of their distinct texts; by COPY on PostgreSQL), each distinct text is
checked once (in Python, by the caller) into a small value table keyed by that number, and SQL
joins the two to write the good rows in one statement. Memory stays flat however long the file, and no Python
code runs per row after the rows are read."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from atgt_cli.store import dialects, writes
from atgt_cli.store.db import Transaction
from atgt_cli.store.writes import SESSION_COLUMNS
from atgt_cli.text import FORMULA_TRIGGERS

CHUNK = 5000  # rows a bulk insert sends at a time
SESSION_KEY = ("plan_id", "unit_id", "held_on", "channel", "title")
# Each checked field's value table: the number of a distinct cell text (what the rows hold), the
# text, its values, then err (the problem's message; NULL: the value is good) and swapped (a
# date that is one only as month/day).
VALUE_TABLES = {
    "date": ("held_on TEXT", "locked INTEGER"),
    "unit": ("unit_id INTEGER", "unit_name TEXT", "total INTEGER", "retired_on TEXT"),
    "channel": ("channel TEXT", "web INTEGER"),
    "topics": ("topics TEXT",),
    "content": ("content TEXT", "named TEXT"),  # the text, and the topics it names
    "item": ("item TEXT",),
    "present": ("present INTEGER", "pair_total INTEGER"),
    "total": ("total INTEGER",),
    "masses": ("masses INTEGER",),
}
# Helper threads for SQLite's sorter (the main thread works too): one fewer than the cores.
SORT_THREADS = min(4, max(1, (os.cpu_count() or 2) - 1))
# The white space trimmed from free text in SQL (str.strip() knows more, but SQLite's trim()
# reads its set at every call: these are the ones spreadsheets hold).
WHITESPACE = " \t\n\r\xa0"


class _Sql:
    """The pieces of SQL the staging statements share, in the connection's dialect."""

    def __init__(self, d: dialects.Dialect) -> None:
        # text.FORMULA_TRIGGERS as SQL: the first characters that text.unquote() looks for.
        self.triggers = ", ".join(d.char(ord(c)) for c in FORMULA_TRIGGERS)
        self.same = " AND ".join(d.same(f"s.{k}", f"i.{k}") for k in SESSION_COLUMNS)
        self.key = " AND ".join(
            f"s.{k} = i.{k}" if k != "title" else d.same("s.title", "i.title") for k in SESSION_KEY
        )
        # "=" on the key lets SQLite use the (unit, date) index, the selective one for a key.
        self.by_date = d.indexed_by("propaganda_session", "s", "propaganda_session_plan_held_on")
        self.table = d.indexed_by("propaganda_session", "s", "propaganda_session_unit")


class SessionStaging:
    """One import's temporary tables; `columns` says which file column holds which field."""

    def __init__(
        self,
        tx: Transaction,
        *,
        plan_id: int,
        width: int,
        columns: dict[str, int],
        rules: Sequence[str],
        bad_url: str,
        exempt: int | None = None,
    ) -> None:
        """rules: the conditions (SQL on the checked row's columns) that break each rule across
        fields, in order; bad_url: the condition on `{url}` that the URL is not a link; exempt:
        the rule a row may break and still match an identical stored session."""
        self.tx, self.conn = tx, tx.conn
        self.dialect = dialect = tx.dialect
        self.sql = _Sql(dialect)
        self.plan_id, self.width, self.columns = plan_id, width, columns
        self.rules, self.bad_url = rules, bad_url
        self.exempt = None if exempt is None else f"rule:{exempt}"
        self.close()
        conn = self.conn
        coded = {i for f, i in columns.items() if f in VALUE_TABLES}
        cells = ", ".join(f"c{i} {'INTEGER' if i in coded else 'TEXT'}" for i in range(width))
        dialect.create_temp_table(conn, "raw", cells)
        for name, value_columns in VALUE_TABLES.items():
            dialect.create_temp_table(
                conn,
                f"v_{name}",
                f"code INTEGER PRIMARY KEY, raw TEXT, {', '.join(value_columns)}, err TEXT,"
                " swapped INTEGER",
            )
        dialect.create_temp_table(
            conn,
            "v_members",
            "unit_id INTEGER, held_on TEXT, total INTEGER, PRIMARY KEY (unit_id, held_on)",
            rowid=False,
        )

    # --- the file's rows ------------------------------------------------------------------------

    def load(self, records: Iterable[Sequence[str | int | None]]) -> None:
        """Rows of exactly `width` cells, in file order (table row i is data row i), a checked
        field's cells as numbers of its value table; a blank row is all NULL, kept so that row
        numbers stay those of the file."""
        # executemany on SQLite, COPY into the temporary table on PostgreSQL.
        cells = [f"c{i}" for i in range(self.width)]
        self.dialect.bulk_insert(self.conn, "raw", cells, records, CHUNK)
        self.dialect.analyze(self.conn, "raw")

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM raw WHERE c0 IS NOT NULL").fetchone()[0])

    def record(self, row: int) -> tuple[Any, ...]:
        cells = ", ".join(f"c{i}" for i in range(self.width))
        found = self.conn.execute(f"SELECT {cells} FROM raw WHERE rowid = ?", (row,)).fetchone()
        return tuple(found)

    # --- checked values ---------------------------------------------------------------------------

    def set_values(self, field: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """(number, text, *value columns, err) for each distinct text of the field."""
        width = len(VALUE_TABLES[field]) + 4
        self.conn.executemany(f"INSERT INTO v_{field} VALUES ({', '.join('?' * width)})", rows)
        self.dialect.analyze(self.conn, f"v_{field}")

    def units_and_days(self) -> Iterator[tuple[int, str]]:
        """The (unit, date) pairs the file's good values can make, for members in force."""
        return iter(
            self.conn.execute(
                "SELECT DISTINCT u.unit_id, d.held_on FROM v_unit u, v_date d"
                " WHERE u.err IS NULL AND d.err IS NULL"
            )
        )

    def set_totals(self, totals: Iterable[tuple[int, int | None]]) -> None:
        """Members in force for every date of the file, for units whose count holds throughout."""
        self.conn.executemany(
            "UPDATE v_unit SET total = ? WHERE unit_id = ?", [(n, u) for u, n in totals]
        )

    def set_members(self, rows: Iterable[tuple[int, str, int | None]]) -> None:
        self.conn.executemany("INSERT INTO v_members VALUES (?, ?, ?)", rows)
        self.dialect.analyze(self.conn, "v_members")

    def checked(self) -> str:
        """Each non-blank row: its stored values and the first problem found (NULL if none),
        checked in the order of the fields, as a row at a time would be."""

        def text(field: str) -> str:
            if field not in self.columns:
                return "NULL"
            return f"nullif(trim(r.c{self.columns[field]}, '{WHITESPACE}'), '')"

        # A field the file lacks has one value, that of an empty cell: one row, read once.
        joins = "\n".join(
            f"LEFT JOIN v_{name} v{name} ON v{name}.code = r.c{self.columns[name]}"
            if name in self.columns
            else f"LEFT JOIN (SELECT * FROM v_{name} LIMIT 1) v{name} ON 1 = 1"
            for name in VALUE_TABLES
        )

        def free(field: str) -> str:
            """Free text without the apostrophe that neutralised a formula (see import_rows)."""
            cell = text(field)
            if cell == "NULL":
                return cell
            apostrophe = self.dialect.position("''''", f"r.c{self.columns[field]}")
            return (  # instr() first: most texts hold no apostrophe, and trim() is the cost
                f"CASE WHEN {apostrophe} = 0 THEN {cell}"
                f" WHEN substr({cell}, 1, 1) = '''' AND substr({cell}, 2, 1)"
                f" IN ({self.sql.triggers}) THEN substr({cell}, 2) ELSE {cell} END"
            )

        url = text("url")
        bad_url = self.bad_url.format(url=url, spaced=self.dialect.lacks_chars(url, WHITESPACE))
        broken = " ".join(f"WHEN {rule} THEN 'rule:{i}'" for i, rule in enumerate(self.rules))
        return f"""
        SELECT row, held_on, locked, unit_id, unit_name, retired_on, channel, web, topics, item,
               present, total, masses, title, url, note, evidence, content, total_from_count,
               CASE WHEN problem IS NOT NULL THEN problem {broken} END AS problem,
               message, swapped
        FROM (
          SELECT r.rowid AS row, vdate.held_on, vdate.locked, vunit.unit_id, vunit.unit_name,
                 vunit.retired_on, vchannel.channel, vchannel.web,
                 CASE WHEN vtopics.topics <> '[]' THEN vtopics.topics
                      ELSE coalesce(vcontent.named, '[]') END AS topics,
                 vcontent.content, vitem.item, vpresent.present,
                 CASE WHEN vpresent.pair_total IS NOT NULL THEN vpresent.pair_total
                      WHEN vtotal.total IS NOT NULL THEN vtotal.total
                      WHEN vpresent.present IS NOT NULL THEN coalesce(vunit.total,
                        (SELECT m.total FROM v_members m
                         WHERE m.unit_id = vunit.unit_id AND m.held_on = vdate.held_on))
                 END AS total,
                 CASE WHEN vpresent.present IS NOT NULL AND vpresent.pair_total IS NULL
                  AND vtotal.total IS NULL THEN 1 ELSE 0 END AS total_from_count,
                 vmasses.masses, {free("title")} AS title, {url} AS url, {free("note")} AS note,
                 {free("evidence")} AS evidence,
                 CASE WHEN vdate.err IS NOT NULL THEN 'date'
                      WHEN vunit.err IS NOT NULL THEN 'unit'
                      WHEN vchannel.err IS NOT NULL THEN 'channel'
                      WHEN vtopics.err IS NOT NULL THEN 'topics'
                      WHEN vitem.err IS NOT NULL THEN 'item'
                      WHEN vpresent.err IS NOT NULL THEN 'present'
                      WHEN vpresent.pair_total IS NULL AND vtotal.err IS NOT NULL THEN 'total'
                      WHEN vmasses.err IS NOT NULL THEN 'masses'
                      WHEN {bad_url} THEN 'url:bad'
                 END AS problem,
                 coalesce(vdate.err, vunit.err, vchannel.err, vtopics.err, vitem.err, vpresent.err,
                          CASE WHEN vpresent.pair_total IS NULL THEN vtotal.err END,
                          vmasses.err) AS message,
                 vdate.swapped AS swapped
          FROM raw r
          {joins}
          WHERE r.c0 IS NOT NULL
        ) AS checked"""

    def problems(self) -> Iterator[tuple[int, str, str | None, int, dict[str, Any]]]:
        """(row, problem, message, swapped, facts) of the bad rows, in file order. problem: the
        field whose value is bad (message says why), `rule:N` (the Nth rule across fields is
        broken) or `url:bad`; facts: the columns the rules read."""
        names = (
            "present",
            "total",
            "url",
            "web",
            "held_on",
            "locked",
            "unit_name",
            "retired_on",
            "channel",
        )
        for row, problem, message, swapped, *facts in self.conn.execute(
            f"""SELECT row, problem, message, swapped, {", ".join(names)}
                FROM ({self.checked()}) AS found WHERE problem IS NOT NULL ORDER BY row"""
        ):
            yield row, problem, message, swapped, dict(zip(names, facts, strict=True))

    # --- matching and writing ---------------------------------------------------------------------

    def _good(self, *, exempt: bool = False) -> tuple[str, dict[str, Any]]:
        """The good rows as the table's columns (and their file row), and the SQL's parameters;
        with exempt, also the rows whose only problem is the exempt rule (column `exempt`)."""
        columns = ", ".join("i." + c for c in SESSION_COLUMNS if c != "plan_id")
        where = "i.problem IS NULL" + (" OR i.problem = :exempt" if exempt else "")
        return (
            f"(SELECT row, :plan AS plan_id, {columns}, i.problem IS NOT NULL AS exempt"
            f" FROM ({self.checked()}) i WHERE {where})",
            {"plan": self.plan_id, "exempt": self.exempt},
        )

    def may_match(self) -> bool:
        """Could any good row match a stored session (same plan, dates in the file's range)?"""
        found = self.conn.execute(
            f"""SELECT 1 FROM {self.sql.by_date}
               WHERE plan_id = ? AND deleted_at IS NULL
                 AND held_on BETWEEN (SELECT min(held_on) FROM v_date WHERE err IS NULL)
                                 AND (SELECT max(held_on) FROM v_date WHERE err IS NULL)
               LIMIT 1""",
            (self.plan_id,),
        ).fetchone()
        return found is not None

    def matches(self) -> Iterator[tuple[int, int, int, int]]:
        """(row, session id, identical?, exempt?) for the good rows (and those breaking only the
        exempt rule) whose key is stored, by session."""
        good, params = self._good(exempt=self.exempt is not None)
        return iter(
            self.conn.execute(
                f"""SELECT i.row, s.id, {self.sql.same}, i.exempt FROM {good} i
                JOIN {self.sql.table} ON {self.sql.key} AND s.deleted_at IS NULL
                ORDER BY s.id, i.row""",
                params,
            )
        )

    def insert(self, *, batch: int, now: str, guard: bool) -> tuple[int, int]:
        """Store the good rows whose key is not stored yet, sorted by key then file row, so that
        repeats of a key in the file get consecutive ids; returns the first and last new id."""
        good, params = self._good()
        where = (
            f"WHERE NOT EXISTS (SELECT 1 FROM {self.sql.table} WHERE {self.sql.key}"
            " AND s.deleted_at IS NULL)"
        )
        # The sort is the largest part of this statement: SQLite's sorter may use helper
        # threads, which it doesn't by default (a million rows: ~1 s less on two cores).
        return writes.insert_sessions_from(
            self.tx,
            source=f"{good} i",
            where=where if guard else "",
            order_by="i.held_on, i.unit_id, i.channel, i.title, i.row",
            params=params,
            created_at=now,
            import_batch=batch,
            sort_threads=SORT_THREADS,
        )

    def repeats(self, first: int, last: int) -> list[list[int]]:
        """Runs of new sessions that share a key (a key repeated in the file), as ids: sorted
        by key then file row, the sessions of a key have consecutive ids, in file order."""
        key = " AND ".join(self.dialect.same(f"b.{k}", f"a.{k}") for k in SESSION_KEY)
        runs: list[list[int]] = []
        for a, b in self.conn.execute(
            f"""SELECT a.id, b.id FROM propaganda_session a
                JOIN propaganda_session b ON b.id = a.id + 1
                WHERE a.id BETWEEN ? AND ? AND {key} ORDER BY a.id""",
            (first, last - 1),
        ):
            if runs and runs[-1][-1] == a:
                runs[-1].append(int(b))
            else:
                runs.append([int(a), int(b)])
        return runs

    def values(self, ids: list[int]) -> dict[int, tuple[Any, ...]]:
        """The SESSION_COLUMNS of some sessions."""
        sql = f"SELECT id, {', '.join(SESSION_COLUMNS)} FROM propaganda_session WHERE id = ?"
        return {i: tuple(self.conn.execute(sql, (i,)).fetchone()[1:]) for i in ids}

    def rows_by_key(self, keys: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], list[int]]:
        """The file rows (in order) of the good rows with each of the given SESSION_KEYs."""
        self.dialect.create_temp_table(
            self.conn,
            "wanted",
            "plan_id INTEGER, unit_id INTEGER, held_on TEXT, channel TEXT, title TEXT",
        )
        self.conn.executemany(
            f"INSERT INTO wanted VALUES ({', '.join('?' * len(SESSION_KEY))})", keys
        )
        good, params = self._good()
        same = " AND ".join(self.dialect.same(f"k.{k}", f"i.{k}") for k in SESSION_KEY)
        found: dict[tuple[Any, ...], list[int]] = {}
        for row, *key in self.conn.execute(
            f"SELECT i.row, {', '.join('k.' + k for k in SESSION_KEY)} FROM {good} i"
            f" JOIN {self.dialect.temp('wanted')} k ON {same} ORDER BY i.row",
            params,
        ):
            found.setdefault(tuple(key), []).append(int(row))
        self.dialect.drop_temp_table(self.conn, "wanted")
        return found

    def untopiced(self, first: int, last: int) -> int:
        """New sessions whose content names no topic (and no topic was given)."""
        (found,) = self.conn.execute(
            """SELECT count(*) FROM propaganda_session WHERE id BETWEEN ? AND ?
               AND content IS NOT NULL AND topics = '[]'""",
            (first, last),
        ).fetchone()
        return int(found)

    def delete(self, ids: list[int]) -> None:
        writes.delete_new_sessions(self.tx, ids=ids)

    def good_values(self, row: int) -> tuple[Any, ...]:
        """The SESSION_COLUMNS a good file row would store."""
        good, params = self._good(exempt=self.exempt is not None)
        found = self.conn.execute(
            f"SELECT {', '.join(SESSION_COLUMNS)} FROM {good} AS g WHERE row = :row",
            {**params, "row": row},
        ).fetchone()
        return tuple(found)

    def differences(self, row: int, session_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """(old, new) values of the columns where a file row and a stored session differ."""
        names = [c for c in SESSION_COLUMNS if c not in SESSION_KEY]
        new = dict(zip(SESSION_COLUMNS, self.good_values(row), strict=True))
        old = self.conn.execute(
            f"SELECT {', '.join(names)} FROM propaganda_session WHERE id = ?", (session_id,)
        ).fetchone()
        diff = [(k, o, new[k]) for k, o in zip(names, old, strict=True) if o != new[k]]
        return {k: o for k, o, _ in diff}, {k: n for k, _, n in diff}

    def close(self) -> None:
        for name in ("raw", "v_members", "wanted", *(f"v_{n}" for n in VALUE_TABLES)):
            self.dialect.drop_temp_table(self.conn, name)
