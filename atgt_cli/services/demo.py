"""The demo: a fresh store (never the user's own unless asked), the seed plan, sample records.

Everything goes through the same services as real use, so the demo obeys every rule.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from atgt_cli.errors import InputError
from atgt_cli.jsonable import to_jsonable
from atgt_cli.labels import t
from atgt_cli.services.context import Env
from atgt_cli.services.plandata import PlanData, current_plan
from atgt_cli.services.plans import StoredPlan, get_plan, init_store, plan_view
from atgt_cli.services.sessions import SessionFilterInput, SessionInput, add_session, list_sessions
from atgt_cli.services.units import add_unit, list_units
from atgt_cli.store import queries
from atgt_cli.store.db import Store, using_store

# name, kind, members, exempted
UNITS = [
    ("Chi bộ 1", "chi-bo", 12, 1),
    ("Chi bộ 2", "chi-bo", 9, 0),
    ("Chi bộ 3", "chi-bo", 7, 1),
    ("Chi bộ Văn phòng", "chi-bo", 10, 0),
    ("Đảng ủy Sở", "dang-uy", None, None),
    ("Công đoàn cơ sở", "doan-the", None, None),
    ("Chi đoàn Thanh niên", "doan-the", None, None),
]
# unit, day of month, channel, topics, item, present, masses, title, url
SESSIONS = [
    (
        "Chi bộ 1",
        3,
        "sinh-hoat-chi-bo",
        ["luat-ruou-bia", "khong-can-thiep"],
        "II.2.a",
        10,
        None,
        "Sinh hoạt chi bộ định kỳ",
        None,
    ),
    (
        "Chi bộ 1",
        5,
        "trang-ttdt",
        ["da-uong-ruou-bia"],
        "III.3",
        None,
        None,
        "Đã uống rượu, bia thì không lái xe",
        "https://sct.example.gov.vn/tin/attgt",
    ),
    (
        "Chi bộ 2",
        4,
        "sinh-hoat-chi-bo",
        ["luat-ttatgt-duong-bo"],
        "II.2.a",
        6,
        None,
        "Sinh hoạt chi bộ định kỳ",
        None,
    ),
    (
        "Chi bộ Văn phòng",
        6,
        "sinh-hoat-chi-bo",
        ["khong-can-thiep"],
        "II.2.a",
        9,
        None,
        "Sinh hoạt chi bộ định kỳ",
        None,
    ),
    (
        "Đảng ủy Sở",
        2,
        "sinh-hoat-dau-tuan",
        ["da-uong-ruou-bia"],
        "II.2.a",
        None,
        45,
        "Chào cờ đầu tuần",
        None,
    ),
    (
        "Công đoàn cơ sở",
        7,
        "sinh-hoat-doan-the",
        ["van-hoa-giao-thong"],
        "III.2",
        None,
        38,
        "Văn hóa giao thông",
        None,
    ),
]


@dataclass(frozen=True)
class DemoResult:
    store: Path
    plan: StoredPlan
    plan_data: PlanData
    units: list[queries.UnitRow]
    sessions: list[queries.SessionRow]
    month: str
    files: list[Path]


def run_demo(*, db: Path | None, out: Path | None, env: Env) -> DemoResult:
    if db is not None and db.exists():
        raise InputError(t("demo.exists", path=db))
    if db is None or out is None:
        workdir = Path(tempfile.mkdtemp(prefix="atgt-demo-"))
        db = db or workdir / "atgt-demo.db"
        out = out or workdir
    out.mkdir(parents=True, exist_ok=True)
    init_store(db, actor=env.actor)
    month = f"{env.today.month}/{env.today.year}"
    with using_store(db) as store:
        _sample_records(store, env)
        stored = get_plan(store)
        data = current_plan(store)
        units = list_units(store, on=env.today)
        sessions = list_sessions(store, env, SessionFilterInput(month=month))
    files = {
        "ke-hoach.json": plan_view(stored),
        "don-vi.json": to_jsonable(units),
        "buoi-tuyen-truyen.json": to_jsonable(sessions),
    }
    paths = []
    for name, content in files.items():
        path = out / name
        path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return DemoResult(db, stored, data, units, sessions, month, paths)


def _sample_records(store: Store, env: Env) -> None:
    plan_start = dt.date(2023, 8, 17)
    since = max(plan_start, env.today.replace(day=1) - dt.timedelta(days=365)).isoformat()
    for name, kind, members, exempt in UNITS:
        add_unit(
            store,
            env,
            name=name,
            kind=kind,
            members=members,
            exempt=exempt,
            since=since if members else None,
        )
    for unit, day, channel, topics, item, present, masses, title, url in SESSIONS:
        held = env.today.replace(day=min(day, env.today.day))
        data = SessionInput(
            unit=unit,
            date=held.isoformat(),
            channel=channel,
            topics=topics,
            item=item,
            present=present,
            masses=masses,
            title=title,
            url=url,
        )
        add_session(store, env, data)
