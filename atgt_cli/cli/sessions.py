"""`atgt session …`."""

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
    To,
    Unit,
    env,
    group,
    opened_store,
    option,
    output,
    records,
    text_option,
)
from atgt_cli.labels import t

# The fields of a session, shared by add and edit (and --channel, --item by list).
Date = Annotated[str | None, text_option("--date", "opt.date", "DATE")]
Channel = Annotated[
    str | None,
    text_option("--channel", "opt.channel", "CHANNEL", autocompletion=complete.channels),
]
Topic = Annotated[
    list[str] | None, text_option("--topic", "opt.topic", "TOPIC", autocompletion=complete.topics)
]
Item = Annotated[str | None, text_option("--item", "opt.item_rec", "ID")]
# Counts are text: the rule reads them as offices write them ("1.200", "12/15" present/total).
Present = Annotated[str | None, text_option("--present", "opt.present", "N")]
Total = Annotated[str | None, text_option("--total", "opt.total", "N")]
Masses = Annotated[str | None, text_option("--masses", "opt.masses", "N")]
Title = Annotated[str | None, text_option("--title", "opt.title")]
Url = Annotated[str | None, text_option("--url", "opt.url", "URL")]
Evidence = Annotated[str | None, text_option("--evidence", "opt.evidence", "PATH_OR_URL")]
Content = Annotated[str | None, text_option("--content", "opt.content")]
Deleted = Annotated[bool, option("--deleted", help_key="opt.deleted")]
AllowDuplicate = Annotated[bool, option("--allow-duplicate", help_key="opt.allow_duplicate")]


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
    content: Content = None,
    allow_duplicate: AllowDuplicate = False,
) -> None:
    from atgt_cli.services.sessions import SessionInput, add_session

    data = SessionInput(
        unit=unit,
        date=date,
        channel=channel,
        topics=topic,
        item=item,
        present=present,
        total=total,
        masses=masses,
        title=title,
        url=url,
        note=note,
        evidence=evidence,
        content=content,
    )
    with opened_store(ctx) as store:
        row = add_session(store, env(ctx), data, allow_duplicate=allow_duplicate)
    typer.echo(t("session.added", id=row.id))


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
    content: Content = None,
    allow_duplicate: AllowDuplicate = False,
) -> None:
    from atgt_cli.services.sessions import SessionInput, edit_session

    data = SessionInput(
        unit=unit,
        date=date,
        channel=channel,
        topics=topic,
        item=item,
        present=present,
        total=total,
        masses=masses,
        title=title,
        url=url,
        note=note,
        evidence=evidence,
        content=content,
    )
    with opened_store(ctx) as store:
        row, changed = edit_session(
            store, env(ctx), session_id, data, allow_duplicate=allow_duplicate
        )
    typer.echo(t("session.edited" if changed else "session.unchanged", id=row.id))


def delete(ctx: typer.Context, session_id: Id, reason: Reason) -> None:
    from atgt_cli.services.sessions import delete_session

    with opened_store(ctx) as store:
        row = delete_session(store, env(ctx), session_id, reason=reason)
    typer.echo(t("session.deleted_ok", id=row.id))


def list_(
    ctx: typer.Context,
    unit: Unit = None,
    month: Month = None,
    start: From = None,
    end: To = None,
    channel: Channel = None,
    item: Item = None,
    deleted: Deleted = False,
    as_json: Json = False,
) -> None:
    from atgt_cli.services.plandata import current_plan
    from atgt_cli.services.sessions import SessionFilterInput, list_sessions

    where = SessionFilterInput(
        unit=unit, month=month, start=start, end=end, channel=channel, item=item, deleted=deleted
    )
    with opened_store(ctx) as store:
        rows = list_sessions(store, env(ctx), where)
        plan = current_plan(store)
    output(
        rows,
        as_json=as_json,
        empty="session.none",
        table=lambda: records().sessions_table(rows, plan),
    )


def show(ctx: typer.Context, session_id: Id, as_json: Json = False) -> None:
    from atgt_cli.services.plandata import plan_data
    from atgt_cli.services.sessions import get_session

    with opened_store(ctx) as store:
        row = get_session(store, session_id)
        plan = plan_data(store, row.plan_id)
    output(row, as_json=as_json, table=lambda: records().session_detail(row, plan))


def build() -> typer.Typer:
    return group(
        "session",
        {
            "add": add,
            "edit": edit,
            "delete": delete,
            "list": list_,
            "show": show,
        },
    )
