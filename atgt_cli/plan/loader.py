"""Plan file → validated `Plan`, or every problem of the file as FILE:LINE:COL: path: message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.plan.checks import check_references
from atgt_cli.plan.schema import CODE_PATTERN, ITEM_PATTERN, PART_PATTERN, Plan
from atgt_cli.plan.yamlread import Document, Problem, path_text, read_yaml
from atgt_cli.text import SURROGATES

MAX_BYTES = 5_000_000  # a plan is tens of kilobytes

_TYPES = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "finite_number": "finite number",
    "bool_type": "true/false",
    "bool_parsing": "true/false",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "date_type": "dd/mm/yyyy",
}
_BOUNDS = {"greater_than": "gt", "greater_than_equal": "ge", "less_than_equal": "le"}
_PATTERN_HINTS = {
    CODE_PATTERN: "a-z, 0-9, '-' (sinh-hoat-chi-bo)",
    ITEM_PATTERN: "I.1, II.1.b",
    PART_PATTERN: "I, II, III",
}


class PlanError(InputError):
    """A plan file with problems; `details` holds one FILE:LINE:COL line each."""


def read_plan_text(file: FsPath) -> str:
    if file.exists() and not file.is_file():  # a FIFO would block, a device never end
        raise InputError(t("file.unreadable", file=file, reason=t("file.not_regular")))
    try:
        # Read to the bound, not whole.
        with file.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(t("file.unreadable", file=file, reason=exc.strerror or exc)) from None
    if len(raw) > MAX_BYTES:
        raise InputError(t("file.unreadable", file=file, reason=f"> {MAX_BYTES} bytes"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(t("file.not_utf8", file=file, offset=exc.start)) from None


def check_plan(text: str) -> tuple[Plan | None, list[Problem]]:
    """Validate plan YAML text: the plan when it is sound, and every problem found."""
    doc = read_yaml(text)
    problems = list(doc.problems)
    if doc.data is None and problems:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [*problems, _at(doc, (), t("yaml.not_mapping"))]
    problems += [_at(doc, path, message) for path, message in check_references(doc.data)]
    # A YAML escape ("\\ud800") makes a lone surrogate, which no store or file can hold.
    problems += [_at(doc, path, t("plan.surrogate")) for path in _surrogates(doc.data, ())]
    plan = None
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        problems += [_from_pydantic(doc, error) for error in exc.errors()]
    problems = sorted(set(problems), key=lambda p: (p.line, p.col, p.path))
    return (plan if not problems else None), problems


def _surrogates(data: object, path: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    """Where the plan's data holds a lone surrogate (a key or a value)."""
    if isinstance(data, str):
        if SURROGATES.search(data):
            yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and SURROGATES.search(key):
                yield (*path, key)
            yield from _surrogates(value, (*path, key if isinstance(key, str | int) else str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _surrogates(value, (*path, index))


def load_plan(file: FsPath) -> Plan:
    plan, problems = check_plan(read_plan_text(file))
    if plan is None:
        lines = [format_problem(file, p) for p in problems]
        raise PlanError(t("plan.validate.failed", file=file, count=len(problems)), details=lines)
    return plan


def format_problem(file: FsPath | str, problem: Problem) -> str:
    where = f"{file}:{problem.line}:{problem.col}" if problem.line else str(file)
    path = f"{problem.path}: " if problem.path else ""
    return f"{where}: {path}{problem.message}"


def _at(doc: Document, path: tuple[str | int, ...], message: str, *, key: bool = False) -> Problem:
    line, col = doc.where(path, key=key)
    return Problem(line, col, path_text(path), message)


def _from_pydantic(doc: Document, error: Any) -> Problem:
    path = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        message = t("v.missing")
    elif kind == "extra_forbidden":
        return _at(doc, path, t("v.extra"), key=True)
    elif kind in _TYPES:
        message = t("v.type", expected=_TYPES[kind])
    elif kind == "literal_error":
        choices = str(ctx.get("expected", "")).replace(" or ", ", ")
        message = t("v.choice", value=error.get("input"), choices=choices)
    elif kind == "too_short" or kind == "string_too_short":
        message = t("v.empty")
    elif kind in _BOUNDS:
        bound = _BOUNDS[kind]
        limit = ctx.get(bound)
        limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
        message = t(f"v.{bound}", limit=limit)
    elif kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        message = t("v.pattern", hint=_PATTERN_HINTS.get(pattern, pattern))
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
    else:
        message = error["msg"]
    return _at(doc, path, message)
