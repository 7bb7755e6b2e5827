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
