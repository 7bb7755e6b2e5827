"""`atgt import`: a file checked whole, then written in one transaction as a batch.

Every row is checked before anything is written; a bad row stops the import (or, with
--skip-invalid, goes to the rejects file) and every problem is named FILE:ROW:COLUMN. Rows are
matched on a natural key: an identical row is skipped, the same key with other values is a
conflict, written only with --update (old values kept for undo and in the audit log). Session
rows stream through a temporary table, so memory stays flat however long the file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from atgt_cli.errors import InputError, NotFoundError
from atgt_cli.importers.headers import FIELDS, REQUIRED, find_header
from atgt_cli.importers.reading import (
    SAMPLE,
    Source,
    open_text,
    rows,
    sniff_delimiter,
)
from atgt_cli.labels import t
from atgt_cli.services import import_records
from atgt_cli.services.context import Env, utc_now
from atgt_cli.services.import_rows import Bad, Context
from atgt_cli.services.plandata import current_plan
from atgt_cli.store.db import Store

KINDS = ("sessions", "violations", "units")
MAX_SHOWN = 50
CHUNK = 5_000


@dataclass(frozen=True)
class ImportOptions:
    kind: str
    mapping: Path | None = None
    unit: str | None = None
    dry_run: bool = False
    rejects: Path | None = None
    skip_invalid: bool = False
    update: bool = False
    legacy: str | None = None


@dataclass
class ImportResult:
    kind: str
    file: str
    batch: int | None = None
    rows: int = 0
    added: int = 0
    updated: int = 0
    skipped: int = 0
    conflicts: list[str] = field(default_factory=list)
    rejected: int = 0
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    dry_run: bool = False


class _Hashing(io.RawIOBase):
    """A binary stream that hashes what is read through it (stdin has no second pass)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.digest = raw, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        self.digest.update(data)
        buffer[: len(data)] = data
        return len(data)


def run_import(
    store: Store,
    env: Env,
    file: str,
    options: ImportOptions,
    *,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    if options.kind not in KINDS:
        raise InputError(
            t("match.unknown", field="KIND", value=options.kind, choices=", ".join(KINDS))
        )
    mapping = _mapping(options.mapping)
    raw: IO[bytes]
    if file == "-":
        raw, name = sys.stdin.buffer, "-"
    else:
        try:
            raw, name = open(file, "rb"), file  # noqa: SIM115 - closed below
        except OSError as exc:
            raise InputError(t("file.unreadable", file=file, reason=exc.strerror or exc)) from None
    hashing = _Hashing(raw)
    try:
        stream = io.BufferedReader(hashing, buffer_size=1 << 20)
        head = stream.peek(SAMPLE)[:SAMPLE]
        text, encoding = open_text(stream, legacy=options.legacy)
        sample = head.decode(encoding if not options.legacy else "cp1252", errors="ignore")
        source = Source(name, encoding, sniff_delimiter(sample), options.legacy)
        try:
            return _import(
                store, env, source, rows(text, source), options, mapping, hashing, progress
            )
        except UnicodeDecodeError as exc:
            raise InputError(
                t("imp.encoding", file=name, encoding=encoding, detail=exc.reason)
            ) from None
        except csv.Error as exc:
            raise InputError(f"{name}: {exc}") from None
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()


def _mapping(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(t("imp.mapping", file=path, detail=str(exc).splitlines()[0])) from None
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k, {}), dict) for k in ("columns", "values")
    ):
        raise InputError(t("imp.mapping", file=path, detail="columns: {…}, values: {…}"))
    return data


def _import(
    store: Store,
    env: Env,
    source: Source,
    records: Iterator[list[str]],
    options: ImportOptions,
    mapping: dict[str, Any],
    hashing: _Hashing,
    progress: Callable[[int], None] | None,
) -> ImportResult:
    kind = options.kind
    lead: list[list[str]] = []
    for record in records:
        lead.append(record)
        if len(lead) >= 20:
            break
    required = tuple(f for f in REQUIRED[kind] if not (f == "unit" and options.unit))
    found = find_header(lead, kind, mapping.get("columns"), required=required)
    if found is None:
        names = ", ".join(FIELDS[kind][f][0] for f in required)
        raise InputError(t("imp.no_header", file=source.name, fields=names))
    header_index, columns = found
    headers = lead[header_index]
    context = Context(store, env, current_plan(store), options.unit, mapping.get("values") or {})
    result = ImportResult(kind, source.name, dry_run=options.dry_run)
    rejects: list[tuple[list[str], str]] = []
    swapped: dict[int, list[tuple[int, list[str], str]]] = {}
    day_first: set[int] = set()

    def data() -> Iterator[tuple[int, list[str]]]:
        number = header_index + 1
        for record in lead[header_index + 1 :]:
            number += 1
            yield number, record
        for record in records:
            number += 1
            yield number, record

    def problem(number: int, column: str, message: str, record: list[str]) -> None:
        result.problem_count += 1
        line = f"{source.name}:{number}:{column}: {message}"
        if len(result.problems) < MAX_SHOWN:
            result.problems.append(line)
        rejects.append((record, f"{column}: {message}"))

    checker = _CHECKERS[kind](context)
    date_columns = {i for i, f in columns.items() if f in _DATE_FIELDS[kind]}
    fields = list(columns.items())
    with store.write() as db:
        writer: Any = (
            _SessionWriter(store, db, env, options)
            if kind == "sessions"
            else _Records(kind, store, db, env, options, context.plan.id).start(source, hashing)
        )
        for number, record in data():
            if not any(record) or not "".join(record).strip():
                continue
            result.rows += 1
            if progress and result.rows % 10_000 == 0:
                progress(result.rows)
            width = len(record)
            cells = {f: record[i].strip() if i < width else "" for i, f in fields}
            try:
                values = checker(cells)
            except (_RowProblem, import_records.RowProblem) as bad:
                column_index = next((i for i, f in columns.items() if f == bad.field), 0)
                column = headers[column_index] if bad.field in columns.values() else bad.field
                if bad.swapped:
                    swapped.setdefault(column_index, []).append((number, record, bad.message))
                else:
                    problem(number, column, bad.message, record)
                continue
            for index in date_columns - day_first:
                if _day_first(record[index] if index < len(record) else ""):
                    day_first.add(index)
            writer.add(number, values)
        for index, found_rows in swapped.items():
            if index in day_first:  # other rows of the column are clearly day first
                for number, record, message in found_rows:
                    problem(number, headers[index], message, record)
            else:
                first = found_rows[0]
                problem(
                    first[0],
                    headers[index],
                    t("imp.swapped_column", count=len(found_rows), example=first[1][index]),
                    first[1],
                )
                for _number, record, message in found_rows[1:]:
                    result.problem_count += 1
                    rejects.append((record, f"{headers[index]}: {message}"))
        if options.rejects and rejects:
            _write_rejects(options.rejects, source, headers, rejects)
            result.rejected = len(rejects)
        if result.problem_count and not options.skip_invalid:
            db.rollback()
            return result
        outcome = (
            writer.finish(result, hashing, source)
            if kind == "sessions"
            else writer.finish(result, source.name)
        )
        if options.dry_run:
            db.rollback()
        assert isinstance(outcome, ImportResult)
        return outcome


_DATE_FIELDS = {
    "sessions": {"date"},
    "units": {"since"},
    "violations": {"date", "known_on", "reported_on", "decided_on"},
}


def _day_first(raw: str) -> bool:
    """A d/m date whose first number can only be a day (13 and up)."""
    head = raw.split("/")[0].split("-")[0].split(".")[0]
    return head.isdigit() and len(head) <= 2 and int(head) > 12


class _RowProblem(Exception):
    def __init__(self, field_name: str, message: str, *, swapped: bool = False) -> None:
        self.field, self.message, self.swapped = field_name, message, swapped


def _write_rejects(
    path: Path, source: Source, headers: list[str], rejects: list[tuple[list[str], str]]
) -> None:
    """The bad rows and why, in the input's own delimiter (UTF-8 with BOM, for Excel)."""
    from atgt_cli.services.report_files import write_whole

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=source.delimiter, lineterminator="\n")
    writer.writerow([*headers, t("imp.error_column")])
    for record, message in rejects:
        writer.writerow([*record, message])
    write_whole(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


# --- checkers: one per kind -----------------------------------------------------------------


def _sessions(c: Context) -> Callable[[dict[str, str]], tuple[Any, ...]]:
    from atgt_cli.services.import_rows import count, pair, text, url

    web = {term["code"] for term in c.plan.terms("channels") if term.get("web")}
    plan_id = c.plan.id

    def check(cells: dict[str, str]) -> tuple[Any, ...]:
        get = cells.get
        name = "date"  # the field being checked, named in a problem
        try:
            day = c.past_date(get("date", ""))
            name = "unit"
            unit = c.unit(get("unit", ""))
            name = "channel"
            channel = c.term("channels", get("channel", ""))
            name = "topics"
            topics = c.terms_json("topics", get("topics", ""))
            name = "item"
            item = c.item(get("item", ""))
            name = "present"
            both = pair(get("present", ""))
            present: int | None
            total: int | None
            if both:
                present, total = both
            else:
                present = count(get("present", ""))
                name = "total"
                total = count(get("total", ""))
            name = "masses"
            masses = count(get("masses", ""))
            name = "url"
            link = url(get("url", ""))
        except Bad as exc:
            raise _RowProblem(name, exc.message, swapped=exc.swapped) from None
        assert day is not None
        if present is not None and total is None:
            counts = c.members(unit.id, day)
            if counts is None:
                raise _RowProblem("present", t("imp.total_unknown", unit=unit.name))
            total = counts[0] - counts[1]
        if present is not None and total is not None and present > total:
            raise _RowProblem("present", t("session.present_over", present=present, total=total))
        if link is None and channel in web:
            raise _RowProblem(
                "url", t("session.url_needed", channel=c.plan.label("channels", channel))
            )
        return (
            plan_id,
            unit.id,
            day.isoformat(),
            channel,
            topics,
            item,
            present,
            total,
            masses,
            text(get("title", "")),
            link,
            text(get("note", "")),
            text(get("evidence", "")),
        )

    return check


_CHECKERS: dict[str, Callable[[Context], Callable[[dict[str, str]], Any]]] = {
    "sessions": _sessions,
    "units": import_records.units_checker,
    "violations": import_records.violations_checker,
}


# --- writers ------------------------------------------------------------------------------------

_SESSION_COLUMNS = (
    "plan_id",
    "unit_id",
    "held_on",
    "channel",
    "topics",
    "item",
    "present",
    "total",
    "masses",
    "title",
    "url",
    "note",
    "evidence",
)
_SESSION_KEY = ("plan_id", "unit_id", "held_on", "channel", "title")
_SESSION_TYPES = {
    "plan_id": "INTEGER",
    "unit_id": "INTEGER",
    "present": "INTEGER",
    "total": "INTEGER",
    "masses": "INTEGER",
}


class _SessionWriter:
    """Rows go to a temporary table in chunks; duplicates and conflicts are found in SQL."""

    def __init__(self, store: Store, db: Any, env: Env, options: ImportOptions) -> None:
        self.conn, self.db, self.env, self.options = store.conn, db, env, options
        self.buffer: list[tuple[Any, ...]] = []
        # Declared types: the same affinities as the table, so joins can use its indexes.
        columns = ", ".join(
            f"{name} {_SESSION_TYPES.get(name, 'TEXT')}" for name in _SESSION_COLUMNS
        )
        self.conn.execute("DROP TABLE IF EXISTS temp.incoming")
        self.conn.execute(f"CREATE TEMP TABLE incoming (row INTEGER, {columns})")
        marks = ", ".join("?" * (len(_SESSION_COLUMNS) + 1))
        self.insert = f"INSERT INTO temp.incoming VALUES ({marks})"

    def add(self, number: int, values: tuple[Any, ...]) -> None:
        self.buffer.append((number, *values))
        if len(self.buffer) >= CHUNK:
            self.conn.executemany(self.insert, self.buffer)
            self.buffer.clear()

    def finish(self, result: ImportResult, hashing: _Hashing, source: Source) -> ImportResult:
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
        # The file's own repeats: identical rows count once; two versions of one key conflict.
        for first, other in conn.execute(
            f"SELECT min(row), max(row) FROM temp.incoming GROUP BY {group} HAVING count(DISTINCT {values}) > 1"
        ):
            result.conflicts.append(
                t("imp.conflict_in_file", file=source.name, row=other, first=first)
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
        now = utc_now()
        batch = _new_batch(conn, "sessions", source, hashing, self.env, now)
        result.batch = batch
        columns = ", ".join(_SESSION_COLUMNS)
        result.added = conn.execute(
            f"""INSERT INTO propaganda_session ({columns}, created_at, import_batch)
                SELECT {columns}, ?, ? FROM temp.incoming i
                WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {key} AND s.deleted_at IS NULL)
                ORDER BY i.row""",
            (now, batch),
        ).rowcount
        if self.options.update:
            result.updated = _update_sessions(conn, self.db, changed, batch, self.env, now)
        else:
            result.conflicts += [
                t("imp.conflict", file=source.name, row=row, id=sid) for row, sid in changed
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


def _new_batch(conn: Any, kind: str, source: Source, hashing: _Hashing, env: Env, now: str) -> int:
    cursor = conn.execute(
        """INSERT INTO import_batch (kind, file_name, content_hash, rows, added, updated, skipped,
           created_at, created_by) VALUES (?, ?, ?, 0, 0, 0, 0, ?, ?)""",
        (kind, Path(source.name).name, "sha256:" + hashing.digest.hexdigest(), now, env.actor),
    )
    return int(cursor.lastrowid)


class _Records:
    """Units and violations: small files, written record by record (import_records.py)."""

    def __init__(
        self, kind: str, store: Store, db: Any, env: Env, options: ImportOptions, plan_id: int
    ) -> None:
        self.kind, self.store, self.db, self.env, self.options, self.plan_id = (
            kind,
            store,
            db,
            env,
            options,
            plan_id,
        )

    def start(self, source: Source, hashing: _Hashing) -> import_records.RecordWriter:
        def new_batch(now: str) -> int:
            return _new_batch(self.store.conn, self.kind, source, hashing, self.env, now)

        return import_records.RecordWriter(
            self.kind,
            self.store,
            self.db,
            self.env,
            plan_id=self.plan_id,
            update=self.options.update,
            new_batch=new_batch,
        )


# --- the ledger -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchRow:
    id: int
    kind: str
    file_name: str
    content_hash: str
    rows: int
    added: int
    updated: int
    skipped: int
    created_at: str
    created_by: str
    undone_at: str | None


def list_batches(store: Store) -> list[BatchRow]:
    sql = """SELECT id, kind, file_name, content_hash, rows, added, updated, skipped, created_at,
                    created_by, undone_at FROM import_batch ORDER BY id"""
    return [BatchRow(*row) for row in store.conn.execute(sql)]


def undo_batch(store: Store, env: Env, batch_id: int) -> BatchRow:
    """Remove what a batch added and restore what it changed; refused in a closed month."""
    import datetime as dt

    from atgt_cli.services.locks import ensure_open
    from atgt_cli.store import crud

    batch = next((b for b in list_batches(store) if b.id == batch_id), None)
    if batch is None:
        raise NotFoundError(t("imp.no_batch", id=batch_id))
    if batch.undone_at:
        raise InputError(t("imp.undone_already", id=batch_id))
    conn = store.conn
    table = {"sessions": "propaganda_session", "violations": "violation", "units": "unit"}[
        batch.kind
    ]
    dated = {"propaganda_session": "held_on", "violation": "occurred_on", "unit": None}[table]
    with store.write() as db:
        if dated:
            days = [
                row[0]
                for row in conn.execute(
                    f"SELECT DISTINCT {dated} FROM {table} WHERE import_batch = ?", (batch_id,)
                )
            ]
            changed = conn.execute(
                f"SELECT DISTINCT t.{dated} FROM import_change c JOIN {table} t ON t.id = c.row_id WHERE c.batch_id = ?",
                (batch_id,),
            ).fetchall()
            ensure_open(
                store, *(dt.date.fromisoformat(d) for d in [*days, *(r[0] for r in changed)])
            )
        if table == "unit":
            conn.execute(
                "DELETE FROM unit_members WHERE unit_id IN (SELECT id FROM unit WHERE import_batch = ?)",
                (batch_id,),
            )
        try:
            removed = conn.execute(
                f"DELETE FROM {table} WHERE import_batch = ?", (batch_id,)
            ).rowcount
        except sqlite3.IntegrityError:  # units that have records since
            raise InputError(t("imp.undo_in_use", id=batch_id)) from None
        for row_id, before in conn.execute(
            "SELECT row_id, before FROM import_change WHERE batch_id = ? ORDER BY id DESC",
            (batch_id,),
        ).fetchall():
            values = json.loads(before)
            conn.execute(
                f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                (*values.values(), row_id),
            )
        now = utc_now()
        conn.execute(
            "UPDATE import_batch SET undone_at = ?, undone_by = ? WHERE id = ?",
            (now, env.actor, batch_id),
        )
        crud.audit(
            db,
            at=now,
            actor=env.actor,
            action="undo",
            entity=f"import:{batch_id}",
            after={"removed": removed, "restored": batch.updated},
        )
    return next(b for b in list_batches(store) if b.id == batch_id)
