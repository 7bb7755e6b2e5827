"""The format of a plan file, as pydantic models. `atgt plan schema` prints it as JSON Schema.

Structure (the text of the plan, sentence for sentence) and what makes it checkable
(vocabularies, assignments, targets, report settings, rules) live side by side.
Cross-references between parts are checked in `checks.py`, on the raw data, so that
every problem of a file is reported at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from atgt_cli.dates import parse_date
from atgt_cli.labels import t
from atgt_cli.plan.metrics import Metric
from atgt_cli.text import nfc, symbol_problem

CODE_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PART_PATTERN = r"^[IVX]+$"
ITEM_PATTERN = r"^[IVX]+(\.[0-9a-z]+)+$"

UnitKind = Literal["chi-bo", "doan-the", "dang-bo-bo-phan", "dang-uy"]
Period = Literal["month", "quarter", "half", "year"]


def _date(value: object) -> object:
    return parse_date(value) if isinstance(value, str) else value


Text = Annotated[str, AfterValidator(nfc), Field(min_length=1)]


def _symbol(value: str) -> str:
    found = symbol_problem(value)
    if found is not None:
        raise ValueError(t("plan.symbol_char", char=found))
    return nfc(value)


# A document's symbol, compared and shown as typed: no character that looks like another.
Symbol = Annotated[str, AfterValidator(_symbol), Field(min_length=1)]
Code = Annotated[str, Field(pattern=CODE_PATTERN)]
ItemId = Annotated[str, Field(pattern=ITEM_PATTERN)]
PlanDate = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "description": "dd/mm/yyyy", "examples": ["17/8/2023"]}),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


# --- the text -------------------------------------------------------------------------


class Item(Strict):
    """A numbered item or a bullet: its own id (II.1, II.1.b) and its own text."""

    id: ItemId
    text: Text
    items: list[Item] = []


class Part(Strict):
    id: Annotated[str, Field(pattern=PART_PATTERN)]
    heading: Text
    items: list[Item] = Field(min_length=1)


class DocumentRef(Strict):
    """A document this plan implements, with its issuer as published and as corrected."""

    kind: Text
    symbol: Symbol
    date: PlanDate
    issuer_as_published: Text
    issuer: Text | None = Field(None, description="The real issuer when the text names it wrongly")
    title: Text | None = None


# --- vocabularies ------------------------------------------------------------------------


class Term(Strict):
    code: Code
    label: Text
    label_en: Text
    aliases: list[Text] = Field([], description="How offices write it, for matching and imports")


class Channel(Term):
    web: bool = Field(False, description="Posts on a website: counted as web posts, need a URL")
    document: bool = Field(
        False, description="Written documents: counted as documents sent, not as sessions held"
    )
    item: ItemId | None = Field(None, description="The plan item that names this channel")


class Topic(Term):
    item: ItemId | None = Field(None, description="The plan item that names this topic")
    valid_from: PlanDate | None = None
    valid_until: PlanDate | None = None


class Category(Term):
    alcohol: bool = Field(False, description="Alcohol levels are measured and classified")
    top_tier: bool = Field(False, description="Punished like the top alcohol tier")


class Vocabularies(Strict):
    channels: list[Channel] = Field(min_length=1)
    topics: list[Topic] = Field(min_length=1)
    violation_categories: list[Category] = Field(min_length=1)


# --- who carries what, and what counts as done --------------------------------------------


class UnitRef(Strict):
    """Either every unit of a kind or one named unit."""

    kind: UnitKind | None = None
    unit: Text | None = Field(None, description="A named unit, e.g. 'Chi bộ 1'")

    @model_validator(mode="after")
    def _one_of(self) -> UnitRef:
        if (self.kind is None) == (self.unit is None):
            raise ValueError(t("ref.unit_ref"))
        return self


class Assignment(Strict):
    item: ItemId
    units: list[UnitRef] = Field(min_length=1)
    channels: list[Code] = Field([], description="Channels this assignment covers; empty: all")
    note: Text | None = None


class Filter(Strict):
    """Which sessions count toward a target; empty lists mean any."""

    channels: list[Code] = []
    topics: list[Code] = []
    items: list[ItemId] = []


class Target(Strict):
    id: Code
    item: ItemId
    label: Text
    label_en: Text
    applies_to: list[UnitRef] = Field(min_length=1)
    metric: Metric
    period: Period
    threshold: float = Field(gt=0, description="At least this much; a percentage for % metrics")
    aggregate: Literal["best", "mean"] | None = None
    filter: Filter | None = None
    proposed: bool = Field(
        False, description="A default proposed by atgt: the office should set the real figure"
    )


# --- reports and rules ------------------------------------------------------------------------


class Signer(Strict):
    name: str = ""
    title: Literal["bi-thu", "pho-bi-thu"] = "bi-thu"


class CellReport(Strict):
    """A chi bộ's own report: a party document of the cell, sent up to the committee."""

    superior_body: Text = Field(description='First line top left, e.g. "Đảng bộ Sở Công Thương"')
    number_suffix: Text = Field("BC/CB", description="After the number: Số 05-BC/CB")
    recipients: list[Text] = Field(min_length=1)
    signer_title: Literal["bi-thu", "pho-bi-thu"] = "bi-thu"


class OrganisationReport(Strict):
    """A đoàn thể's report: not a party document, under its own organisation's header."""

    superior_body: Text | None = Field(None, description="The organisation above it, top left")
    motto: list[Text] = Field(
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        min_length=1,
        description="Top right, first line in bold capitals",
    )
    number_suffix: Text = Field("BC", description="After the number: Số 03/BC-CĐCS")
    recipients: list[Text] = Field(min_length=1)
    on_behalf: Text = Field("TM. BAN CHẤP HÀNH", description="Above the signer's title")
    signer_title: Text = "CHỦ TỊCH"
    members: Text = Field("đoàn viên", description="What its members are called")


class ReportSettings(Strict):
    committee: Text
    superior_body: Text
    place: Text
    number_suffix: Text = Field(description="After the number: Số 12-BC/ĐUSCT")
    recipients: list[Text] = Field(min_length=1)
    signer: Signer = Signer()
    cell: CellReport | None = Field(None, description="A chi bộ's own report")
    organisations: dict[Text, OrganisationReport] = Field(
        {}, description="Each đoàn thể's letterhead, by the unit's name; \"default\" for the rest"
    )
    templates: dict[Literal["dang-uy", "chi-bo", "doan-the"], Text] = Field(
        {}, description="Word templates edited by the office, used instead of atgt's own"
    )
    cutoff_day: int | None = Field(
        None, ge=1, le=28, description="Periods end on this day (e.g. 14: 15th to 14th)"
    )
    due_day: int | None = Field(
        None, ge=1, le=28, description="Reports are due by this day of the following month"
    )


Decider = Literal["chi-bo", "dang-uy", "ubkt"]
Membership = Literal["chinh-thuc", "du-bi"]
Outcome = Literal["kiem-diem", "khien-trach", "canh-cao", "cach-chuc", "khai-tru", "xoa-ten"]


class Authority(Strict):
    """Who may decide an outcome, and for which members (services/discipline.py cites the
    sources: Điều lệ Đảng, Điều 35 and 36; Quy định 69-QĐ/TW; Quy định 296-QĐ/TW)."""

    deciders: list[Decider] = Field(min_length=1, description="Bodies that may decide it")
    memberships: list[Membership] = Field(min_length=1, description="Members it may be given")
    admission: list[Decider] = Field(
        [], description="Of the deciders, those that may only where authorised to admit members"
    )


class Discipline(Strict):
    admits_members: bool = Field(
        True, description="The đảng ủy is authorised to admit members (then it decides khai trừ)"
    )
    outcomes: dict[Outcome, Authority] = Field(min_length=1)


class Levels(Strict):
    """The highest alcohol levels taken as measured; above them, a likely typo ("35" for
    "0,35"). services/discipline.py cites the source."""

    breath: float = Field(gt=0, le=100, description="mg per litre of breath")
    blood: float = Field(gt=0, le=10_000, description="mg per 100 ml of blood")


class Rules(Strict):
    violation_report_days: int = Field(
        ge=1,
        le=366,
        description="Cells report a member's violation within this many days of knowing it",
    )
    discipline: Discipline | None = Field(
        None, description="Who may decide which outcome (default: as atgt states it)"
    )
    plausible_levels: Levels | None = Field(
        None, description="The highest alcohol levels taken as measured (default: atgt's)"
    )


# --- the plan --------------------------------------------------------------------------------


class Plan(Strict):
    format: Literal[1] = Field(description="Version of this file format")
    symbol: Symbol
    kind: Text
    date: PlanDate
    issuer: Text
    title: Text
    announcement: Text | None = Field(None, description="The lead of the published news item")
    implements: DocumentRef | None = None
    preamble: Text
    parts: list[Part] = Field(min_length=1)
    closing: Text
    vocabularies: Vocabularies
    assignments: list[Assignment] = []
    targets: list[Target] = []
    report: ReportSettings
    rules: Rules

    def all_items(self) -> list[Item]:
        """Every item of every part, depth first, in document order."""
        out: list[Item] = []

        def walk(items: list[Item]) -> None:
            for item in items:
                out.append(item)
                walk(item.items)

        for part in self.parts:
            walk(part.items)
        return out
