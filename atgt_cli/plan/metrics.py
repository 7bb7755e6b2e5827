"""The measurable quantities a plan's targets may name, defined once.

Plain data with no pydantic, so status and reports can read it without the plan models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Metric = Literal[
    "sessions",
    "attendance",
    "masses",
    "web_posts",
    "violations_reported_on_time",
    "violations_published",
]
Unit = Literal["count", "percent"]


@dataclass(frozen=True)
class MetricInfo:
    unit: Unit
    short: str  # a few words, for trees and table headers
    short_en: str
    label: str
    label_en: str
    # Optional target keys that make sense for this metric; "aggregate" is required where allowed.
    params: frozenset[str] = frozenset()


_FILTERS = frozenset({"filter"})

METRICS: dict[str, MetricInfo] = {
    "sessions": MetricInfo(
        "count",
        "số buổi",
        "sessions",
        "Số buổi tuyên truyền tổ chức trong kỳ",
        "Propaganda sessions held in the period",
        _FILTERS,
    ),
    "attendance": MetricInfo(
        "percent",
        "tỷ lệ dự",
        "attendance",
        "Tỷ lệ đảng viên dự: số dự ÷ (đảng viên − miễn sinh hoạt), lấy buổi cao nhất "
        "(best) hoặc bình quân (mean) trong kỳ",
        "Attendance: present ÷ (members − exempted), the best session of the period (best) "
        "or the mean (mean)",
        _FILTERS | {"aggregate"},
    ),
    "masses": MetricInfo(
        "count",
        "lượt quần chúng",
        "non-members reached",
        "Lượt quần chúng được tuyên truyền trong kỳ",
        "Head-counts of non-members reached in the period",
        _FILTERS,
    ),
    "web_posts": MetricInfo(
        "count",
        "tin, bài trên trang TTĐT",
        "web posts",
        "Số tin, bài đăng trên trang thông tin điện tử trong kỳ",
        "Posts on the department's website in the period",
        frozenset({"filter"}),
    ),
    "violations_reported_on_time": MetricInfo(
        "percent",
        "vi phạm báo cáo đúng hạn",
        "violations reported on time",
        "Tỷ lệ vi phạm báo cáo Đảng ủy Sở đúng hạn (rules.violation_report_days kể từ ngày biết)",
        "Share of violations reported to the committee on time (rules.violation_report_days "
        "after they became known)",
    ),
    "violations_published": MetricInfo(
        "percent",
        "vi phạm đã công khai kết quả",
        "violations with published result",
        "Tỷ lệ vi phạm đã xử lý và đã công khai kết quả",
        "Share of handled violations whose result was published",
    ),
}
