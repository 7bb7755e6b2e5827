"""Vietnamese text in one place: NFC on the way in, accent-insensitive keys for matching."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Đ/đ have no canonical decomposition, so stripping combining marks leaves them alone.
_D = str.maketrans({"Đ": "D", "đ": "d"})


def nfc(text: str) -> str:
    """Precomposed form with runs of whitespace collapsed and ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """A key for matching as users type: no case, no diacritics, Đ→D, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip()


# A cell starting with one of these is run as a formula by spreadsheets (CSV injection):
# exports put an apostrophe before such text, imports take it off.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, with the apostrophe that keeps it text."""
    return "'" + text if formula_like(text) else text


def unquote(text: str) -> str:
    """Free text as typed: the apostrophe `atgt export` (and Excel users) put before text that
    a spreadsheet would run as a formula ("'=…", "'- …") is not part of it."""
    return text[1:] if text[:1] == "'" and formula_like(text[1:2]) else text


_WORDS = re.compile(r"[^\W_]+")


def compact(text: str) -> str:
    """fold() without spaces or punctuation: "Chi bộ 1" → "chibo1"."""
    return "".join(_WORDS.findall(fold(text)))


def words(text: str) -> list[str]:
    """The words of fold(text), punctuation left out: "CB. Văn phòng" → ["cb", "van", "phong"]."""
    return _WORDS.findall(fold(text))


def initials(text: str) -> str:
    """Initials of the words, numbers kept whole: "Chi bộ 1" → "cb1", "Công đoàn cơ sở" → "cdcs"."""
    return "".join(w if w.isdigit() else w[0] for w in _WORDS.findall(fold(text)))
