"""`atgt member …` and `atgt violation …` (personal data: --redact hides it)."""

from typing import Annotated

import typer

from atgt_cli.cli import complete
from atgt_cli.cli.common import (
    From,
    Id,
    Json,
    Month,
    Note,
    Reason,
    Redact,
    To,
    Unit,
    argument,
    env,
    group,
    opened_store,
    option,
    output,
    records,
    text_option,
)
from atgt_cli.labels import t

# A member's details: member add and edit, and violation add (which records the member).
Membership = Annotated[
    str | None,
    text_option(
        "--membership", "opt.membership", "chinh-thuc|du-bi", autocompletion=complete.memberships
    ),
]
Since = Annotated[
    str | None,
    option(
        "--membership-since",
        "--since",
        metavar="DATE",
        help_key="opt.membership_since",
        show_default=False,
    ),
]
PartyPost = Annotated[str | None, text_option("--party-post", "opt.party_post")]
StateTitle = Annotated[str | None, text_option("--state-title", "opt.state_title")]
Name = Annotated[str, typer.Argument(metavar="NAME", show_default=False)]
NameOrCode = Annotated[str, typer.Argument(metavar="NAME_OR_CODE", show_default=False)]
KeptMember = Annotated[str, argument(metavar="A", help_key="arg.member_kept", show_default=False)]
DroppedMember = Annotated[
    str, argument(metavar="B", help_key="arg.member_dropped", show_default=False)
]
NewName = Annotated[str | None, text_option("--name", "opt.new_name")]

# A violation's: add and list share --category.
Member = Annotated[str | None, text_option("--member", "opt.member", "NAME")]
Category = Annotated[
    str | None,
    text_option("--category", "opt.category", "CATEGORY", autocompletion=complete.categories),
]
Content = Annotated[str | None, text_option("--content", "opt.violation_content")]
Date = Annotated[str | None, text_option("--date", "opt.vdate", "DATE")]
KnownOn = Annotated[str | None, text_option("--known-on", "opt.known_on", "DATE")]
DetectedBy = Annotated[str | None, text_option("--detected-by", "opt.detected_by")]
# Levels are text: the rule reads a decimal comma ("0,25") as offices write it.
Breath = Annotated[str | None, text_option("--alcohol-breath", "opt.breath", "MG_L")]
Blood = Annotated[str | None, text_option("--alcohol-blood", "opt.blood", "MG_100ML")]
ReportedOn = Annotated[str | None, text_option("--reported-on", "opt.reported_on", "DATE")]
Outcome = Annotated[
    str, text_option("--outcome", "opt.outcome", "OUTCOME", autocompletion=complete.outcomes)
]
DecidedOn = Annotated[str, text_option("--decided-on", "opt.decided_on", "DATE")]
DecidedBy = Annotated[
    str,
    text_option(
        "--decided-by", "opt.decided_by", "chi-bo|dang-uy|ubkt", autocompletion=complete.deciders
    ),
]
Decision = Annotated[str | None, text_option("--decision", "opt.decision")]
PublishedOn = Annotated[str, text_option("--on", "opt.published_on", "DATE")]
Where = Annotated[str, text_option("--where", "opt.where")]
ReportedOnRequired = Annotated[str, text_option("--on", "opt.reported_on", "DATE")]
Open = Annotated[bool, option("--open", help_key="opt.open")]
Late = Annotated[bool, option("--late", help_key="opt.late")]
Unpublished = Annotated[bool, option("--unpublished", help_key="opt.unpublished")]
Deleted = Annotated[bool, option("--deleted", help_key="opt.vdeleted")]
# `violation edit` takes every field as text, None leaving it as it is ("" clears it).
BreathText = Annotated[str | None, text_option("--alcohol-breath", "opt.breath", "MG_L")]
BloodText = Annotated[str | None, text_option("--alcohol-blood", "opt.blood", "MG_100ML")]
OutcomeEdit = Annotated[str | None, text_option("--outcome", "opt.outcome", "OUTCOME")]
DecidedOnEdit = Annotated[str | None, text_option("--decided-on", "opt.decided_on", "DATE")]
DecidedByEdit = Annotated[
    str | None, text_option("--decided-by", "opt.decided_by", "chi-bo|dang-uy|ubkt")
]
PublishedOnEdit = Annotated[str | None, text_option("--published-on", "opt.published_on", "DATE")]
PublishedWhere = Annotated[str | None, text_option("--published-where", "opt.where")]


def member_add(
    ctx: typer.Context,
    name: Name,
    unit: Unit = None,
    membership: Membership = None,  # required for a new member: no silent default
    since: Since = None,
    party_post: PartyPost = None,
    state_title: StateTitle = None,
) -> None:
    from atgt_cli.services.members import MemberInput, add_member

    data = MemberInput(
        name=name,
        membership=membership,
        since=since,
        party_post=party_post,
        state_title=state_title,
    )
    with opened_store(ctx) as store:
        row = add_member(store, env(ctx), unit=unit, data=data)
    typer.echo(t("member.added", member=row.name, code=row.code))


def member_edit(
    ctx: typer.Context,
    member: NameOrCode,
    unit: Unit = None,
    name: NewName = None,
    membership: Membership = None,
    since: Since = None,
    party_post: PartyPost = None,
    state_title: StateTitle = None,
) -> None:
    from atgt_cli.services.members import MemberInput, edit_member

    data = MemberInput(
        name=name,
        membership=membership,
        since=since,
        party_post=party_post,
        state_title=state_title,
    )
    with opened_store(ctx) as store:
        row = edit_member(store, env(ctx), member, unit=unit, data=data)
    typer.echo(t("member.edited", code=row.code))


def member_list(
    ctx: typer.Context, unit: Unit = None, redact: Redact = False, as_json: Json = False
) -> None:
    from atgt_cli.services.members import list_members

    with opened_store(ctx) as store:
        rows = list_members(store, env(ctx), unit=unit, redact=redact)
    output(rows, as_json=as_json, empty="member.none", table=lambda: records().members_table(rows))


def member_delete(ctx: typer.Context, member: NameOrCode, unit: Unit = None) -> None:
    from atgt_cli.services.members import delete_member

    with opened_store(ctx) as store:
        row = delete_member(store, env(ctx), member, unit=unit)
    typer.echo(t("member.deleted", code=row.code))


def member_merge(
    ctx: typer.Context, keep: KeptMember, drop: DroppedMember, unit: Unit = None
) -> None:
    from atgt_cli.services.members import merge_members

    with opened_store(ctx) as store:
        kept, dropped, moved = merge_members(store, env(ctx), keep, drop, unit=unit)
    typer.echo(t("member.merged", kept=kept.code, dropped=dropped.code, count=len(moved)))


def build_members() -> typer.Typer:
    return group(
        "member",
        {
            "add": member_add,
            "edit": member_edit,
            "list": member_list,
            "delete": member_delete,
            "merge": member_merge,
        },
    )


def violation_add(
    ctx: typer.Context,
    unit: Unit = None,
    member: Member = None,
    membership: Membership = None,
    party_post: PartyPost = None,
    state_title: StateTitle = None,
    category: Category = None,
    date: Date = None,
    known_on: KnownOn = None,
    detected_by: DetectedBy = None,
    breath: Breath = None,
    blood: Blood = None,
    reported_on: ReportedOn = None,
    note: Note = None,
    content: Content = None,
) -> None:
    from atgt_cli.services.violations import ViolationInput, add_violation

    data = ViolationInput(
        unit=unit,
        member=member,
        category=category,
        date=date,
        membership=membership,
        party_post=party_post,
        state_title=state_title,
        known_on=known_on,
        detected_by=detected_by,
        alcohol_breath=breath,
        alcohol_blood=blood,
        reported_on=reported_on,
        note=note,
        content=content,
    )
    with opened_store(ctx) as store:
        view = add_violation(store, env(ctx), data)
    typer.echo(t("violation.added", id=view.id, member=view.member, code=view.member_code))
    if view.alcohol_tier:
        measured = view.alcohol_breath is not None or view.alcohol_blood is not None
        key = "violation.tier" if measured else "violation.top_tier"
        typer.echo(t(key, tier=view.alcohol_tier, decree=view.decree))


def violation_handle(
    ctx: typer.Context,
    violation_id: Id,
    outcome: Outcome,
    decided_on: DecidedOn,
    decided_by: DecidedBy,
    decision: Decision = None,
) -> None:
    from atgt_cli.services.violations import handle_violation

    with opened_store(ctx) as store:
        view = handle_violation(
            store,
            env(ctx),
            violation_id,
            outcome=outcome,
            decided_on=decided_on,
            decided_by=decided_by,
            decision=decision,
        )
    typer.echo(t("violation.handled", id=violation_id, outcome=t(f"outcome.{view.outcome}")))


def violation_publish(ctx: typer.Context, violation_id: Id, on: PublishedOn, where: Where) -> None:
    from atgt_cli.services.violations import publish_violation

    with opened_store(ctx) as store:
        publish_violation(store, env(ctx), violation_id, on=on, where=where)
    typer.echo(t("violation.published_ok", id=violation_id))


def violation_report(ctx: typer.Context, violation_id: Id, on: ReportedOnRequired) -> None:
    from atgt_cli.dates import format_date
    from atgt_cli.services.violations import report_violation

    with opened_store(ctx) as store:
        view = report_violation(store, env(ctx), violation_id, on=on)
    late = t("violation.late_mark", deadline=format_date(view.deadline)) if view.late else ""
    typer.echo(t("violation.reported_ok", id=violation_id, late=late))


def violation_edit(
    ctx: typer.Context,
    violation_id: Id,
    unit: Unit = None,
    member: Member = None,
    membership: Membership = None,
    party_post: PartyPost = None,
    state_title: StateTitle = None,
    category: Category = None,
    date: Date = None,
    known_on: KnownOn = None,
    detected_by: DetectedBy = None,
    breath: BreathText = None,
    blood: BloodText = None,
    reported_on: ReportedOn = None,
    note: Note = None,
    content: Content = None,
    outcome: OutcomeEdit = None,
    decided_on: DecidedOnEdit = None,
    decided_by: DecidedByEdit = None,
    decision: Decision = None,
    published_on: PublishedOnEdit = None,
    published_where: PublishedWhere = None,
) -> None:
    from atgt_cli.services.violation_edits import edit_violation
    from atgt_cli.services.violations import ViolationEdit

    data = ViolationEdit(
        unit=unit,
        member=member,
        category=category,
        date=date,
        membership=membership,
        party_post=party_post,
        state_title=state_title,
        known_on=known_on,
        detected_by=detected_by,
        alcohol_breath=breath,
        alcohol_blood=blood,
        reported_on=reported_on,
        note=note,
        content=content,
        outcome=outcome,
        decided_on=decided_on,
        decided_by=decided_by,
        decision=decision,
        published_on=published_on,
        published_where=published_where,
    )
    with opened_store(ctx) as store:
        edited = edit_violation(store, env(ctx), violation_id, data)
    if not edited.changed:
        typer.echo(t("violation.unchanged", id=violation_id))
        return
    typer.echo(t("violation.edited", id=violation_id, fields=", ".join(edited.changed)))
    view = edited.violation
    if view.alcohol_tier:
        typer.echo(t("violation.tier", tier=view.alcohol_tier, decree=view.decree))


def violation_delete(ctx: typer.Context, violation_id: Id, reason: Reason) -> None:
    from atgt_cli.services.violation_edits import delete_violation

    with opened_store(ctx) as store:
        delete_violation(store, env(ctx), violation_id, reason=reason)
    typer.echo(t("violation.deleted_ok", id=violation_id))


def violation_list(
    ctx: typer.Context,
    unit: Unit = None,
    month: Month = None,
    start: From = None,
    end: To = None,
    category: Category = None,
    only_open: Open = False,
    late: Late = False,
    unpublished: Unpublished = False,
    deleted: Deleted = False,
    redact: Redact = False,
    as_json: Json = False,
) -> None:
    from atgt_cli.services.plandata import current_plan
    from atgt_cli.services.violations import ViolationFilterInput, list_violations

    where = ViolationFilterInput(
        unit=unit,
        month=month,
        start=start,
        end=end,
        category=category,
        open=only_open,
        late=late,
        unpublished=unpublished,
        deleted=deleted,
    )
    with opened_store(ctx) as store:
        views = list_violations(store, env(ctx), where, redact=redact)
        plan = current_plan(store)
    output(
        views,
        as_json=as_json,
        empty="violation.none",
        table=lambda: records().violations_table(views, plan),
    )


def violation_show(
    ctx: typer.Context, violation_id: Id, redact: Redact = False, as_json: Json = False
) -> None:
    from atgt_cli.services.plandata import plan_data
    from atgt_cli.services.violations import get_violation

    with opened_store(ctx) as store:
        view = get_violation(store, env(ctx), violation_id, redact=redact)
        plan = plan_data(store, view.plan_id)
    output(view, as_json=as_json, table=lambda: records().violation_detail(view, plan))


def build_violations() -> typer.Typer:
    return group(
        "violation",
        {
            "add": violation_add,
            "handle": violation_handle,
            "publish": violation_publish,
            "report": violation_report,
            "edit": violation_edit,
            "delete": violation_delete,
            "list": violation_list,
            "show": violation_show,
        },
    )
