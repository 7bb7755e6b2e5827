"""`atgt import`: a file checked whole, then written in one transaction as a batch.

Every row is checked before anything is written; a bad row stops the import (or, with
--skip-invalid, goes to the rejects file) and every problem is named FILE:ROW:COLUMN. Rows are
matched on a natural key: an identical row is skipped, the same key with other values is a
conflict, written only with --update (old values kept for undo and in the audit log). Session
rows stream through a temporary table, so memory stays flat however long the file.

The package: base.py (options, result, the Importer protocol), problems.py (a file's problems),
sessions.py (the bulk importer of sessions, with store/staging.py), records.py and checks.py
(units and violations, row by row), ledger.py (batches listed and undone).
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import IO, Any, TypeVar

from atgt_cli.documents.imports import ColumnUse, HeaderMapping, Rejects
from atgt_cli.errors import InputError
from atgt_cli.importers.guard import COLUMN_LIMIT, regular_file, workbook_kind
from atgt_cli.importers.headers import (
    DUPLICATE,
    FIELDS,
    LOOKAHEAD,
    REQUIRED,
    UNKNOWN,
    HeaderMatch,
    find_header,
)
from atgt_cli.importers.reading import (
    SAMPLE,
    Source,
    column_letter,
    open_text,
    rows,
    sniff_delimiter,
)
from atgt_cli.importers.workbook import is_workbook, open_workbook
from atgt_cli.labels import t
from atgt_cli.services.context import Env
from atgt_cli.services.imports.base import Importer, ImportResult
from atgt_cli.services.imports.base import ImportOptions as ImportOptions
from atgt_cli.services.imports.faults import Faults
from atgt_cli.services.imports.problems import Problems
from atgt_cli.services.imports.records import RecordImport
from atgt_cli.services.imports.sessions import SessionImport
from atgt_cli.services.plandata import current_plan
from atgt_cli.services.rules import Checks
from atgt_cli.store import writes
from atgt_cli.store.db import Store
from atgt_cli.text import nfc

KINDS = ("sessions", "violations", "units")
_T = TypeVar("_T")


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
    write_rejects: Callable[[Rejects], None] | None = None,
) -> ImportResult:
    """Import a file (or "-": standard input). progress is told the rows read, every 10,000;
    write_rejects writes the refused rows (--rejects) before the import is committed, so a
    rejects file that cannot be written leaves the store as it was."""
    mapping = _options_checked(options)
    _outputs_checked(file, options)
    hooks = (progress, write_rejects)

    def use(source: Source, records: Iterator[list[str]], hashing: _Hashing) -> ImportResult:
        return _import(store, env, source, records, options, mapping, hashing, hooks)

    return _read(file, options, use)


def show_mapping(file: str, options: ImportOptions) -> HeaderMapping:
    """How each column of a file's header is understood, and where the header is; the store is
    not opened (`--show-mapping`). A header that lacks a needed column is an error, as in an
    import."""
    mapping = _options_checked(options)

    def use(source: Source, records: Iterator[list[str]], _hashing: _Hashing) -> HeaderMapping:
        found = _header(source, _lead(records), options, mapping)
        columns = _uses(source, found, options.kind)
        return HeaderMapping(options.kind, source.name, found.row + 1, columns)

    return _read(file, options, use)


def _outputs_checked(file: str, options: ImportOptions) -> None:
    """--rejects may replace neither the file being imported, nor its mapping, nor the store:
    refused before anything is read (atgt_cli.files)."""
    from atgt_cli import files

    if file != "-":
        files.keep_safe(Path(file), "output.the_input")
    if options.mapping is not None:
        files.keep_safe(options.mapping, "output.the_mapping")
    if options.rejects is not None:
        files.check_output(options.rejects)


def _options_checked(options: ImportOptions) -> dict[str, Any]:
    """The kind and --legacy checked, and the mapping file read."""
    if options.kind not in KINDS:
        raise InputError(
            t("match.unknown", field="KIND", value=options.kind, choices=", ".join(KINDS))
        )
    if options.legacy is not None:
        from atgt_cli.importers.legacy import ENCODINGS

        if options.legacy not in ENCODINGS:
            choices = ", ".join(ENCODINGS)
            raise InputError(
                t("match.unknown", field="--legacy", value=options.legacy, choices=choices)
            )
    return _mapping(options.mapping)


def _read(
    file: str, options: ImportOptions, use: Callable[[Source, Iterator[list[str]], _Hashing], _T]
) -> _T:
    """Open a file (a workbook's sheet, or delimited text in its encoding) and hand its rows to
    use; a text file's encoding and CSV errors inside become an InputError naming the file."""
    if file != "-":
        regular_file(file)  # not a device, a FIFO or a directory
    # A text file saved under a workbook's name is read as the text it is.
    if is_workbook(file) and workbook_kind(file) != "text":
        hashed = _file_hash(file)
        source, cells = open_workbook(file, sheet=options.sheet, legacy=options.legacy)
        return use(source, cells, hashed)
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
            return use(source, rows(text, source), hashing)
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
    from atgt_cli.importers.mapping import read_mapping

    return read_mapping(path)


def _import(
    store: Store,
    env: Env,
    source: Source,
    records: Iterator[list[str]],
    options: ImportOptions,
    mapping: dict[str, Any],
    hashing: _Hashing,
    hooks: tuple[Callable[[int], None] | None, Callable[[Rejects], None] | None],
) -> ImportResult:
    kind = options.kind
    progress, write_rejects = hooks
    lead = _lead(records)
    found = _header(source, lead, options, mapping)
    columns, headers = found.columns, found.cells
    context = Checks(
        store,
        env,
        current_plan(store),
        options.unit,
        mapping.get("values") or {},
        serial_dates=source.sheet is not None,  # a workbook's number in a date column is a day
    )
    result = ImportResult(kind, source.name, dry_run=options.dry_run)
    result.unused_columns = [c for c in _uses(source, found, kind) if c.unused in _NAMED]
    problems = Problems(
        source.where,
        headers,
        columns,
        faults=Faults.of(source, columns),
        keep_rejects=options.rejects is not None,
    )
    first_number = found.data_start + 1  # the file row of the first data row
    rest: Iterator[list[str]] = itertools.chain(lead[found.data_start :], records)
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

        make = SessionImport if kind == "sessions" else partial(RecordImport, kind)
        importer: Importer = make(
            store,
            tx,
            env,
            context,
            problems,
            update=options.update,
            skip_invalid=options.skip_invalid,
            new_batch=new_batch,
        )
        importer.load(rest, width=len(headers), first_number=first_number)
        outcome = importer.finish(result, source.name)
        refused = bool(problems.count) and not options.skip_invalid
        if options.rejects and problems.rejects and write_rejects:
            rows = [[*record, message] for record, message in problems.rejects]
            headings = [*headers, t("imp.error_column")]
            write_rejects(Rejects(options.rejects, source.sheet, source.delimiter, headings, rows))
            outcome.rejected = len(problems.rejects)
        outcome.problems, outcome.problem_count = problems.shown, problems.count
        outcome.not_data = problems.not_data
        if options.skip_invalid:
            outcome.left_out = problems.count
        if refused or options.dry_run or not (outcome.added or outcome.updated):
            # Nothing is kept: no batch is recorded for an import that refused, only tried, or
            # brought nothing new.
            tx.rollback()
            outcome.batch = None
        return outcome


def _lead(records: Iterator[list[str]]) -> list[list[str]]:
    """The first rows of a file, where its header is looked for (the iterator goes on after)."""
    return list(itertools.islice(records, LOOKAHEAD))


def _header(
    source: Source, lead: list[list[str]], options: ImportOptions, mapping: dict[str, Any]
) -> HeaderMatch:
    """The header row among the first rows, naming every column the kind needs (the unit's
    is not needed with --unit); else an error naming what is missing."""
    kind = options.kind
    required = tuple(f for f in REQUIRED[kind] if not (f == "unit" and options.unit))
    widest = max((len(row) for row in lead), default=0)
    if widest > COLUMN_LIMIT:
        raise InputError(
            t("imp.too_many_columns", file=source.name, count=widest, limit=COLUMN_LIMIT)
        )
    found = find_header(lead, kind, mapping.get("columns"), required=required)
    if found is None:
        names = ", ".join(FIELDS[kind][f][0] for f in required)
        raise InputError(t("imp.no_header", file=source.name, fields=names))
    if found.missing:
        missing = ", ".join(FIELDS[kind][f][0] for f in found.missing)
        seen = ", ".join(f'"{nfc(cell)}"' for cell in found.cells if nfc(cell))
        raise InputError(
            t("imp.missing_column", file=source.name, row=found.row + 1, missing=missing, seen=seen)
        )
    return found


# Columns an import names in its summary: those nobody knows and those repeating a field.
_NAMED = (UNKNOWN, DUPLICATE)


def _uses(source: Source, found: HeaderMatch, kind: str) -> list[ColumnUse]:
    """Every filled header cell and what became of it, named as the file is seen."""
    out = []
    for index, cell in enumerate(found.cells):
        if not nfc(cell):
            continue
        field = found.columns.get(index)
        column = (
            str(index + 1) if source.sheet is None else column_letter(source.first_column + index)
        )
        label = FIELDS[kind][field][0] if field else None
        out.append(ColumnUse(column, nfc(cell), field, label, found.unused.get(index)))
    return out


def _counted(records: Iterator[list[str]], progress: Callable[[int], None]) -> Iterator[list[str]]:
    for number, record in enumerate(records, 1):
        if number % 10_000 == 0:
            progress(number)
        yield record
