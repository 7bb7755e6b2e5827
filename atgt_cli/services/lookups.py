"""Finding the unit a user means, as typed: below the services and rules that need it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache

from atgt_cli.dates import format_date
from atgt_cli.errors import RowProblem
from atgt_cli.services.matching import Choice, candidates, closest, exact
from atgt_cli.store import queries
from atgt_cli.store.db import Store
from atgt_cli.text import compact, words

# The abbreviations of unit kinds offices write, as folded words (text.fold: no case, no
# diacritics, Đ→D) → the words they stand for. A pair of words is read before a single one.
_ABBREVIATIONS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("cb",): ("chi", "bo"),
    ("c", "bo"): ("chi", "bo"),
    ("cd",): ("cong", "doan"),
    ("cdcs",): ("cong", "doan", "co", "so"),
    ("cd", "cs"): ("cong", "doan", "co", "so"),
    ("doan", "cs"): ("doan", "co", "so"),
    ("dtn",): ("doan", "thanh", "nien"),
    ("d", "tn"): ("doan", "thanh", "nien"),
    ("doan", "tn"): ("doan", "thanh", "nien"),
    ("tncs",): ("thanh", "nien", "cong", "san"),
    ("doan", "tncs"): ("doan", "thanh", "nien", "cong", "san"),
    ("ccb",): ("cuu", "chien", "binh"),
    ("hccb",): ("hoi", "cuu", "chien", "binh"),
    ("bnc",): ("ban", "nu", "cong"),
    ("ban", "nc"): ("ban", "nu", "cong"),
    ("dbbp",): ("dang", "bo", "bo", "phan"),
    ("db", "bp"): ("dang", "bo", "bo", "phan"),
    ("db",): ("dang", "bo"),
}
# "du" is also a word ("du lịch"): it stands for Đảng ủy only where a name begins.
_FIRST_WORD: dict[tuple[str, ...], tuple[str, ...]] = {("du",): ("dang", "uy")}


def find_unit(store: Store, query: str, *, on: dt.date, field: str = "--unit") -> queries.UnitRow:
    """The unit a user means, as typed: "cb1", "Chi bo 1", "chi bộ 1" all find "Chi bộ 1"; so
    does an alias of it. Failing that, as offices write units: abbreviations of unit kinds
    spelled out ("CB Văn phòng", "Đoàn TN", "Hội CCB"), and the words of a name in order, some
    left out or written as initials ("Chi bộ QLTT", "Công đoàn Sở")."""
    rows = queries.units(store.conn, on.isoformat())
    return pick_unit(rows, query, field=field)


def pick_unit(rows: Sequence[queries.UnitRow], query: str, *, field: str) -> queries.UnitRow:
    """find_unit among these units."""
    key = compact(query)
    if not key:
        raise RowProblem(None, "match.empty").error(field)
    plain = [Choice(row, row.name, [row.name, *row.aliases]) for row in rows]
    found = candidates(key, plain)
    if len(found) != 1:
        # Today's reading first, so that whatever matched before still does; this one after.
        wide = _as_written(expanded(query), rows)
        if len(wide) == 1 or not found:
            found = wide
    if len(found) == 1:
        return found[0].value
    if found:
        names = ", ".join(c.name for c in found)
        raise RowProblem(None, "unit.ambiguous", value=query, choices=names).error(field)
    raise RowProblem(None, "match.unknown", value=query, choices=closest(key, plain)).error(field)


def same_unit_name(text: str, spellings: Iterable[str]) -> bool:
    """Whether text would be read as one of these names or aliases exactly, either way round,
    or once abbreviations are spelled out: a name or alias of another unit may not be one."""
    full = "".join(expanded(text))
    return any(
        exact(text, [s]) or exact(s, [text]) or (full and full == "".join(expanded(s)))
        for s in spellings
    )


def unit_named(
    units: Iterable[queries.UnitRow],
    text: str,
    *,
    other_than: int | None = None,
    aliases_only: bool = False,
) -> queries.UnitRow | None:
    """A unit (other than one) that text would be read as exactly: its name or an alias (see
    same_unit_name). A new alias, or a new name (against aliases), may not be such a text."""
    for unit in units:
        spellings = unit.aliases if aliases_only else (unit.name, *unit.aliases)
        if unit.id != other_than and same_unit_name(text, spellings):
            return unit
    return None


@lru_cache(maxsize=4096)
def expanded(text: str) -> tuple[str, ...]:
    """The folded words of a unit's name with the abbreviations of unit kinds spelled out:
    "CB Văn phòng" → ("chi", "bo", "van", "phong")."""
    given, out, at = words(text), list[str](), 0
    while at < len(given):
        for size in (2, 1):
            run = tuple(given[at : at + size])
            full = _ABBREVIATIONS.get(run) or (_FIRST_WORD.get(run) if at == 0 else None)
            if len(run) == size and full:
                out.extend(full)
                at += size
                break
        else:
            out.append(given[at])
            at += 1
    return tuple(out)


def _as_written(
    query: tuple[str, ...], rows: Sequence[queries.UnitRow]
) -> list[Choice[queries.UnitRow]]:
    """The units a query fits with abbreviations spelled out: exactly; else by its words in
    order; else as the beginning, else as a part, of a name or alias."""
    if not query:
        return []
    key = "".join(query)
    spelt = [(row, [expanded(s) for s in (row.name, *row.aliases)]) for row in rows]
    tests: tuple[Callable[[tuple[str, ...]], bool], ...] = (
        lambda name: "".join(name) == key,
        lambda name: _in_order(query, name),
        lambda name: "".join(name).startswith(key),
        lambda name: key in "".join(name),
    )
    for test in tests:
        found = [Choice(row, row.name, ()) for row, names in spelt if any(map(test, names))]
        if found:
            return found
    return []


def _in_order(query: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether each word of the query is, in order, a word of the name or the initials of two
    or more words in a row of it ("qltt": "quan ly thi truong"); other words may come between."""

    @cache
    def fits(q: int, n: int) -> bool:
        if q == len(query):
            return True
        if n == len(name):
            return False
        word = query[q]
        if name[n] == word and fits(q + 1, n + 1):
            return True
        size = len(word)
        run = name[n : n + size]
        initials = size > 1 and len(run) == size and "".join(w[0] for w in run) == word
        return (initials and fits(q + 1, n + size)) or fits(q, n + 1)

    return fits(0, 0)


def active_unit(store: Store, query: str, *, on: dt.date, field: str = "--unit") -> queries.UnitRow:
    """A unit that may take new records (not retired)."""
    unit = find_unit(store, query, on=on, field=field)
    if unit.retired_on is not None:
        retired = format_date(dt.date.fromisoformat(unit.retired_on))
        raise RowProblem(None, "unit.retired", unit=unit.name, date=retired).error(field)
    return unit
