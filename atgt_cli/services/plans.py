"""Plans in the store: set-up, loading revisions, the current plan, showing and comparing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atgt_cli.config import DatabaseUrl
from atgt_cli.documents.plans import StoredPlan as StoredPlan
from atgt_cli.errors import InputError, NotFoundError
from atgt_cli.labels import t
from atgt_cli.plan.bundled import seed_plan
from atgt_cli.services.context import utc_now
from atgt_cli.store import queries, writes
from atgt_cli.store.db import Store, using_store
from atgt_cli.text import fold

if TYPE_CHECKING:  # pydantic loads only for commands that need the plan itself
    from atgt_cli.plan.schema import Plan


@dataclass(frozen=True)
class LoadResult:
    symbol: str
    rev: int
    changed: bool  # False: the same plan as the latest revision, nothing stored
    current: bool


@dataclass(frozen=True)
class InitResult:
    path: Path | DatabaseUrl
    created: bool
    seed: LoadResult | None  # None: a plan of that symbol was already there
    warnings: list[str]


def init_store(path: Path | DatabaseUrl, *, actor: str) -> InitResult:
    """Create the store if needed and load the bundled seed plan unless its symbol is there."""
    created = isinstance(path, Path) and (not path.exists() or path.stat().st_size == 0)
    plan, text = _validated(seed_plan())
    with using_store(path, create=True) as store:
        created = created or store.created
        if queries.plan_by_key(store.conn, fold(plan.symbol)) is not None:
            return InitResult(path, created, None, store.warnings)
        loaded = _store_plan(store, plan, text, seed_plan().name, actor)
        return InitResult(path, created, loaded, store.warnings)


def load_plan_file(store: Store, file: Path, *, actor: str) -> LoadResult:
    plan, text = _validated(file)
    return _store_plan(store, plan, text, file.name, actor)


def use_plan(store: Store, symbol: str, *, actor: str) -> str:
    row = _find(store, symbol)
    with store.transaction() as tx:
        before = writes.get_meta(tx, key="current_plan")
        writes.set_meta(tx, key="current_plan", value=str(row.id))
        writes.insert_audit(
            tx,
            at=utc_now(),
            actor=actor,
            action="use",
            entity=f"plan:{row.id}",
            before={"current_plan": before},
            after={"current_plan": str(row.id)},
        )
    return row.symbol


def list_plans(store: Store) -> list[queries.PlanRow]:
    return queries.list_plans(store.conn)


def get_plan(store: Store, symbol: str | None = None, rev: int | None = None) -> StoredPlan:
    """A stored plan: by symbol (else the current one), at a revision (else the latest)."""
    if symbol is None:
        plan_id = queries.current_plan_id(store.conn)
        if plan_id is None:
            raise NotFoundError(t("plan.none_current"))
    else:
        plan_id = _find(store, symbol).id
    # A revision past SQLite's integers cannot exist (and would overflow the driver).
    row = queries.revision(store.conn, plan_id, rev) if rev is None or rev < 2**63 else None
    numbers = queries.revision_numbers(store.conn, plan_id)
    if row is None:
        have = ", ".join(str(n) for n in numbers)
        raise NotFoundError(t("plan.no_rev", rev=rev, revs=have))
    return StoredPlan(
        symbol=row.symbol,
        rev=row.rev,
        revisions=numbers,
        is_current=row.is_current,
        loaded_at=row.loaded_at,
        loaded_by=row.loaded_by,
        source_name=row.source_name,
        plan=_plan_from_json(row.data),
    )


def plan_view(stored: StoredPlan, item: str | None = None) -> dict[str, Any]:
    """The plan (or one item with its assignments and targets) as plain data for --json."""
    head = {
        "symbol": stored.symbol,
        "rev": stored.rev,
        "revisions": stored.revisions,
        "current": stored.is_current,
        "loaded_at": stored.loaded_at,
        "loaded_by": stored.loaded_by,
        "source": stored.source_name,
    }
    plan = stored.plan
    if item is None:
        return {**head, "plan": plan.model_dump(mode="json")}
    found = {fold(i.id): i for i in plan.all_items()}
    entry = found.get(fold(item))
    if entry is None:
        known = ", ".join(i.id for i in plan.all_items())
        raise NotFoundError(t("plan.no_item", item=item, known=known))
    return {
        **head,
        "item": entry.model_dump(mode="json"),
        "assignments": [a.model_dump(mode="json") for a in plan.assignments if a.item == entry.id],
        "targets": [x.model_dump(mode="json") for x in plan.targets if x.item == entry.id],
    }


def resolve_ref(store_path: Path | DatabaseUrl, ref: str) -> tuple[str, Plan]:
    """A plan named on the command line: a YAML file, or SYMBOL[@REV] / @REV in the store."""
    file = Path(ref)
    if file.is_file():
        return ref, _validated(file)[0]
    symbol, _, rev_text = ref.partition("@")
    if rev_text and not (rev_text.isdecimal() and len(rev_text) < 10):
        raise InputError(t("plan.bad_ref", ref=ref))
    with using_store(store_path) as store:
        stored = get_plan(store, symbol or None, int(rev_text) if rev_text else None)
    return f"{stored.symbol}@{stored.rev}", stored.plan


def canonical_json(plan: Plan) -> str:
    data = plan.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _plan_from_json(data: str) -> Plan:
    from atgt_cli.plan.schema import Plan

    return Plan.model_validate_json(data)


def _validated(file: Path) -> tuple[Plan, str]:
    from atgt_cli.plan.loader import PlanError, check_plan, format_problem, read_plan_text

    text = read_plan_text(file)
    plan, problems = check_plan(text)
    if plan is None:
        lines = [format_problem(file, p) for p in problems]
        raise PlanError(t("plan.validate.failed", file=file, count=len(problems)), details=lines)
    return plan, text


def _find(store: Store, symbol: str) -> queries.PlanRow:
    row = queries.plan_by_key(store.conn, fold(symbol))
    if row is None:
        known = ", ".join(p.symbol for p in queries.list_plans(store.conn)) or "—"
        raise NotFoundError(t("plan.unknown", symbol=symbol, known=known))
    return row


def _store_plan(store: Store, plan: Plan, text: str, source: str, actor: str) -> LoadResult:
    data = canonical_json(plan)
    digest = hashlib.sha256(data.encode()).hexdigest()
    now = utc_now()
    with store.transaction() as tx:
        # Read inside the write transaction: two loads at once cannot both add revision N.
        existing = queries.plan_by_key(store.conn, fold(plan.symbol))
        if existing is None:
            symbol_key = fold(plan.symbol)
            plan_id = writes.insert_plan(
                tx, symbol=plan.symbol, symbol_key=symbol_key, created_at=now
            )
            rev = 1
        else:
            latest = queries.revision(store.conn, existing.id)
            assert latest is not None
            if latest.content_hash == digest:
                return LoadResult(existing.symbol, latest.rev, False, existing.is_current)
            plan_id, rev = existing.id, latest.rev + 1
        writes.insert_plan_revision(
            tx,
            plan_id=plan_id,
            rev=rev,
            content_hash=digest,
            source_name=source,
            source_text=text,
            data=data,
            loaded_at=now,
            loaded_by=actor,
        )
        after = {"symbol": plan.symbol, "rev": rev, "source": source, "content_hash": digest}
        writes.insert_audit(
            tx, at=now, actor=actor, action="load", entity=f"plan:{plan_id}", after=after
        )
        current = writes.get_meta(tx, key="current_plan")
        if not current:  # the first plan becomes the current one
            current = str(plan_id)
            writes.set_meta(tx, key="current_plan", value=current)
    return LoadResult(plan.symbol, rev, True, current == str(plan_id))
