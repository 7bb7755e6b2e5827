"""What changed between two plans: items, targets, assignments, vocabularies, settings."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from atgt_cli.plan.schema import Plan


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "changed"
    section: str  # items, targets, assignments, channels, topics, violation_categories, settings
    key: str  # the id, code or path
    before: Any = None
    after: Any = None


@dataclass
class PlanDiff:
    a: str
    b: str
    changes: list[Change] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not self.changes


def diff_plans(a_name: str, a: Plan, b_name: str, b: Plan) -> PlanDiff:
    result = PlanDiff(a_name, b_name)
    add = result.changes.extend
    items_a = {i.id: i.text for i in a.all_items()}
    items_b = {i.id: i.text for i in b.all_items()}
    add(_keyed("items", items_a, items_b))
    add(_keyed("targets", _by(a.targets, "id"), _by(b.targets, "id")))
    for vocab in ("channels", "topics", "violation_categories"):
        add(
            _keyed(
                vocab,
                _by(getattr(a.vocabularies, vocab), "code"),
                _by(getattr(b.vocabularies, vocab), "code"),
            )
        )
    add(_assignments(a, b))
    add(_settings(a, b))
    return result


def _by(entries: list[Any], key: str) -> dict[str, dict[str, Any]]:
    return {getattr(e, key): e.model_dump(mode="json", exclude_defaults=True) for e in entries}


def _keyed(section: str, before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    out = []
    for key in [*before, *(k for k in after if k not in before)]:
        if key not in after:
            out.append(Change("removed", section, key, before[key], None))
        elif key not in before:
            out.append(Change("added", section, key, None, after[key]))
        elif before[key] != after[key]:
            if isinstance(before[key], dict):
                for name in sorted(set(before[key]) | set(after[key])):
                    old, new = before[key].get(name), after[key].get(name)
                    if old != new:
                        out.append(Change("changed", section, f"{key}.{name}", old, new))
            else:
                out.append(Change("changed", section, key, before[key], after[key]))
    return out


def _assignments(a: Plan, b: Plan) -> list[Change]:
    def keys(plan: Plan) -> dict[str, dict[str, Any]]:
        out = {}
        for entry in plan.assignments:
            data = entry.model_dump(mode="json", exclude_defaults=True)
            out[json.dumps(data, ensure_ascii=False, sort_keys=True)] = data
        return out

    before, after = keys(a), keys(b)
    out = [
        Change("removed", "assignments", v["item"], v, None)
        for k, v in before.items()
        if k not in after
    ]
    out += [
        Change("added", "assignments", v["item"], None, v)
        for k, v in after.items()
        if k not in before
    ]
    return out


_STRUCTURE = {"parts", "targets", "assignments", "vocabularies"}


def _settings(a: Plan, b: Plan) -> list[Change]:
    """Every other field (title, dates, report settings, rules…) compared leaf by leaf."""
    flat_a = _flatten(a.model_dump(mode="json", exclude=_STRUCTURE))
    flat_b = _flatten(b.model_dump(mode="json", exclude=_STRUCTURE))
    out = []
    for key in [*flat_a, *(k for k in flat_b if k not in flat_a)]:
        old, new = flat_a.get(key), flat_b.get(key)
        if old != new:
            kind = "added" if key not in flat_a else "removed" if key not in flat_b else "changed"
            out.append(Change(kind, "settings", key, old, new))
    return out


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            out.update(_flatten(inner, f"{prefix}.{key}" if prefix else key))
        return out
    return {prefix: value}
