"""The command line's own words (usage, help headings, usage errors) in the chosen language.

Typer vendors click (typer._click) without click's gettext calls: its strings are plain
English literals, so they are replaced here where they are made (the help formatter, the help
option, the usage errors' messages and `show`), and the strings typer itself passes through
gettext (`typer.core._`: headings, "default:", "No such command") get a translation function.
Each replacement asks for the language when it runs (the tests use both in one process); in
English it is click's own text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, Any

import typer.core
from typer._click import core as click_core
from typer._click import exceptions as click_exc
from typer._click import formatting
from typer._click._compat import get_text_stderr
from typer._click.utils import echo

from atgt_cli.labels import MESSAGES, get_lang, t

# typer's gettext message ids → label keys.
_GETTEXT = {
    "Arguments": "usage.arguments",
    "Options": "usage.options",
    "Commands": "usage.commands",
    "default: {default}": "usage.default",
    "env var: {var}": "usage.envvar",
    "required": "usage.required",
    "Missing command.": "usage.missing_command",
    "No such command {name!r}.": "usage.no_command",
    "Aborted!": "usage.aborted",
}
# click's messages, as it makes them in English → label keys (the groups are its values).
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(.*)\. Did you mean (.+)\?$", re.S), "usage.did_you_mean"),
    (re.compile(r"^No such option: (.+)$"), "usage.no_option"),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$"), "usage.extra"),
    (re.compile(r"^Option (.+) requires an argument\.$"), "usage.needs_value"),
    (re.compile(r"^Option (.+) requires (\d+) arguments\.$"), "usage.needs_values"),
    (re.compile(r"^Option (.+) does not take a value\.$"), "usage.takes_no_value"),
    (re.compile(r"^(.+) is not a valid (?:integer|int)(?: range)?\.$"), "usage.not_integer"),
    (re.compile(r"^(.+) is not a valid float(?: range)?\.$"), "usage.not_number"),
    (re.compile(r"^(.+) is not a valid boolean\..*$", re.S), "usage.not_boolean"),
    (re.compile(r"^(.+) is not in the range (.+)\.$"), "usage.out_of_range"),
    (re.compile(r"^(.+) is not one of (.+)\.$"), "usage.not_one_of"),
    (re.compile(r"^(?:File|Directory|Path) (.+) does not exist\.$"), "usage.no_path"),
    (re.compile(r"^(?:File|Directory|Path) (.+) is a directory\.$"), "usage.is_directory"),
    (re.compile(r"^(?:File|Directory|Path) (.+) is a file\.$"), "usage.is_file"),
    (re.compile(r"^(?:File|Directory|Path) (.+) is not (?:readable|writable)\.$"), "usage.denied"),
]
# The placeholders of a usage line click writes itself.
_PIECES = (("[OPTIONS]", "usage.options_piece"), ("COMMAND [ARGS]...", "usage.command_piece"))
_installed = False


def vietnamese() -> bool:
    return get_lang() != "en"


def said(message: str) -> str:
    """A message click made in English, in Vietnamese (as it is when none of ours fits)."""
    for pattern, key in _MESSAGES:
        if m := pattern.match(message):
            values = [g or "" for g in m.groups()]
            if key == "usage.did_you_mean":  # "No such command 'x'. Did you mean 'y'?"
                values[0] = said(values[0])
            return t(key, **dict(zip("ab", values, strict=False)))
    return message


def _gettext(message: str) -> str:
    key = _GETTEXT.get(message)
    return t(key) if key and vietnamese() else message


def _hint(error: click_exc.BadParameter) -> str:
    """What the message names: an option as typed (--unit), an argument in words (tên (NAME)):
    a person knows what a name or a file is, not what a metavar stands for."""
    param = error.param
    if error.param_hint is None and param is not None and param.param_type_name == "argument":
        shown = param.human_readable_name
        if f"arg.{shown}" in MESSAGES:
            return f"{t(f'arg.{shown}')} ({shown})"
    if error.param_hint is not None:
        hint: Any = error.param_hint
    elif error.param is not None:
        hint = error.param.get_error_hint(error.ctx)  # type: ignore[arg-type]
    else:
        return ""
    return click_exc._join_param_hints(hint) or ""


def _bad_parameter(original: Callable[[Any], str]) -> Callable[[Any], str]:
    def format_message(self: click_exc.BadParameter) -> str:
        if not vietnamese():
            return original(self)
        hint = _hint(self)
        text = said(self.message)
        return t("usage.bad_value", field=hint, message=text) if hint else text

    return format_message


def _missing(original: Callable[[Any], str]) -> Callable[[Any], str]:
    def format_message(self: click_exc.MissingParameter) -> str:
        if not vietnamese():
            return original(self)
        hint = _hint(self)
        kind = self.param_type or (self.param.param_type_name if self.param else "")
        key = "usage.missing_option" if kind == "option" else "usage.missing_argument"
        return t(key, field=hint)

    return format_message


def _no_option(original: Callable[[Any], str]) -> Callable[[Any], str]:
    def format_message(self: click_exc.NoSuchOption) -> str:
        if not vietnamese():
            return original(self)
        text = said(self.message)
        if self.possibilities:
            text += " " + t("usage.possible", choices=", ".join(sorted(self.possibilities)))
        return text

    return format_message


def _usage_message(original: Callable[[Any], str]) -> Callable[[Any], str]:
    def format_message(self: click_exc.ClickException) -> str:
        text = original(self)
        return said(text) if vietnamese() else text

    return format_message


def _show_usage(original: Callable[..., None]) -> Callable[..., None]:
    def show(self: click_exc.UsageError, file: IO[Any] | None = None) -> None:
        if not vietnamese():
            return original(self, file)
        file = file or get_text_stderr()
        color = self.ctx.color if self.ctx is not None else None
        if self.ctx is not None:
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                command = f"{self.ctx.command_path} {self.ctx.help_option_names[0]}"
                hint = t("usage.try", command=command) + "\n"
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
        echo(f"{t('error')}: {self.format_message()}", file=file, color=color)
        return None

    return show


def _show_error(original: Callable[..., None]) -> Callable[..., None]:
    def show(self: click_exc.ClickException, file: IO[Any] | None = None) -> None:
        if not vietnamese():
            return original(self, file)
        file = file or get_text_stderr()
        echo(f"{t('error')}: {self.format_message()}", file=file, color=self.show_color)
        return None

    return show


def _write_usage(original: Callable[..., None]) -> Callable[..., None]:
    def write_usage(
        self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        if prefix is None and vietnamese():
            prefix = t("usage.prefix") + " "
            for english, key in _PIECES:  # click's own placeholders; metavars are the options'
                args = args.replace(english, t(key))
        original(self, prog, args, prefix)

    return write_usage


def _help_option(original: Callable[..., Any]) -> Callable[..., Any]:
    def get_help_option(self: click_core.Command, ctx: click_core.Context) -> Any:
        found = original(self, ctx)
        if found is not None:
            found.help = t("opt.help")
        return found

    return get_help_option


def _short_help(original: Callable[..., str]) -> Callable[..., str]:
    def get_short_help_str(self: click_core.Command, limit: int = 45) -> str:
        """A command's line in its group's list: its help's first paragraph whole (click cuts
        it at the first ". ", as in "vd. 11/2026", and at a width, with "...")."""
        if self.short_help or not self.help or self.deprecated:
            return original(self, limit)
        paragraph = re.split(r"\n\s*\n", self.help.strip(), maxsplit=1)[0]
        return " ".join(paragraph.replace("\b", "").split())

    return get_short_help_str


def install() -> None:
    """Put the replacements in place (once; each asks for the language when it runs)."""
    global _installed
    if _installed:
        return
    _installed = True
    typer.core._ = _gettext  # type: ignore[attr-defined]
    replacements: list[tuple[type, str, Callable[..., Any]]] = [
        (click_exc.BadParameter, "format_message", _bad_parameter),
        (click_exc.MissingParameter, "format_message", _missing),
        (click_exc.NoSuchOption, "format_message", _no_option),
        (click_exc.ClickException, "format_message", _usage_message),
        (click_exc.UsageError, "show", _show_usage),
        (click_exc.ClickException, "show", _show_error),
        (formatting.HelpFormatter, "write_usage", _write_usage),
        (click_core.Command, "get_short_help_str", _short_help),
        (click_core.Command, "get_help_option", _help_option),
    ]
    for cls, name, wrap in replacements:
        setattr(cls, name, wrap(getattr(cls, name)))
