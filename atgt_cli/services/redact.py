"""Redaction (Law 91/2025 on personal data): names become the member's code, free text goes.

Free text can hold anything, a name included, so every free-text field is dropped, not only
the members' names.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from atgt_cli.store import queries

FREE_TEXT = frozenset(
    {
        "note",
        "content",
        "detected_by",
        "decision",
        "published_where",
        "party_post",
        "state_title",
        "title",
        "url",
        "evidence",
        "deleted_reason",
        "reason",
        "text",  # a report note (its audit entry)
    }
)


def member(row: queries.MemberRow) -> queries.MemberRow:
    return dataclasses.replace(row, name=row.code, party_post=None, state_title=None)


Row = TypeVar("Row", bound=queries.ViolationRow)


def violation(row: Row) -> Row:
    return dataclasses.replace(
        row,
        member=row.member_code,
        party_post=None,
        state_title=None,
        detected_by=None,
        note=None,
        content=None,
        decision=None,
        published_where=None,
        deleted_reason=None,
    )


def audit(row: queries.AuditRow) -> queries.AuditRow:
    """Before/after values without free text; a member's name gives way to its code."""
    personal = row.entity.startswith("member:")

    def clean(values: dict[str, object] | None) -> dict[str, object] | None:
        if values is None:
            return None
        return {
            k: v for k, v in values.items() if k not in FREE_TEXT and not (personal and k == "name")
        }

    return dataclasses.replace(row, before=clean(row.before), after=clean(row.after), reason=None)
