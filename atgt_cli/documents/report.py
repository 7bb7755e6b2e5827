"""The report for a period as plain data (every format renders this same model), the letterhead
around a DOCX and the records behind an XLSX's data sheets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from atgt_cli.documents.plans import PlanLabels
from atgt_cli.documents.records import SessionRow, ViolationView


@dataclass(frozen=True)
class Row:
    """One figure in the three windows a party report compares."""

    label: str
    period: float | None
    ytd: float | None
    last_year: float | None


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[Row]


@dataclass(frozen=True)
class TargetResult:
    id: str
    label: str
    threshold: str  # e.g. "≥ 1 / tháng"
    met: list[str]  # units
    short: list[str]
    pending: list[str]


@dataclass(frozen=True)
class Section:
    item: str
    text: str
    units: list[str]
    tables: list[Table]
    targets: list[TargetResult]
    posts: list[dict[str, str]] = field(default_factory=list)  # web posts (title, url, date)


@dataclass(frozen=True)
class Report:
    plan: str
    plan_title: str
    period: str
    period_label: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    unit: str | None
    summary: list[Table]
    sections: list[Section]
    units: list[dict[str, Any]]  # per-unit figures and marks of the period (as status --json)
    short: list[str]
    limitations: list[str]
    directions: list[str]
    notes: dict[str, list[str]]
    redacted: bool
    fingerprint: str = ""


@dataclass(frozen=True)
class Letterhead:
    """What Hướng dẫn 36-HD/VPTW puts around a party report, from the plan's settings."""

    superior: str  # the superior body, first line top left
    issuer: str  # the issuing committee (or cell), in bold
    number: str  # "Số 12-BC/ĐUSCT"; a draft leaves the number blank
    place_date: str  # "Đồng Nai, ngày 05 tháng 01 năm 2026"
    title: str  # "BÁO CÁO"
    summary: str  # the summary line under it
    recipients: list[str]
    on_behalf: str  # "T/M ĐẢNG ỦY" or "T/M CHI BỘ"
    signer_title: str  # "BÍ THƯ" or "PHÓ BÍ THƯ"
    signer: str


@dataclass(frozen=True)
class Records:
    """The period's records, for the workbook's data sheets (redacted with the report)."""

    plan: PlanLabels
    sessions: list[SessionRow]
    violations: list[ViolationView]

    def channel(self, code: str) -> str:
        return self.plan.label("channels", code)

    def topic(self, code: str) -> str:
        return self.plan.label("topics", code)

    def category(self, code: str) -> str:
        return self.plan.label("violation_categories", code)


@dataclass(frozen=True)
class ReportPack:
    """A report with what its files need beyond it: the letterhead of a DOCX, the records of an
    XLSX (None when no file of that format was asked for: they are gathered only then)."""

    report: Report
    letterhead: Letterhead | None = None
    records: Records | None = None
