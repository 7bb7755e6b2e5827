"""Reading the audit log (it is written by every change, in the change's own transaction)."""

from __future__ import annotations

from atgt_cli.services.context import Env
from atgt_cli.store import queries
from atgt_cli.store.db import Store


def read_log(
    store: Store,
    env: Env,
    *,
    since: str | None = None,
    entity: str | None = None,
    redact: bool = False,
) -> list[queries.AuditRow]:
    start = env.day(since, field="--since").isoformat() if since else None
    rows = queries.audit_log(store.conn, since=start, entity=entity.strip() if entity else None)
    if redact:
        from atgt_cli.services import redact as redaction

        rows = [redaction.audit(row) for row in rows]
    return rows
