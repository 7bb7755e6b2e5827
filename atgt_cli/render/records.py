"""Units, sessions, periods and the audit log as rich tables that fit 80 columns."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any, Protocol

from rich.table import Table

from atgt_cli.dates import format_date, format_timestamp
from atgt_cli.labels import t

if TYPE_CHECKING:
    from atgt_cli.documents.plans import PlanLabels
    from atgt_cli.documents.records import (
        AuditRow,
        MemberRow,
        PeriodLock,
        ReportNoteRow,
        SessionRow,
        UnitRow,
        ViolationView,
    )


def shown_date(iso: str | None) -> str:
    return format_date(dt.date.fromisoformat(iso)) if iso else ""


def _table(*headers: str) -> Table:
    table = Table()
    for key in headers:
        table.add_column(t(key), overflow="fold")
    return table


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def units_table(rows: list[UnitRow]) -> Table:
    aliases = any(row.aliases for row in rows)  # a column only when some unit has one
    columns = ("col.kind", "col.parent", "col.members", "col.exempt", "col.status")
    table = _table("col.name", *(("col.aliases",) if aliases else ()), *columns)
    for row in rows:
        status = (
            t("status.retired", date=shown_date(row.retired_on))
            if row.retired_on
            else t("status.active")
        )
        table.add_row(
            row.name,
            *(("; ".join(row.aliases),) if aliases else ()),
            t(f"unitkind.{row.kind}"),
            row.parent or "",
            _count(row.members),
            _count(row.exempt),
            status,
            style="dim" if row.retired_on else None,
        )
    return table


def attendance(present: int | None, total: int | None) -> str:
    if present is None:
        return ""
    if not total:
        return str(present)
    return f"{present}/{total} ({100 * present / total:.0f}%)"


def sessions_table(rows: list[SessionRow], plan: PlanLabels) -> Table:
    table = _table(
        "col.id", "col.date", "col.unit", "col.channel", "col.present", "col.masses", "col.title_s"
    )
    for row in rows:
        table.add_row(
            str(row.id),
            shown_date(row.held_on),
            row.unit,
            plan.label("channels", row.channel),
            attendance(row.present, row.total),
            _count(row.masses),
            row.title or "",
        )
    return table


def session_detail(row: SessionRow, plan: PlanLabels) -> Table:
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    topics = ", ".join(plan.label("topics", code) for code in row.topics)
    lines: list[tuple[str, Any]] = [
        ("col.id", row.id),
        ("col.plan", plan.symbol),
        ("col.date", shown_date(row.held_on)),
        ("col.unit", row.unit),
        ("col.channel", plan.label("channels", row.channel)),
        ("col.topics", topics),
        ("col.item", row.item),
        ("col.present", attendance(row.present, row.total)),
        ("col.masses", row.masses),
        ("col.title_s", row.title),
        ("col.content", row.content),
        ("col.url", row.url),
        ("col.note", row.note),
        ("col.evidence", row.evidence),
        ("col.created", format_timestamp(row.created_at)),
    ]
    if row.deleted_at:
        lines.append(("col.deleted", f"{format_timestamp(row.deleted_at)} — {row.deleted_reason}"))
    for key, value in lines:
        if value not in (None, ""):
            table.add_row(t(key), str(value))
    return table


def periods_table(rows: list[PeriodLock]) -> Table:
    table = _table("col.month", "col.closed_at", "col.closed_by")
    for row in rows:
        year, month = row.month.split("-")
        table.add_row(f"{int(month)}/{year}", format_timestamp(row.closed_at), row.closed_by)
    return table


def log_table(rows: list[AuditRow]) -> Table:
    table = _table("col.at", "col.actor", "col.action", "col.detail")
    table.columns[3].ratio = 1
    for row in rows:
        action = f"{row.action} {row.entity}"
        table.add_row(format_timestamp(row.at), row.actor, action, _detail(row))
    return table


def _detail(row: AuditRow) -> str:
    """What changed, in short: new values of a creation, old → new of an update."""
    parts = []
    before, after = row.before or {}, row.after or {}
    for key in after:
        old, new = before.get(key), after[key]
        if key in before:
            parts.append(f"{key}: {_value(old)} → {_value(new)}")
        elif new not in (None, "", "[]"):
            parts.append(f"{key}: {_value(new)}")
    if row.reason:
        parts.append(f"«{row.reason}»")
    return "; ".join(parts)


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)


def members_table(rows: list[MemberRow]) -> Table:
    table = _table(
        "col.code", "col.name", "col.unit", "col.membership", "col.party_post", "col.state_title"
    )
    for row in rows:
        table.add_row(
            row.code,
            row.name,
            row.unit,
            t(f"membership.{row.membership}"),
            row.party_post or "",
            row.state_title or "",
        )
    return table


def notes_table(rows: list[ReportNoteRow]) -> Table:
    table = _table("col.id", "col.period", "col.section", "col.text", "col.created")
    for row in rows:
        table.add_row(
            str(row.id), row.period, row.section, row.text, format_timestamp(row.created_at)
        )
    return table


class _Levels(Protocol):
    @property
    def alcohol_breath(self) -> float | None: ...
    @property
    def alcohol_blood(self) -> float | None: ...
    @property
    def alcohol_tier(self) -> int | None: ...


def alcohol(record: _Levels) -> str:
    from atgt_cli.render.numbers import number

    if record.alcohol_breath is not None:  # "0,35 mg/l": a decimal comma, as offices write it
        level = f"{number(record.alcohol_breath, 3)} mg/l"
    elif record.alcohol_blood is not None:
        level = f"{number(record.alcohol_blood, 3)} mg/100ml"
    else:
        level = ""
    # A refused test is punished as the top tier: it has no tier of its own to show.
    tier = (
        ""
        if not record.alcohol_tier
        else f"mức {record.alcohol_tier}"
        if level
        else t("violation.as_top_tier")
    )
    return ", ".join(x for x in (level, tier) if x)


def _report_state(view: ViolationView) -> str:
    due = t("state.due", date=format_date(view.deadline))
    if view.reported_on is None:
        return f"{t('state.late') if view.late else t('state.not_reported')} ({due})"
    return (
        f"{shown_date(view.reported_on)} ({t('state.late') if view.late else t('state.on_time')})"
    )


def violations_table(views: list[ViolationView], plan: PlanLabels) -> Table:
    table = _table(
        "col.id",
        "col.date",
        "col.unit",
        "col.member",
        "col.category",
        "col.reported",
        "col.outcome",
    )
    for record in views:
        outcome = t(f"outcome.{record.outcome}") if record.outcome else t("state.open")
        table.add_row(
            str(record.id),
            shown_date(record.occurred_on),
            record.unit,
            record.member,
            plan.label("violation_categories", record.category),
            _report_state(record),
            outcome,
            style="red" if record.late else None,
        )
    return table


def violation_detail(record: ViolationView, plan: PlanLabels) -> Table:
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    member = f"{record.member} ({record.member_code}, {t(f'membership.{record.membership}')})"
    decided = ""
    if record.decided_on:
        body = t(f"decider.{record.decided_by}") if record.decided_by else t("decider.unknown")
        decided = f"{shown_date(record.decided_on)}, {body}"
        decided += f" — {record.decision}" if record.decision else ""
    published = ""
    if record.published_on:
        published = shown_date(record.published_on) + (
            f", {record.published_where}" if record.published_where else ""
        )
    lines: list[tuple[str, Any]] = [
        ("col.id", record.id),
        ("col.unit", record.unit),
        ("col.member", member),
        ("col.party_post", record.party_post),
        ("col.state_title", record.state_title),
        ("col.category", plan.label("violation_categories", record.category)),
        ("col.date", shown_date(record.occurred_on)),
        ("col.known_on", shown_date(record.known_on)),
        ("col.detected_by", record.detected_by),
        ("col.alcohol", alcohol(record) + (f" ({record.decree})" if record.decree else "")),
        ("col.reported", _report_state(record)),
        ("col.outcome", t(f"outcome.{record.outcome}") if record.outcome else t("state.open")),
        ("col.decided", decided),
        ("col.published", published),
        ("col.content", record.content),
        ("col.note", record.note),
    ]
    if record.deleted_at:
        lines.append(
            ("col.deleted", f"{format_timestamp(record.deleted_at)} — {record.deleted_reason}")
        )
    for key, value in lines:
        if value not in (None, ""):
            table.add_row(t(key), str(value))
    return table


def batches_table(rows: list[Any]) -> Table:
    table = _table(
        "col.batch",
        "col.kind",
        "col.file",
        "col.rows",
        "col.added",
        "col.at",
        "col.actor",
        "col.status",
    )
    for row in rows:
        status = t("status.retired", date=format_timestamp(row.undone_at)) if row.undone_at else ""
        table.add_row(
            str(row.id),
            row.kind,
            row.file_name,
            str(row.rows),
            str(row.added),
            format_timestamp(row.created_at),
            row.created_by,
            status,
        )
    return table
