"""`atgt plan …`: plan files and, from Foundation 2/2 on, the plans in the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from atgt_cli.errors import InputError
from atgt_cli.labels import t


def build() -> typer.Typer:
    from atgt_cli.cli.app import PLAIN

    app = typer.Typer(no_args_is_help=True, **PLAIN)

    @app.command("validate", help=t("plan.validate.help"))
    def validate(
        file: Annotated[
            Path, typer.Argument(help=t("plan.validate.file"), metavar="FILE", show_default=False)
        ],
    ) -> None:
        from atgt_cli.plan.loader import check_plan, format_problem, read_plan_text

        plan, problems = check_plan(read_plan_text(file))
        for problem in problems:
            typer.echo(format_problem(file, problem))
        if plan is None:
            raise InputError(t("plan.validate.failed", file=file, count=len(problems)))
        typer.echo(
            t(
                "plan.validate.ok",
                file=file,
                symbol=plan.symbol,
                items=len(plan.all_items()),
                targets=len(plan.targets),
                assignments=len(plan.assignments),
            )
        )

    @app.command("schema", help=t("plan.schema.help"))
    def schema() -> None:
        import json

        from atgt_cli.plan.schema import Plan

        typer.echo(json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2))

    return app
