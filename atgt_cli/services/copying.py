"""`atgt store copy --to …`: the whole store into a new one on the other database (a SQLite file
into an empty PostgreSQL database to share it, or a shared store back into a file), checked
table by table (store/copying.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from atgt_cli.config import DatabaseUrl, is_url
from atgt_cli.errors import InputError, StoreError
from atgt_cli.labels import t
from atgt_cli.store import copying, dialects
from atgt_cli.store.copying import TableCopy
from atgt_cli.store.db import Store, using_store


@dataclass(frozen=True)
class CopyResult:
    source: Path | DatabaseUrl
    target: Path | DatabaseUrl
    tables: list[TableCopy]


def copy_store(source: Store, to: str) -> CopyResult:
    target: Path | DatabaseUrl = DatabaseUrl(to) if is_url(to) else Path(to).expanduser()
    if str(target) == str(source.path) or (
        isinstance(target, Path)
        and isinstance(source.path, Path)
        and target.exists()
        and target.resolve() == source.path.resolve()
    ):
        raise InputError(t("copy.same", target=target))
    made = False
    if isinstance(target, Path):
        if target.is_dir() or (target.exists() and not target.is_file()):
            raise InputError(t("copy.not_a_file", target=target))
        if target.exists() and target.stat().st_size > 0:
            raise InputError(t("copy.exists", target=target))
        made = not target.exists()
    try:
        with using_store(target, create=True) as dest:
            taken = copying.non_empty(dest.conn)
            if taken:
                raise InputError(t("copy.not_empty", target=target, tables=", ".join(taken)))
            with dialects.of(source.conn).translate_errors(source.path), dest.transaction() as tx:
                try:
                    tables = copying.copy_all(source.conn, tx)
                except copying.CopyMismatch as exc:
                    raise StoreError(
                        t("copy.mismatch", table=exc.table, want=exc.want[0], got=exc.got[0])
                    ) from None
    except BaseException:
        if made and isinstance(target, Path):
            for leftover in (
                target,
                *(target.with_name(target.name + s) for s in ("-wal", "-shm")),
            ):
                leftover.unlink(missing_ok=True)
        raise
    return CopyResult(source.path, target, tables)
