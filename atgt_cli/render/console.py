"""Printing: rich renderables and JSON documents on stdout."""

from __future__ import annotations

import json
import sys
from typing import Any

from atgt_cli.jsonable import to_jsonable
from atgt_cli.text import CONTROLS, SURROGATES, printable


def emit(renderable: Any) -> None:
    from rich.console import Console
    from rich.segment import Segment, Segments

    # Records are plain text: "[" in a title is not markup, numbers are not to be coloured
    # (and skipping both halves the cost of drawing a large table).
    console = Console(soft_wrap=False, markup=False, emoji=False, highlight=False)
    # What a record holds is drawn as text, never sent to the terminal as a control (an escape
    # sequence in a title, from a store written before input was cleaned): rich's own styles
    # are not in a segment's text, so only the data's controls go.
    segments = [
        s if s.control or s.text.isprintable() else Segment(printable(s.text), s.style)
        for s in console.render(renderable)
    ]
    console.print(Segments(segments), end="")


def emit_json(value: Any) -> None:
    """One JSON document on stdout and nothing else: stable keys, ISO dates. JSON escapes the
    C0 controls itself; DEL, C1 controls, bidi controls and lone surrogates are escaped too."""
    text = json.dumps(to_jsonable(value), ensure_ascii=False, indent=2)
    sys.stdout.write(_escaped(text) + "\n")


def _escaped(text: str) -> str:
    def escape(match: Any) -> str:
        return f"\\u{ord(match.group(0)):04x}"

    return SURROGATES.sub(escape, CONTROLS.sub(escape, text))
