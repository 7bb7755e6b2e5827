"""Vietnamese text in one place: NFC on the way in, accent-insensitive keys for matching."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Đ/đ have no canonical decomposition, so stripping combining marks leaves them alone.
_D = str.maketrans({"Đ": "D", "đ": "d"})


# What a terminal, a viewer or a document format would act on rather than show: C0 controls but
# tab and line ends, DEL, C1 controls (0x9B is a terminal's CSI), and the bidi embeddings,
# overrides and isolates that reorder what is shown (U+202A-202E, U+2066-2069).
CONTROL_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
CONTROLS = re.compile(f"[{CONTROL_CLASS}]")
SURROGATES = re.compile("[\ud800-\udfff]")
_UNSAFE_LINE = re.compile(f"[{CONTROL_CLASS}\t\r\n\ud800-\udfff]")


def strip_controls(text: str) -> str:
    """Text without the controls of CONTROLS (tab and line ends kept): what comes in from a
    command line, a file or a plan keeps only what a person can see."""
    return text if text.isprintable() else CONTROLS.sub("", text)


def printable(text: str) -> str:
    """Text any output format can hold and any viewer shows as text: the controls left out, a
    lone surrogate (which no encoding writes) shown as U+FFFD. Renderers (XLSX, DOCX, CSV,
    Markdown, the terminal) pass stored text through this: a store written before the input
    was cleaned may hold anything."""
    if text.isprintable():
        return text
    return SURROGATES.sub("\ufffd", CONTROLS.sub("", text))


def visible(text: str) -> str:
    """Text for a one-line message: every control, line end and lone surrogate shown as an
    escape (\\x1b, \\n, \\udcff), so a message names what the file holds without acting on it."""
    if text.isprintable():
        return text
    return _UNSAFE_LINE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def nfc(text: str) -> str:
    """Precomposed form with runs of whitespace collapsed and ends trimmed, controls left out."""
    return _SPACES.sub(" ", strip_controls(unicodedata.normalize("NFC", text))).strip()


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
    """Text a spreadsheet would run as a formula, with the apostrophe that keeps it text; and
    without the controls no cell should hold (see printable)."""
    text = printable(text)
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


# What Markdown reads as syntax in running text (| splits a table's cells).
_MARKDOWN = re.compile(r"[\\`*_\[\]!|~#]")


def markdown_text(text: str) -> str:
    """Stored text as a Markdown viewer shows it, and only shows it: no HTML (a script, an image
    that fetches), no link or image syntax ([x](javascript:…), ![](http://…)), no emphasis, on
    one line; entities written out, controls left out."""
    text = printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\g<0>", text).replace("\r", " ").replace("\n", " ")


_SYMBOL_PUNCTUATION = frozenset("-/._ ()")


def symbol_problem(text: str) -> str | None:
    """Why a document symbol ("16-KH/ĐUSCT") could be mistaken for another, or None: a bidi or
    other control (it reorders what is shown), a letter of another script that looks Latin
    (Cyrillic К, Greek Κ), a digit or a stroke that is not ASCII (fullwidth ／, ١٦)."""
    for char in text:
        if char.isascii():
            if char.isalnum() or char in _SYMBOL_PUNCTUATION:
                continue
        elif char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
            continue  # Đ, Ư and the other Vietnamese letters
        return f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()
    return None
