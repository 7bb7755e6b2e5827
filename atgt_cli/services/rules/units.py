"""The rules of a unit and of its member count, declared once: `unit add`, `unit members` and
the import of a units file check with these."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from atgt_cli.errors import FieldRef, RowProblem
from atgt_cli.services.matching import Choice
from atgt_cli.services.rules import (
    Checks,
    Field,
    Rule,
    broken,
    check_fields,
    check_one,
    count,
    options,
    pick,
)
from atgt_cli.text import compact, nfc

KINDS = ("chi-bo", "doan-the", "dang-bo-bo-phan", "dang-uy")
_KIND_NAMES = [
    Choice("chi-bo", "chi-bo", ["chi-bo", "Chi bộ", "CB"]),
    Choice("doan-the", "doan-the", ["doan-the", "Đoàn thể"]),
    Choice("dang-bo-bo-phan", "dang-bo-bo-phan", ["dang-bo-bo-phan", "Đảng bộ bộ phận"]),
    Choice("dang-uy", "dang-uy", ["dang-uy", "Đảng ủy"]),
]


def _name(_c: Checks, raw: str) -> str:
    return nfc(raw)


def _aliases(_c: Checks, raw: str | list[str]) -> tuple[str, ...]:
    """Other names: as typed (--alias, repeated), or one cell's text, separated by ';' or by
    lines ("CB Văn phòng; Văn phòng"). Repeats (accent-insensitively) are dropped."""
    given = re.split(r"[;\n]", raw) if isinstance(raw, str) else raw
    found: dict[str, str] = {}
    for text in map(nfc, given):
        if not compact(text):
            if isinstance(raw, list):  # typed `--alias ""`
                raise RowProblem(None, "field.empty")
            continue
        found.setdefault(compact(text), text)
    return tuple(found.values())


def _kind(_c: Checks, raw: str) -> str:
    """A kind by its code or its name, typed or in a file, with or without diacritics:
    "chi-bo", "chi-bộ", "Chi bộ", "chi bo", "CB"."""
    return pick(raw, _KIND_NAMES)


# The member count in force from a day: `unit members`, and the count a new unit may start with.
COUNT = (
    Field("members", "--members", count),
    Field("exempt", "--exempt", count),
    Field("since", "--since", lambda c, raw: c.past(raw)),
)
FIELDS = (
    Field("name", "NAME", _name, required=True, missing="field.empty"),
    Field("kind", "--kind", _kind, required=True),
    Field("parent", "--parent", _name),
    *COUNT,
    ALIASES := Field("aliases", "--alias", _aliases),
)
OPTIONS = options(FIELDS)

RULES = (
    Rule(
        "exempt",
        "unit.members_needed",
        lambda v: v["members"] is None and (v["exempt"] is not None or v["since"] is not None),
        params=lambda _v: {
            "exempt": FieldRef("exempt"),
            "since": FieldRef("since"),
            "members": FieldRef("members"),
        },
    ),
    Rule(
        "exempt",
        "unit.exempt_over",
        lambda v: v["members"] is not None and (v["exempt"] or 0) > v["members"],
        params=lambda v: {
            "exempt": v["exempt"],
            "members": v["members"],
            "exempt_name": FieldRef("exempt"),
        },
    ),
)


def check(c: Checks, raw: Mapping[str, Any]) -> dict[str, Any]:
    """A unit as typed (or a units file's row) → name, kind, parent (as named), members,
    exempt and since (today when not given), or the first RowProblem."""
    return _counted(c, check_fields(c, FIELDS, raw))


def check_aliases(c: Checks, raw: str | list[str]) -> tuple[str, ...]:
    """Aliases as typed (`unit alias add`) or a cell's text, or the RowProblem."""
    found: tuple[str, ...] = check_one(c, ALIASES, raw) or ()
    return found


def check_count(c: Checks, raw: Mapping[str, Any]) -> dict[str, Any]:
    """A member count (`unit members`): members, exempt and since, or the first RowProblem."""
    return _counted(c, check_fields(c, COUNT, raw))


def _counted(c: Checks, values: dict[str, Any]) -> dict[str, Any]:
    broken(RULES, values)
    return values | {"exempt": values["exempt"] or 0, "since": values["since"] or c.env.today}
