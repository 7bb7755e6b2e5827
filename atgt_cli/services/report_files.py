"""Writing a report to files: the format from --format or the file's extension, and every file
written whole (to a temporary name, then moved into place) so no half-written report remains."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services.context import Env
from atgt_cli.services.plandata import PlanData
from atgt_cli.services.report import Report
from atgt_cli.services.status import chosen_plan
from atgt_cli.services.violations import ViolationView
from atgt_cli.store import queries
from atgt_cli.store.db import Store

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


def render(report: Report, fmt: str) -> bytes:
    from atgt_cli.render import report as text

    if fmt == "table":
        from rich.console import Console

        console = Console(width=100, record=True, file=io.StringIO(), markup=False, highlight=False)
        console.print(text.report_view(report))
        return console.export_text().encode("utf-8")
    render_text = {"md": text.to_markdown, "csv": text.to_csv, "json": text.to_json}[fmt]
    data = render_text(report)
    # CSV opens in Excel as UTF-8 only with a byte-order mark.
    return ("\ufeff" + data).encode("utf-8") if fmt == "csv" else data.encode("utf-8")


@dataclass(frozen=True)
class DocumentOptions:
    number: str | None = None
    date: str | None = None
    signer: str | None = None
    signer_title: str | None = None


@dataclass(frozen=True)
class Records:
    """The period's records, for the workbook's data sheets (redacted with the report)."""

    plan: PlanData
    sessions: list[queries.SessionRow]
    violations: list[ViolationView]

    def channel(self, code: str) -> str:
        return self.plan.label("channels", code)

    def topic(self, code: str) -> str:
        return self.plan.label("topics", code)

    def category(self, code: str) -> str:
        return self.plan.label("violation_categories", code)


def write_reports(
    store: Store,
    env: Env,
    report: Report,
    targets: list[tuple[Path, str]],
    options: DocumentOptions,
) -> None:
    """Every file asked for; the DOCX and XLSX extras are gathered only when needed."""
    plan = chosen_plan(store, report.plan)
    for path, fmt in targets:
        if fmt == "docx":
            from atgt_cli.render.docx_out import to_docx

            day = env.day(options.date, field="--date") if options.date else env.today
            head = letterhead(
                plan,
                report,
                number=options.number,
                day=day,
                signer=options.signer,
                signer_title=options.signer_title,
            )
            data = to_docx(report, head)
        elif fmt == "xlsx":
            from atgt_cli.render.xlsx_out import to_xlsx

            data = to_xlsx(report, records(store, env, plan, report))
        else:
            data = render(report, fmt)
        write_whole(path, data)


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


def write_whole(path: Path, data: bytes) -> None:
    """Write data to path atomically: a reader sees the old file or the new one, never half."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp makes the file 0600 whatever the umask: reports and exports hold names.
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        raise InputError(t("file.unwritable", file=path, reason=exc.strerror or exc)) from None


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
    title = signer_title or settings["signer"]["title"]
    if title not in ("bi-thu", "pho-bi-thu"):
        raise InputError(
            t("match.unknown", field="--signer-title", value=title, choices="bi-thu, pho-bi-thu")
        )
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
