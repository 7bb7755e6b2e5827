"""The report as a Word document: atgt's template of its kind (render/templates/, built by
build.py to Hướng dẫn 36-HD/VPTW) or the office's edited copy, filled in by docxtpl with the
context of render/report_context.py. docxtpl and python-docx are imported here only."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atgt_cli.errors import InputError
from atgt_cli.labels import language, t
from atgt_cli.render.report_context import context, summary_line

if TYPE_CHECKING:
    from atgt_cli.documents.report import Letterhead, Report

TEMPLATES = Path(__file__).resolve().parent / "templates"


def template_bytes(kind: str) -> bytes:
    """atgt's own template for a kind of report (dang-uy, chi-bo, doan-the)."""
    return (TEMPLATES / f"bao-cao-{kind}.docx").read_bytes()


def to_docx(
    report: Report, head: Letterhead, *, template: bytes | None = None, name: str = ""
) -> bytes:
    """The filled-in document; a template with a broken or unknown tag is refused, naming it."""
    import jinja2
    from docxtpl import DocxTemplate

    source = template if template is not None else template_bytes(report.kind)
    shown = name or f"bao-cao-{report.kind}.docx"
    try:
        document = DocxTemplate(io.BytesIO(source))
        document.init_docx()
    except Exception as exc:  # a file that is not a Word document at all
        raise InputError(t("template.not_docx", name=shown, error=exc)) from None
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    with language("vi"):  # the template's sentences are Vietnamese: so are its phrases
        filled, summary = _listings(context(report, head)), summary_line(report)
    try:
        document.render(filled, env, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        tag = _broken_tag(env, source) or ""
        error = f"{tag}: {exc.message}" if tag else exc.message or str(exc)
        raise InputError(t("template.broken", name=shown, error=error)) from None
    except jinja2.UndefinedError as exc:
        raise InputError(t("template.unknown", name=shown, error=_unknown(exc))) from None
    except jinja2.TemplateError as exc:
        raise InputError(t("template.broken", name=shown, error=exc)) from None
    props = document.docx.core_properties
    props.title = f"{head.title} {summary}"
    props.subject = report.period
    props.author = head.issuer.title() if head.issuer.isupper() else head.issuer
    props.identifier = report.fingerprint  # the data fingerprint: here only, not on the page
    props.keywords = f"atgt; {report.plan}; {report.period}; {report.fingerprint}"
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_BLOCK = re.compile(r"^\{%-?(?:p|tr|tc)?\s*(\w+)(.*?)-?%\}$", re.S)  # {%p if …%}, {% for …%}


def _broken_tag(env: Any, source: bytes) -> str | None:
    """The first tag of the document's text that Jinja cannot read, as the office typed it."""
    import jinja2

    from atgt_cli.render.docx_text import text_of

    closing = {"if": "{% endif %}", "for": "{% endfor %}"}
    for tag in map(str, _TAG.findall(text_of(source))):
        block = _BLOCK.match(tag)
        if tag.startswith("{{"):
            probe = tag
        elif block and block.group(1) in closing:
            probe = f"{{% {block.group(1)}{block.group(2)} %}}{closing[block.group(1)]}"
        elif block and block.group(1) == "elif":
            probe = f"{{% if {block.group(2)} %}}{{% endif %}}"
        elif block and block.group(1) in ("else", "endif", "endfor") and not block.group(2).strip():
            continue
        elif block and block.group(1) == "set":
            probe = tag
        else:
            return tag
        try:
            env.parse(probe)
        except jinja2.TemplateSyntaxError:
            return tag
    return None


def _unknown(exc: Exception) -> str:
    """Jinja's "'x' is undefined" / "'dict object' has no attribute 'y'" as the tag's name."""
    text = str(exc)
    if "has no attribute" in text:
        return text.rsplit("attribute", 1)[1].strip(" '")
    return text.split(" is undefined")[0].strip("'")


def _listings(value: Any) -> Any:
    """Text of several lines as docxtpl's Listing, which keeps its line breaks in a cell."""
    from docxtpl import Listing

    if isinstance(value, str) and "\n" in value:
        return Listing(value)
    if isinstance(value, dict):
        return {k: _listings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_listings(v) for v in value]
    return value
