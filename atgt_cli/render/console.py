"""Printing: rich renderables and JSON documents on stdout."""

from __future__ import annotations

import json
import sys
from typing import Any

from atgt_cli.jsonable import to_jsonable


def emit(renderable: Any) -> None:
    from rich.console import Console

    # Records are plain text: "[" in a title is not markup, numbers are not to be coloured
    # (and skipping both halves the cost of drawing a large table).
    Console(soft_wrap=False, markup=False, emoji=False, highlight=False).print(renderable)


def emit_json(value: Any) -> None:
    """One JSON document on stdout and nothing else: stable keys, ISO dates."""
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")
