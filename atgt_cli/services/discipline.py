"""The party's rules on members' violations, as pure functions.

Sources (read for this code; the rules an office may need to correct are plan data, `rules:
discipline:` in plans/16-KH-DUSCT.yaml, with these defaults for a stored plan without them):

- Alcohol tiers of Nghị định 100/2019/NĐ-CP (before 1/1/2025) and 168/2024/NĐ-CP (from then
  on): the same thresholds, each upper bound inclusive ("chưa vượt quá").
- Điều lệ Đảng, Điều 35, and Quy định 69-QĐ/TW of 6/7/2022, Điều 7 (amended by Quy định
  264-QĐ/TW of 14/2/2025, which keeps these forms): the discipline forms are, for a full member,
  khiển trách, cảnh cáo, cách chức (if the member holds a post: here a party post) and khai trừ;
  for a probationary member (dự bị) only khiển trách and cảnh cáo
  (thuvienphapluat.vn, "Đã có Quy định 69-QĐ/TW…"; baolamdong.vn, "Tìm hiểu về hình thức xóa tên
  đảng viên"). kiểm điểm rút kinh nghiệm is no discipline.
- Xóa tên khỏi danh sách đảng viên is not a discipline form but an outcome of its own
  (baolamdong.vn, ibid.): a dự bị member not fit to become a full one is proposed by the chi bộ
  and struck off by the cấp ủy có thẩm quyền (Quy định 29-QĐ/TW 2016, 4.2, kept by Quy định
  24-QĐ/TW 2021: thuviennhadat.vn).
- Who decides: Điều lệ Đảng, Điều 36, and Quy định 22-QĐ/TW of 28/7/2021 on inspection,
  supervision and discipline, replaced by Quy định 296-QĐ/TW of 30/5/2025 (quanlynhanuoc.vn,
  "Tìm hiểu những điểm mới của Quy định số 296-QĐ/TW…"): a chi bộ decides khiển trách or cảnh
  cáo for its members; cách chức and khai trừ are for the đảng ủy or its ủy ban kiểm tra, and an
  đảng ủy cơ sở decides khai trừ only where it is authorised to admit members.
- Plausible levels: a blood alcohol above 0.40 % (400 mg/100 ml) is potentially fatal and 0.50 %
  is where death is the expected effect (Wikipedia, "Blood alcohol content", chart of progressive
  effects; a 2012 study found 3 of 1191 emergency patients above 0.50 %). A level above
  500 mg/100 ml, or its breath equivalent at the decrees' own ratio (50 mg/100 ml ≙ 0.25 mg/l:
  2.5 mg/l), is refused as a likely typo ("0,35" typed as "35").
- A decision cannot come before the violation nor before it was known.
- Lateness: a cell reports a violation to the Đảng ủy Sở within the plan's number of days from
  the day it learned of it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from atgt_cli.dates import format_date
from atgt_cli.errors import FieldRef, RowProblem
from atgt_cli.labels import t

STRUCK_OFF = "xoa-ten"  # xóa tên khỏi danh sách đảng viên: an outcome, not a discipline form
OUTCOMES = ("kiem-diem", "khien-trach", "canh-cao", "cach-chuc", "khai-tru", STRUCK_OFF)
DISCIPLINE_FORMS = ("khien-trach", "canh-cao", "cach-chuc", "khai-tru")
DECIDERS = ("chi-bo", "dang-uy", "ubkt")
MEMBERSHIPS = ("chinh-thuc", "du-bi")
# Not known (a register without the column): never taken for chính thức. An outcome every
# membership may have is open to such a member; one that depends on it waits for it to be set.
UNKNOWN = "chua-ro"
PROBATIONARY_OUTCOMES = ("kiem-diem", "khien-trach", "canh-cao", STRUCK_OFF)
# Who may decide each outcome, for which membership, as plans/16-KH-DUSCT.yaml states it (its
# `rules: discipline:` overrides these); `admission` are the bodies that may decide it only
# where the đảng ủy is authorised to admit members (Điều lệ Đảng, Điều 36: khai trừ).
AUTHORITY: dict[str, Any] = {
    "admits_members": True,
    "outcomes": {
        "kiem-diem": {"deciders": list(DECIDERS), "memberships": list(MEMBERSHIPS)},
        "khien-trach": {"deciders": list(DECIDERS), "memberships": list(MEMBERSHIPS)},
        "canh-cao": {"deciders": list(DECIDERS), "memberships": list(MEMBERSHIPS)},
        "cach-chuc": {"deciders": ["dang-uy", "ubkt"], "memberships": ["chinh-thuc"]},
        "khai-tru": {
            "deciders": ["dang-uy", "ubkt"],
            "memberships": ["chinh-thuc"],
            "admission": ["dang-uy"],
        },
        STRUCK_OFF: {"deciders": ["dang-uy"], "memberships": ["du-bi"]},
    },
}

DECREE_2019 = "100/2019/NĐ-CP"
DECREE_2024 = "168/2024/NĐ-CP"
DECREE_2024_FROM = dt.date(2025, 1, 1)
BREATH_BOUNDS = (0.25, 0.4)  # mg per litre of breath: tier 1 up to 0.25, tier 2 up to 0.4
BLOOD_BOUNDS = (50.0, 80.0)  # mg per 100 ml of blood
BREATH_MAX = 2.5  # mg/l: beyond what a living person shows (see the module's sources)
BLOOD_MAX = 500.0  # mg/100 ml
TOP_TIER = 3


# The options of the fields these messages mention, as `violation add` names them.
_OPTIONS = {
    "alcohol_breath": "--alcohol-breath",
    "alcohol_blood": "--alcohol-blood",
    "party_post": "--party-post",
}


def _option(field: str) -> str:
    return "--" + field.replace("_", "-")


def decree_on(day: dt.date) -> str:
    return DECREE_2024 if day >= DECREE_2024_FROM else DECREE_2019


def levels(plan: Mapping[str, Any] | None) -> tuple[float, float]:
    """The highest breath (mg/l) and blood (mg/100 ml) levels taken as measured, as a plan's
    data states them (rules.plausible_levels), else BREATH_MAX and BLOOD_MAX."""
    found = ((plan or {}).get("rules") or {}).get("plausible_levels") or {}
    return float(found.get("breath", BREATH_MAX)), float(found.get("blood", BLOOD_MAX))


def alcohol_tier(
    *,
    breath: float | None = None,
    blood: float | None = None,
    highest: tuple[float, float] = (BREATH_MAX, BLOOD_MAX),
) -> int:
    """Tier 1, 2 or 3 of a measured level (bounds inclusive). The errors here are InputErrors
    of the command line that carry their RowProblem (for an imported row)."""
    if (breath is None) == (blood is None):
        breath_ref, blood_ref = FieldRef("alcohol_breath"), FieldRef("alcohol_blood")
        problem = RowProblem("alcohol_breath", "violation.one_level", breath=breath_ref)
        problem.params["blood"] = blood_ref
        raise problem.error("--alcohol-breath", _OPTIONS)
    level, (first, second), field = (
        (breath, BREATH_BOUNDS, "alcohol_breath")
        if breath is not None
        else (blood, BLOOD_BOUNDS, "alcohol_blood")
    )
    assert level is not None
    if not math.isfinite(level):
        raise RowProblem(field, "field.not_number", value=level).error(_option(field))
    if not level > 0:
        raise RowProblem(field, "field.not_positive", value=level).error(_option(field))
    limit, unit = (highest[0], "mg/l") if field == "alcohol_breath" else (highest[1], "mg/100 ml")
    if level > limit:
        problem = RowProblem(
            field, "violation.level_implausible", value=level, limit=limit, unit=unit
        )
        raise problem.error(_option(field))
    return 1 if level <= first else 2 if level <= second else 3


def authority(plan: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """Who may decide what, as a plan's data states it (else AUTHORITY)."""
    found = ((plan or {}).get("rules") or {}).get("discipline")
    return found if found else AUTHORITY


def check_outcome(
    outcome: str,
    *,
    membership: str,
    party_post: str | None,
    state_title: str | None,
    decided_by: str | None = None,
    rules: Mapping[str, Any] | None = None,
    member: str | None = None,
) -> None:
    """Refuses an outcome that may not be decided for this member (membership: on the day of
    the violation, UNKNOWN when not known), or by this body (None: not stated, as registers often
    leave it; the body's rule then waits until it is known). rules: `authority(plan)`; member:
    the stored member's code, for the hint of how to set an unknown membership. `violation
    handle`, the register import, `violation edit` and `member merge` call this."""
    rules = rules or AUTHORITY
    if outcome not in OUTCOMES:
        choices = ", ".join(OUTCOMES)
        raise RowProblem("outcome", "match.unknown", value=outcome, choices=choices).error(
            "--outcome"
        )
    bodies, memberships, admission = _allowed(rules, outcome)
    name = t(f"outcome.{outcome}")
    if membership == UNKNOWN:
        if not set(MEMBERSHIPS) <= set(memberships):
            allowed = ", ".join(t(f"membership.{m}") for m in memberships)
            key = "discipline.membership_unknown" + ("" if member else "_new")
            problem = RowProblem("outcome", key, outcome=name, allowed=allowed, member=member)
            raise problem.error("--outcome")
    elif membership not in memberships:
        possible = ", ".join(
            t(f"outcome.{code}") for code in OUTCOMES if membership in _allowed(rules, code)[1]
        )
        key = "discipline.probationary" if membership == "du-bi" else "discipline.full_member"
        raise RowProblem("outcome", key, outcome=name, possible=possible).error("--outcome")
    if outcome == "cach-chuc" and not party_post:
        key = "discipline.state_title_only" if state_title else "discipline.no_party_post"
        problem = RowProblem("outcome", key, title=state_title or "", post=FieldRef("party_post"))
        raise problem.error("--outcome", _OPTIONS)
    if decided_by is None:
        return
    if decided_by in admission and not rules.get("admits_members", True):
        raise RowProblem(
            "decided_by",
            "discipline.not_admitting",
            outcome=name,
            body=t(f"decider.{decided_by}"),
        ).error("--decided-by")
    if decided_by not in bodies:
        raise RowProblem(
            "decided_by",
            "discipline.not_deciding",
            outcome=name,
            body=t(f"decider.{decided_by}"),
            bodies=", ".join(t(f"decider.{b}") for b in bodies),
        ).error("--decided-by")


def membership_on(changes: Sequence[tuple[str | None, str]], day: dt.date) -> str:
    """A member's membership on a day from its changes ((since ISO or None, membership), oldest
    first): the latest one since on or before that day; before the first, the first (atgt knows
    nothing earlier); UNKNOWN without any (a member a register brought without the column)."""
    if not changes:
        return UNKNOWN
    known = [m for since, m in changes if since is None or since <= day.isoformat()]
    return known[-1] if known else changes[0][1]


def _allowed(rules: Mapping[str, Any], outcome: str) -> tuple[list[str], list[str], list[str]]:
    """(deciders, memberships, bodies needing the right to admit) of an outcome."""
    found = rules["outcomes"].get(outcome) or AUTHORITY["outcomes"][outcome]
    return list(found["deciders"]), list(found["memberships"]), list(found.get("admission", []))


def check_decision_date(
    decided_on: dt.date, *, occurred_on: dt.date, known_on: dt.date, today: dt.date
) -> None:
    """Refuses a date the decision cannot have."""
    if decided_on > today:
        date, shown_today = format_date(decided_on), format_date(today)
        problem = RowProblem("decided_on", "date.future", date=date, today=shown_today)
        raise problem.error("--decided-on")
    if decided_on < occurred_on:
        raise RowProblem(
            "decided_on",
            "discipline.before_violation",
            date=format_date(decided_on),
            violation=format_date(occurred_on),
        ).error("--decided-on")
    if decided_on < known_on:
        raise RowProblem(
            "decided_on",
            "discipline.before_known",
            date=format_date(decided_on),
            known=format_date(known_on),
        ).error("--decided-on")


def report_deadline(known_on: dt.date, days: int) -> dt.date:
    return known_on + dt.timedelta(days=days)


def reported_late(
    *, known_on: dt.date, reported_on: dt.date | None, days: int, today: dt.date
) -> bool:
    """Reported after the deadline, or not reported and the deadline has passed."""
    deadline = report_deadline(known_on, days)
    return reported_on > deadline if reported_on is not None else today > deadline
