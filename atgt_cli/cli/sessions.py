"""`atgt session …`."""

from typing import Annotated

import typer

from atgt_cli.cli.common import MAX_ID, PLAIN, env, opened_store, output, records
from atgt_cli.labels import t


def build() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, **PLAIN)
    Json = Annotated[bool, typer.Option("--json", help=t("opt.json"))]
    Id = Annotated[int, typer.Argument(metavar="ID", max=MAX_ID, show_default=False)]

    def text(name: str, help_key: str, metavar: str = "TEXT") -> object:
        return typer.Option(name, metavar=metavar, help=t(help_key), show_default=False)

    Unit = Annotated[str | None, text("--unit", "opt.unit", "UNIT")]
    Date = Annotated[str | None, text("--date", "opt.date", "DATE")]
    Channel = Annotated[str | None, text("--channel", "opt.channel", "CHANNEL")]
    Topic = Annotated[list[str] | None, text("--topic", "opt.topic", "TOPIC")]
    Item = Annotated[str | None, text("--item", "opt.item_rec", "ID")]
    Present = Annotated[int | None, text("--present", "opt.present", "N")]
    Total = Annotated[int | None, text("--total", "opt.total", "N")]
    Masses = Annotated[int | None, text("--masses", "opt.masses", "N")]
    Title = Annotated[str | None, text("--title", "opt.title")]
    Url = Annotated[str | None, text("--url", "opt.url", "URL")]
    Note = Annotated[str | None, text("--note", "opt.note")]
    Evidence = Annotated[str | None, text("--evidence", "opt.evidence", "PATH_OR_URL")]

    @app.command("add", help=t("session.add.help"))
    def add(
        ctx: typer.Context,
        unit: Unit = None,
        date: Date = None,
        channel: Channel = None,
        topic: Topic = None,
        item: Item = None,
        present: Present = None,
        total: Total = None,
        masses: Masses = None,
        title: Title = None,
        url: Url = None,
        note: Note = None,
        evidence: Evidence = None,
    ) -> None:
        from atgt_cli.services.sessions import SessionInput, add_session

        data = SessionInput(
            unit, date, channel, topic, item, present, total, masses, title, url, note, evidence
        )
        with opened_store(ctx) as store:
            row = add_session(store, env(ctx), data)
        typer.echo(t("session.added", id=row.id))

    @app.command("edit", help=t("session.edit.help"))
    def edit(
        ctx: typer.Context,
        session_id: Id,
        unit: Unit = None,
        date: Date = None,
        channel: Channel = None,
        topic: Topic = None,
        item: Item = None,
        present: Present = None,
        total: Total = None,
        masses: Masses = None,
        title: Title = None,
        url: Url = None,
        note: Note = None,
        evidence: Evidence = None,
    ) -> None:
        from atgt_cli.services.sessions import SessionInput, edit_session

        data = SessionInput(
            unit, date, channel, topic, item, present, total, masses, title, url, note, evidence
        )
        with opened_store(ctx) as store:
            row, changed = edit_session(store, env(ctx), session_id, data)
        typer.echo(t("session.edited" if changed else "session.unchanged", id=row.id))

    @app.command("delete", help=t("session.delete.help"))
    def delete(
        ctx: typer.Context,
        session_id: Id,
        reason: Annotated[
            str, typer.Option("--reason", metavar="TEXT", help=t("opt.reason"), show_default=False)
        ],
    ) -> None:
        from atgt_cli.services.sessions import delete_session

        with opened_store(ctx) as store:
            row = delete_session(store, env(ctx), session_id, reason=reason)
        typer.echo(t("session.deleted_ok", id=row.id))

    @app.command("list", help=t("session.list.help"))
    def list_(
        ctx: typer.Context,
        unit: Unit = None,
        month: Annotated[str | None, text("--month", "opt.month", "MM/YYYY")] = None,
        start: Annotated[str | None, text("--from", "opt.from", "DATE")] = None,
        end: Annotated[str | None, text("--to", "opt.to", "DATE")] = None,
        channel: Channel = None,
        item: Item = None,
        deleted: Annotated[bool, typer.Option("--deleted", help=t("opt.deleted"))] = False,
        as_json: Json = False,
    ) -> None:
        from atgt_cli.services.plandata import current_plan
        from atgt_cli.services.sessions import SessionFilterInput, list_sessions

        where = SessionFilterInput(unit, month, start, end, channel, item, deleted)
        with opened_store(ctx) as store:
            rows = list_sessions(store, env(ctx), where)
            plan = current_plan(store)
        output(
            rows,
            as_json=as_json,
            empty="session.none",
            table=lambda: records().sessions_table(rows, plan),
        )

    @app.command("show", help=t("session.show.help"))
    def show(ctx: typer.Context, session_id: Id, as_json: Json = False) -> None:
        from atgt_cli.services.plandata import plan_data
        from atgt_cli.services.sessions import get_session

        with opened_store(ctx) as store:
            row = get_session(store, session_id)
            plan = plan_data(store, row.plan_id)
        output(row, as_json=as_json, table=lambda: records().session_detail(row, plan))

    return app
