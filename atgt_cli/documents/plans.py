"""A stored plan as `plan show` draws it, and what a renderer asks of the current plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # pydantic loads only for commands that need the plan itself
    from atgt_cli.plan.schema import Plan


@dataclass(frozen=True)
class StoredPlan:
    symbol: str
    rev: int
    revisions: list[int]
    is_current: bool
    loaded_at: str
    loaded_by: str
    source_name: str
    plan: Plan


class PlanLabels(Protocol):
    """The little of a plan a table or a workbook shows: its symbol and the label of a code.

    services.plandata.PlanData is one; it stays a service (its lookups match what a user
    typed, with the errors that go with it), so renderers ask only for this."""

    @property
    def symbol(self) -> str: ...

    def label(self, vocab: str, code: str) -> str: ...
