"""The party's rules as pure functions: alcohol tiers at their edges, Quy định 69, lateness."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from atgt_cli.errors import InputError
from atgt_cli.services import discipline as d


@pytest.mark.parametrize(
    ("breath", "tier"), [(0.01, 1), (0.25, 1), (0.251, 2), (0.4, 2), (0.401, 3), (1.2, 3)]
)
def test_breath_tiers_have_inclusive_upper_bounds(breath: float, tier: int) -> None:
    assert d.alcohol_tier(breath=breath) == tier


@pytest.mark.parametrize(("blood", "tier"), [(50, 1), (50.01, 2), (80, 2), (80.01, 3)])
def test_blood_tiers_have_inclusive_upper_bounds(blood: float, tier: int) -> None:
    assert d.alcohol_tier(blood=blood) == tier


# Up to the plausible limit less the step: above it a level is refused as a likely typo.
@given(st.floats(min_value=0.001, max_value=d.BREATH_MAX - 0.05, allow_nan=False))
def test_tiers_never_go_down_as_the_level_rises(level: float) -> None:
    assert d.alcohol_tier(breath=level) <= d.alcohol_tier(breath=level + 0.05)


def test_the_decree_switches_on_1_january_2025() -> None:
    assert d.decree_on(dt.date(2024, 12, 31)) == "100/2019/NĐ-CP"
    assert d.decree_on(dt.date(2025, 1, 1)) == "168/2024/NĐ-CP"


@pytest.mark.parametrize(
    ("outcome", "membership", "post", "title", "message"),
    [
        # The refusal says what is possible for a dự bị member instead.
        ("cach-chuc", "du-bi", "Bí thư", None, "có thể: kiểm điểm rút kinh nghiệm, khiển trách"),
        ("khai-tru", "du-bi", None, None, "dự bị"),
        ("cach-chuc", "chinh-thuc", None, "Trưởng phòng", "'Trưởng phòng' là chức vụ chính quyền"),
        ("cach-chuc", "chinh-thuc", None, None, "ghi --party-post"),
        ("treo-gio", "chinh-thuc", None, None, "--outcome"),
    ],
)
def test_forbidden_outcomes(
    outcome: str, membership: str, post: str | None, title: str | None, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        d.check_outcome(outcome, membership=membership, party_post=post, state_title=title)


@pytest.mark.parametrize("outcome", ["kiem-diem", "khien-trach", "canh-cao"])
def test_a_probationary_member_may_be_reviewed_reprimanded_or_warned(outcome: str) -> None:
    d.check_outcome(outcome, membership="du-bi", party_post=None, state_title=None)


@pytest.mark.parametrize(("breath", "blood"), [(2.51, None), (None, 500.5), (35.0, None)])
def test_levels_beyond_a_living_person_are_refused(
    breath: float | None, blood: float | None
) -> None:
    with pytest.raises(InputError, match="gõ nhầm"):
        d.alcohol_tier(breath=breath, blood=blood)


def test_the_plausible_limits_are_accepted() -> None:
    assert d.alcohol_tier(breath=d.BREATH_MAX) == d.alcohol_tier(blood=d.BLOOD_MAX) == 3


@pytest.mark.parametrize(
    ("outcome", "body", "membership", "message"),
    [
        ("cach-chuc", "chi-bo", "chinh-thuc", "Chi bộ không có thẩm quyền quyết định cách chức"),
        ("khai-tru", "chi-bo", "chinh-thuc", "cấp quyết định được: Đảng ủy, Ủy ban kiểm tra"),
        ("xoa-ten", "chi-bo", "du-bi", "Chi bộ không có thẩm quyền"),
        ("xoa-ten", "dang-uy", "chinh-thuc", "chỉ dành cho đảng viên dự bị"),
    ],
)
def test_who_may_decide(outcome: str, body: str, membership: str, message: str) -> None:
    post = "Chi ủy viên"
    with pytest.raises(InputError, match=message):
        d.check_outcome(
            outcome, membership=membership, party_post=post, state_title=None, decided_by=body
        )


@pytest.mark.parametrize(
    ("outcome", "body", "membership"),
    [
        ("khien-trach", "chi-bo", "du-bi"),
        ("canh-cao", "chi-bo", "chinh-thuc"),
        ("cach-chuc", "ubkt", "chinh-thuc"),
        ("khai-tru", "dang-uy", "chinh-thuc"),
        ("xoa-ten", "dang-uy", "du-bi"),
        ("khai-tru", None, "chinh-thuc"),  # body not stated: its rule waits
    ],
)
def test_who_may_decide_allowed(outcome: str, body: str | None, membership: str) -> None:
    d.check_outcome(
        outcome, membership=membership, party_post="Bí thư", state_title=None, decided_by=body
    )


def test_khai_tru_by_a_dang_uy_not_authorised_to_admit_members() -> None:
    rules = {**d.AUTHORITY, "admits_members": False}
    with pytest.raises(InputError, match="được ủy quyền kết nạp"):
        d.check_outcome(
            "khai-tru",
            membership="chinh-thuc",
            party_post=None,
            state_title=None,
            decided_by="dang-uy",
            rules=rules,
        )
    d.check_outcome(
        "khai-tru",
        membership="chinh-thuc",
        party_post=None,
        state_title=None,
        decided_by="ubkt",
        rules=rules,
    )


def test_cach_chuc_with_a_party_post() -> None:
    d.check_outcome(
        "cach-chuc", membership="chinh-thuc", party_post="Phó Bí thư", state_title="Trưởng phòng"
    )


def test_lateness_runs_from_the_day_it_was_known() -> None:
    known = dt.date(2026, 11, 10)
    assert d.report_deadline(known, 7) == dt.date(2026, 11, 17)
    late = d.reported_late
    assert not late(
        known_on=known, reported_on=dt.date(2026, 11, 17), days=7, today=dt.date(2026, 12, 1)
    )
    assert late(
        known_on=known, reported_on=dt.date(2026, 11, 18), days=7, today=dt.date(2026, 12, 1)
    )
    assert not late(known_on=known, reported_on=None, days=7, today=dt.date(2026, 11, 17))
    assert late(known_on=known, reported_on=None, days=7, today=dt.date(2026, 11, 18))
