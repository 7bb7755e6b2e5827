"""The report for a period as plain data: the Word template, the text formats and the workbook
all render this same model. Numbers only: the sentences are the template's, the phrases and
the Vietnamese number formats are render/'s."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atgt_cli.documents.plans import PlanLabels
from atgt_cli.documents.records import SessionRow, ViolationView

# The kinds of report: the committee's, a chi bộ's own, a đoàn thể's (not a party document).
COMMITTEE, CELL, ORGANISATION = "dang-uy", "chi-bo", "doan-the"


@dataclass(frozen=True)
class Count:
    """One figure in the three windows a party report compares: the period, the year to date
    (lũy kế) and the same period last year (cùng kỳ); None where atgt holds no data."""

    period: float | None
    ytd: float | None
    last_year: float | None


@dataclass(frozen=True)
class Term:
    """A labelled count: sessions of one channel, cases of one kind or one outcome."""

    code: str
    label: str
    count: Count


@dataclass(frozen=True)
class Propaganda:
    sessions: Count  # held ("buổi"): not documents, not web posts
    by_channel: list[Term]  # the sessions by channel (documents and web posts apart)
    documents: Count  # written documents sent
    web_posts: Count  # posts on the website
    attendance: Count  # % of members present over the sessions with both counts
    masses: Count  # lượt quần chúng
    units_held: int  # units that held a session in the period
    units_expected: int  # units the plan asks to hold sessions


@dataclass(frozen=True)
class Cases:
    new: Count  # the cell learned of them in the window
    by_category: list[Term]
    handled: Count  # decided in the window (xóa tên included)
    by_outcome: list[Term]  # discipline forms and kiểm điểm, xóa tên apart
    struck_off: Count  # xóa tên khỏi danh sách đảng viên: not a discipline form
    published: Count
    late: Count  # reported after the deadline, or not reported once it passed
    open: int  # not handled as of the as-of day


@dataclass(frozen=True)
class Shortfall:
    """A target a unit fell short of, with what it reached."""

    unit: str
    unit_kind: str
    target: str
    label: str
    metric: str  # sessions, attendance, masses, web_posts, violations_…
    channels: list[str]  # labels of the channels the target counts (empty: every channel)
    value: float | None
    threshold: float
    period: str  # the target's own period kind (month, quarter…)


@dataclass(frozen=True)
class UnitLine:
    """One unit's row of the annex."""

    unit: str
    kind: str
    by_channel: dict[str, int]  # every channel, documents and web posts included
    sessions: int
    documents: int
    web_posts: int
    attendance: float | None  # as its attendance target measures it (see attendance_measure)
    masses: int
    violations: int
    met: list[str]  # target labels
    short: list[str]
    pending: list[str]


@dataclass(frozen=True)
class Case:
    """One violation case of the annex."""

    id: int
    member: str  # the code when redacted
    unit: str
    occurred_on: dt.date
    known_on: dt.date
    category: str
    alcohol_breath: float | None  # mg/l
    alcohol_blood: float | None  # mg/100 ml
    alcohol_tier: int | None  # a refused test has the top tier and no level
    outcome: str | None  # None: not handled yet
    decided_by: str | None
    published: bool
    reported: str  # on_time, late, waiting (deadline not passed yet)


@dataclass(frozen=True)
class Report:
    kind: str  # COMMITTEE, CELL, ORGANISATION
    plan: str  # 16-KH/ĐUSCT
    plan_kind: str  # Kế hoạch
    plan_date: dt.date
    plan_issuer: str
    plan_title: str
    period: str  # key: 2026-11, 2026-Q4, 2026-H1, 2026
    period_kind: str  # month, quarter, half, year
    period_number: int
    year: int
    start: dt.date
    end: dt.date
    as_of: dt.date
    complete: bool  # the period is over by the as-of day
    unit: str | None  # the chi bộ or đoàn thể of its own report
    data_since: dt.date | None  # the first record atgt holds for the plan
    has_last_year: bool  # atgt holds the whole of the same period last year
    report_days: int  # a cell reports a member's violation within this many days
    attendance_measure: str  # best or mean: how the annex and the targets read attendance
    documents_by_committee: int  # the Đảng ủy's own documents in the period
    plan_presented: tuple[int, int]  # cells that presented the plan this year, of all cells
    propaganda: Propaganda
    cases: Cases
    shortfalls: list[Shortfall]
    open_by_unit: list[tuple[str, int]]  # units with cases not handled yet
    units: list[UnitLine]
    case_list: list[Case]
    channels: list[tuple[str, str]]  # (code, label) of the channels in the annex, in plan order
    notes: dict[str, list[str]]  # the office's notes: ket-qua, han-che, phuong-huong
    redacted: bool
    fingerprint: str = ""


@dataclass(frozen=True)
class Letterhead:
    """What Hướng dẫn 36-HD/VPTW (or, for a đoàn thể, its own rules) puts around a report."""

    party: bool  # a party document: "ĐẢNG CỘNG SẢN VIỆT NAM" top right
    superior: str  # the superior body, first line top left ("" for none)
    issuer: str  # the issuing committee, cell or organisation, in bold
    motto: list[str]  # top right: the party's name, or the organisation's lines
    number: str  # "Số 12-BC/ĐUSCT"; a draft leaves the number blank
    place_date: str  # "Đồng Nai, ngày 05 tháng 01 năm 2026"; a draft leaves the day blank
    draft: bool
    title: str  # "BÁO CÁO"
    recipients: list[str]
    on_behalf: str  # "T/M ĐẢNG ỦY", "T/M CHI BỘ", "TM. BAN CHẤP HÀNH"
    signer_title: str  # "BÍ THƯ", "PHÓ BÍ THƯ", "CHỦ TỊCH"
    signer: str
    members: str  # what the issuer's members are called: đảng viên, đoàn viên, hội viên
    number_shown: str = ""  # "số 12-BC/ĐUSCT ngày 05/01/2026" for the annex, "" for a draft


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
    XLSX (None when no file of that format was asked for: they are gathered only then), and
    the Word template an office edited (None: atgt's own)."""

    report: Report
    letterhead: Letterhead | None = None
    records: Records | None = None
    template: bytes | None = None
    template_name: str = ""  # where the edited template came from, for its errors
    excel_vi: bool = False  # CSV for Excel in a Vietnamese locale: ";" and a decimal comma
