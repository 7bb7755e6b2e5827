"""Printing: rich renderables and JSON documents on stdout."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from typing import Any


def emit(renderable: Any) -> None:
    from rich.console import Console

    Console(soft_wrap=False).print(renderable)


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def emit_json(value: Any) -> None:
    """One JSON document on stdout and nothing else: stable keys, ISO dates."""
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")
