"""A fast reader for the plain block-style YAML that datasets are written in.

PyYAML spends several microseconds of Python on every node; a dataset of 100,000 relations has
millions. Dataset files use a small part of YAML: block mappings and sequences of scalars, the
way people and importers write them. `read_block_yaml` reads exactly that part line by line with
string methods, keeping the line of every record and key as the full reader does: plain, quoted
(with escapes) and block (``|``, ``>-`` ...) scalars over one line or several
(`graph.dataset.fastscalars`), one-line flow lists and mappings of scalars, comments. It gives up
(returns None) on anything else: nested or multi-line flow collections, indentation indicators,
anchors, aliases, tags, duplicate keys, odd indentation, tabs, characters YAML forbids. The
caller then reads the file with the full reader (`graph.dataset.yamlio.read_yaml`), which reports
problems with their lines; so a value read here is always the value that reader gives, and valid
files never pay for its node tree.

Plain scalars that could be something other than text (``2012``, ``2024-12-01``, ``null``,
``true``) are resolved with the very resolver and constructors of the full reader.

>>> doc = read_block_yaml("actors:\\n- id: iran\\n  country: NO\\n  aliases: [Tehran, IR]\\n  since: 2012\\n")
>>> doc
{'actors': [{'id': 'iran', 'country': 'NO', 'aliases': ['Tehran', 'IR'], 'since': 2012}]}
>>> doc["actors"].item_lines, doc["actors"][0].key_lines
([2], {'id': 2, 'country': 3, 'aliases': 4, 'since': 5})
>>> read_block_yaml("actors:\\n- id: &a iran\\n") is None  # an anchor: left to the full reader
True
"""

from __future__ import annotations

import re
from typing import Any

from graph.dataset.fastscalars import Unsupported as _Unsupported
from graph.dataset.fastscalars import continue_plain, fold_block, quoted
from graph.dataset.yamlio import RESOLVERS, SCALAR_TAGS, Mapping, Sequence, scalar_node

# Characters the full reader refuses (YAML's non-printable set), and the line breaks of YAML 1.1
# other than "\n" (NEL, LS, PS), tabs, CR and BOM: any of them sends the file to the full reader.
_AWKWARD = re.compile("[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,99}")
_INDICATORS = frozenset("-?:,[]{}#&*!|>%@`")
_FLOW_STOP = re.compile(r"[\[\]{}#]")
# First characters of a plain scalar that is surely text: no resolver and no indicator starts with them.
_TEXT_FIRST = frozenset(map(chr, range(0x21, 0x7F))) - set(RESOLVERS) - _INDICATORS - set("'\"")
_PLAIN_LAST = frozenset(": ")


def read_block_yaml(text: str) -> Mapping | Sequence | None:
    """The document as `Mapping`/`Sequence`/scalars with lines, or None to use the full reader.

    Cost: O(len(text)), a few string operations per line.
    """
    if _AWKWARD.search(text):
        return None
    try:
        return _Parser(text.split("\n")).document()
    except _Unsupported:
        return None


class _Parser:
    """Recursive descent over the lines; each method returns its node, then the next line."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.keys: dict[str, bool] = {}  # word -> whether it is a plain text key

    def document(self) -> Mapping | Sequence:
        i, indent, body = _next(self.lines, 0)
        if indent != 0 or body.startswith(("---", "...")):
            raise _Unsupported  # empty, an indented root, or several documents
        parse = self.sequence if _is_dash(body) else self.mapping
        node, _, indent, _ = parse(i, 0, body)
        if indent != -1:
            raise _Unsupported  # something after the root node
        return node

    def key(self, body: str) -> int:
        """The index of the colon when ``body`` starts with ``word:`` (a plain text key), else -1."""
        colon = body.find(":")
        key = body[:colon]
        ok = self.keys.get(key)
        if ok is None:
            ok = self.keys[key] = _SIMPLE_KEY.fullmatch(key) is not None and isinstance(_plain(key), str)
        return colon if ok and colon > 0 and body[colon + 1 : colon + 2] in ("", " ") else -1

    def mapping(self, i: int, indent: int, body: str) -> tuple[Mapping, int, int, str]:
        """The mapping whose first key is ``body`` (line ``i``, column ``indent``)."""
        lines, keys = self.lines, self.keys
        end = len(lines)
        result = Mapping()
        result.line = i + 1
        key_lines: dict[str, int] = {}
        result.key_lines = key_lines
        while True:
            key, colon, value = body.partition(": ")
            if not colon and body[-1] == ":":
                key = body[:-1]
            if (not keys.get(key) and self.key(body) < 0) or key in key_lines:
                raise _Unsupported  # not a plain key, or a duplicate key: the full reader reports it
            key_lines[key] = i + 1
            if value[:1] == " ":
                value = value.lstrip(" ")
            if not value or value[0] == "#":
                result[key], i, next_indent, body = self.nested(i + 1, indent)
            else:
                start = i
                if value[0] in _TEXT_FIRST and value[-1] not in _PLAIN_LAST and ": " not in value and " #" not in value:
                    result[key] = value
                    plain: str | None = value
                    i += 1
                else:
                    result[key], i, plain = self.scalar(value, i, indent)
                while i < end:
                    line = lines[i]
                    body = line.lstrip(" ")
                    if body and body[0] != "#":
                        break
                    i += 1
                else:
                    return result, end, -1, ""
                next_indent = len(line) - len(body)
                if next_indent > indent and plain is not None:
                    result[key], i, next_indent, body = self.continued(start, plain, indent)
                    if next_indent < 0:
                        return result, end, -1, ""
            if next_indent != indent:
                if next_indent > indent:
                    raise _Unsupported  # a continued scalar, or indentation YAML rejects
                return result, i, next_indent, body

    def nested(self, i: int, indent: int) -> tuple[Any, int, int, str]:
        """The value under a key with nothing after its colon: a block, or null."""
        i, next_indent, body = _next(self.lines, i)
        if next_indent > indent:
            if _is_dash(body):
                return self.sequence(i, next_indent, body)
            if self.key(body) < 0:
                raise _Unsupported  # a scalar on its own line
            return self.mapping(i, next_indent, body)
        if next_indent == indent and _is_dash(body):
            return self.sequence(i, indent, body)  # a list at the indentation of its key
        return None, i, next_indent, body

    def sequence(self, i: int, indent: int, body: str) -> tuple[Sequence, int, int, str]:
        """The block sequence whose first ``-`` is ``body`` (line ``i``, column ``indent``)."""
        lines, keys = self.lines, self.keys
        end = len(lines)
        result = Sequence()
        result.line = i + 1
        item_lines: list[int] = []
        result.item_lines = item_lines
        while True:
            item = body[2:]
            if item[:1] == " ":
                item = item.lstrip(" ")
            if not item or item[0] == "#" or item[:2] in ("-", "- ") or body[1:2] != " ":
                raise _Unsupported  # "-" alone, "- - x", "-x"
            item_lines.append(i + 1)
            value: Any
            key, colon, rest = item.partition(":")
            if colon and rest[:1] in ("", " ") and (keys.get(key) or self.key(item) >= 0):
                value, i, next_indent, body = self.mapping(i, indent + len(body) - len(item), item)
            else:
                start = i
                plain: str | None
                if item[0] in _TEXT_FIRST and item[-1] not in _PLAIN_LAST and ": " not in item and " #" not in item:
                    value, plain = item, item
                    i += 1
                else:
                    value, i, plain = self.scalar(item, i, indent)
                while i < end:
                    line = lines[i]
                    body = line.lstrip(" ")
                    if body and body[0] != "#":
                        break
                    i += 1
                else:
                    result.append(value)
                    return result, end, -1, ""
                next_indent = len(line) - len(body)
                if next_indent > indent and plain is not None:
                    value, i, next_indent, body = self.continued(start, plain, indent)
                    if next_indent < 0:
                        result.append(value)
                        return result, end, -1, ""
            result.append(value)
            if next_indent != indent or body[0] != "-" or body[1:2] not in ("", " "):
                if next_indent > indent:
                    raise _Unsupported
                return result, i, next_indent, body

    def scalar(self, text: str, i: int, parent: int) -> tuple[Any, int, str | None]:
        """The scalar or flow collection starting at ``text`` on line ``i``: value, next line, and the
        text when it is a plain scalar that may go on below."""
        first = text[0]
        if first in "|>":
            value, i = fold_block(self.lines, i, text, parent)
            return value, i, None
        if first in "'\"":
            value, i = quoted(self.lines, i, text, parent)
            return value, i, None
        if first in "[{":
            return _flow(text, i + 1), i + 1, None
        value = _scalar(text, i + 1)
        return value, i + 1, text.rstrip(" ") if " #" not in text else None

    def continued(self, start: int, first: str, parent: int) -> tuple[Any, int, int, str]:
        """A plain scalar going on below line ``start``; then the next line as `_next` gives it."""
        text, i = continue_plain(self.lines, start, first, parent)
        i, next_indent, body = _next(self.lines, i)
        if next_indent > parent:
            raise _Unsupported  # a comment inside the scalar, or indentation YAML rejects
        return _plain(text), i, next_indent, body


def _next(lines: list[str], i: int) -> tuple[int, int, str]:
    """The first line from ``i`` on that is neither blank nor a comment: (i, indent, text)."""
    for i in range(i, len(lines)):  # noqa: B020 - the loop variable is the cursor
        line = lines[i]
        body = line.lstrip(" ")
        if body and body[0] != "#":
            return i, len(line) - len(body), body
    return len(lines), -1, ""


def _is_dash(body: str) -> bool:
    return body[0] == "-" and (len(body) == 1 or body[1] == " ")


def _scalar(text: str, line: int) -> Any:
    """The value of a plain scalar that fills the rest of a line (comments and trailing blanks allowed)."""
    first = text[0]
    if first in _INDICATORS and not (first == "-" and text[1:2] not in ("", " ")):
        raise _Unsupported  # "-3" is a plain scalar; the rest are left to the full reader
    comment = text.find(" #")
    if comment >= 0:
        text = text[:comment]
    text = text.rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise _Unsupported  # the full reader rejects a second key on the line
    return _plain(text)


def _flow(text: str, line: int) -> Mapping | Sequence:
    """A one-line ``[a, 'b c']`` or ``{k: v, k2: "w"}`` of scalars without commas, brackets or ``#``."""
    close = text.find("]" if text[0] == "[" else "}")
    if close < 0:
        raise _Unsupported
    after = text[close + 1 :]
    if after.strip(" ") and (after[:1] != " " or after.lstrip(" ")[0] != "#"):
        raise _Unsupported
    inner = text[1:close]
    if _FLOW_STOP.search(inner):
        raise _Unsupported
    items = inner.split(",") if inner.strip(" ") else []
    if text[0] == "[":
        sequence = Sequence(_flow_scalar(item.strip(" ")) for item in items)
        sequence.line, sequence.item_lines = line, [line] * len(items)
        return sequence
    mapping = Mapping()
    mapping.line, mapping.key_lines = line, {}
    for item in items:
        key, colon, value = item.strip(" ").partition(": ")
        if not colon or key in mapping or not _SIMPLE_KEY.fullmatch(key) or not isinstance(_plain(key), str):
            raise _Unsupported
        mapping[key] = _flow_scalar(value.strip(" "))
        mapping.key_lines[key] = line
    return mapping


def _flow_scalar(text: str) -> Any:
    if not text:
        raise _Unsupported
    first = text[0]
    if first in "'\"":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != first or "\\" in inner:
            raise _Unsupported
        if first == '"' and '"' not in inner:
            return inner
        if first == "'" and "'" not in inner.replace("''", ""):
            return inner.replace("''", "'")
        raise _Unsupported
    if first in _INDICATORS or ":" in text:
        raise _Unsupported
    return _plain(text)


def _plain(text: str) -> Any:
    """A plain scalar typed as the full reader types it (most are text and skip the resolver)."""
    resolvers = RESOLVERS.get(text[0])
    if not resolvers:
        return text
    for tag, pattern in resolvers:
        if pattern.match(text):
            construct = SCALAR_TAGS.get(tag)
            if construct is None:
                raise _Unsupported  # "=", "<<": tags the full reader reports
            try:
                return construct(scalar_node(tag, text))
            except ValueError:
                raise _Unsupported from None  # the full reader reports it
    return text
