"""Scalars that span lines, for `graph.dataset.fastyaml`: block (``|``, ``>``), plain and quoted.

Each function follows the scanner of PyYAML/libyaml rule for rule (line folding, chomping, the
escapes of double quotes) on the list of lines, and raises `Unsupported` on anything it does not
do exactly, so that the caller leaves the file to the full reader.

>>> fold_block(["a: >-", "  one", "  two", "", "  three", "b: x"], 0, ">-", 0)
('one two\\nthree', 5)
"""

from __future__ import annotations

import re

_BLOCK_HEADER = re.compile(r"([|>])([+-]?)(?: +#.*| *)")
_ESCAPE = re.compile(r"\\(?:([0abtnvfre \"/\\N_LP])|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")
_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
            "P": "\u2029"}  # fmt: skip


class Unsupported(Exception):
    """The text uses YAML this reader leaves to the full one."""


def fold_block(lines: list[str], i: int, header: str, parent: int) -> tuple[str, int]:
    """The block scalar whose header (``|``, ``>-`` ...) ends line ``i``: its text, and the next line.

    ``parent`` is the column of the key or dash that owns it. Indentation indicators are declined.
    """
    match = _BLOCK_HEADER.fullmatch(header)
    if match is None:
        raise Unsupported
    folded, chomp = match.group(1) == ">", match.group(2)
    end = len(lines)
    j = i + 1
    if j >= end or not lines[j].strip(" "):
        raise Unsupported  # leading blank lines or an empty scalar
    line = lines[j]
    indent = len(line) - len(line.lstrip(" "))
    if indent < max(parent + 1, 1):
        raise Unsupported
    chunks: list[str] = []
    while True:
        leading_non_space = line[indent] != " "
        chunks.append(line[indent:])
        line_break = "\n" if j < end - 1 else ""
        j += 1
        breaks = 0
        while j < end - 1 and len(lines[j]) <= indent and not lines[j].strip(" "):
            breaks += 1
            j += 1
        if j >= end or not lines[j] or len(lines[j]) - len(lines[j].lstrip(" ")) < indent:
            break
        line = lines[j]
        if folded and line_break == "\n" and leading_non_space and line[indent] != " ":
            if not breaks:
                chunks.append(" ")
        else:
            chunks.append(line_break)
        chunks.append("\n" * breaks)
    if chomp != "-":
        chunks.append(line_break)
    if chomp == "+":
        chunks.append("\n" * breaks)
    return "".join(chunks), j


def continue_plain(lines: list[str], i: int, first: str, parent: int) -> tuple[str, int]:
    """A plain scalar that starts with ``first`` on line ``i`` and goes on below: text and next line."""
    parts = [first.rstrip(" ")]
    end = len(lines)
    j = i + 1
    blanks = 0
    last = i
    while j < end:
        line = lines[j]
        body = line.lstrip(" ")
        if not body:
            blanks += 1
            j += 1
            continue
        if len(line) - len(body) <= parent or body[0] == "#":
            break
        body = body.rstrip(" ")
        if ": " in body or body[-1] == ":" or " #" in body:
            raise Unsupported
        parts.append("\n" * blanks if blanks else " ")
        parts.append(body)
        blanks = 0
        last = j
        j += 1
    return "".join(parts), last + 1


def quoted(lines: list[str], i: int, text: str, parent: int) -> tuple[str, int]:
    """A quoted scalar starting at ``text`` (the rest of line ``i``), maybe over several lines.

    Returns its value and the next line; what follows the closing quote may only be a comment.
    """
    double = text[0] == '"'
    segments: list[str] = []
    rest = text[1:]
    j = i
    while True:
        close = _closing(rest, double)
        if close >= 0:
            segments.append(rest[:close])
            after = rest[close + 1 :].lstrip(" ")
            if after and (after[0] != "#" or rest[close + 1 : close + 2] != " "):
                raise Unsupported  # a key, or text after the quote
            break
        segments.append(rest)
        j += 1
        if j >= len(lines):
            raise Unsupported
        line = lines[j]
        body = line.lstrip(" ")
        if body and len(line) - len(body) <= parent:
            raise Unsupported
        rest = body
    if len(segments) == 1:
        return _unescape(segments[0]) if double else segments[0].replace("''", "'"), j + 1
    return _fold_quoted(segments, double), j + 1


def _closing(text: str, double: bool) -> int:
    """The index of the closing quote in ``text``, or -1."""
    at = 0
    while True:
        at = text.find('"' if double else "'", at)
        if at < 0:
            return -1
        if double:
            slashes = len(text[:at]) - len(text[:at].rstrip("\\"))
            if slashes % 2 == 0:
                return at
        elif text[at + 1 : at + 2] != "'":
            return at
        at += 1 if double else 2


def _fold_quoted(segments: list[str], double: bool) -> str:
    out: list[str] = []
    joint = ""
    blanks = 0
    last = len(segments) - 1
    for k, segment in enumerate(segments):
        if k and not segment.strip(" ") and k < last:
            blanks += 1
            continue
        if k:
            out.append(joint if not blanks and joint else "\n" * blanks)
            segment = segment.lstrip(" ")
            blanks = 0
        if k < last:
            stripped = segment.rstrip(" ")
            slashes = len(stripped) - len(stripped.rstrip("\\"))
            if double and slashes % 2 == 1 and stripped == segment:
                segment, joint = segment[:-1], ""  # an escaped line break
            elif double and slashes % 2 == 1:
                segment, joint = stripped + " ", " "  # the last space was escaped
            else:
                segment, joint = stripped, " "
        out.append(_unescape(segment) if double else segment.replace("''", "'"))
    return "".join(out)


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    if "\\" in _ESCAPE.sub("", text):
        raise Unsupported
    return _ESCAPE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    simple, *hexes = match.groups()
    if simple is not None:
        return _ESCAPES[simple]
    code = int(next(h for h in hexes if h is not None), 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise Unsupported
    return chr(code)
