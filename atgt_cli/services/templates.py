"""`atgt template`: an input workbook made from the current plan, which `atgt import` reads with
no mapping: the headers import knows, drop-down lists of the plan's labels and the store's units
(kept on a hidden sheet: inline lists are capped at 255 characters and split on commas, and the
plan's labels hold commas), date columns, and a sheet that says what each column means."""

from __future__ import annotations

from pathlib import Path

from atgt_cli.documents.exports import ChoiceList as ChoiceList
from atgt_cli.documents.exports import Template as Template
from atgt_cli.documents.exports import TemplateColumn as TemplateColumn
from atgt_cli.documents.exports import vi
from atgt_cli.errors import InputError
from atgt_cli.importers.headers import FIELDS, REQUIRED
from atgt_cli.labels import t
from atgt_cli.services.context import Env
from atgt_cli.services.discipline import DECIDERS, MEMBERSHIPS, OUTCOMES
from atgt_cli.services.exports import COLUMNS
from atgt_cli.services.plandata import current_plan
from atgt_cli.store import queries
from atgt_cli.store.db import Store
from atgt_cli.text import fold

KINDS = ("sessions", "violations")

# field → the list it picks from (only where the kind has that field)
_LISTS = {
    "unit": "units",
    "channel": "channels",
    "topics": "topics",
    "item": "items",
    "category": "violation_categories",
    "membership": "memberships",
    "outcome": "outcomes",
    "decided_by": "deciders",
}
# several topics go in one cell, separated by ";": their list advises, it does not refuse
OPEN_LISTS = frozenset({"topics"})


def template(store: Store, env: Env, kind: str) -> Template:
    if kind not in KINDS:
        raise InputError(t("match.unknown", field="KIND", value=kind, choices=", ".join(KINDS)))
    plan = current_plan(store)
    units = sorted(
        (
            u.name
            for u in queries.units(store.conn, env.today.isoformat())
            if u.retired_on is None and not (kind == "violations" and u.kind == "doan-the")
        ),
        key=fold,
    )
    items: list[tuple[str, str]] = []

    def walk(entries: list[dict[str, object]]) -> None:
        for entry in entries:
            items.append((str(entry["id"]), " ".join(str(entry.get("text", "")).split())[:80]))
            walk(entry.get("items", []))  # type: ignore[arg-type]

    for part in plan.data["parts"]:
        walk(part["items"])
    every = {
        "units": (units, []),
        "channels": ([str(x["label"]) for x in plan.terms("channels")], []),
        "topics": ([str(x["label"]) for x in plan.terms("topics")], []),
        "items": ([i for i, _ in items], [text for _, text in items]),
        "violation_categories": (
            [str(x["label"]) for x in plan.terms("violation_categories")],
            [],
        ),
        "memberships": ([vi(f"membership.{c}") for c in MEMBERSHIPS], []),
        "outcomes": ([vi(f"outcome.{c}") for c in OUTCOMES], []),
        "deciders": ([vi(f"decider.{c}") for c in DECIDERS], []),
    }
    fields = FIELDS[kind]
    columns = []
    for name, type_ in COLUMNS[kind]:
        columns.append(
            TemplateColumn(
                name,
                fields[name][0],
                type_,
                name in REQUIRED[kind],
                _LISTS.get(name),
                vi(f"tpl.{kind}.{name}"),
                decimal=name.startswith("alcohol_"),
            )
        )
    used = [c.choices for c in columns if c.choices]
    lists = [
        ChoiceList(key, vi(f"tpl.list.{key}"), every[key][0], every[key][1])
        for key in dict.fromkeys(used)
    ]
    notes = [
        vi(f"tpl.note.{n}").format(
            kind=kind, plan=plan.symbol, today=f"{env.today.day}/{env.today.month}/{env.today.year}"
        )
        for n in (
            "rows",
            "required",
            "dates",
            "lists",
            "topics" if kind == "sessions" else "outcome",
            "import",
            "made",
        )
    ]
    return Template(kind, plan.symbol, plan.date, env.today, columns, lists, notes)


def template_file(store: Store, env: Env, kind: str, path: Path) -> Template:
    """The template for a file at path, which must be a workbook; the caller renders and writes
    it (render/template_out.py, atgt_cli.files)."""
    if path.suffix.lower() != ".xlsx":
        raise InputError(t("template.not_xlsx", path=path))
    return template(store, env, kind)
