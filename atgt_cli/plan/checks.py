"""Checks across a plan that a per-field schema cannot make: ids unique, references known.

They run on the raw YAML data (tolerating any shape the schema will complain about), so
a file's structural and reference problems are all reported in the same run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from atgt_cli.labels import t
from atgt_cli.plan.metrics import METRICS
from atgt_cli.plan.yamlread import Path, path_text
from atgt_cli.text import fold

Found = tuple[Path, str]  # where, message


def _dicts(value: Any, path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The mappings of a list, with their paths; anything else is the schema's business."""
    if isinstance(value, list):
        for i, entry in enumerate(value):
            if isinstance(entry, dict):
                yield (*path, i), entry


def _strings(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, list):
        for i, entry in enumerate(value):
            if isinstance(entry, str):
                yield (*path, i), entry


def check_references(data: dict[str, Any]) -> list[Found]:
    found: list[Found] = []
    items = _item_ids(data, found)
    vocabs = _vocabularies(data.get("vocabularies"), found)

    def known_item(path: Path, value: Any) -> None:
        if isinstance(value, str) and value not in items:
            found.append((path, t("ref.item_unknown", id=value)))

    def known_codes(path: Path, value: Any, vocab: str) -> None:
        for p, code in _strings(value, path):
            if code not in vocabs.get(vocab, {}):
                found.append((p, t("ref.vocab_unknown", code=code, vocab=vocab)))

    vocab_data = data.get("vocabularies")
    for vocab in ("channels", "topics"):
        entries = vocab_data.get(vocab) if isinstance(vocab_data, dict) else None
        for path, term in _dicts(entries, ("vocabularies", vocab)):
            known_item((*path, "item"), term.get("item"))
    for path, assignment in _dicts(data.get("assignments"), ("assignments",)):
        known_item((*path, "item"), assignment.get("item"))
        known_codes((*path, "channels"), assignment.get("channels"), "channels")

    target_ids: dict[str, Path] = {}
    for path, target in _dicts(data.get("targets"), ("targets",)):
        _unique(target.get("id"), (*path, "id"), target_ids, found)
        known_item((*path, "item"), target.get("item"))
        flt = target.get("filter")
        if isinstance(flt, dict):
            known_codes((*path, "filter", "channels"), flt.get("channels"), "channels")
            known_codes((*path, "filter", "topics"), flt.get("topics"), "topics")
            for p, item in _strings(flt.get("items"), (*path, "filter", "items")):
                known_item(p, item)
        found.extend(_metric_problems(target, path))
    return found


def _unique(value: Any, path: Path, seen: dict[str, Path], found: list[Found]) -> None:
    if not isinstance(value, str):
        return
    if value in seen:
        found.append((path, t("ref.duplicate_id", id=value, first=path_text(seen[value]))))
    else:
        seen[value] = path


def _item_ids(data: dict[str, Any], found: list[Found]) -> set[str]:
    seen: dict[str, Path] = {}

    def walk(items: Any, path: Path, parent: Any) -> None:
        for p, item in _dicts(items, path):
            ident = item.get("id")
            _unique(ident, (*p, "id"), seen, found)
            nested = isinstance(ident, str) and isinstance(parent, str)
            if nested and not str(ident).startswith(f"{parent}."):
                found.append(((*p, "id"), t("ref.item_prefix", id=ident, parent=parent)))
            walk(item.get("items"), (*p, "items"), ident)

    walk(data.get("parts"), ("parts",), None)
    return {ident for ident in seen if "." in ident}


def _vocabularies(vocabs: Any, found: list[Found]) -> dict[str, dict[str, Path]]:
    """Codes of each vocabulary; also flags labels and aliases that fold to the same key."""
    out: dict[str, dict[str, Path]] = {}
    if not isinstance(vocabs, dict):
        return out
    for name, entries in vocabs.items():
        codes: dict[str, Path] = {}
        spellings: dict[str, tuple[str, Path]] = {}
        for path, term in _dicts(entries, ("vocabularies", name)):
            _unique(term.get("code"), (*path, "code"), codes, found)
            texts: list[tuple[Path, Any]] = [(("code",), term.get("code"))]
            texts.append((("label",), term.get("label")))
            texts += list(_strings(term.get("aliases"), ("aliases",)))
            for sub, text in texts:
                if not isinstance(text, str):
                    continue
                key = fold(text)
                owner = spellings.get(key)
                if owner and owner[0] != term.get("code"):
                    other = path_text(owner[1])
                    found.append(((*path, *sub), t("ref.alias_clash", text=text, other=other)))
                elif not owner:
                    spellings[key] = (str(term.get("code")), (*path, *sub))
        out[name] = codes
    return out


def _metric_problems(target: dict[str, Any], path: Path) -> Iterator[Found]:
    info = METRICS.get(str(target.get("metric")))
    if info is None:
        return  # the schema reports the unknown metric
    metric = target["metric"]
    for param in ("aggregate", "filter"):
        if target.get(param) is not None and param not in info.params:
            yield (*path, param), t("ref.param_not_for_metric", param=param, metric=metric)
    if "aggregate" in info.params and target.get("aggregate") is None:
        yield path, t("ref.param_needed", metric=metric, param="aggregate")
    threshold = target.get("threshold")
    if isinstance(threshold, int | float) and not isinstance(threshold, bool):
        if info.unit == "percent" and threshold > 100:
            yield (*path, "threshold"), t("ref.ratio_threshold", metric=metric)
        if info.unit == "count" and not float(threshold).is_integer():
            yield (*path, "threshold"), t("ref.count_threshold", metric=metric)
