"""Build large stores for the benchmarks, fast: plain executemany into a store made by atgt.

.venv/bin/python bench/make_store.py OUT.db --sessions 10000 --violations 500 --units 30
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atgt_cli.services.plans import init_store  # noqa: E402

CHANNELS = [
    "sinh-hoat-chi-bo",
    "sinh-hoat-dau-tuan",
    "van-ban",
    "trang-ttdt",
    "sinh-hoat-doan-the",
    "hoi-nghi",
]
TOPICS = [
    "luat-ttatgt-duong-bo",
    "luat-ruou-bia",
    "da-uong-ruou-bia",
    "khong-can-thiep",
    "van-hoa-giao-thong",
]
CATEGORIES = ["nong-do-con", "qua-toc-do", "mu-bao-hiem", "den-do", "can-thiep", "khac"]
OUTCOMES = ["kiem-diem", "khien-trach", "canh-cao"]


def build(
    path: Path,
    *,
    units: int,
    sessions: int,
    violations: int,
    start: dt.date,
    end: dt.date,
    seed: int = 7,
    dense: tuple[dt.date, dt.date, int, int] | None = None,
    history: tuple[dt.date, dt.date, int, int] | None = None,
) -> None:
    """A store with `units` units and records spread evenly over [start, end]. `dense` and
    `history` (from, to, sessions, violations) add records in another window, each from its own
    random stream: stores built with the same arguments but another `history` share every other
    record, so the cost of a report can be compared between a small and a large store."""
    init_store(path, actor="bench")
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    now = "2026-11-24T00:00:00+00:00"
    conn.execute("BEGIN")
    kinds = ["dang-uy"] + ["chi-bo"] * (units * 2 // 3) + ["doan-the"] * units
    rows = [(i + 1, f"Đơn vị {i + 1}", f"don vi {i + 1}", kinds[i], now) for i in range(units)]
    rows[0] = (1, "Chi bộ 1", "chi bo 1", "chi-bo", now)
    conn.executemany(
        "INSERT INTO unit (id, name, name_key, kind, created_at) VALUES (?, ?, ?, ?, ?)", rows
    )
    conn.executemany(
        "INSERT INTO unit_members (unit_id, since, members, exempt) VALUES (?, '2020-01-01', ?, 1)",
        [(i + 1, rng.randint(5, 20)) for i in range(units)],
    )
    conn.executemany(
        "INSERT INTO member (id, code, unit_id, name, name_key, membership, created_at) VALUES (?, ?, ?, ?, ?, 'chinh-thuc', ?)",
        [
            (i + 1, f"ĐV-{i + 1:06X}", i % units + 1, f"Người {i}", f"nguoi {i}", now)
            for i in range(units * 5)
        ],
    )
    # Each member's membership as its first change, as `member add` records it (migration 0012).
    conn.execute(
        "INSERT INTO member_membership (member_id, membership, since, created_at)"
        " SELECT id, membership, NULL, created_at FROM member"
    )

    def spread(count: int, lo: dt.date, hi: dt.date, r: random.Random) -> list[dt.date]:
        days = (hi - lo).days + 1
        return [lo + dt.timedelta(days=r.randrange(days)) for _ in range(count)]

    def insert(count: int, lo: dt.date, hi: dt.date, r: random.Random) -> None:
        session_rows = []
        for day in spread(count, lo, hi, r):
            total = r.randint(5, 20)
            session_rows.append(
                (
                    1,
                    r.randint(1, units),
                    day.isoformat(),
                    r.choice(CHANNELS),
                    json.dumps(r.sample(TOPICS, 2)),
                    "II.2.a",
                    r.randint(0, total),
                    total,
                    r.randint(0, 50),
                    now,
                )
            )
        conn.executemany(
            """INSERT INTO propaganda_session (plan_id, unit_id, held_on, channel, topics, item, present, total,
               masses, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            session_rows,
        )

    def insert_violations(count: int, lo: dt.date, hi: dt.date, r: random.Random) -> None:
        rows = []
        for day in spread(count, lo, hi, r):
            known = day + dt.timedelta(days=r.randint(0, 20))
            reported = known + dt.timedelta(days=r.randint(0, 12))
            decided = reported + dt.timedelta(days=r.randint(1, 20))
            published = decided + dt.timedelta(days=r.randint(1, 10)) if r.random() < 0.7 else None
            unit = r.randint(1, units)
            rows.append(
                (
                    1,
                    unit,
                    unit,
                    r.choice(CATEGORIES),
                    day.isoformat(),
                    known.isoformat(),
                    reported.isoformat(),
                    r.choice(OUTCOMES),
                    decided.isoformat(),
                    "chi-bo",
                    published and published.isoformat(),
                    now,
                )
            )
        conn.executemany(
            """INSERT INTO violation (plan_id, unit_id, member_id, category, occurred_on, known_on, reported_on,
               outcome, decided_on, decided_by, published_on, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
            rows,
        )

    chunk = 100_000
    for done in range(0, sessions, chunk):
        insert(min(chunk, sessions - done), start, end, rng)
    insert_violations(violations, start, end, rng)
    for offset, extra in ((1, dense), (2, history)):
        if extra is not None:
            lo, hi, n_sessions, n_violations = extra
            own = random.Random(seed + offset)
            for done in range(0, n_sessions, chunk):
                insert(min(chunk, n_sessions - done), lo, hi, own)
            insert_violations(n_violations, lo, hi, own)
    conn.execute("COMMIT")
    conn.execute("PRAGMA optimize")
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, default=30)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--violations", type=int, default=500)
    args = parser.parse_args()
    build(
        args.out,
        units=args.units,
        sessions=args.sessions,
        violations=args.violations,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 11, 30),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
