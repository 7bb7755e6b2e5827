"""The few errors a user sees. Each carries its exit code; the CLI prints them as `Lỗi: …`.

Exit codes (documented in the README):
  0  success
  1  bad input: a file, a value or an option the user can correct (also `--check` shortfalls)
  2  command-line usage (unknown option, missing argument), from the parser
  3  the store cannot be used (not an atgt store, newer version, damaged, locked, read-only)
  4  something not found (unit, record, plan revision)
  130 interrupted (Ctrl-C)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from atgt_cli.labels import MESSAGES, t

# A message key whose text names its field, and the words it takes where a file's location
# names the column instead.
_IN_A_FILE = {
    "field.required": "imp.required",
    "violation.new_member_membership": "imp.new_member_membership",
}
# Messages about a value that do not name its field (dates.DateError's): on the command line
# they follow the option, "--date: không có ngày này: 31/9/2026".
_AFTER_OPTION = {"date.invalid", "date.nonexistent", "imp.maybe_swapped"}


@dataclass(frozen=True)
class FieldRef:
    """A message's mention of another field: "--total" on the command line, "tổng số" in a
    file (labels `name.FIELD`)."""

    field: str


class RowProblem(Exception):
    """The one exception type for a record's problem, from the command line or a file's row:
    the field at fault (None until the caller knows it), the message key and its values;
    `swapped` marks a date that makes sense only as month/day; `also`: the row's other
    problems, when all were looked for. Where the user typed an option it reads "--present
    không được âm (-1)"; in a file, whose location already names the column, "không được âm
    (-1)"; a field the message mentions (a FieldRef) by its option or by its name."""

    def __init__(
        self, field: str | None, key: str, *, swapped: bool = False, **params: object
    ) -> None:
        super().__init__(field, key)  # the arguments copy.copy() makes it again with
        self.field, self.key, self.swapped, self.params = field, key, swapped, params
        self.also: list[RowProblem] = []

    def every(self) -> list[RowProblem]:
        """This problem and the row's others."""
        return [self, *self.also]

    def at(self, field: str) -> RowProblem:
        """The same problem, of a given field (unless it already names one)."""
        if self.field is None:
            self.field = field
        return self

    def text(self, label: str | None = None, options: Mapping[str, str] | None = None) -> str:
        """The message; label: how the user named the field (--date), None in a file; options:
        how the user names the other fields (the command line's), None in a file."""
        params = {
            k: (_named(v.field, options) if isinstance(v, FieldRef) else v)
            for k, v in self.params.items()
        }
        if label is not None:
            named = spoken(self.field, label) if self.key == "field.required" else label
            found = t(self.key, field=named, **params)
            return f"{label}: {found}" if self.key in _AFTER_OPTION else found
        found = t(_IN_A_FILE.get(self.key, self.key), field="", **params)
        return found.strip().removeprefix(":").strip()

    def error(self, label: str | None, options: Mapping[str, str] | None = None) -> InputError:
        """As an error of the command line, the fields named as the user named them; the row's
        other problems, if any, as the error's detail lines."""
        error = InputError(self.text(label, options))
        error.details = [
            p.text((options or {}).get(p.field or "", p.field or ""), options) for p in self.also
        ]
        error.problem = self
        return error


def spoken(field: str | None, option: str) -> str:
    """A field as a person says it, with the option that sets it: "ngày vi phạm (--date)"."""
    name = f"name.{field}"
    return (
        f"{t(name)} ({option})" if field and name in MESSAGES and option.startswith("-") else option
    )


def _named(field: str, options: Mapping[str, str] | None) -> str:
    if options is not None:
        return options.get(field, field)
    return t(f"name.{field}")


class AtgtError(Exception):
    exit_code = 1

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        # Lines printed after the message, one problem each (e.g. FILE:LINE:COL: …).
        self.details = details or []
        self.problem: RowProblem | None = None  # the record's problem this error tells of


class InputError(AtgtError):
    """Bad input: a file, a value or an option the user can correct."""

    exit_code = 1


class StoreError(AtgtError):
    """The store cannot be opened or written."""

    exit_code = 3


class RetryError(StoreError):
    """A shared store's server undid the transaction to let another go first (a serialisation
    failure, a deadlock): nothing was written, and the command runs again by itself."""


class NotFoundError(AtgtError):
    exit_code = 4
