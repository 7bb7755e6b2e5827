"""Tab completion of option values (typer's `autocompletion=`): thin, as every command is.

Run only when the shell asks (never for `atgt --help`); the store is the one --db / ATGT_DB
names, read as the root command parsed it (its callback does not run while completing).
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from atgt_cli.labels import t


def _offer(what: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        import datetime as dt

        from atgt_cli.config import resolve_db
        from atgt_cli.services.completion import offers

        try:
            db = resolve_db(ctx.find_root().params.get("db"))
        except Exception:  # no store to name: the fixed choices only
            db = None
        return offers(what, incomplete, db=db, today=dt.date.today())

    complete.__name__ = f"complete_{what}"
    return complete


units = _offer("unit")
channels = _offer("channel")
topics = _offer("topic")
categories = _offer("category")
outcomes = _offer("outcome")
deciders = _offer("decider")
kinds = _offer("kind")
memberships = _offer("membership")


# --- `atgt --install-completion` / `--show-completion` ------------------------------------------
# Typer's own callbacks speak English; these do the same work (typer's install and script) and
# say it in the user's language.


def _shell(value: object) -> str:
    """The shell named (when typer's shell detection is off) or the one atgt runs under."""
    import os

    from typer._completion_shared import _get_shell_name

    if isinstance(value, str):
        return value
    if os.getenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"):
        return ""
    return _get_shell_name() or ""


def _supported(shell: str) -> None:
    from typer._completion_shared import _completion_scripts

    if shell not in _completion_scripts:
        shells = ", ".join(sorted(_completion_scripts))
        typer.echo(
            f"{t('error')}: {t('completion.unsupported', shell=shell or '?', shells=shells)}",
            err=True,
        )
        raise typer.Exit(1)


def install_completion(ctx: typer.Context, _param: object, value: object) -> object:
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import install

    shell = _shell(value)
    _supported(shell)
    shell, path = install(shell=shell)
    typer.secho(t("completion.installed", shell=shell, path=path), fg="green")
    typer.echo(t("completion.restart"))
    raise typer.Exit()


def show_completion(ctx: typer.Context, _param: object, value: object) -> object:
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import get_completion_script

    shell = _shell(value)
    _supported(shell)
    prog = ctx.find_root().info_name or "atgt"
    var = "_{}_COMPLETE".format(prog.replace("-", "_").upper())
    typer.echo(get_completion_script(prog_name=prog, complete_var=var, shell=shell))
    raise typer.Exit()
