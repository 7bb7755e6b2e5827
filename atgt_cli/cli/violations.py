"""`atgt member …` and `atgt violation …` (personal data: --redact hides it)."""

from typing import Annotated

import typer

from atgt_cli.cli.common import MAX_ID, PLAIN, env, opened_store, output, records
from atgt_cli.labels import t


def _opt(name: str, help_key: str, metavar: str = "TEXT") -> object:
    return typer.Option(name, metavar=metavar, help=t(help_key), show_default=False)


def build_members() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, **PLAIN)
    Unit = Annotated[str | None, _opt("--unit", "opt.unit", "UNIT")]
    Membership = Annotated[str | None, _opt("--membership", "opt.membership", "chinh-thuc|du-bi")]
    Since = Annotated[str | None, _opt("--membership-since", "opt.membership_since", "DATE")]
    PartyPost = Annotated[str | None, _opt("--party-post", "opt.party_post")]
    StateTitle = Annotated[str | None, _opt("--state-title", "opt.state_title")]

    @app.command("add", help=t("member.add.help"))
    def add(
        ctx: typer.Context,
        name: Annotated[str, typer.Argument(metavar="NAME", show_default=False)],
        unit: Unit = None,
        membership: Membership = "chinh-thuc",
        since: Since = None,
        party_post: PartyPost = None,
        state_title: StateTitle = None,
    ) -> None:
        from atgt_cli.errors import InputError
        from atgt_cli.services.members import MemberInput, add_member

        if not unit:
            raise InputError(t("field.required", field="--unit"))
        data = MemberInput(name, membership, since, party_post, state_title)
        with opened_store(ctx) as store:
            row = add_member(store, env(ctx), unit=unit, data=data)
        typer.echo(t("member.added", member=row.name, code=row.code))

    @app.command("edit", help=t("member.edit.help"))
    def edit(
        ctx: typer.Context,
        member: Annotated[str, typer.Argument(metavar="NAME_OR_CODE", show_default=False)],
        unit: Unit = None,
        name: Annotated[str | None, _opt("--name", "opt.new_name")] = None,
        membership: Membership = None,
        since: Since = None,
        party_post: PartyPost = None,
        state_title: StateTitle = None,
    ) -> None:
        from atgt_cli.services.members import MemberInput, edit_member

        data = MemberInput(name, membership, since, party_post, state_title)
        with opened_store(ctx) as store:
            row = edit_member(store, env(ctx), member, unit=unit, data=data)
        typer.echo(t("member.edited", code=row.code))

    @app.command("list", help=t("member.list.help"))
    def list_(
        ctx: typer.Context,
        unit: Unit = None,
        redact: Annotated[bool, typer.Option("--redact", help=t("opt.redact"))] = False,
        as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False,
    ) -> None:
        from atgt_cli.services import redact as redaction
        from atgt_cli.services.members import list_members

        with opened_store(ctx) as store:
            rows = list_members(store, env(ctx), unit=unit)
        if redact:
            rows = [redaction.member(row) for row in rows]
        output(
            rows, as_json=as_json, empty="member.none", table=lambda: records().members_table(rows)
        )

    return app


def build_violations() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, **PLAIN)
    Id = Annotated[int, typer.Argument(metavar="ID", max=MAX_ID, show_default=False)]
    Json = Annotated[bool, typer.Option("--json", help=t("opt.json"))]
    Redact = Annotated[bool, typer.Option("--redact", help=t("opt.redact"))]
    Unit = Annotated[str | None, _opt("--unit", "opt.unit", "UNIT")]

    @app.command("add", help=t("violation.add.help"))
    def add(
        ctx: typer.Context,
        unit: Unit = None,
        member: Annotated[str | None, _opt("--member", "opt.member", "NAME")] = None,
        membership: Annotated[
            str | None, _opt("--membership", "opt.membership", "chinh-thuc|du-bi")
        ] = None,
        party_post: Annotated[str | None, _opt("--party-post", "opt.party_post")] = None,
        state_title: Annotated[str | None, _opt("--state-title", "opt.state_title")] = None,
        category: Annotated[str | None, _opt("--category", "opt.category", "CATEGORY")] = None,
        date: Annotated[str | None, _opt("--date", "opt.vdate", "DATE")] = None,
        known_on: Annotated[str | None, _opt("--known-on", "opt.known_on", "DATE")] = None,
        detected_by: Annotated[str | None, _opt("--detected-by", "opt.detected_by")] = None,
        breath: Annotated[float | None, _opt("--alcohol-breath", "opt.breath", "MG_L")] = None,
        blood: Annotated[float | None, _opt("--alcohol-blood", "opt.blood", "MG_100ML")] = None,
        reported_on: Annotated[str | None, _opt("--reported-on", "opt.reported_on", "DATE")] = None,
        note: Annotated[str | None, _opt("--note", "opt.note")] = None,
    ) -> None:
        from atgt_cli.errors import InputError
        from atgt_cli.services.violations import ViolationInput, add_violation

        for option, value in (
            ("--unit", unit),
            ("--member", member),
            ("--category", category),
            ("--date", date),
        ):
            if not value:
                raise InputError(t("field.required", field=option))
        assert unit and member and category and date
        data = ViolationInput(
            unit,
            member,
            category,
            date,
            membership,
            party_post,
            state_title,
            known_on,
            detected_by,
            breath,
            blood,
            reported_on,
            note,
        )
        with opened_store(ctx) as store:
            view = add_violation(store, env(ctx), data)
        typer.echo(t("violation.added", id=view.id, member=view.member, code=view.member_code))
        if view.alcohol_tier:
            typer.echo(t("violation.tier", tier=view.alcohol_tier, decree=view.decree))

    @app.command("handle", help=t("violation.handle.help"))
    def handle(
        ctx: typer.Context,
        violation_id: Id,
        outcome: Annotated[str, _opt("--outcome", "opt.outcome", "OUTCOME")],
        decided_on: Annotated[str, _opt("--decided-on", "opt.decided_on", "DATE")],
        decided_by: Annotated[str, _opt("--decided-by", "opt.decided_by", "chi-bo|dang-uy|ubkt")],
        decision: Annotated[str | None, _opt("--decision", "opt.decision")] = None,
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

    @app.command("publish", help=t("violation.publish.help"))
    def publish(
        ctx: typer.Context,
        violation_id: Id,
        on: Annotated[str, _opt("--on", "opt.published_on", "DATE")],
        where: Annotated[str, _opt("--where", "opt.where")],
    ) -> None:
        from atgt_cli.services.violations import publish_violation

        with opened_store(ctx) as store:
            publish_violation(store, env(ctx), violation_id, on=on, where=where)
        typer.echo(t("violation.published_ok", id=violation_id))

    @app.command("report", help=t("violation.report.help"))
    def report(
        ctx: typer.Context,
        violation_id: Id,
        on: Annotated[str, _opt("--on", "opt.reported_on", "DATE")],
    ) -> None:
        from atgt_cli.dates import format_date
        from atgt_cli.services.violations import report_violation

        with opened_store(ctx) as store:
            view = report_violation(store, env(ctx), violation_id, on=on)
        late = t("violation.late_mark", deadline=format_date(view.deadline)) if view.late else ""
        typer.echo(t("violation.reported_ok", id=violation_id, late=late))

    @app.command("list", help=t("violation.list.help"))
    def list_(
        ctx: typer.Context,
        unit: Unit = None,
        month: Annotated[str | None, _opt("--month", "opt.month", "MM/YYYY")] = None,
        start: Annotated[str | None, _opt("--from", "opt.from", "DATE")] = None,
        end: Annotated[str | None, _opt("--to", "opt.to", "DATE")] = None,
        category: Annotated[str | None, _opt("--category", "opt.category", "CATEGORY")] = None,
        only_open: Annotated[bool, typer.Option("--open", help=t("opt.open"))] = False,
        late: Annotated[bool, typer.Option("--late", help=t("opt.late"))] = False,
        unpublished: Annotated[
            bool, typer.Option("--unpublished", help=t("opt.unpublished"))
        ] = False,
        redact: Redact = False,
        as_json: Json = False,
    ) -> None:
        from atgt_cli.services.plandata import current_plan
        from atgt_cli.services.violations import ViolationFilterInput, list_violations, redacted

        where = ViolationFilterInput(
            unit, month, start, end, category, only_open, late, unpublished
        )
        with opened_store(ctx) as store:
            views = list_violations(store, env(ctx), where)
            plan = current_plan(store)
        if redact:
            views = [redacted(v) for v in views]
        output(
            views,
            as_json=as_json,
            empty="violation.none",
            table=lambda: records().violations_table(views, plan),
        )

    @app.command("show", help=t("violation.show.help"))
    def show(
        ctx: typer.Context, violation_id: Id, redact: Redact = False, as_json: Json = False
    ) -> None:
        from atgt_cli.services.plandata import plan_data
        from atgt_cli.services.violations import get_violation, redacted

        with opened_store(ctx) as store:
            view = get_violation(store, env(ctx), violation_id)
            plan = plan_data(store, view.plan_id)
        if redact:
            view = redacted(view)
        output(view, as_json=as_json, table=lambda: records().violation_detail(view, plan))

    return app
