"""`atgt demo`: the main job on a fresh store in a temporary place."""

from pathlib import Path
from typing import Annotated

import typer

from atgt_cli.cli.common import env, option, state
from atgt_cli.labels import t

Db = Annotated[
    Path | None, option("--db", metavar="PATH", help_key="demo.opt.db", show_default=False)
]
Out = Annotated[
    Path | None, option("--out", metavar="DIR", help_key="demo.opt.out", show_default=False)
]


def demo(ctx: typer.Context, db: Db = None, out: Out = None) -> None:
    import dataclasses

    from atgt_cli.render.console import emit
    from atgt_cli.render.files import write_reports
    from atgt_cli.render.plans import plan_tree
    from atgt_cli.render.records import sessions_table, units_table, violations_table
    from atgt_cli.services.demo import DEMO_TODAY, run_demo

    demo_env = env(ctx)
    if state(ctx).today is None:
        demo_env = dataclasses.replace(demo_env, today=DEMO_TODAY)
    result = run_demo(db=db, out=out, env=demo_env)
    write_reports(result.pack, result.reports)
    typer.echo(t("demo.store", path=result.store))
    emit(plan_tree(result.plan))
    emit(units_table(result.units))
    typer.echo(t("demo.sessions", month=result.month))
    emit(sessions_table(result.sessions, result.plan_data))
    typer.echo(t("demo.violations"))
    emit(violations_table(result.violations, result.plan_data))
    for path in result.files:
        typer.echo(t("demo.outputs", path=path))


def register(app: typer.Typer) -> None:
    app.command("demo", help=t("demo.help"))(demo)
