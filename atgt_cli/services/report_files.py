"""Writing a report to files: the format from --format or the file's extension, and every file
written whole (to a temporary name, then moved into place) so no half-written report remains."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from atgt_cli.errors import InputError
from atgt_cli.labels import t
from atgt_cli.services.report import Report

TEXT_FORMATS = ("table", "md", "csv", "json")
_BY_SUFFIX = {".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json", ".txt": "table"}


def format_for(path: Path | None, given: str | None) -> str:
    if given:
        if given not in TEXT_FORMATS:
            raise InputError(
                t("match.unknown", field="--format", value=given, choices=", ".join(TEXT_FORMATS))
            )
        return given
    if path is None:
        return "table"
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        raise InputError(t("report.bad_format", path=path, formats=", ".join(TEXT_FORMATS)))
    return found


def render(report: Report, fmt: str) -> bytes:
    from atgt_cli.render import report as text

    if fmt == "table":
        from rich.console import Console

        console = Console(width=100, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
        console.print(text.report_view(report))
        return console.export_text().encode("utf-8")
    render_text = {"md": text.to_markdown, "csv": text.to_csv, "json": text.to_json}[fmt]
    data = render_text(report)
    # CSV opens in Excel as UTF-8 only with a byte-order mark.
    return ("\ufeff" + data).encode("utf-8") if fmt == "csv" else data.encode("utf-8")


def write_report(report: Report, path: Path, fmt: str) -> None:
    data = render(report, fmt)
    write_whole(path, data)


def write_whole(path: Path, data: bytes) -> None:
    """Write data to path atomically: a reader sees the old file or the new one, never half."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(t("file.unwritable", file=path, reason=exc.strerror or exc)) from None
