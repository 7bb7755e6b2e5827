"""Plausible demo records: a few months of sessions and violations before the demo's "today",
the same every run (a fixed seed), recorded through the real services and their rules."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from atgt_cli.services.context import Env
from atgt_cli.services.members import MemberInput, add_member
from atgt_cli.services.sessions import SessionInput, add_session
from atgt_cli.services.units import add_unit
from atgt_cli.services.violations import (
    ViolationInput,
    add_violation,
    handle_violation,
    publish_violation,
    report_violation,
)
from atgt_cli.store.db import Store

SEED = 16_2023
MONTHS = 4

# name, kind, members, exempted (None: not a party cell)
UNITS = [
    ("Chi bộ 1", "chi-bo", 12, 1),
    ("Chi bộ 2", "chi-bo", 9, 0),
    ("Chi bộ 3", "chi-bo", 7, 1),
    ("Chi bộ Văn phòng", "chi-bo", 10, 0),
    ("Đảng ủy Sở", "dang-uy", None, None),
    ("Công đoàn cơ sở", "doan-the", None, None),
    ("Chi đoàn Thanh niên", "doan-the", None, None),
    ("Hội Cựu chiến binh", "doan-the", None, None),
]
CELL_TOPICS = ["luat-ttatgt-duong-bo", "luat-ruou-bia", "da-uong-ruou-bia", "khong-can-thiep"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Huỳnh"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Đức"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hùng",
    "Lan",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Yến",
]


def record_demo(store: Store, env: Env) -> None:
    rng = random.Random(SEED)
    first = _month_start(env.today, MONTHS - 1)
    since = first.replace(day=1).isoformat()
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
    names = _names(rng, 12)
    people = {
        cell: [names.pop() for _ in range(3)]
        for cell in ("Chi bộ 1", "Chi bộ 2", "Chi bộ 3", "Chi bộ Văn phòng")
    }
    add_member(
        store,
        env,
        unit="Chi bộ 2",
        data=MemberInput(
            people["Chi bộ 2"][0], "chinh-thuc", None, "Bí thư chi bộ", "Phó Chánh Văn phòng"
        ),
    )
    add_member(
        store,
        env,
        unit="Chi bộ 3",
        data=MemberInput(people["Chi bộ 3"][0], "du-bi", since, None, None),
    )
    for offset in range(MONTHS - 1, -1, -1):
        _month(store, env, rng, _month_start(env.today, offset), last=offset == 0)
    _violations(store, env, people)


def _month_start(today: dt.date, back: int) -> dt.date:
    year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
    return dt.date(year, month + 1, 1)


def _names(rng: random.Random, count: int) -> list[str]:
    out: set[str] = set()
    while len(out) < count:
        out.add(f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}")
    return sorted(out)


def _day(env: Env, start: dt.date, day: int) -> str:
    """That day of the month beginning at start, never after today (days ≤ 28 always exist)."""
    return min(start.replace(day=day), env.today).isoformat()


def _month(store: Store, env: Env, rng: random.Random, start: dt.date, *, last: bool) -> None:
    def session(unit: str, day: int, channel: str, **fields: Any) -> None:
        data = SessionInput(unit=unit, date=_day(env, start, day), channel=channel, **fields)
        add_session(store, env, data)

    monday = 1 + (7 - start.weekday()) % 7
    session(
        "Đảng ủy Sở",
        monday,
        "sinh-hoat-dau-tuan",
        topics=["da-uong-ruou-bia"],
        item="II.2.a",
        masses=rng.randint(35, 60),
        title="Nhắc nhở chấp hành TTATGT tại buổi chào cờ",
    )
    if start.month % 3 == 1:
        session(
            "Đảng ủy Sở",
            10,
            "van-ban",
            topics=["khong-can-thiep"],
            item="II.2.a",
            title="Công văn nhắc nhở không can thiệp xử lý vi phạm",
        )
    totals = {"Chi bộ 1": 11, "Chi bộ 2": 9, "Chi bộ 3": 6, "Chi bộ Văn phòng": 10}
    for cell, total in totals.items():
        if cell == "Chi bộ 3" and last:
            continue  # a cell that falls short this month
        present = total if rng.random() < 0.3 else rng.randint(total * 6 // 10, total - 1)
        session(
            cell,
            rng.randint(3, 9),
            "sinh-hoat-chi-bo",
            topics=rng.sample(CELL_TOPICS, 2),
            item="II.2.a",
            present=present,
            title="Sinh hoạt chi bộ định kỳ, lồng ghép TTATGT",
        )
    if not last:  # Chi bộ 1 has not posted on the website yet this month
        for n in range(rng.randint(1, 2)):
            session(
                "Chi bộ 1",
                12 + 7 * n,
                "trang-ttdt",
                topics=["da-uong-ruou-bia"],
                item="III.3",
                title="Tin bài tuyên truyền an toàn giao thông",
                url=f"https://sct.example.gov.vn/tin-tuc/attgt-{start:%Y-%m}-{n + 1}",
            )
    session(
        "Công đoàn cơ sở",
        15,
        "sinh-hoat-doan-the",
        topics=["van-hoa-giao-thong"],
        item="III.2",
        masses=rng.randint(25, 70),
        title="Văn hóa giao thông cho người lao động",
    )
    if start.month % 2 == 0:
        session(
            "Chi đoàn Thanh niên",
            20,
            "hoi-nghi",
            topics=["da-uong-ruou-bia"],
            item="III.2",
            masses=rng.randint(15, 30),
            title="Thanh niên nói không với rượu, bia khi lái xe",
        )


def _violations(store: Store, env: Env, people: dict[str, list[str]]) -> None:
    def day(month_offset: int, number: int) -> str:
        return _day(env, _month_start(env.today, month_offset), number)

    cases = [
        # unit, member index, category, date, known, reported, breath
        ("Chi bộ 1", 1, "nong-do-con", day(3, 6), day(3, 20), day(3, 24), 0.3),
        ("Chi bộ 2", 0, "can-thiep", day(2, 11), day(2, 11), day(2, 14), None),
        ("Chi bộ 3", 0, "qua-toc-do", day(1, 4), day(1, 18), day(1, 28), None),  # late
        ("Chi bộ Văn phòng", 2, "mu-bao-hiem", day(0, 2), day(0, 3), None, None),
    ]
    for unit, index, category, date, known, reported, breath in cases:
        view = add_violation(
            store,
            env,
            ViolationInput(
                unit=unit,
                member=people[unit][index],
                membership="chinh-thuc",
                category=category,
                date=date,
                known_on=known,
                detected_by="Công an thông báo về cơ quan",
                alcohol_breath=breath,
            ),
        )
        if reported:
            report_violation(store, env, view.id, on=reported)
    handle_violation(
        store,
        env,
        1,
        outcome="khien-trach",
        decided_on=day(2, 8),
        decided_by="chi-bo",
        decision="Số 03-QĐ/CB1",
    )
    publish_violation(store, env, 1, on=day(2, 9), where="Hội nghị chi bộ")
    handle_violation(
        store,
        env,
        2,
        outcome="cach-chuc",
        decided_on=day(1, 2),
        decided_by="dang-uy",
        decision="Số 05-QĐ/ĐUSCT",
    )
    handle_violation(store, env, 3, outcome="canh-cao", decided_on=day(0, 5), decided_by="chi-bo")
