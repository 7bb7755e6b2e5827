"""Printing: rich renderables and JSON documents on stdout."""

from __future__ import annotations

import json
import sys
from typing import Any

from atgt_cli.jsonable import to_jsonable


def emit(renderable: Any) -> None:
    from rich.console import Console

    Console(soft_wrap=False).print(renderable)


def emit_json(value: Any) -> None:
    """One JSON document on stdout and nothing else: stable keys, ISO dates."""
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")
