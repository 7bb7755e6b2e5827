"""Plans as a rich tree, the plan list as a table, a plan diff as a table."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from atgt_cli.dates import format_date, format_timestamp
from atgt_cli.labels import get_lang, t
from atgt_cli.plan.metrics import METRICS

if TYPE_CHECKING:
    from atgt_cli.documents.plans import StoredPlan
    from atgt_cli.plan.schema import Assignment, Item, Plan, Target, UnitRef


def plan_tree(stored: StoredPlan, item: str | None = None) -> Tree:
    """The plan as a tree; with item, only the path to that item and everything below it."""
    plan, rev, revisions = stored.plan, stored.rev, len(stored.revisions)
    loaded_at, loaded_by = stored.loaded_at, stored.loaded_by
    head = Text.assemble(
        (plan.symbol, "bold"),
        f" — {plan.kind} ngày {format_date(plan.date)}, {plan.issuer}\n",
        (plan.title, "italic"),
        "\n",
        (
            t(
                "tree.rev",
                rev=rev,
                count=revisions,
                when=format_timestamp(loaded_at),
                who=loaded_by,
            ),
            "dim",
        ),
    )
    tree = Tree(head)
    if item is None and plan.implements is not None:
        ref = plan.implements
        line = f"{t('tree.implements')}: {ref.kind} {ref.symbol} ngày {format_date(ref.date)}"
        if ref.issuer and ref.issuer != ref.issuer_as_published:
            published, issuer = ref.issuer_as_published, ref.issuer
            line += f" ({t('tree.issuer_fix', published=published, issuer=issuer)})"
        tree.add(Text(line, style="dim"))
    for part in plan.parts:
        if item is None:
            branch = tree.add(Text(f"{part.id}. {part.heading}", style="bold"))
            _items(branch, part.items, plan)
        else:
            _items(tree, [i for i in part.items if _contains(i, item)], plan, only=item)
    return tree


def _contains(entry: Item, ident: str) -> bool:
    return entry.id == ident or any(_contains(child, ident) for child in entry.items)


def _items(branch: Tree, items: list[Item], plan: Plan, only: str | None = None) -> None:
    for entry in items:
        if only is not None and not _contains(entry, only):
            continue
        node = branch.add(Text.assemble((entry.id, "bold cyan"), " ", entry.text))
        for assignment in (a for a in plan.assignments if a.item == entry.id):
            node.add(_assignment(assignment, plan))
        for target in (x for x in plan.targets if x.item == entry.id):
            node.add(_target(target))
        # Below the chosen item, show everything; above it, only the path to it.
        _items(node, entry.items, plan, None if only in (None, entry.id) else only)


def _units(refs: list[UnitRef]) -> str:
    return ", ".join(ref.unit if ref.unit else t(f"kind.{ref.kind}") for ref in refs)


def _label(term: Any) -> str:
    return str(term.label_en if get_lang() == "en" else term.label)


def _assignment(assignment: Assignment, plan: Plan) -> Text:
    text = Text.assemble(("▸ ", "green"), f"{t('tree.assigned')}: {_units(assignment.units)}")
    if assignment.channels:
        names = {c.code: _label(c) for c in plan.vocabularies.channels}
        channels = ", ".join(names.get(code, code) for code in assignment.channels)
        text.append(f" — {t('tree.channels')}: {channels}", style="dim")
    return text


def _target(target: Target) -> Text:
    info = METRICS[target.metric]
    unit = "%" if info.unit == "percent" else ""
    threshold = f"{target.threshold:g}{unit}"
    period = t("tree.per", period=t(f"period.{target.period}"))
    metric = info.short_en if get_lang() == "en" else info.short
    text = Text.assemble(
        ("◎ ", "yellow"),
        f"{t('tree.target')} {target.id}: {_label(target)} — ",
        (f"{metric} ≥ {threshold} {period}", "bold"),
        f" ({_units(target.applies_to)})",
    )
    if target.proposed:
        text.append(f" [{t('tree.proposed')}]", style="dim italic")
    return text


def plan_list_table(rows: list[Any]) -> Table:
    table = Table()
    for key in ("col.symbol", "col.current", "col.revisions", "col.loaded", "col.by"):
        table.add_column(t(key), no_wrap=True)
    table.add_column(t("col.title"))
    for row in rows:
        title = row.title if len(row.title) <= 60 else row.title[:59] + "…"
        current = "✓" if row.is_current else ""
        loaded = format_timestamp(row.loaded_at)
        table.add_row(row.symbol, current, str(row.revisions), loaded, row.loaded_by, title)
    return table


def plan_diff_table(changes: list[Any]) -> Table:
    table = Table(show_lines=True)
    for key in ("col.change", "col.section", "col.key", "col.before", "col.after"):
        table.add_column(t(key), overflow="fold")
    style = {"added": "green", "removed": "red", "changed": "yellow"}
    for change in changes:
        table.add_row(
            Text(t(f"change.{change.kind}"), style=style[change.kind]),
            t(f"section.{change.section}"),
            change.key,
            _short(change.before),
            _short(change.after),
        )
    return table


def _short(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
