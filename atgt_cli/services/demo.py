"""The demo: a fresh store (never the user's own unless asked), the seed plan, sample records.

Everything goes through the same services as real use, so the demo obeys every rule.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from atgt_cli.documents.report import ReportPack
from atgt_cli.errors import InputError
from atgt_cli.files import make_folders, write_whole
from atgt_cli.jsonable import to_jsonable
from atgt_cli.labels import t
from atgt_cli.services.context import Env
from atgt_cli.services.demo_data import record_demo
from atgt_cli.services.plandata import PlanData, current_plan
from atgt_cli.services.plans import StoredPlan, get_plan, init_store, plan_view
from atgt_cli.services.report import report_for
from atgt_cli.services.report_files import DocumentOptions, report_pack
from atgt_cli.services.sessions import SessionFilterInput, list_sessions
from atgt_cli.services.units import list_units
from atgt_cli.services.violations import (
    ViolationFilterInput,
    ViolationView,
    list_violations,
    redacted,
)
from atgt_cli.store import queries
from atgt_cli.store.db import using_store

# The demo's own "today" (unless --today is given), so every run shows the same months.
DEMO_TODAY = dt.date(2026, 11, 30)


@dataclass(frozen=True)
class DemoResult:
    store: Path
    plan: StoredPlan
    plan_data: PlanData
    units: list[queries.UnitRow]
    sessions: list[queries.SessionRow]
    violations: list[ViolationView]  # all of them, redacted
    month: str
    files: list[Path]  # every output: the JSON files (written) and the report pack's files
    pack: ReportPack  # the month-end report, for the caller to render into `reports`
    reports: list[tuple[Path, str]]  # (file, format)


def run_demo(*, db: Path | None, out: Path | None, env: Env) -> DemoResult:
    if db is not None and db.exists():
        raise InputError(t("demo.exists", path=db))
    if db is None or out is None:
        workdir = Path(tempfile.mkdtemp(prefix="atgt-demo-"))
        db = db or workdir / "atgt-demo.db"
        out = out or workdir
    if out.exists() and not out.is_dir():
        raise InputError(t("demo.out_not_dir", path=out))
    make_folders(out)  # owner-only, as the files in it
    init_store(db, actor=env.actor)
    month = f"{env.today.month}/{env.today.year}"
    with using_store(db) as store:
        record_demo(store, env)
        stored = get_plan(store)
        data = current_plan(store)
        units = list_units(store, on=env.today)
        sessions = list_sessions(store, env, SessionFilterInput(month=month))
        violations = [redacted(v) for v in list_violations(store, env, ViolationFilterInput())]
        # The month-end pack: the report as the office files it.
        report = report_for(store, env, month=month)
        reports = [(out / f"bao-cao-{report.period}.{fmt}", fmt) for fmt in ("md", "docx", "xlsx")]
        pack = report_pack(store, env, report, [fmt for _, fmt in reports], DocumentOptions())
    files = {
        "ke-hoach.json": plan_view(stored),
        "don-vi.json": to_jsonable(units),
        "buoi-tuyen-truyen.json": to_jsonable(sessions),
        "vi-pham-an-danh.json": to_jsonable(violations),
    }
    paths = []
    for name, content in files.items():
        path = out / name
        text = json.dumps(content, ensure_ascii=False, indent=2) + "\n"
        write_whole(path, text.encode("utf-8"))
        paths.append(path)
    made = [*paths, *(path for path, _ in reports)]
    return DemoResult(db, stored, data, units, sessions, violations, month, made, pack, reports)
