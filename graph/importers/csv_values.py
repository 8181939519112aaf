"""Read the cells of a user's spreadsheet: column names, dates, relation and support types, kinds.

Each reader returns the value in proxygraph's vocabulary or raises `ValueError` whose message
says what was wrong and, where it can, what was meant (``did you mean 'backs'?``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping

from graph.errors import UsageError
from graph.model import PartialDate
from graph.text import did_you_mean
from graph.vocabulary import ACTOR_KINDS, CONFIDENCE_LEVELS, PLACE_KINDS, RELATION_TYPES, SUPPORT_TYPES

# Field -> the column names read as that field without --map (compared after `column_key`).
ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "actor_id", "key"),
    "name": ("name", "label", "actor", "actor_name"),
    "kind": ("kind", "category", "actor_kind", "actor_type"),
    "aliases": ("aliases", "alias", "other_names"),
    "country": ("country", "country_code", "iso2"),
    "wikidata": ("wikidata", "wikidata_id", "qid"),
    "description": ("description", "notes", "note"),
    "external_ids": ("external_ids",),
    "in": ("in", "within"),
}
RELATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("key", "id", "relation_id"), "from": ("from", "source", "from_id", "actor_a"),
    "to": ("to", "target", "to_id", "actor_b"), "type": ("type", "relation", "relationship", "relation_type"),
    "since": ("since", "start", "start_date", "begin", "from_date"), "until": ("until", "end", "end_date", "to_date"),
    "date": ("date", "event_date", "link_date"),  # a start or an event: --date-means says which
    "ended": ("ended",), "support": ("support", "support_type", "support_types"), "flags": ("flags",),
    "support_scope": ("support_scope",), "confidence": ("confidence", "certainty"),
    "note": ("note", "notes", "comment"), "evidence": ("evidence",),
    "cite": ("cite", "citation", "evidence_source", "source_id"), "quote": ("quote",),
    "record": ("record", "record_id", "row_id"),
    "count": ("count", "incidents", "events", "n_incidents"), "weight": ("weight", "strength"),
}  # fmt: skip
_TYPE_WORDS = {"supports": "backs", "support": "backs", "sponsors": "backs", "backed": "backs", "backing": "backs",
               "fought": "fights", "fighting": "fights", "fight": "fights", "member": "member-of",
               "allied": "allied-with", "ally": "allied-with", "controlled": "controls"}  # fmt: skip
_MONTHS = {m.casefold(): i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                                    "oct", "nov", "dec"], start=1)}  # fmt: skip
_LIST_SPLIT = re.compile(r"\s*[;|]\s*")
# An actor's id in another dataset (external_ids.ucdp); from_/to_ for a relation's ends (from_external_ids.mmp).
EXTERNAL_FIELD = re.compile(r"(?:from_|to_)?external_ids\.[a-z0-9_]+")


def column_key(text: str) -> str:
    """``" Start Date "`` -> ``start_date``."""
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


def word_key(text: str) -> str:
    """``"Allied With"``/``ALLIED_WITH`` -> ``allied-with``."""
    return re.sub(r"[\s_]+", "-", text.strip().casefold())


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``["Actor A=from"]`` -> ``{"actor_a": "from"}``.

    Raises
    ------
    UsageError
        When a pair is not COLUMN=FIELD or FIELD is not a field of actors or relations.
    """
    fields = set(ACTOR_COLUMNS) | set(RELATION_COLUMNS)
    mapping = {}
    for pair in pairs:
        column, sep, fieldname = pair.partition("=")
        fieldname = fieldname.strip()
        known = fieldname in fields or EXTERNAL_FIELD.fullmatch(fieldname)
        if not sep or not column.strip() or not known:
            hint = did_you_mean(fieldname, fields) or f"fields: {', '.join(sorted(fields))}, external_ids.SCHEME"
            raise UsageError(f"{pair!r}: write COLUMN=FIELD - {hint}", argument="pairs")
        mapping[column_key(column)] = fieldname
    return mapping


def columns_of(header: Iterable[str], synonyms: Mapping[str, tuple[str, ...]], mapping: Mapping[str, str]
               ) -> tuple[dict[str, str], list[str]]:  # fmt: skip
    """Field -> the column holding it, and the columns not read."""
    by_key = {column_key(c): c for c in header}
    fields: dict[str, str] = {}
    for key, fieldname in mapping.items():
        if key in by_key and (fieldname in synonyms or EXTERNAL_FIELD.fullmatch(fieldname)):
            fields[fieldname] = by_key[key]
    used = set(fields.values())
    for fieldname, names in synonyms.items():
        for name in names:
            if fieldname not in fields and name in by_key and by_key[name] not in used:
                fields[fieldname] = by_key[name]
                used.add(by_key[name])
    return fields, [c for c in header if c not in used]


def split_cell(text: str) -> list[str]:
    """``"a; b | c"`` -> ``["a", "b", "c"]``; a JSON list (``["a;b"]``) as it is."""
    if text.strip().startswith("["):
        value = json.loads(text)
        if not isinstance(value, list):
            raise ValueError(f"{text!r} is not a list")
        return [str(v) for v in value]
    return [t for t in _LIST_SPLIT.split(text.strip()) if t]


def _choose(text: str, choices: Iterable[str], what: str, extra: Mapping[str, str] | None = None) -> str:
    options = list(choices)
    word = word_key(text)
    if word in options:
        return word
    if extra and word in extra:
        return extra[word]
    raise ValueError(f"unknown {what} {text!r}" + (f" - {did_you_mean(word, options)}" if did_you_mean(word, options)
                                                   else f" - use one of {', '.join(options)}"))  # fmt: skip


def relation_type(text: str) -> str:
    return _choose(text, RELATION_TYPES, "relation type", _TYPE_WORDS)


def support_types(text: str) -> list[str]:
    """``"weapons; Funding"`` -> ``["weapons", "funding"]``; UCDP letters (``w``) work too."""
    letters = {letter: s.name for s in SUPPORT_TYPES.values() for letter in s.ucdp}
    found = [_choose(t, SUPPORT_TYPES, "support type", letters) for t in re.split(r"\s*[;|,]\s*", text.strip()) if t]
    return list(dict.fromkeys(found))


def actor_kind(text: str) -> str:
    labels = {k.label.casefold(): k.name for k in ACTOR_KINDS.values()}  # Neo4j labels: RebelGroup
    labels |= {
        "rebels": "rebel-group",
        "rebel": "rebel-group",
        "militias": "militia",
        "government-forces": "government",
    }
    return _choose(text, ACTOR_KINDS, "actor kind", labels)


def place_kind(text: str) -> str:
    return _choose(text, PLACE_KINDS, "place kind")


def confidence(text: str) -> str:
    return _choose(text, CONFIDENCE_LEVELS, "confidence")


def count(text: str) -> int | None:
    """A count of incidents: a whole number, 0 or more ("1,204" and "12.0" too); empty: none.

    >>> count("1,204"), count(" 12.0 "), count("")
    (1204, 12, None)
    """
    word = text.strip().replace(",", "").replace("_", "")
    if not word:
        return None
    try:
        value = float(word)
    except ValueError:
        raise ValueError(f"{text!r} is not a count (a whole number)") from None
    if value < 0 or value != int(value):
        raise ValueError(f"{text!r} is not a count (a whole number, 0 or more)")
    return int(value)


def weight(text: str) -> float | None:
    """A weight: a number, 0 or more; empty: none."""
    word = text.strip().replace(",", "")
    if not word:
        return None
    try:
        value = float(word)
    except ValueError:
        raise ValueError(f"{text!r} is not a weight (a number)") from None
    if value < 0:
        raise ValueError(f"{text!r} is not a weight (a number, 0 or more)")
    return value


def boolean(text: str) -> bool:
    word = text.strip().casefold()
    if word in ("true", "yes", "y", "1"):
        return True
    if word in ("false", "no", "n", "0", ""):
        return False
    raise ValueError(f"{text!r} is not true or false")


def external_ids(text: str) -> dict[str, str]:
    """``{"ucdp": "114"}`` (JSON) or ``ucdp=114; wikidata=Q794``."""
    text = text.strip()
    if text.startswith("{"):
        value = json.loads(text)
        if not isinstance(value, dict):
            raise ValueError(f"{text!r} is not a mapping")
        return {str(k): str(v) for k, v in value.items()}
    pairs = [p.partition("=") for p in split_cell(text)]
    if any(not sep for _, sep, _ in pairs):
        raise ValueError(f"external ids {text!r}: write scheme=id; scheme=id")
    return {k.strip(): v.strip() for k, _, v in pairs}


def cell_date(text: str) -> PartialDate | None:
    """A date cell: `date`, or None for a date of zeros (``0000-00-00``: no date known).

    >>> cell_date("0000-00-00") is None, str(cell_date("2016-04-00"))
    (True, '2016-04')
    """
    return None if re.fullmatch(r"0{4}(?:[-/]00?){0,2}", text.strip()) else date(text)


def date(text: str) -> PartialDate:
    """A date in a common form: 2016, 2016-03, 2016-03-05, 2016/03/05, 05.03.2016, 5 March 2016,
    March 2016, Mar 5, 2016, 2016-03-05T10:00, 2016.0; a day/month order that both readings
    allow (03/05/2016) is refused. ``00`` is an unknown month or day: 2016-04-00 is 2016-04,
    2009-00-00 is 2009.

    >>> [str(date(t)) for t in ("2016-04-00", "2009-00-00", "5 March 2016")]
    ['2016-04', '2009', '2016-03-05']
    """
    text = text.strip().rstrip(".")
    if re.fullmatch(r"\d{4}\.0", text):
        text = text[:4]
    iso = re.fullmatch(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T ][\d:.]+Z?)?", text)
    if iso:
        return _iso_date(text, *(int(g) if g else 0 for g in iso.groups()))
    numeric = re.fullmatch(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})", text)
    if numeric:
        a, sep, b, year = numeric.groups()
        if sep == "/" and int(a) <= 12 and int(b) <= 12 and a != b:
            raise ValueError(f"{text!r} could be day/month or month/day: write {year}-MM-DD")
        day, month = (b, a) if sep == "/" and int(b) > 12 else (a, b)
        return PartialDate.parse(f"{year}-{int(month):02d}-{int(day):02d}")
    return _worded_date(text)


def _iso_date(text: str, year: int, month: int, day: int) -> PartialDate:
    """Year, month and day of an ISO-like date, 0 for a part not given or given as zeros."""
    if year == 0 or (month == 0 and day):
        raise ValueError(f"{text!r} is not a date: write 2016, 2016-03 or 2016-03-05 (00 for an unknown month or day)")
    return PartialDate.parse("-".join([f"{year:04d}", *(f"{n:02d}" for n in (month, day if month else 0) if n)]))


def _worded_date(text: str) -> PartialDate:
    words = re.findall(r"[A-Za-z]+|\d+", text)
    months = [w for w in words if w[:3].casefold() in _MONTHS and w.isalpha()]
    numbers = [w for w in words if w.isdigit()]
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(months) != 1 or len(years) != 1 or len(days) > 1 or len(words) != 2 + len(days):
        raise ValueError(f"{text!r} is not a date: write 2016, 2016-03 or 2016-03-05")
    month = _MONTHS[months[0][:3].casefold()]
    if not days:
        return PartialDate(int(years[0]), month)
    try:
        dt.date(int(years[0]), month, int(days[0]))
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar") from None
    return PartialDate(int(years[0]), month, int(days[0]))
