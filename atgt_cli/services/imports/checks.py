"""Checking rows of units and violations files: each row's cells → the values `unit add` and
`violation add` would store, or the first problem found (a RowProblem naming its field). A
violation's rules are rules/violations.py's, as `violation add` checks them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from atgt_cli.services.rules import Checks
from atgt_cli.services.rules import units as unit_rules
from atgt_cli.services.rules import violations as violation_rules
from atgt_cli.text import fold

# A membership cell that says it is not known (discipline.UNKNOWN's label, as exports write it).
_NOT_KNOWN = {"chua ro", "khong ro", "unknown"}


def units_checker(c: Checks) -> Callable[[dict[str, str]], dict[str, Any]]:
    def check(cells: dict[str, str]) -> dict[str, Any]:
        found = unit_rules.check(c, cells)
        return found | {"since": found["since"].isoformat()}

    return check


def violations_checker(c: Checks) -> Callable[[dict[str, str]], dict[str, Any]]:
    """A register's row: the violation, and how it was handled and published."""

    def check(cells: dict[str, str]) -> dict[str, Any]:
        raw = {**cells, "unit": cells.get("unit") or c.default_unit or ""}
        # A register seldom has a membership column: without one, new members are recorded
        # with their membership unknown (never as chính thức); with one, a new member's is
        # required, unless the cell says it is not known ("chưa rõ", as atgt exports it).
        stated = "membership" in cells
        if stated and fold(cells["membership"]).replace("-", " ") in _NOT_KNOWN:
            raw["membership"], stated = "", False
        found = violation_rules.check(
            c, raw, handling=True, defer_locks=True, membership_column=stated
        )
        return {
            **found.values,
            "_locked": found.locked,
            "member": found.member,
            "membership": found.membership,
            "party_post": found.party_post,
            "state_title": found.state_title,
        }

    return check
