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
import itertools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from atgt_cli.errors import InputError
from atgt_cli.importers.headers import FIELDS, REQUIRED, find_header
from atgt_cli.importers.reading import (
    SAMPLE,
    Source,
    open_text,
    rows,
    sniff_delimiter,
)
from atgt_cli.importers.workbook import is_workbook, open_workbook
from atgt_cli.labels import t
from atgt_cli.services import import_checks, import_records, import_sessions
from atgt_cli.services.context import Env
from atgt_cli.services.import_rows import Context, Problems, RowProblem, day_first
from atgt_cli.services.plandata import current_plan
from atgt_cli.store import writes
from atgt_cli.store.db import Store

KINDS = ("sessions", "violations", "units")


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
    sheet: str | None = None  # a workbook's sheet (the first if None)


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
    if is_workbook(file):
        hashed = _file_hash(file)
        source, cells = open_workbook(file, sheet=options.sheet, legacy=options.legacy)
        return _import(store, env, source, cells, options, mapping, hashed, progress)
    if options.sheet is not None:
        raise InputError(t("imp.sheet_not_workbook", file=file))
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


def _file_hash(file: str) -> _Hashing:
    try:
        with open(file, "rb") as raw:
            hashing = _Hashing(raw)
            while hashing.read(1 << 20):
                pass
    except OSError as exc:
        raise InputError(t("file.unreadable", file=file, reason=exc.strerror or exc)) from None
    return hashing


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
    context = Context(
        store,
        env,
        current_plan(store),
        options.unit,
        mapping.get("values") or {},
        serial_dates=source.sheet is not None,  # a workbook's number in a date column is a day
    )
    result = ImportResult(kind, source.name, dry_run=options.dry_run)
    problems = Problems(source.where, headers, columns)
    first_number = header_index + 2  # the file row of the first data row
    rest: Iterator[list[str]] = itertools.chain(lead[header_index + 1 :], records)
    if progress:
        rest = _counted(rest, progress)
    with store.transaction() as tx:

        def new_batch(now: str) -> int:
            return writes.open_batch(
                tx,
                kind=kind,
                file_name=Path(source.name).name,
                content_hash="sha256:" + hashing.digest.hexdigest(),
                actor=env.actor,
                now=now,
            )

        outcome: ImportResult
        if kind == "sessions":
            sessions = import_sessions.SessionImport(
                store, tx, env, context, problems, update=options.update, new_batch=new_batch
            )
            sessions.load(rest, width=len(headers), first_number=first_number)
            outcome = sessions.finish(result, source.name, skip_invalid=options.skip_invalid)
        else:
            records_writer = import_records.RecordWriter(
                kind,
                store,
                tx,
                env,
                plan_id=context.plan.id,
                update=options.update,
                new_batch=new_batch,
            )
            result.rows = _check_rows(
                kind, context, columns, problems, rest, first_number, records_writer
            )
            refused_early = problems.count and not options.skip_invalid
            outcome = result if refused_early else records_writer.finish(result, source.name)
        refused = bool(problems.count) and not options.skip_invalid
        if options.rejects and problems.rejects:
            _write_rejects(options.rejects, source, headers, problems.rejects)
            outcome.rejected = len(problems.rejects)
        outcome.problems, outcome.problem_count = problems.shown, problems.count
        if refused or options.dry_run:
            tx.rollback()
        return outcome


def _counted(records: Iterator[list[str]], progress: Callable[[int], None]) -> Iterator[list[str]]:
    for number, record in enumerate(records, 1):
        if number % 10_000 == 0:
            progress(number)
        yield record


def _check_rows(
    kind: str,
    context: Context,
    columns: dict[int, str],
    problems: Problems,
    records: Iterator[list[str]],
    first_number: int,
    writer: Any,
) -> int:
    """Check and hand on each row (violations and units: short files, rules across fields);
    returns the number of non-blank rows."""
    checker = _CHECKERS[kind](context)
    dates = sorted(i for i, f in columns.items() if f in _DATE_FIELDS[kind])
    fields = list(columns.items())
    rows_read = 0
    for number, record in enumerate(records, first_number):
        if not any(record) or not "".join(record).strip():
            continue
        rows_read += 1
        width = len(record)
        cells = {f: record[i].strip() if i < width else "" for i, f in fields}
        try:
            values = checker(cells)
        except RowProblem as bad:
            problems.add(number, bad.field, bad.message, record, swapped=bad.swapped)
            continue
        for index in dates:
            if index < width and day_first(record[index]):
                problems.day_first(columns[index])
        writer.add(number, values)
    problems.settle()
    return rows_read


_DATE_FIELDS = {
    "units": {"since"},
    "violations": {"date", "known_on", "reported_on", "decided_on"},
}


def _write_rejects(
    path: Path, source: Source, headers: list[str], rejects: list[tuple[list[str], str]]
) -> None:
    """The bad rows and why: a workbook's as a workbook (unless a text file is asked for), a
    text file's in its own delimiter (UTF-8 with BOM, for Excel)."""
    from atgt_cli.services.report_files import write_whole

    if source.sheet is not None and path.suffix.lower() not in (".csv", ".tsv", ".txt"):
        from atgt_cli.render.rejects import rejects_xlsx

        write_whole(path, rejects_xlsx(source.sheet, [*headers, t("imp.error_column")], rejects))
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=source.delimiter, lineterminator="\n")
    writer.writerow([*headers, t("imp.error_column")])
    for record, message in rejects:
        writer.writerow([*record, message])
    write_whole(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


# --- checkers: one per kind -----------------------------------------------------------------


_CHECKERS: dict[str, Callable[[Context], Callable[[dict[str, str]], Any]]] = {
    "units": import_checks.units_checker,
    "violations": import_checks.violations_checker,
}
