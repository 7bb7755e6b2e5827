"""What a report template is given: the model's numbers as Vietnamese figures ("1.200",
"81,8%"), its lists joined as a person writes them ("Chi bộ 1, Chi bộ 2 và Chi bộ 3"), and the
ready-made phrases (a shortfall, a task) a sentence of the template takes. The sentences are
the template's own (render/templates/), so that an office rewrites them in Word."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from atgt_cli.labels import t
from atgt_cli.render.numbers import NO_DATA, number, percent
from atgt_cli.text import printable

if TYPE_CHECKING:
    from atgt_cli.documents.report import Case, Count, Letterhead, Report, Shortfall, Term

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def joined(items: Iterable[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    found = [i for i in items if i]
    if len(found) <= 1:
        return "".join(found)
    return f"{', '.join(found[:-1])} {t('doc.and')} {found[-1]}"


def counted(n: float | None, noun: str) -> str:
    """ "5 buổi", "1.200 lượt quần chúng"; "chưa có số liệu" without data."""
    return t("doc.no_data") if n is None else f"{number(n)} {noun}"


def lower_first(text: str) -> str:
    """A title inside a sentence: "Tăng cường sự lãnh đạo…" → "tăng cường sự lãnh đạo…"."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def period_names(report: Report) -> dict[str, Any]:
    kind, n, year = report.period_kind, report.period_number, report.year
    if kind == "month":
        name, short = t("doc.p.month", n=n, year=year), f"tháng {n}/{year}"
    elif kind == "quarter":
        name, short = t("doc.p.quarter", q=ROMAN[n], year=year), f"quý {ROMAN[n]}/{year}"
    else:
        name = short = (
            t(f"doc.p.half{n}", year=year) if kind == "half" else t("doc.p.year", year=year)
        )
    if kind == "month":
        following = f"tháng {n % 12 + 1}/{year + n // 12}"
    elif kind == "quarter":
        following = f"quý {ROMAN[n % 4 + 1]}/{year + n // 4}"
    elif kind == "half":
        following = t("doc.p.half2", year=year) if n == 1 else t("doc.p.year", year=year + 1)
    else:
        following = t("doc.p.year", year=year + 1)
    what = {"half": "doc.what.half", "year": "doc.what.year"}.get(kind, "doc.what.period")
    return {
        "name": name,  # tháng 11 năm 2026
        "year": year,
        "last_year": year - 1,
        "short": short,  # tháng 11/2026
        "in": t(f"doc.in.{kind}"),  # Trong tháng
        "what": t(what, period=name),  # kết quả tháng 11 năm 2026; sơ kết 6 tháng đầu năm 2026
        "next": following,  # tháng 12/2026
        "ytd": None if kind == "year" else t("doc.ytd", year=year),  # Lũy kế năm 2026
        "last": t("doc.last", year=year - 1),  # cùng kỳ năm 2025
        "as_of": None if report.complete else _day(report.as_of),
    }


def plan_reference(report: Report) -> str:
    """ "Kế hoạch số 16-KH/ĐUSCT ngày 17/8/2023 của Đảng ủy Sở Công Thương về tăng cường …"."""
    day = report.plan_date
    return t(
        "doc.plan_ref",
        kind=report.plan_kind,
        symbol=report.plan,
        date=f"{day.day}/{day.month}/{day.year}",
        issuer=report.plan_issuer,
        title=lower_first(report.plan_title),
    )


def summary_line(report: Report) -> str:
    """The line under "BÁO CÁO": "kết quả thực hiện Kế hoạch số 16-KH/ĐUSCT ngày 17/8/2023 của
    Đảng ủy Sở Công Thương về …, tháng 11 năm 2026"; sơ kết and tổng kết for a half and a year."""
    plan = plan_reference(report)
    key = {"half": "doc.summary.half", "year": "doc.summary.year"}.get(
        report.period_kind, "doc.summary.period"
    )
    return t(key, plan=plan, period=period_names(report)["name"])


def _day(day: Any) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _window(report: Report, which: str) -> dict[str, Any] | None:
    p, c = report.propaganda, report.cases

    def get(count: Count) -> float | None:
        value: float | None = getattr(count, which)
        return value

    if which == "last_year" and not report.has_last_year:
        return None
    sessions, masses = get(p.sessions), get(p.masses)
    return {
        "sessions": counted(sessions, t("doc.n.sessions")),
        "sessions_n": sessions or 0,
        "documents": counted(get(p.documents), t("doc.n.documents")),
        "documents_n": get(p.documents) or 0,
        "web_posts": counted(get(p.web_posts), t("doc.n.web_posts")),
        "web_posts_n": get(p.web_posts) or 0,
        "masses": counted(masses, t("doc.n.masses")),
        "masses_n": masses or 0,
        "attendance": None if get(p.attendance) is None else percent(get(p.attendance)),
        "new": counted(get(c.new), t("doc.n.cases")),
        "new_n": get(c.new) or 0,
        "handled": counted(get(c.handled), t("doc.n.cases")),
        "handled_n": get(c.handled) or 0,
        "published": counted(get(c.published), t("doc.n.cases")),
        "published_n": get(c.published) or 0,
        "late": counted(get(c.late), t("doc.n.cases")),
        "late_n": get(c.late) or 0,
        "struck_off": counted(get(c.struck_off), t("doc.n.members")),
        "struck_off_n": get(c.struck_off) or 0,
    }


def _terms(terms: list[Term], noun: str = "") -> str:
    """ "3 buổi sinh hoạt chi bộ, 1 buổi sinh hoạt đoàn thể": the period's counts by term."""
    prefix = f"{noun} " if noun else ""
    return joined(
        f"{number(n)} {prefix}{lower_first(term.label)}"
        for term in terms
        if (n := term.count.period)
    )


def shortfall_phrase(s: Shortfall, period_kind: str) -> str:
    """What a unit fell short of, as a clause: "chưa tổ chức sinh hoạt chi bộ có nội dung về
    TTATGT", "tỷ lệ đảng viên dự chỉ đạt 60% (chỉ tiêu 80%)"."""
    within = "" if s.period == period_kind else t(f"doc.within.{s.period}")
    what = joined(lower_first(c) for c in s.channels) or t("doc.any_session")
    values = {
        "value": number(s.value),
        "threshold": number(s.threshold),
        "what": what,
        "within": within,
        "label": lower_first(s.label),
    }
    if s.metric == "sessions" and not s.channels and s.value == 0:
        return t("doc.short.label", **values)
    if s.metric in ("sessions", "masses", "web_posts"):
        zero = "none" if not s.value else "some"
        return t(f"doc.short.{s.metric}.{zero}", **values)
    return t(f"doc.short.{s.metric}", **values)


def task_phrase(s: Shortfall, next_period: str) -> str:
    values = {
        "threshold": number(s.threshold),
        "what": joined(lower_first(c) for c in s.channels) or t("doc.any_session"),
        "next": next_period,
        "label": lower_first(s.label),
        "per": t(f"period.{s.period}"),
    }
    if s.metric == "sessions" and not s.channels:
        return t("doc.task.label", **values)
    return t(f"doc.task.{s.metric}", **values)


def _by_unit(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """(unit, clause) pairs as one sentence per unit, in order: "Chi bộ 3 chưa …; tỷ lệ …"."""
    grouped: dict[str, list[str]] = {}
    for unit, clause in pairs:
        grouped.setdefault(unit, []).append(clause)
    return [f"{unit} {'; '.join(clauses)}." for unit, clauses in grouped.items()]


def _case(case: Case, number_in_list: int) -> dict[str, Any]:
    from atgt_cli.render.records import alcohol

    level = alcohol(case)
    return {
        "stt": number_in_list,
        "member": case.member,
        "unit": case.unit,
        "date": _day(case.occurred_on),
        "known": _day(case.known_on),
        "kind": case.category + (f" ({level})" if level else ""),
        "outcome": case.outcome or t("doc.case.open"),
        "decided_by": case.decided_by or "",
        "published": t("doc.yes") if case.published else t("doc.no"),
        "reported": t(f"doc.case.{case.reported}"),
    }


def _annex(report: Report) -> dict[str, Any]:
    rows = []
    for i, u in enumerate(report.units, 1):
        lines = [
            f"{label}: {number(u.by_channel[code])}"
            for code, label in report.channels
            if u.by_channel.get(code)
        ]
        rows.append(
            {
                "stt": i,
                "unit": u.unit,
                "sessions": number(u.sessions),
                "channels": "\n".join(lines),
                "documents": number(u.documents),
                "web_posts": number(u.web_posts),
                "attendance": percent(u.attendance),
                "masses": number(u.masses),
                "violations": number(u.violations),
                "targets": _targets(u.met, u.short, u.pending),
            }
        )
    p, c = report.propaganda, report.cases
    total = {
        "sessions": number(p.sessions.period),
        "documents": number(p.documents.period),
        "web_posts": number(p.web_posts.period),
        "attendance": percent(p.attendance.period),
        "masses": number(p.masses.period),
        "violations": number(c.new.period),
    }
    measure = t(f"doc.attendance.{report.attendance_measure}")
    return {
        "units": rows,
        "total": total,
        "cases": [_case(case, i) for i, case in enumerate(report.case_list, 1)],
        "attendance": measure,
    }


def _targets(met: list[str], short: list[str], pending: list[str]) -> str:
    """ "Đạt 2/3 chỉ tiêu", then what fell short by name, then what is still running."""
    parts = []
    if met or short:
        parts.append(t("doc.targets.met", met=len(met), n=len(met) + len(short)))
    if short:
        parts.append(t("doc.targets.short", labels="; ".join(short)))
    if pending:
        parts.append(t("doc.targets.pending", n=len(pending)))
    return "\n".join(parts) or NO_DATA


def _clean(value: Any) -> Any:
    """Text a Word file cannot hold, wherever in the context it is: controls and bidi marks left
    out, lone surrogates shown as U+FFFD (text.printable); line ends kept."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def context(report: Report, head: Letterhead) -> dict[str, Any]:
    """Everything a template may use, by name (`atgt report template` lists them)."""
    period = period_names(report)
    plan_ref = plan_reference(report)
    shortfalls = _by_unit(
        (s.unit, shortfall_phrase(s, report.period_kind)) for s in report.shortfalls
    )
    tasks = _by_unit(
        [(s.unit, task_phrase(s, period["next"])) for s in report.shortfalls]
        + [
            (unit, t("doc.task.open", n=counted(n, t("doc.n.cases"))))
            for unit, n in report.open_by_unit
        ]
    )
    p, c = report.propaganda, report.cases
    presented, cells = report.plan_presented
    out = {
        "doc": {
            "party": head.party,
            "superior": head.superior,
            "issuer": head.issuer,
            "motto": head.motto,
            "number": head.number,
            "place_date": head.place_date,
            "draft": head.draft,
            "title": head.title,
            "summary": summary_line(report),
            "recipients": [
                f"- {r}{'.' if i == len(head.recipients) - 1 else ','}"
                for i, r in enumerate(head.recipients)
            ],
            "on_behalf": head.on_behalf,
            "signer_title": head.signer_title,
            "signer": head.signer,
            "annex_of": head.number_shown,
        },
        "plan": {"ref": plan_ref, "symbol": report.plan},
        "unit": report.unit,
        "members": head.members,
        "period": period,
        "since": None
        if report.data_since is None or report.data_since <= report.start.replace(month=1, day=1)
        else _day(report.data_since),
        "now": _window(report, "period"),
        "ytd": None if report.period_kind == "year" else _window(report, "ytd"),
        "last": _window(report, "last_year"),
        "channels": _terms(p.by_channel, t("doc.n.sessions")),
        "units_held": f"{p.units_held}/{p.units_expected}",
        "committee_documents": report.documents_by_committee
        and counted(report.documents_by_committee, t("doc.n.documents")),
        "presented": f"{presented}/{cells}" if presented else None,
        "all_presented": cells > 0 and presented == cells,
        "categories": _terms(c.by_category, t("doc.n.cases")),
        "outcomes": _terms(c.by_outcome),
        "open": counted(c.open, t("doc.n.cases")) if c.open else None,
        "report_days": report.report_days,
        "shortfalls": shortfalls,
        "tasks": tasks,
        "notes": {
            "ket_qua": report.notes.get("ket-qua", []),
            "han_che": report.notes.get("han-che", []),
            "phuong_huong": report.notes.get("phuong-huong", []),
        },
        "annex": _annex(report),
    }
    return dict(_clean(out))
