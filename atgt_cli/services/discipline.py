"""The party's rules on members' violations, as pure functions.

- Alcohol tiers of Nghị định 100/2019/NĐ-CP (before 1/1/2025) and 168/2024/NĐ-CP (from then
  on): the same thresholds, each upper bound inclusive ("chưa vượt quá").
- Quy định 69-QĐ/TW (2022): kiểm điểm rút kinh nghiệm is no discipline; the discipline forms are
  khiển trách, cảnh cáo, cách chức (removal from a party post, so only for a member who holds
  one) and khai trừ; a probationary member (dự bị) can only be disciplined by khiển trách or
  cảnh cáo. A decision cannot come before the violation nor before it was known.
- Lateness: a cell reports a violation to the Đảng ủy Sở within the plan's number of days from
  the day it learned of it.
"""

from __future__ import annotations

import datetime as dt
import math

from atgt_cli.dates import format_date
from atgt_cli.errors import FieldRef, RowProblem
from atgt_cli.labels import t

OUTCOMES = ("kiem-diem", "khien-trach", "canh-cao", "cach-chuc", "khai-tru")
DECIDERS = ("chi-bo", "dang-uy", "ubkt")
MEMBERSHIPS = ("chinh-thuc", "du-bi")
PROBATIONARY_OUTCOMES = ("kiem-diem", "khien-trach", "canh-cao")

DECREE_2019 = "100/2019/NĐ-CP"
DECREE_2024 = "168/2024/NĐ-CP"
DECREE_2024_FROM = dt.date(2025, 1, 1)
BREATH_BOUNDS = (0.25, 0.4)  # mg per litre of breath: tier 1 up to 0.25, tier 2 up to 0.4
BLOOD_BOUNDS = (50.0, 80.0)  # mg per 100 ml of blood
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


def alcohol_tier(*, breath: float | None = None, blood: float | None = None) -> int:
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
    return 1 if level <= first else 2 if level <= second else 3


def check_outcome(
    outcome: str, *, membership: str, party_post: str | None, state_title: str | None
) -> None:
    """Refuses an outcome that may not be decided for this member."""
    if outcome not in OUTCOMES:
        choices = ", ".join(OUTCOMES)
        raise RowProblem("outcome", "match.unknown", value=outcome, choices=choices).error(
            "--outcome"
        )
    if membership == "du-bi" and outcome not in PROBATIONARY_OUTCOMES:
        name = t(f"outcome.{outcome}")
        raise RowProblem("outcome", "discipline.probationary", outcome=name).error("--outcome")
    if outcome == "cach-chuc" and not party_post:
        key = "discipline.state_title_only" if state_title else "discipline.no_party_post"
        problem = RowProblem("outcome", key, title=state_title or "", post=FieldRef("party_post"))
        raise problem.error("--outcome", _OPTIONS)


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
