"""Small text helpers shared by validation and the CLI: suggestions and quote normalisation."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"'})  # fmt: skip


def suggest(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Close matches for a mistyped word, best first.

    >>> suggest("irn", ["iran", "iraq", "russia"])
    ['iran']
    """
    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint such as ``did you mean 'iran'?``, or an empty string when nothing is close."""
    found = suggest(word, choices)
    return f"did you mean {' or '.join(repr(s) for s in found)}?" if found else ""


def normalise_text(text: str) -> str:
    """Fold what a quote may differ in from its source: Unicode forms, curly quotes, white space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split())
