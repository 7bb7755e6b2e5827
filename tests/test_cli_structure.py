"""The shape of cli/: thin commands at module level, option types made once, inputs by keyword,
help in the language of the run."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer._click.core import Command, Context
from typer.main import get_command

from atgt_cli.cli.app import build_app, top_level_commands
from atgt_cli.labels import MESSAGES, set_lang
from tests.conftest import ROOT

CLI = ROOT / "atgt_cli" / "cli"
# Options Typer adds itself, with its own (English) help.
TYPERS_OWN = {"help", "install_completion", "show_completion"}


def _commands(command: Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Command]]:
    yield " ".join(("atgt", *path)), command
    if hasattr(command, "list_commands"):  # a group (typer vendors click)
        ctx = Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)  # type: ignore[attr-defined]
            assert sub is not None
            yield from _commands(sub, (*path, name))


def _every_command() -> list[tuple[str, Command]]:
    return list(_commands(get_command(build_app())))


def test_every_command_is_a_top_level_function_of_a_cli_module() -> None:
    for name, command in _every_command():
        callback = command.callback
        if callback is None:  # a group without a callback of its own
            continue
        # Typer wraps the function; the original is what the module defines.
        original = inspect.unwrap(callback)
        assert "<locals>" not in original.__qualname__, f"{name}: nested {original.__qualname__}"
        assert original.__module__.startswith("atgt_cli.cli."), name
        module = inspect.getmodule(original)
        assert getattr(module, original.__name__) is original, name


@pytest.mark.parametrize("lang", ["en", "vi", "en"])
def test_help_is_in_the_language_of_the_run_whatever_was_imported_first(lang: str) -> None:
    """Option types are module-level, made once: their help must still follow --lang."""
    set_lang(lang)
    texts = {pair[0 if lang == "vi" else 1] for pair in MESSAGES.values()}
    for name, command in _every_command():
        assert command.help is None or command.help in texts, name
        for param in command.params:
            shown = getattr(param, "help", None)
            if shown and param.name not in TYPERS_OWN:
                assert shown in texts, f"{name} {param.name}: {shown!r} is not in {lang}"


def test_a_one_command_build_has_the_same_command_as_the_full_one() -> None:
    full: Any = get_command(build_app())
    ctx = Context(full)
    for name in top_level_commands():
        alone: Any = get_command(build_app(only=name))
        assert alone.list_commands(Context(alone)) == [name]
        mine, theirs = alone.get_command(Context(alone), name), full.get_command(ctx, name)
        assert mine is not None and theirs is not None
        assert [p.name for p in mine.params] == [p.name for p in theirs.params], name


def _calls(path: Path) -> Iterator[ast.Call]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            yield node


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_inputs_to_services_are_built_with_keywords(path: Path) -> None:
    for call in _calls(path):
        name = _called_name(call)
        if name.endswith(("Input", "Options")):
            assert not call.args, f"{path.name}:{call.lineno}: {name}(…) with positional values"


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_option_types_are_not_declared_inside_functions(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Subscript) and getattr(inner.value, "id", "") == (
                    "Annotated"
                ):
                    where = f"{path.name}:{inner.lineno}"
                    assert inner in _annotations(node), f"{where}: Annotated inside a body"


def _annotations(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.AST]:
    """Annotated[...] written straight in a signature is allowed (a one-off option)."""
    found: list[ast.AST] = []
    for arg in [*function.args.args, *function.args.kwonlyargs]:
        if arg.annotation is not None:
            found.extend(ast.walk(arg.annotation))
    return found


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_required_fields_and_redaction_are_left_to_the_services(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert '"field.required"' not in source
    assert "services.redact" not in source and "redacted(" not in source


def test_the_shared_add_and_edit_options_are_the_same_objects() -> None:
    """`session add` and `session edit` take the same option types, declared once."""
    from atgt_cli.cli import sessions, violations

    def hints(function: object) -> dict[str, object]:
        return {
            name: param.annotation
            for name, param in inspect.signature(function).parameters.items()  # type: ignore[arg-type]
            if name not in ("ctx", "session_id", "member", "allow_duplicate")  # not shared by all
        }

    add, edit = hints(sessions.add), hints(sessions.edit)
    assert add == edit
    member_add, member_edit = hints(violations.member_add), hints(violations.member_edit)
    shared = set(member_add) & set(member_edit) - {"name"}
    assert shared and all(member_add[n] is member_edit[n] for n in shared)
    violation_add = hints(violations.violation_add)
    for name in ("unit", "membership", "party_post", "state_title"):
        assert violation_add[name] is member_add[name], name
    # violation edit takes add's options (its levels as text, so that "" clears one)
    violation_edit = hints(violations.violation_edit)
    for name in set(violation_add) - {"breath", "blood"}:
        assert violation_add[name] is violation_edit[name], name


def test_typer_app_objects_are_made_per_build() -> None:
    assert build_app() is not build_app()
    assert isinstance(build_app(only="session"), typer.Typer)
