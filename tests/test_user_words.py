"""The command line in the user's words: dates, numbers and choices as people say them, and
its own messages in Vietnamese."""

from __future__ import annotations

import json

import pytest


def sessions(office, *args: str) -> list[dict]:
    result = office("session", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "written", ["17 tháng 11 năm 2026", "ngày 17/11/2026", "2026/11/17", "17 thang 11 nam 2026"]
)
def test_dates_as_people_write_them(office, written: str) -> None:
    result = office("session", "add", "--unit", "cb1", "--date", written, "--channel", "vb")
    assert result.exit_code == 0, result.output
    assert sessions(office)[0]["held_on"] == "2026-11-17"


@pytest.mark.parametrize(("typed", "stored"), [("0,3", 0.3), ("0.3", 0.3), ("0,25", 0.25)])
def test_a_level_takes_a_decimal_comma(office, typed: str, stored: float) -> None:
    result = office(
        *("violation", "add", "--unit", "cb1", "--member", "Nguyễn Văn A"),
        *("--category", "nong-do-con", "--date", "20/11/2026", "--alcohol-breath", typed),
    )
    assert result.exit_code == 0, result.output
    listed = office("violation", "list", "--json")
    assert json.loads(listed.stdout)[0]["alcohol_breath"] == stored


@pytest.mark.parametrize("typed", ["0,3,1", "không", "0"])
def test_a_level_that_is_not_a_number_is_refused_naming_the_field(office, typed: str) -> None:
    result = office(
        *("violation", "add", "--unit", "cb1", "--member", "Nguyễn Văn A"),
        *("--category", "nong-do-con", "--date", "20/11/2026", "--alcohol-breath", typed),
    )
    assert result.exit_code == 1, result.output
    assert "--alcohol-breath" in result.stderr and "Traceback" not in result.output
