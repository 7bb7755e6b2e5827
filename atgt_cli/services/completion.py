"""What the shell offers on Tab: units from the store, the plan's channels, topics and
categories, and the fixed choices (outcomes, deciding bodies, kinds of unit, memberships).

Each offer is (value, what it is); the value is what the command line takes (a unit's name,
a term's code), the description its label. A store that cannot be read offers nothing: Tab
must never print an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from atgt_cli.config import DatabaseUrl
from atgt_cli.labels import MESSAGES
from atgt_cli.services import discipline
from atgt_cli.text import fold

# A fixed choice: its codes and the label key prefix of their names.
FIXED = {
    "outcome": (discipline.OUTCOMES, "outcome"),
    "decider": (discipline.DECIDERS, "decider"),
    "membership": (discipline.MEMBERSHIPS, "membership"),
}
VOCABULARIES = {
    "channel": "channels",
    "topic": "topics",
    "category": "violation_categories",
}
Offer = tuple[str, str]


def offers(
    what: str, incomplete: str, *, db: Path | DatabaseUrl | None, today: dt.date
) -> list[Offer]:
    """The values of a kind (unit, channel, topic, category, outcome, decider, kind,
    membership) that begin with what was typed, without regard to case or diacritics."""
    try:
        found = list(_all(what, db, today))
    except Exception:  # a missing, locked or newer store: nothing to offer
        return []
    out: list[Offer] = []
    for value, label in found:
        if (typed := _as_typed(incomplete, value)) is not None:
            out.append((typed, label))
    return out


def _all(what: str, db: Path | DatabaseUrl | None, today: dt.date) -> Iterable[Offer]:
    if what in FIXED:
        codes, prefix = FIXED[what]
        return [(code, MESSAGES[f"{prefix}.{code}"][0]) for code in codes]
    if what == "kind":
        from atgt_cli.services.rules.units import _KIND_NAMES

        return [(c.value, str(c.spellings[1])) for c in _KIND_NAMES]
    if db is None or (isinstance(db, Path) and not db.exists()):
        return []
    from atgt_cli.services.plandata import current_plan
    from atgt_cli.store import queries
    from atgt_cli.store.db import using_store

    with using_store(db, upgrade=False) as store:
        if what == "unit":
            on = today.isoformat()
            rows = queries.units(store.conn, on)
            return [(u.name, "") for u in rows if not u.retired_on or u.retired_on > on]
        plan = current_plan(store)
        return [(term["code"], term["label"]) for term in plan.terms(VOCABULARIES[what])]


def _as_typed(incomplete: str, value: str) -> str | None:
    """The value as the shell must offer it: beginning with what was typed, character for
    character (the shell keeps only offers that do). Typed without its case or diacritics
    ("chi", "cảnh"), a value is offered with the typed start and its own rest ("chi bộ 1",
    "cảnh-cao"), which the command reads as the same value."""
    if value.startswith(incomplete):
        return value
    if len(fold(incomplete)) == len(incomplete) and fold(value).startswith(fold(incomplete)):
        return incomplete + value[len(incomplete) :]
    return None
