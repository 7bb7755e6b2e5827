"""`atgt user …`: logins of a shared store (PostgreSQL)."""

from typing import Annotated

import typer

from atgt_cli.cli.common import Unit, env, group, opened_store, option
from atgt_cli.labels import t

Name = Annotated[str, typer.Argument(metavar="NAME", show_default=False)]
Office = Annotated[bool, option("--office", help_key="user.opt.office")]
Password = Annotated[
    str | None,
    option("--password", metavar="TEXT", help_key="user.opt.password", show_default=False),
]


def add(
    ctx: typer.Context,
    name: Name,
    unit: Unit = None,
    office: Office = False,
    password: Password = None,
) -> None:
    from atgt_cli.services.users import add_user

    with opened_store(ctx) as store:
        result = add_user(store, env(ctx), name=name, unit=unit, office=office, password=password)
    key = "user.added" if result.created else "user.updated"
    typer.echo(t(key, name=result.name, unit=result.unit or t("user.office")))


def build() -> typer.Typer:
    return group("user", {"add": add})
