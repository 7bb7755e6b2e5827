"""`atgt plan …`: plan files and the plans in the store."""

from pathlib import Path
from typing import Annotated

import typer

from atgt_cli.cli.common import (
    Json,
    actor,
    argument,
    db_path,
    group,
    opened_store,
    option,
    output,
    plans_view,
)
from atgt_cli.errors import InputError
from atgt_cli.labels import t

# Typer reads these annotations at run time: no `from __future__ import annotations` here.
File = Annotated[Path, argument(help_key="plan.validate.file", metavar="FILE", show_default=False)]
Symbol = Annotated[str, typer.Argument(metavar="SYMBOL", show_default=False)]
ShownSymbol = Annotated[
    str | None, argument(metavar="[SYMBOL]", help_key="opt.symbol", show_default=False)
]
Item = Annotated[str | None, option("--item", metavar="ID", help_key="opt.item")]
Rev = Annotated[int | None, option("--rev", min=1, metavar="N", help_key="opt.rev")]
A = Annotated[str, typer.Argument(metavar="A", show_default=False)]
B = Annotated[str, typer.Argument(metavar="B", show_default=False)]


def validate(file: File) -> None:
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


def schema() -> None:
    from atgt_cli.plan.schema import Plan
    from atgt_cli.render.console import emit_json

    emit_json(Plan.model_json_schema())


def load(ctx: typer.Context, file: File) -> None:
    from atgt_cli.services.plans import load_plan_file

    with opened_store(ctx) as store:
        result = load_plan_file(store, file, actor=actor(ctx))
    if result.changed:
        current = t("plan.is_current") if result.current else ""
        typer.echo(t("plan.loaded", symbol=result.symbol, rev=result.rev, current=current))
    else:
        typer.echo(t("plan.unchanged", symbol=result.symbol, rev=result.rev))


def use(ctx: typer.Context, symbol: Symbol) -> None:
    from atgt_cli.services.plans import use_plan

    with opened_store(ctx) as store:
        typer.echo(t("plan.used", symbol=use_plan(store, symbol, actor=actor(ctx))))


def list_(ctx: typer.Context, as_json: Json = False) -> None:
    from atgt_cli.services.plans import list_plans

    with opened_store(ctx) as store:
        rows = list_plans(store)
    output(
        rows,
        as_json=as_json,
        empty="plan.none",
        table=lambda: plans_view().plan_list_table(rows),
    )


def show(
    ctx: typer.Context,
    symbol: ShownSymbol = None,
    item: Item = None,
    rev: Rev = None,
    as_json: Json = False,
) -> None:
    from atgt_cli.services.plans import get_plan, plan_view

    with opened_store(ctx) as store:
        stored = get_plan(store, symbol, rev)
    view = plan_view(stored, item)
    output(
        view,
        as_json=as_json,
        table=lambda: plans_view().plan_tree(stored, item and view["item"]["id"]),
    )


def diff(ctx: typer.Context, a: A, b: B, as_json: Json = False) -> None:
    from atgt_cli.render.console import emit, emit_json
    from atgt_cli.services.plandiff import diff_plans
    from atgt_cli.services.plans import resolve_ref

    name_a, plan_a = resolve_ref(db_path(ctx), a)
    name_b, plan_b = resolve_ref(db_path(ctx), b)
    result = diff_plans(name_a, plan_a, name_b, plan_b)
    if as_json:
        emit_json(result)
    elif result.same:
        typer.echo(t("diff.same", a=name_a, b=name_b))
    else:
        from atgt_cli.render.plans import plan_diff_table

        emit(plan_diff_table(result.changes))
        typer.echo(t("diff.summary", a=name_a, b=name_b, count=len(result.changes)))


def build() -> typer.Typer:
    return group(
        "plan",
        {
            "validate": validate,
            "schema": schema,
            "load": load,
            "use": use,
            "list": list_,
            "show": show,
            "diff": diff,
        },
    )
