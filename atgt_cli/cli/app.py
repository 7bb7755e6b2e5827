"""The Typer app: global options, the error boundary and the command groups."""

import importlib
import traceback
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer._click.core import Context
from typer._click.exceptions import ClickException  # typer ≥ 0.27 vendors click

from atgt_cli import __version__
from atgt_cli.cli import usage
from atgt_cli.cli.common import PLAIN, State, option
from atgt_cli.errors import AtgtError
from atgt_cli.labels import t


class ShownError(ClickException):
    """An AtgtError on its way out: `Lỗi: message` and its detail lines on stderr."""

    def __init__(self, error: AtgtError) -> None:
        super().__init__(error.message)
        self.exit_code = error.exit_code
        self.details = error.details

    def show(self, file: Any = None) -> None:
        from atgt_cli.text import visible

        # A message may quote what a file or an argument holds: its controls are shown as
        # escapes (\x1b), never sent to the terminal.
        for line in [f"{t('error')}: {self.message}", *self.details]:
            typer.echo("\n".join(visible(part) for part in line.split("\n")), err=True)


class BoundaryGroup(typer.core.TyperGroup):
    """The one error boundary: domain errors become a message and an exit code."""

    def get_params(self, ctx: Context) -> list[Any]:
        from atgt_cli.cli import complete

        params = super().get_params(ctx)
        for param in params:  # typer's own options, whose help and messages are English
            if isinstance(param, typer.core.TyperOption) and param.name in (
                "install_completion",
                "show_completion",
            ):
                param.help = t(f"opt.{param.name}")
                param.callback = getattr(complete, param.name)
        return params

    def invoke(self, ctx: Context) -> Any:
        try:
            return self._invoke_again_if_undone(ctx)
        except AtgtError as exc:
            if ctx.params.get("debug"):
                raise
            raise ShownError(exc) from exc
        except (ClickException, typer.Exit, typer.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            detail = "".join(traceback.format_exception_only(exc)).strip()
            raise ShownError(AtgtError(t("internal", detail=detail))) from exc

    def _invoke_again_if_undone(self, ctx: Context) -> Any:
        """The command, run again when a shared store's server undid its transaction for
        another's (nothing of it was written); a few times, with a growing pause."""
        import random
        import time

        from atgt_cli.errors import RetryError

        # The group's invoke consumes the sub-command's arguments: kept for the next run.
        protected, args = list(ctx._protected_args), list(ctx.args)
        for attempt in range(RETRIES):
            ctx._protected_args, ctx.args = list(protected), list(args)
            try:
                return super().invoke(ctx)
            except RetryError:
                if attempt == RETRIES - 1:
                    raise
                time.sleep(random.uniform(0.05, 0.2) * 2**attempt)
        raise AssertionError("unreachable")


RETRIES = 5  # runs of a command whose transaction the server undid


def _version(value: bool) -> None:
    if value:
        typer.echo(f"atgt {__version__}")
        raise typer.Exit()


def _check_lang(value: str) -> str:
    if value.lower()[:2] not in ("vi", "en"):
        raise typer.BadParameter(t("lang.unknown", value=value))
    return value


Lang = Annotated[
    str,
    option(
        "--lang", envvar="ATGT_LANG", metavar="vi|en", help_key="opt.lang", callback=_check_lang
    ),
]
Db = Annotated[
    str | None,
    option("--db", envvar="ATGT_DB", metavar="PATH", help_key="opt.db", show_default=False),
]
Today = Annotated[
    str | None,
    option(
        "--today", envvar="ATGT_TODAY", metavar="DATE", help_key="opt.today", show_default=False
    ),
]
Actor = Annotated[
    str | None,
    option(
        "--actor", envvar="ATGT_ACTOR", metavar="NAME", help_key="opt.actor", show_default=False
    ),
]
Debug = Annotated[bool, option("--debug", help_key="opt.debug")]
Version = Annotated[
    bool, option("--version", help_key="opt.version", callback=_version, is_eager=True)
]


def root(
    ctx: typer.Context,
    lang: Lang = "vi",
    db: Db = None,
    today: Today = None,
    actor: Actor = None,
    debug: Debug = False,
    version: Version = False,
) -> None:
    # --lang was already applied by cli.main before the app was built.
    ctx.obj = State(db=db, debug=debug, today=today, actor=actor)


def build_app(only: str | None = None) -> typer.Typer:
    """The app; with `only`, just that top-level command (Typer inspects every command's
    signature when it builds, a cost a one-command run need not pay)."""
    usage.install()
    app = typer.Typer(
        cls=BoundaryGroup,
        help=t("app.help"),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        **PLAIN,
    )
    app.callback()(root)
    for name, add in _commands().items():
        if only is None or name == only:
            add(app)
    return app


def _group(module: str, builder: str, name: str, help_key: str) -> Callable[[typer.Typer], None]:
    def add(app: typer.Typer) -> None:
        built = getattr(importlib.import_module(f"atgt_cli.cli.{module}"), builder)()
        app.add_typer(built, name=name, help=t(help_key))

    return add


def _command(module: str, register: str = "register") -> Callable[[typer.Typer], None]:
    def add(app: typer.Typer) -> None:
        getattr(importlib.import_module(f"atgt_cli.cli.{module}"), register)(app)

    return add


def _commands() -> dict[str, Callable[[typer.Typer], None]]:
    """Top-level command → how to add it, in the order of `atgt --help`."""
    return {
        "init": _command("setup"),
        "status": _command("status"),
        "plan": _group("plan", "build", "plan", "plan.help"),
        "unit": _group("units", "build", "unit", "unit.help"),
        "session": _group("sessions", "build", "session", "session.help"),
        "member": _group("violations", "build_members", "member", "member.help"),
        "violation": _group("violations", "build_violations", "violation", "violation.help"),
        "log": _command("periods"),
        "report": _group("report", "build", "report", "report.help"),
        "import": _group("imports", "build", "import", "import.help"),
        "export": _group("export", "build_export", "export", "export.help"),
        "template": _group("export", "build_template", "template", "template.help"),
        "period": _group("periods", "build", "period", "period.help"),
        "user": _group("users", "build", "user", "user.help"),
        "store": _group("store", "build_store", "store", "storegroup.help"),
        "backup": _command("store", "register_backup"),
        "restore": _command("store", "register_restore"),
        "check": _command("store", "register_check"),
        "demo": _command("demo"),
    }


def top_level_commands() -> list[str]:
    return list(_commands())
