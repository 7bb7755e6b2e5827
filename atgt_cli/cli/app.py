"""The Typer app: global options, the error boundary and the command groups."""

import traceback
from typing import Annotated, Any

import typer
from typer._click.core import Context
from typer._click.exceptions import ClickException  # typer ≥ 0.27 vendors click

from atgt_cli import __version__
from atgt_cli.cli.common import PLAIN, State
from atgt_cli.errors import AtgtError
from atgt_cli.labels import t


class ShownError(ClickException):
    """An AtgtError on its way out: `Lỗi: message` and its detail lines on stderr."""

    def __init__(self, error: AtgtError) -> None:
        super().__init__(error.message)
        self.exit_code = error.exit_code
        self.details = error.details

    def show(self, file: Any = None) -> None:
        typer.echo(f"{t('error')}: {self.message}", err=True)
        for line in self.details:
            typer.echo(line, err=True)


class BoundaryGroup(typer.core.TyperGroup):
    """The one error boundary: domain errors become a message and an exit code."""

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"atgt {__version__}")
        raise typer.Exit()


def _check_lang(value: str) -> str:
    if value.lower()[:2] not in ("vi", "en"):
        raise typer.BadParameter(t("lang.unknown", value=value))
    return value


def build_app() -> typer.Typer:
    app = typer.Typer(
        cls=BoundaryGroup,
        help=t("app.help"),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        **PLAIN,
    )

    @app.callback()
    def root(
        ctx: typer.Context,
        lang: Annotated[
            str,
            typer.Option(
                "--lang",
                envvar="ATGT_LANG",
                metavar="vi|en",
                help=t("opt.lang"),
                callback=_check_lang,
            ),
        ] = "vi",
        db: Annotated[
            str | None,
            typer.Option(
                "--db", envvar="ATGT_DB", metavar="PATH", help=t("opt.db"), show_default=False
            ),
        ] = None,
        today: Annotated[
            str | None,
            typer.Option(
                "--today",
                envvar="ATGT_TODAY",
                metavar="DATE",
                help=t("opt.today"),
                show_default=False,
            ),
        ] = None,
        actor: Annotated[
            str | None,
            typer.Option(
                "--actor",
                envvar="ATGT_ACTOR",
                metavar="NAME",
                help=t("opt.actor"),
                show_default=False,
            ),
        ] = None,
        debug: Annotated[bool, typer.Option("--debug", help=t("opt.debug"))] = False,
        version: Annotated[
            bool,
            typer.Option("--version", help=t("opt.version"), callback=_version, is_eager=True),
        ] = False,
    ) -> None:
        # --lang was already applied by cli.main before the app was built.
        ctx.obj = State(db=db, debug=debug, today=today, actor=actor)

    from atgt_cli.cli import demo, periods, plan, report, sessions, setup, status, units, violations

    setup.register(app)
    status.register(app)
    app.add_typer(plan.build(), name="plan", help=t("plan.help"))
    app.add_typer(units.build(), name="unit", help=t("unit.help"))
    app.add_typer(sessions.build(), name="session", help=t("session.help"))
    app.add_typer(violations.build_members(), name="member", help=t("member.help"))
    app.add_typer(violations.build_violations(), name="violation", help=t("violation.help"))
    periods.register(app)
    app.add_typer(report.build(), name="report", help=t("report.help"))
    app.add_typer(periods.build(), name="period", help=t("period.help"))
    demo.register(app)
    return app
