"""Finding the unit a user means, as typed: below the services and rules that need it."""

from __future__ import annotations

import datetime as dt

from atgt_cli.dates import format_date
from atgt_cli.errors import RowProblem
from atgt_cli.services.matching import Choice, match_one
from atgt_cli.store import queries
from atgt_cli.store.db import Store


def find_unit(store: Store, query: str, *, on: dt.date, field: str = "--unit") -> queries.UnitRow:
    """The unit a user means, as typed: "cb1", "Chi bo 1", "chi bộ 1" all find "Chi bộ 1"."""
    rows = queries.units(store.conn, on.isoformat())
    choices = [Choice(row, row.name, [row.name]) for row in rows]
    return match_one(query, choices, field=field)


def active_unit(store: Store, query: str, *, on: dt.date, field: str = "--unit") -> queries.UnitRow:
    """A unit that may take new records (not retired)."""
    unit = find_unit(store, query, on=on, field=field)
    if unit.retired_on is not None:
        retired = format_date(dt.date.fromisoformat(unit.retired_on))
        raise RowProblem(None, "unit.retired", unit=unit.name, date=retired).error(field)
    return unit
