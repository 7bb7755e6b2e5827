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


class AtgtError(Exception):
    exit_code = 1

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        # Lines printed after the message, one problem each (e.g. FILE:LINE:COL: …).
        self.details = details or []


class InputError(AtgtError):
    """Bad input: a file, a value or an option the user can correct."""

    exit_code = 1


class StoreError(AtgtError):
    """The store cannot be opened or written."""

    exit_code = 3


class NotFoundError(AtgtError):
    exit_code = 4
