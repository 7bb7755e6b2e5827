"""`atgt unit …`."""

from collections.abc import Callable
from typing import Annotated

import typer

from atgt_cli.cli import complete
from atgt_cli.cli.common import (
    Json,
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

Name = Annotated[str, typer.Argument(metavar="NAME", show_default=False)]
# A unit already in the store (Tab offers them).
Known = Annotated[
    str, typer.Argument(metavar="NAME", show_default=False, autocompletion=complete.units)
]
NewName = Annotated[str, typer.Argument(metavar="NEW_NAME", show_default=False)]
Since = Annotated[str | None, option("--since", metavar="DATE", help_key="opt.since")]
Kind = Annotated[
    str,
    option(
        "--kind",
        metavar="KIND",
        help_key="opt.kind",
        show_default=False,
        autocompletion=complete.kinds,
    ),
]
Parent = Annotated[
    str | None,
    option("--parent", metavar="NAME", help_key="opt.parent", autocompletion=complete.units),
]
# Text: the rule reads counts as offices write them ("1.200").
Members = Annotated[str | None, option("--members", metavar="N", help_key="opt.members")]
Exempt = Annotated[str | None, option("--exempt", metavar="N", help_key="opt.exempt")]
Count = Annotated[str, argument(metavar="N", help_key="opt.members", show_default=False)]
ExemptCount = Annotated[str, option("--exempt", metavar="K", help_key="opt.exempt")]
On = Annotated[str | None, option("--on", metavar="DATE", help_key="opt.on")]
Aliases = Annotated[list[str] | None, text_option("--alias", "opt.alias")]
UnitName = Annotated[
    str, typer.Argument(metavar="UNIT", show_default=False, autocompletion=complete.units)
]
AliasText = Annotated[str, typer.Argument(metavar="ALIAS", show_default=False)]


def add(
    ctx: typer.Context,
    name: Name,
    kind: Kind,
    parent: Parent = None,
    members: Members = None,
    exempt: Exempt = None,
    since: Since = None,
    alias: Aliases = None,
) -> None:
    from atgt_cli.services.units import add_unit

    with opened_store(ctx) as store:
        unit = add_unit(
            store,
            env(ctx),
            name=name,
            kind=kind,
            parent=parent,
            members=members,
            exempt=exempt,
            since=since,
            aliases=alias,
        )
    typer.echo(t("unit.added", unit=unit.name))


def list_(ctx: typer.Context, as_json: Json = False) -> None:
    from atgt_cli.services.units import list_units

    with opened_store(ctx) as store:
        rows = list_units(store, on=env(ctx).today)
    output(rows, as_json=as_json, empty="unit.none", table=lambda: records().units_table(rows))


def rename(ctx: typer.Context, name: Known, new_name: NewName) -> None:
    from atgt_cli.services.units import rename_unit

    with opened_store(ctx) as store:
        unit = rename_unit(store, env(ctx), name, new_name)
    typer.echo(t("unit.renamed", unit=unit.name))


def retire(ctx: typer.Context, name: Known, on: On = None) -> None:
    from atgt_cli.render.records import shown_date
    from atgt_cli.services.units import retire_unit

    with opened_store(ctx) as store:
        unit = retire_unit(store, env(ctx), name, on=on)
    typer.echo(t("unit.retired_ok", unit=unit.name, date=shown_date(unit.retired_on)))


def delete(ctx: typer.Context, name: UnitName) -> None:
    from atgt_cli.services.units import delete_unit

    with opened_store(ctx) as store:
        unit = delete_unit(store, env(ctx), name)
    typer.echo(t("unit.deleted", unit=unit.name))


def members(
    ctx: typer.Context, name: Known, count: Count, exempt: ExemptCount = "0", since: Since = None
) -> None:
    from atgt_cli.dates import format_date
    from atgt_cli.services.units import set_members

    with opened_store(ctx) as store:
        unit, day, changed, (counted, exempted) = set_members(
            store, env(ctx), name, members=count, exempt=exempt, since=since
        )
    shown = {"members": counted, "exempt": exempted, "date": format_date(day)}
    typer.echo(t("unit.members_ok", unit=unit.name, **shown))
    if changed:
        typer.echo(t("unit.members_sessions", count=changed))


def alias_add(ctx: typer.Context, unit: UnitName, alias: AliasText) -> None:
    from atgt_cli.services.units import add_alias

    with opened_store(ctx) as store:
        row, text, added = add_alias(store, env(ctx), unit, alias)
    typer.echo(t("unit.alias_added" if added else "unit.alias_had", unit=row.name, alias=text))


def alias_remove(ctx: typer.Context, unit: UnitName, alias: AliasText) -> None:
    from atgt_cli.services.units import remove_alias

    with opened_store(ctx) as store:
        row, text = remove_alias(store, env(ctx), unit, alias)
    typer.echo(t("unit.alias_removed", unit=row.name, alias=text))


def build_aliases() -> typer.Typer:
    return group(
        "unit.alias",
        {
            "add": alias_add,
            "remove": alias_remove,
        },
    )


def build() -> typer.Typer:
    commands: dict[str, Callable[..., None]] = {
        "add": add,
        "list": list_,
        "rename": rename,
        "retire": retire,
        "delete": delete,
        "members": members,
    }
    app = group("unit", commands)
    app.add_typer(build_aliases(), name="alias", help=t("unit.alias.help"))
    return app
