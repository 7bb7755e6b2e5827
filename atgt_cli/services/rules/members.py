"""The rules of a party member's record, declared once: `member add`, `member edit` and the
members a violation (typed or imported) brings check with these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from atgt_cli.errors import RowProblem
from atgt_cli.labels import MESSAGES
from atgt_cli.services import discipline
from atgt_cli.services.matching import Choice
from atgt_cli.services.rules import Checks, Field, options, pick, text
from atgt_cli.text import fold, nfc, unquote

_MEMBERSHIPS = [
    Choice(code, code, [code, MESSAGES[f"membership.{code}"][0]]) for code in discipline.MEMBERSHIPS
]


def name(_c: Checks, raw: str) -> str:
    found = nfc(unquote(raw))
    if not found:
        raise RowProblem(None, "field.empty")
    return found


def membership(_c: Checks, raw: str) -> str:
    """chinh-thuc or du-bi, by code or name (dự bị)."""
    return pick(raw, _MEMBERSHIPS)


FIELDS = (
    Field("name", "--member", name),
    Field("membership", "--membership", membership),
    Field("since", "--membership-since", lambda c, raw: c.past(raw)),
    Field("party_post", "--party-post", text),
    Field("state_title", "--state-title", text),
)
OPTIONS = options(FIELDS)
_CLEARED = {"party_post", "state_title"}  # "" clears these; the others cannot be empty


def check(c: Checks, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The columns the given fields set (a field that is None is left as it is), checked."""
    out: dict[str, Any] = {}
    for f in FIELDS:
        value = raw.get(f.name)
        if value is None:
            continue
        if not str(value).strip() and f.name in _CLEARED:
            out[f.name] = None
            continue
        assert f.check is not None
        try:
            found: Any = f.check(c, value) if str(value).strip() else name(c, "")
        except RowProblem as problem:
            raise problem.at(f.name) from None
        if f.name == "name":
            out |= {"name": found, "name_key": fold(found)}
        elif f.name == "since":
            out["membership_since"] = found.isoformat()
        else:
            out[f.name] = found
    return out
