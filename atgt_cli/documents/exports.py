"""Files made for `atgt import` to read: an export of the store's records and an input template.

Their text is Vietnamese whatever --lang says (`vi`): files made to be imported again, in an
office that works in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atgt_cli.labels import MESSAGES

Value = str | int | float | dt.date | None


def vi(key: str) -> str:
    """The Vietnamese text of a label (the one import matches), whatever the language."""
    return MESSAGES[key][0]


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    type: str  # text, date or number


@dataclass(frozen=True)
class ExportTable:
    kind: str
    title: str  # the sheet's name
    columns: list[Column]
    rows: list[list[Value]]


@dataclass(frozen=True)
class TemplateColumn:
    field: str
    header: str
    type: str  # text, date or number (whole or decimal: see `decimal`)
    required: bool
    choices: str | None  # the list it picks from
    help: str
    decimal: bool = False


@dataclass(frozen=True)
class ChoiceList:
    key: str
    heading: str
    values: list[str]
    notes: list[str]  # shown beside the values (an item's text), or empty


@dataclass(frozen=True)
class Template:
    kind: str
    plan: str
    plan_date: dt.date
    today: dt.date
    columns: list[TemplateColumn]
    lists: list[ChoiceList]
    notes: list[str]
