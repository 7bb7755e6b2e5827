"""The current plan as plain data (its stored JSON), enough to check what is recorded against it.

No pydantic here: recording and status read vocabularies and items from the JSON directly.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from atgt_cli.errors import NotFoundError, RowProblem
from atgt_cli.labels import get_lang, t
from atgt_cli.services.matching import Choice, match_one
from atgt_cli.store import queries
from atgt_cli.store.db import Store


@dataclass(frozen=True)
class PlanData:
    id: int
    symbol: str
    date: dt.date
    data: dict[str, Any]
    content_hash: str = ""

    def terms(self, vocab: str) -> list[dict[str, Any]]:
        return list(self.data["vocabularies"][vocab])

    def choices(self, vocab: str) -> list[Choice[str]]:
        return [
            Choice(
                term["code"],
                f"{term['code']} ({term['label']})",
                [term["code"], term["label"], *term.get("aliases", [])],
            )
            for term in self.terms(vocab)
        ]

    def match(self, vocab: str, query: str, *, field: str) -> str:
        return match_one(query, self.choices(vocab), field=field)

    def label(self, vocab: str, code: str) -> str:
        for term in self.terms(vocab):
            if term["code"] == code:
                return str(term["label_en"] if get_lang() == "en" else term["label"])
        return code

    def term(self, vocab: str, code: str) -> dict[str, Any]:
        return next((term for term in self.terms(vocab) if term["code"] == code), {})

    def item_ids(self) -> list[str]:
        out: list[str] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for item in items:
                out.append(item["id"])
                walk(item.get("items", []))

        for part in self.data["parts"]:
            walk(part["items"])
        return out

    def match_item(self, query: str) -> str:
        wanted = query.strip().upper()
        for ident in self.item_ids():
            if ident.upper() == wanted:
                return ident
        choices = ", ".join(self.item_ids())
        raise RowProblem(None, "match.unknown", value=query, choices=choices).error("--item")


def current_plan(store: Store) -> PlanData:
    plan_id = queries.current_plan_id(store.conn)
    if plan_id is None:
        raise NotFoundError(t("plan.none_current"))
    return plan_data(store, plan_id)


def plan_data(store: Store, plan_id: int) -> PlanData:
    row = queries.revision(store.conn, plan_id)
    assert row is not None  # every plan has a revision
    data = json.loads(row.data)
    return PlanData(
        plan_id, row.symbol, dt.date.fromisoformat(data["date"]), data, row.content_hash
    )
