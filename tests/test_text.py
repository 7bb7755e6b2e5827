from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from atgt_cli.dates import DateError, format_date, parse_date, parse_month
from atgt_cli.text import fold, nfc


def test_fold_matches_as_users_type() -> None:
    assert fold("Chi bộ 1") == fold("chi bo 1") == fold("CHI  BỘ 1") == "chi bo 1"
    assert fold("Đảng ủy") == "dang uy"  # Đ has no decomposition: mapped by hand
    assert fold(unicodedata.normalize("NFD", "Trường Sơn")) == "truong son"


def test_nfc_composes_and_collapses_spaces() -> None:
    assert nfc(unicodedata.normalize("NFD", " Hội  nghị\n")) == "Hội nghị"


@given(st.text())
def test_fold_is_stable_and_ignores_normal_form(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@pytest.mark.parametrize(
    "text", ["17/8/2023", "17/08/2023", "2023-08-17", "17-8-2023", "17.8.2023", "17/8/23"]
)
def test_dates_as_offices_write_them(text: str) -> None:
    assert parse_date(text) == dt.date(2023, 8, 17)


@pytest.mark.parametrize(
    "text",
    [
        "17 tháng 8 năm 2023",
        "17 thang 8 nam 2023",
        "ngày 17 tháng 08 năm 2023",
        "Ngày 17/8/2023",
        "2023/08/17",
        "2023.8.17",
        "17 tháng 8, 2023",
        "2023-08-17T00:00",
    ],
)
def test_dates_as_people_write_them(text: str) -> None:
    assert parse_date(text) == dt.date(2023, 8, 17)


@pytest.mark.parametrize(
    "text", ["11/2026", "2026-11", "2026/11", "tháng 11/2026", "Tháng 11 năm 2026", "11.2026"]
)
def test_months_as_people_write_them(text: str) -> None:
    assert parse_month(text) == (2026, 11)


@pytest.mark.parametrize(
    ("text", "message"),
    [("31/02/2023", "không có ngày này"), ("8/17", "không phải ngày"), ("", "không phải ngày")],
)
def test_bad_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(text)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_format_then_parse_round_trips(day: dt.date) -> None:
    assert parse_date(format_date(day)) == day
