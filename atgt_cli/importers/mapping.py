"""A mapping file (--mapping FILE.yaml) read and checked for its shape:

    columns: {header text: field, …}     a field name, or null to leave the column out
    values: {field: {text: code, …}, …}  the file's words for the plan's codes

Keys and values that YAML reads as numbers, dates or booleans ("2024", 1.5, yes) are the text
written; lists, nested maps where text belongs, and anything else are refused naming the key,
never taken apart later. The file is read to a bound (a mapping is a few lines).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from atgt_cli.errors import InputError
from atgt_cli.labels import t

LIMIT = 1 << 20  # bytes of a mapping file
_SCALARS = (str, int, float, bool, dt.date)


def read_mapping(path: Path) -> dict[str, Any]:
    import yaml

    def refused(detail: str) -> InputError:
        return InputError(t("imp.mapping", file=path, detail=detail))

    try:
        with path.open("rb") as stream:
            raw = stream.read(LIMIT + 1)
        if len(raw) > LIMIT:
            raise refused(t("imp.mapping_too_big", limit=LIMIT))
        data = yaml.safe_load(raw.decode("utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError, RecursionError, ValueError) as exc:
        detail = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise refused(detail) from None
    shape = "columns: {…}, values: {…}"
    if not isinstance(data, dict):
        raise refused(shape)
    unknown = [str(k) for k in data if k not in ("columns", "values")]
    if unknown:
        raise refused(t("imp.mapping_key", key=unknown[0], shape=shape))
    columns = data.get("columns") or {}
    values = data.get("values") or {}
    if not isinstance(columns, dict) or not isinstance(values, dict):
        raise refused(shape)
    out_columns: dict[str, str | None] = {}
    for key, field in columns.items():
        name = _text(key, f"columns: {key!r}", refused)
        if field is not None:
            field = _text(field, f"columns.{name}", refused)
        out_columns[name] = field
    out_values: dict[str, dict[str, str]] = {}
    for field, words in values.items():
        name = _text(field, f"values: {field!r}", refused)
        if not isinstance(words, dict):
            raise refused(t("imp.mapping_shape", where=f"values.{name}", want="{text: code}"))
        out_values[name] = {
            _text(k, f"values.{name}: {k!r}", refused): _text(v, f"values.{name}.{k}", refused)
            for k, v in words.items()
        }
    return {"columns": out_columns, "values": out_values}


def _text(value: object, where: str, refused: Any) -> str:
    """A key or a value as the text it was written as (YAML reads `2024` as a number)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _SCALARS):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    raise refused(t("imp.mapping_shape", where=where[:80], want="text"))
