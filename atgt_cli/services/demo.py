"""The demo: a fresh store (never the user's own unless asked), the seed plan, its outputs."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services.plans import StoredPlan, get_plan, init_store, plan_view
from atgt_cli.store.db import using_store


@dataclass(frozen=True)
class DemoResult:
    store: Path
    plan: StoredPlan
    files: list[Path]


def run_demo(*, db: Path | None, out: Path | None, actor: str) -> DemoResult:
    if db is not None and db.exists():
        raise InputError(t("demo.exists", path=db))
    if db is None or out is None:
        workdir = Path(tempfile.mkdtemp(prefix="atgt-demo-"))
        db = db or workdir / "atgt-demo.db"
        out = out or workdir
    store_path = db
    out.mkdir(parents=True, exist_ok=True)
    init_store(store_path, actor=actor)
    with using_store(store_path) as store:
        stored = get_plan(store)
    plan_file = out / "ke-hoach.json"
    text = json.dumps(plan_view(stored), ensure_ascii=False, indent=2)
    plan_file.write_text(text + "\n", encoding="utf-8")
    return DemoResult(store_path, stored, [plan_file])
