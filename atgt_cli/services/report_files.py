"""What a report's files need: the format from --format or the file's extension, and the extras
of a DOCX (the letterhead) and an XLSX (the period's records). Making the bytes and writing each
file whole is the caller's, through render/files.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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


def report_pack(
    store: Store,
    env: Env,
    report: Report,
    formats: Iterable[str],
    options: DocumentOptions,
) -> ReportPack:
    """The report with the extras of the formats asked for; each is gathered only when needed."""
    plan = chosen_plan(store, report.plan)
    wanted = set(formats)
    head = None
    if "docx" in wanted:
        day = env.day(options.date, field="--date") if options.date else env.today
        head = letterhead(
            plan,
            report,
            number=options.number,
            day=day,
            signer=options.signer,
            signer_title=options.signer_title,
        )
    extra = records(store, env, plan, report) if "xlsx" in wanted else None
    return ReportPack(report, head, extra)


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


def place_date(place: str, day: dt.date) -> str:
    """HD 36: the day zero-padded below 10, the month below 3 ("ngày 05 tháng 01 năm 2026")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def letterhead(
    plan: PlanData,
    report: Report,
    *,
    number: str | None,
    day: dt.date,
    signer: str | None,
    signer_title: str | None,
) -> Letterhead:
    settings = plan.data["report"]
    # By code or as people say it: "Phó Bí thư", "pho bi thu".
    title = match_one(signer_title or settings["signer"]["title"], _TITLES, field="--signer-title")
    committee = str(settings["committee"])
    if report.unit:
        superior, issuer, on_behalf, suffix = committee, report.unit, "T/M CHI BỘ", "BC/CB"
    else:
        superior, issuer = str(settings["superior_body"]), committee
        on_behalf, suffix = "T/M ĐẢNG ỦY", str(settings["number_suffix"])
    shown = f"Số {number.strip()}-{suffix}" if number and number.strip() else f"Số      -{suffix}"
    summary = t("doc.summary", plan=plan.symbol, period=report.period_label)
    return Letterhead(
        superior=superior.upper(),
        issuer=issuer.upper(),
        number=shown,
        place_date=place_date(str(settings["place"]), day),
        title="BÁO CÁO",
        summary=summary,
        recipients=[str(r) for r in settings["recipients"]],
        on_behalf=on_behalf,
        signer_title="BÍ THƯ" if title == "bi-thu" else "PHÓ BÍ THƯ",
        signer=signer if signer is not None else str(settings["signer"].get("name", "")),
    )
