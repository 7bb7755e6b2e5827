"""The rules of a propaganda session, declared once: `session add`, `session edit` and the bulk
import (store/staging.py compiles RULES to SQL) all check a session with these."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from atgt_cli.errors import FieldRef, RowProblem
from atgt_cli.services.rules import (
    URL,
    Checks,
    Field,
    Rule,
    broken,
    check_fields,
    count,
    dated,
    link,
    month_of,
    options,
    present,
    retired,
    text,
    topics_json,
)
from atgt_cli.store import queries
from atgt_cli.store.writes import NewSession


def _evidence(_c: Checks, raw: str) -> str:
    """A link, or a file on this computer (stored with its full path). In a file's rows the
    evidence is text as the office wrote it (a file name on another PC, "biên bản số 3")."""
    value = text(_c, raw)
    assert value is not None
    if URL.match(value):
        return value
    path = Path(value).expanduser()
    if not path.exists():
        raise RowProblem(None, "session.no_evidence", value=value)
    return str(path.resolve())


# In the order they are checked: a row's first problem is the one reported.
FIELDS = (
    Field("date", "--date", lambda c, raw: c.in_plan(raw), required=True),
    Field("unit", "--unit", lambda c, raw: c.unit(raw), required=True),
    Field("channel", "--channel", lambda c, raw: c.term("channels", raw), required=True),
    Field("topics", "--topic", topics_json),
    Field("content", "--content", text),
    Field("item", "--item", lambda c, raw: c.item(raw)),
    Field("present", "--present", present),
    Field("total", "--total", count),
    Field("masses", "--masses", count),
    Field("title", "--title", text),
    Field("url", "--url", link),
    Field("note", "--note", text),
    Field("evidence", "--evidence", text),
)
# Typed on the command line, the evidence is a link or a file on this computer.
TYPED = tuple(Field(f.name, f.option, _evidence) if f.name == "evidence" else f for f in FIELDS)
OPTIONS = options(FIELDS)
# The URL check as SQL over the trimmed cell `{url}`, for the bulk import (same as link());
# {spaced}: the dialect's "holds no white space" on it.
URL_SQL = (
    "{url} IS NOT NULL AND NOT ((lower(substr({url}, 1, 7)) = 'http://' AND length({url}) > 7"
    " OR lower(substr({url}, 1, 8)) = 'https://' AND length({url}) > 8)"
    " AND {spaced})"
)

# Across fields, on the facts of a checked row (and, for the bulk import, on SQL columns of
# the same names): present, total, url, web (the channel is the website's), held_on, locked (its
# month is closed), unit_name, retired_on (the unit's), channel_label. In this order.
RULES = (
    Rule(
        "unit",
        "unit.retired",
        lambda v: retired(v["retired_on"], v["held_on"]),
        "retired_on IS NOT NULL AND held_on >= retired_on",
        lambda v: {"unit": v["unit_name"], "date": dated(v["retired_on"])},
    ),
    Rule(
        "date",
        "period.locked",
        lambda v: bool(v["locked"]),
        "locked = 1",
        lambda v: {"month": month_of(v["held_on"]), "date": dated(v["held_on"])},
    ),
    Rule(
        "present",
        "session.total_unknown",
        lambda v: v["present"] is not None and v["total"] is None,
        "present IS NOT NULL AND total IS NULL",
        lambda v: {"unit": v["unit_name"], "date": dated(v["held_on"]), "total": FieldRef("total")},
    ),
    Rule(
        "present",
        "session.present_over",
        lambda v: v["present"] is not None and v["total"] is not None and v["present"] > v["total"],
        "present > total",
        lambda v: {
            "present": v["present"],
            "total": v["total"],
            "present_name": FieldRef("present"),
            "total_name": FieldRef("total"),
        },
    ),
    Rule(
        "url",
        "session.url_needed",
        lambda v: v["url"] is None and v["web"],
        "url IS NULL AND web = 1",
        lambda v: {"channel": v["channel_label"], "url": FieldRef("url")},
    ),
)
# The rule a row may break and still match a stored session identical to it: re-importing a
# file whose rows in a closed month are already stored is no change.
LOCKED = 1


def check(
    c: Checks,
    raw: Mapping[str, Any],
    *,
    plan_id: int,
    typed: bool = False,
    keep_unit: int | None = None,
) -> NewSession:
    """A session's values (typed, or a file's cells) → the session to store, or the first
    RowProblem. keep_unit: an edit may keep the unit it had, retired or not."""
    values = check_fields(c, TYPED if typed else FIELDS, raw)
    unit, held_on = values["unit"], values["date"]
    present_count, pair_total = values["present"] or (None, None)
    total = pair_total if pair_total is not None else values["total"]
    from_count = present_count is not None and total is None
    if from_count:
        counts = c.members_on(unit.id, held_on)
        total = None if counts is None else counts[0] - counts[1]
    facts = {
        "present": present_count,
        "total": total,
        "url": values["url"],
        "web": bool(c.plan.term("channels", values["channel"]).get("web")),
        "held_on": held_on.isoformat(),
        "locked": c.locked(held_on),
        "unit_name": unit.name,
        "retired_on": None if unit.id == keep_unit else unit.retired_on,
        "channel_label": c.plan.label("channels", values["channel"]),
    }
    broken(RULES, facts)
    return NewSession(
        plan_id=plan_id,
        unit_id=unit.id,
        held_on=held_on.isoformat(),
        channel=values["channel"],
        topics=found_topics(c, values["topics"], values["content"]),
        item=values["item"],
        present=present_count,
        total=total,
        masses=values["masses"],
        title=values["title"],
        url=values["url"],
        note=values["note"],
        evidence=values["evidence"],
        content=values["content"],
        total_from_count=int(from_count),
    )


# A session typed again: the same unit, day, channel and content (for a web post, the same URL)
# as a stored one. Not among RULES: an import matches its rows with stored sessions its own way
# (services/imports/sessions.py), a repeat there is skipped or updated, not refused.
REPEAT = Rule(
    "date",
    "session.repeat",
    lambda v: v["same_as"] is not None,
    params=lambda v: {"id": v["same_as"], "allow": "--allow-duplicate"},
)


def check_repeat(c: Checks, new: NewSession, *, excluding: int | None = None) -> None:
    """Refuse a session identical to a stored one (read in the caller's write transaction;
    excluding: the session being edited)."""
    web = bool(c.plan.term("channels", new.channel).get("web"))
    same_as = queries.same_session(
        c.store.conn,
        unit_id=new.unit_id,
        held_on=new.held_on,
        channel=new.channel,
        content=None if web else new.content,
        url=new.url if web else None,
        web=web,
        excluding=excluding,
    )
    broken((REPEAT,), {"same_as": same_as})


def found_topics(c: Checks, topics: str | None, content: str | None) -> str:
    """The topics as given (a topic column, --topic: strict), else those the content names."""
    if topics and topics != "[]":
        return topics
    return json.dumps(c.named_in("topics", content), ensure_ascii=False) if content else "[]"
