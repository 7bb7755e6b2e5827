"""What a report's files need: the format from --format or the file's extension, and the extras
of a DOCX (the letterhead) and an XLSX (the period's records). Making the bytes and writing each
file whole is the caller's, through render/files.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from atgt_cli.documents.report import Letterhead as Letterhead
from atgt_cli.documents.report import Records as Records
from atgt_cli.documents.report import ReportPack
from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services.context import Env
from atgt_cli.services.matching import Choice, match_one
from atgt_cli.services.plandata import PlanData
from atgt_cli.services.report import Report
from atgt_cli.services.status import chosen_plan
from atgt_cli.store import queries
from atgt_cli.store.db import Store
from atgt_cli.text import fold

_TITLES = [
    Choice("bi-thu", "bi-thu", ["bi-thu", "Bí thư"]),
    Choice("pho-bi-thu", "pho-bi-thu", ["pho-bi-thu", "Phó Bí thư"]),
]

TEXT_FORMATS = ("table", "md", "csv", "json")
FILE_FORMATS = ("docx", "xlsx")  # files only: not for a terminal
FORMATS = TEXT_FORMATS + FILE_FORMATS
_BY_SUFFIX = {
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".json": "json",
    ".txt": "table",
    ".docx": "docx",
    ".xlsx": "xlsx",
}


def format_for(path: Path | None, given: str | None) -> str:
    """The format asked for, else the one of the file's extension (a terminal gets a table)."""
    if given:
        if given not in FORMATS:
            raise InputError(
                t("match.unknown", field="--format", value=given, choices=", ".join(FORMATS))
            )
        if path is None and given in FILE_FORMATS:
            raise InputError(t("report.needs_file", format=given))
        return given
    if path is None:
        return "table"
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        raise InputError(t("report.bad_format", path=path, formats=", ".join(FORMATS)))
    return found


@dataclass(frozen=True)
class DocumentOptions:
    number: str | None = None
    date: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    template: Path | None = None  # a Word template the office edited
    excel_vi: bool = False


def report_pack(
    store: Store,
    env: Env,
    report: Report,
    formats: Iterable[str],
    options: DocumentOptions,
) -> ReportPack:
    """The report with the extras of the formats asked for; each is gathered only when needed.
    The document's text (DOCX, Markdown, the terminal's view) comes from its Word template."""
    plan = chosen_plan(store, report.plan)
    wanted = set(formats)
    head = None
    template, name = None, ""
    if wanted & {"docx", "md", "table"}:
        day = env.day(options.date, field="--date") if options.date else env.today
        head = letterhead(
            plan,
            report,
            number=options.number,
            day=day,
            signer=options.signer,
            signer_title=options.signer_title,
        )
        template, name = _template(plan, report, options.template)
    extra = records(store, env, plan, report) if "xlsx" in wanted else None
    return ReportPack(
        report, head, extra, template=template, template_name=name, excel_vi=options.excel_vi
    )


TEMPLATE_LIMIT = 20 * 1024 * 1024  # a report template is a few dozen KB; Word's own, a few MB


def _template(plan: PlanData, report: Report, given: Path | None) -> tuple[bytes | None, str]:
    """The office's template: --template, else the plan's setting for this kind of report,
    else None (atgt's own)."""
    setting = plan.data["report"].get("templates", {}).get(report.kind)
    path = given or (Path(setting).expanduser() if setting else None)
    if path is None:
        return None, ""
    if not path.is_file():
        raise InputError(t("template.missing", path=path))
    try:
        with path.open("rb") as file:
            data = file.read(TEMPLATE_LIMIT + 1)
    except OSError as exc:
        raise InputError(t("template.unreadable", path=path, error=exc.strerror)) from None
    if len(data) > TEMPLATE_LIMIT:
        raise InputError(t("template.too_big", path=path, limit=TEMPLATE_LIMIT // 2**20))
    return data, str(path)


def notices(store: Store, env: Env, report: Report) -> list[str]:
    """What the person filing the report should know: a period not over yet is reported up to
    today, and when the report is due (the plan's due_day of the following month)."""
    out = []
    if not report.complete:
        out.append(
            t("report.not_over", day=f"{report.as_of:%d/%m/%Y}", end=f"{report.end:%d/%m/%Y}")
        )
    due_day = chosen_plan(store, report.plan).data["report"].get("due_day")
    if due_day and report.period_kind == "month" and not report.unit:
        first = report.end + dt.timedelta(days=1)
        due = first.replace(day=int(due_day))
        key = "report.due_passed" if env.today > due else "report.due"
        out.append(t(key, day=f"{due:%d/%m/%Y}"))
    return out


def report_kind(store: Store, env: Env, unit: str | None) -> str:
    """The kind of report a unit files: the committee's (no unit), a chi bộ's, a đoàn thể's."""
    from atgt_cli.services.units import find_unit

    if unit is None:
        return "dang-uy"
    return "doan-the" if find_unit(store, unit, on=env.today).kind == "doan-the" else "chi-bo"


def records(store: Store, env: Env, plan: PlanData, report: Report) -> Records:
    from atgt_cli.services import redact
    from atgt_cli.services.violations import ViolationFilterInput, list_violations

    start, end = report.start.isoformat(), report.end.isoformat()
    unit = report.unit
    as_of = dataclasses.replace(env, today=report.as_of)
    sessions = [
        s
        for s in queries.sessions(store.conn, queries.SessionFilter(start=start, end=end))
        if s.plan_id == plan.id and (unit is None or s.unit == unit)
    ]
    violations = [
        v
        for v in list_violations(store, as_of, ViolationFilterInput(start=start, end=end))
        if v.plan_id == plan.id and (unit is None or v.unit == unit)
    ]
    if report.redacted:
        sessions = [
            dataclasses.replace(s, title=None, url=None, note=None, evidence=None) for s in sessions
        ]
        violations = [redact.violation(v) for v in violations]
    return Records(plan, sessions, violations)


def place_date(place: str, day: dt.date | None, *, month: int, year: int) -> str:
    """HD 36: the day zero-padded below 10, the month below 3 ("ngày 05 tháng 01 năm 2026");
    a draft (no day) leaves the day open for the signer: "ngày    tháng 12 năm 2026"."""
    shown_month = f"{month:02d}" if month < 3 else str(month)
    shown_day = f"{day.day:02d}" if day else "    "
    return f"{place}, ngày {shown_day} tháng {shown_month} năm {year}"


def cell_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """A chi bộ's report settings (report.cell), for a plan that sets none: the committee's
    đảng bộ above it, sent up to the committee, a copy kept."""
    committee = str(settings["committee"])
    return {
        "superior_body": re.sub(r"^Đảng ủy\b", "Đảng bộ", committee),
        "number_suffix": "BC/CB",
        "recipients": [f"{committee} (để báo cáo)", "Lưu chi bộ"],
        "signer_title": "bi-thu",
    } | dict(settings.get("cell") or {})


def organisation_settings(settings: dict[str, Any], unit: str) -> dict[str, Any]:
    """A đoàn thể's letterhead (report.organisations, by its name, else "default")."""
    own = settings.get("organisations") or {}
    found = next((v for k, v in own.items() if fold(k) == fold(unit)), None)
    return (
        {
            "superior_body": None,
            "motto": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
            "number_suffix": "BC",
            "recipients": [f"{settings['committee']} (để báo cáo)", "Lưu"],
            "on_behalf": "TM. BAN CHẤP HÀNH",
            "signer_title": "CHỦ TỊCH",
            "members": "đoàn viên",
        }
        | dict(own.get("default") or {})
        | dict(found or {})
    )


def letterhead(
    plan: PlanData,
    report: Report,
    *,
    number: str | None,
    day: dt.date,
    signer: str | None,
    signer_title: str | None,
) -> Letterhead:
    """The header, summary line, recipients and signature of the report's kind, from the plan's
    settings; without a number the report is a draft, its number and day left open."""
    settings = plan.data["report"]
    draft = not (number and number.strip())
    shown = "" if draft else str(number).strip()
    when = place_date(
        str(settings["place"]), None if draft else day, month=day.month, year=day.year
    )
    if report.kind == "doan-the":
        org = organisation_settings(settings, str(report.unit))
        suffix = str(org["number_suffix"])
        number_text = f"Số: {shown or '     '}/{suffix}"
        head = Letterhead(
            party=False,
            superior=str(org.get("superior_body") or "").upper(),
            issuer=str(report.unit).upper(),
            motto=[str(m) for m in org["motto"]],
            number=number_text,
            place_date=when,
            draft=draft,
            title="BÁO CÁO",
            recipients=[str(r) for r in org["recipients"]],
            on_behalf=str(org["on_behalf"]).upper(),
            signer_title=str(org["signer_title"]).upper(),
            signer=signer or "",
            members=str(org["members"]),
        )
    else:
        cell = report.kind == "chi-bo"
        # By code or as people say it: "Phó Bí thư", "pho bi thu".
        own = cell_settings(settings)
        wanted = signer_title or (own["signer_title"] if cell else settings["signer"]["title"])
        title = match_one(wanted, _TITLES, field="--signer-title")
        committee = str(settings["committee"])
        superior = own["superior_body"] if cell else settings["superior_body"]
        suffix = own["number_suffix"] if cell else settings["number_suffix"]
        recipients = own["recipients"] if cell else settings["recipients"]
        head = Letterhead(
            party=True,
            superior=str(superior).upper(),
            issuer=str(report.unit if cell else committee).upper(),
            motto=["ĐẢNG CỘNG SẢN VIỆT NAM"],
            number=f"Số {shown or '     '}-{suffix}",
            place_date=when,
            draft=draft,
            title="BÁO CÁO",
            recipients=[str(r) for r in recipients],
            on_behalf="T/M CHI BỘ" if cell else "T/M ĐẢNG ỦY",
            signer_title="BÍ THƯ" if title == "bi-thu" else "PHÓ BÍ THƯ",
            signer=signer
            if signer is not None
            else ("" if cell else str(settings["signer"].get("name", ""))),
            members="đảng viên",
        )
    issuer = report.unit or str(settings["committee"])
    annex = (
        t("doc.annex_of.draft", issuer=issuer)
        if draft
        else t(
            "doc.annex_of",
            number=f"{shown}-{suffix}" if head.party else f"{shown}/{suffix}",
            day=f"{day.day:02d}/{day.month:02d}/{day.year}",
            issuer=issuer,
        )
    )
    return dataclasses.replace(head, number_shown=annex)
