"""`atgt unit …`."""

from typing import Annotated

import typer

from atgt_cli.cli.common import PLAIN, env, opened_store, output, records
from atgt_cli.labels import t


def build() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, **PLAIN)
    Json = Annotated[bool, typer.Option("--json", help=t("opt.json"))]
    Name = Annotated[str, typer.Argument(metavar="NAME", show_default=False)]
    Since = Annotated[str | None, typer.Option("--since", metavar="DATE", help=t("opt.since"))]

    @app.command("add", help=t("unit.add.help"))
    def add(
        ctx: typer.Context,
        name: Name,
        kind: Annotated[
            str, typer.Option("--kind", metavar="KIND", help=t("opt.kind"), show_default=False)
        ],
        parent: Annotated[
            str | None, typer.Option("--parent", metavar="NAME", help=t("opt.parent"))
        ] = None,
        members: Annotated[
            int | None, typer.Option("--members", metavar="N", help=t("opt.members"))
        ] = None,
        exempt: Annotated[
            int | None, typer.Option("--exempt", metavar="N", help=t("opt.exempt"))
        ] = None,
        since: Since = None,
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
            )
        typer.echo(t("unit.added", unit=unit.name))

    @app.command("list", help=t("unit.list.help"))
    def list_(ctx: typer.Context, as_json: Json = False) -> None:
        from atgt_cli.services.units import list_units

        with opened_store(ctx) as store:
            rows = list_units(store, on=env(ctx).today)
        output(rows, as_json=as_json, empty="unit.none", table=lambda: records().units_table(rows))

    @app.command("rename", help=t("unit.rename.help"))
    def rename(
        ctx: typer.Context,
        name: Name,
        new_name: Annotated[str, typer.Argument(metavar="NEW_NAME", show_default=False)],
    ) -> None:
        from atgt_cli.services.units import rename_unit

        with opened_store(ctx) as store:
            unit = rename_unit(store, env(ctx), name, new_name)
        typer.echo(t("unit.renamed", unit=unit.name))

    @app.command("retire", help=t("unit.retire.help"))
    def retire(
        ctx: typer.Context,
        name: Name,
        on: Annotated[str | None, typer.Option("--on", metavar="DATE", help=t("opt.on"))] = None,
    ) -> None:
        from atgt_cli.render.records import shown_date
        from atgt_cli.services.units import retire_unit

        with opened_store(ctx) as store:
            unit = retire_unit(store, env(ctx), name, on=on)
        typer.echo(t("unit.retired_ok", unit=unit.name, date=shown_date(unit.retired_on)))

    @app.command("members", help=t("unit.members.help"))
    def members(
        ctx: typer.Context,
        name: Name,
        count: Annotated[
            int, typer.Argument(metavar="N", help=t("opt.members"), show_default=False)
        ],
        exempt: Annotated[int, typer.Option("--exempt", metavar="K", help=t("opt.exempt"))] = 0,
        since: Since = None,
    ) -> None:
        from atgt_cli.dates import format_date
        from atgt_cli.services.units import set_members

        with opened_store(ctx) as store:
            unit, day = set_members(
                store, env(ctx), name, members=count, exempt=exempt, since=since
            )
        typer.echo(
            t(
                "unit.members_ok",
                unit=unit.name,
                members=count,
                exempt=exempt,
                date=format_date(day),
            )
        )

    return app
