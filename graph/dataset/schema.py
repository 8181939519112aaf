"""The YAML record layout: which fields each record type takes, and their value types.

This is the shape of one record, checked before any cross-reference; `graph.dataset.read` reads the
files, `graph.dataset.build` makes records into model objects and `graph.dataset.checks` checks what
records say about each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph.dataset.yamlio import Mapping, Sequence


@dataclass(frozen=True)
class FieldType:
    name: str  # said in messages: "text", "a list of text" ...
    hint: str

    def accepts(self, value: Any) -> bool:
        return _ACCEPTS[self.name](value)


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


_ACCEPTS: dict[str, Callable[[Any], bool]] = {
    "text": _is_text,
    "a list of text": lambda v: isinstance(v, list) and all(_is_text(x) for x in v),
    "a date (YYYY, YYYY-MM or YYYY-MM-DD)": lambda v: (
        isinstance(v, (str, dt.date)) or (isinstance(v, int) and not isinstance(v, bool))
    ),
    "true or false": lambda v: isinstance(v, bool),
    "a mapping of text to text": lambda v: isinstance(v, dict) and all(_is_text(x) for x in v.values()),
    "a list of citations": lambda v: isinstance(v, list),
    "text or a whole number": lambda v: _is_text(v) or (isinstance(v, int) and not isinstance(v, bool)),
    "a whole number, 0 or more": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
    "a number, 0 or more": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0,
}

TEXT = FieldType("text", 'write it as text; quote numbers and dates: "2024"')
TEXTS = FieldType("a list of text", "write a YAML list: [a, b]")
DATE = FieldType("a date (YYYY, YYYY-MM or YYYY-MM-DD)", "write 2011, 2016-12 or 2024-12-01")
BOOL = FieldType("true or false", "write true or false")
IDMAP = FieldType("a mapping of text to text", 'write {ucdp: "1234"}')
RECORD_ID = FieldType("text or a whole number", 'write the row or record id: "ESD-123" or 123')
CITATIONS = FieldType("a list of citations", "write a list of {source: ..., quote: ...}")
COUNT = FieldType("a whole number, 0 or more", "write how many incidents, unquoted: count: 12")
WEIGHT = FieldType("a number, 0 or more", "write a number, unquoted: weight: 0.5")

RECORD_FIELDS: dict[str, dict[str, FieldType]] = {
    "actors": {
        "id": TEXT, "name": TEXT, "kind": TEXT, "aliases": TEXTS, "country": TEXT,
        "wikidata": TEXT, "description": TEXT, "external_ids": IDMAP,
    },
    "places": {
        "id": TEXT, "name": TEXT, "kind": TEXT, "in": TEXT, "aliases": TEXTS, "country": TEXT,
        "wikidata": TEXT, "description": TEXT,
    },
    "sources": {
        "id": TEXT, "title": TEXT, "publisher": TEXT, "published": DATE, "observed_until": DATE, "url": TEXT,
        "file": TEXT, "description": TEXT,
    },
    "relations": {
        "id": TEXT, "from": TEXT, "type": TEXT, "to": TEXT, "since": DATE, "until": DATE,
        "ended": BOOL, "support": TEXTS, "support_by_year": TEXTS, "flags": TEXTS, "support_scope": TEXT,
        "confidence": TEXT, "note": TEXT,
        "reaches_members": BOOL, "count": COUNT, "weight": WEIGHT, "evidence": CITATIONS,
    },
}  # fmt: skip

CITATION_FIELDS: dict[str, FieldType] = {"source": TEXT, "quote": TEXT, "record": RECORD_ID, "note": TEXT,
                                         "attests": DATE, "stance": TEXT}  # fmt: skip

REQUIRED: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name", "kind"),
    "places": ("id", "name", "kind"),
    "sources": ("id", "title"),
    "relations": ("from", "type", "to", "evidence"),
}

SECTIONS = tuple(RECORD_FIELDS)


def key_line(record: Mapping, key: str) -> int:
    return record.key_lines.get(key, record.line)


def item_line(items: Sequence | Any, index: int, default: int) -> int:
    lines = getattr(items, "item_lines", None)
    return lines[index] if lines else default
