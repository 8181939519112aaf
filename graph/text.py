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


def name_index(entries: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """Each id, name and alias (case folded) -> the id it names; the first node to claim a name keeps it.

    >>> name_index([("iran", ["Iran", "Islamic Republic of Iran"])])["islamic republic of iran"]
    'iran'
    """
    names: dict[str, str] = {}
    for node, others in entries:
        for name in (node, *others):
            names.setdefault(name.casefold(), node)
    return names


def normalise_text(text: str) -> str:
    """Fold what a quote may differ in from its source: Unicode forms, curly quotes, white space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split())


def quote_stands(quote: str, normalised: str) -> bool:
    """Whether ``quote`` stands in a text already passed through `normalise_text` (the rule of validate and add).

    >>> quote_stands("Tehran  \u201cbacks\u201d", normalise_text('groups Tehran "backs" them'))
    True
    """
    return normalise_text(quote) in normalised


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` closest to ``quote`` (a fuzzy alignment), for a hint when a quote is not found.

    >>> closest_passage("the regional militias Tehran backs", "Said the regional militia groups Tehran backs, he")
    'the regional militia groups Tehran backs'
    """
    from rapidfuzz import fuzz  # only when a quote is missing

    text = normalise_text(text)
    found = fuzz.partial_ratio_alignment(normalise_text(quote), text)
    if found is None or found.score < 50:
        return ""
    start, end = found.dest_start, found.dest_end
    while start > 0 and text[start - 1] != " ":  # widen to whole words
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return text[start:end].strip(" ,;:.")
