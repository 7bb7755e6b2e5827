"""Who is on track, as `atgt status` shows it: each unit's figures for a period and its marks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figures:
    """What units did in a window."""

    sessions: int = 0  # held ("buổi"): documents and web posts are counted apart
    documents: int = 0  # written documents sent ("văn bản")
    by_channel: dict[str, int] = field(default_factory=dict)
    present: int = 0
    total: int = 0
    attendance: float | None = None  # % of members present, over sessions with both counts
    masses: int = 0
    web_posts: int = 0
    violations: int = 0  # new: the cell learned of them in the window
    handled: int = 0
    published: int = 0
    reported_on_time: int = 0
    reported_late: int = 0
    open: int | None = None  # not handled as of the as-of day (for the period only)


@dataclass(frozen=True)
class Mark:
    target: str
    state: str  # met, short, pending, na
    value: float | None
    threshold: float
    detail: str  # e.g. "0 / ≥ 1", "2/3 tháng đạt"


@dataclass(frozen=True)
class UnitStatus:
    unit_id: int
    unit: str
    kind: str
    figures: Figures
    marks: list[Mark]
    shortfalls: list[str]  # in words


@dataclass(frozen=True)
class TargetInfo:
    id: str
    item: str
    label: str
    metric: str
    period: str
    threshold: float
    unit: str  # "count" or "percent"


@dataclass(frozen=True)
class Status:
    plan: str
    period: str  # the period's key, e.g. 2026-11
    period_label: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    targets: list[TargetInfo]
    units: list[UnitStatus]
    totals: Figures
    channels: dict[str, str]  # code → a short name, for narrow tables

    @property
    def short(self) -> list[UnitStatus]:
        return [u for u in self.units if u.shortfalls]
