"""Reading the audit log (it is written by every change, in the change's own transaction)."""

from __future__ import annotations

from atgt_cli.services.context import Env
from atgt_cli.store import queries
from atgt_cli.store.db import Store


def read_log(
    store: Store, env: Env, *, since: str | None = None, entity: str | None = None
) -> list[queries.AuditRow]:
    start = env.day(since, field="--since").isoformat() if since else None
    return queries.audit_log(store.conn, since=start, entity=entity.strip() if entity else None)
