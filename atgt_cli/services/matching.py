"""Finding what a user means by a name: a unit, a channel, a topic, a plan item.

Exact spellings first (any case, with or without diacritics, NFC or NFD, spaces and
punctuation ignored, initials such as "cb1"), then an unambiguous prefix, then an
unambiguous part of a name. Unknown or ambiguous input is an error listing the choices.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from atgt_cli.errors import RowProblem
from atgt_cli.text import compact, initials

T = TypeVar("T")


@dataclass(frozen=True)
class Choice(Generic[T]):
    value: T
    name: str  # how the choice is shown in messages
    spellings: Sequence[str]  # every way it may be written


def match_one(query: str, choices: Iterable[Choice[T]], *, field: str) -> T:
    options = list(choices)
    key = compact(query)
    if not key:
        raise RowProblem(None, "match.empty").error(field)
    found = candidates(key, options)
    if len(found) == 1:
        return found[0].value
    if found:
        names = ", ".join(c.name for c in found)
        raise RowProblem(None, "match.ambiguous", value=query, choices=names).error(field)
    near = closest(key, options)
    raise RowProblem(None, "match.unknown", value=query, choices=near).error(field)


def candidates(key: str, options: Sequence[Choice[T]]) -> list[Choice[T]]:
    """The choices a compact key fits: the one spelled exactly so; else every one spelled
    exactly so, or failing that those it begins, or failing that those it is a part of."""
    exact = _distinct(c for c in options if any(_exact(key, s) for s in c.spellings))
    if len(exact) > 1:  # a name spelled so wins over one that only has these initials
        whole = [c for c in exact if any(key == compact(s) for s in c.spellings)]
        exact = whole if len(whole) == 1 else exact
    if len(exact) == 1:
        return exact
    found = exact
    for test in (str.startswith, str.__contains__):  # prefixes, then any part of a name
        if found:
            break
        found = _distinct(c for c in options if any(test(compact(s), key) for s in c.spellings))
    return found


def exact(query: str, spellings: Iterable[str]) -> bool:
    """Whether match_one reads a query as one of these spellings exactly ("cb1": "Chi bộ 1")."""
    key = compact(query)
    return bool(key) and any(_exact(key, s) for s in spellings)


def _exact(key: str, spelling: str) -> bool:
    short = initials(spelling)
    # Initials stand for names of several words ("cb1"), not for one word's first letter.
    return key == compact(spelling) or (len(short) > 1 and key == short)


def _distinct(choices: Iterable[Choice[T]]) -> list[Choice[T]]:
    out: list[Choice[T]] = []
    for choice in choices:
        if all(choice.value != seen.value for seen in out):
            out.append(choice)
    return out


def closest(key: str, options: Sequence[Choice[T]]) -> str:
    """The choices shown when a key fits none: all of a few, else the nearest names."""
    if not options:
        return "—"
    if len(options) <= 8:
        return ", ".join(c.name for c in options)
    by_key = {compact(c.name): c.name for c in options}
    near = difflib.get_close_matches(key, list(by_key), n=5, cutoff=0.3)
    return ", ".join(by_key[k] for k in near) or ", ".join(c.name for c in options[:8]) + ", …"
