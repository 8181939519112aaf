"""How to read someone else's spreadsheet: its columns, its values, what its dates mean.

A `CsvMapping` holds what ``--map COLUMN=FIELD``, ``--map-value FIELD:VALUE=TARGET``,
``--date-means`` and ``--new-actors`` say on the command line, and what a mapping file (TOML,
``--mapping FILE``) says for a whole dataset. proxygraph ships mapping files for known exports
(`shipped_mappings`); ``--mapping mapping-militants`` names one. Options given on the command
line win over the file's.

A mapping file::

    ignore = ["map_name"]            # columns read by nobody, without a warning
    [columns]                        # COLUMN = FIELD, as --map
    group1_name = "from"
    [values.type]                    # VALUE = TARGET, as --map-value type:all=allied-with
    all = "allied-with"
    mer = { to = "successor-of", swap_ends = true }   # a type whose ends the file gives the other way
    [dates]
    means = "start"                  # the `date` column: when the relation began (or "event")
    later_link_ends = true           # a start-dated relation ends where a later one of another type joins the pair
    [dates.means_by_type]
    splinter-of = "event"
    [actors]
    new = "rebel-group"              # names the dataset lacks become actors of this kind
    [source]                         # the source every row cites (its record: the `record` column, or the line)
    id = "mapping-militants"
    title = "..."
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from graph.errors import UsageError
from graph.importers import csv_values as cv
from graph.model import Source
from graph.text import did_you_mean
from graph.vocabulary import ACTOR_KINDS, CONFIDENCE_LEVELS, PLACE_KINDS, RELATION_TYPES, SLUG, SUPPORT_TYPES

DATE_MEANINGS = {
    "start": "the date a relation began: since = the date, ongoing until an end is given",
    "event": "a date the relation held (a split, a merger, a clash): since = until = the date",
}
# The fields whose values are names in the vocabulary: a value map's target must be one of them.
_CHOICES: dict[str, Iterable[str]] = {
    "type": RELATION_TYPES, "kind": [*ACTOR_KINDS, *PLACE_KINDS], "confidence": CONFIDENCE_LEVELS,
    "support": SUPPORT_TYPES,
}  # fmt: skip
_FILE_KEYS = {"ignore", "columns", "values", "dates", "actors", "source"}
_SOURCE_KEYS = {"id", "title", "publisher", "url", "description"}


@dataclass(frozen=True)
class CsvMapping:
    """What a spreadsheet's columns and values mean (see the module's docstring)."""

    columns: dict[str, str] = field(default_factory=dict)  # column_key(COLUMN) -> FIELD
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # FIELD -> {word_key(VALUE): TARGET}
    swap_ends: frozenset[str] = frozenset()  # word_key of `type` values whose from and to are swapped
    date_means: str | None = None  # "start" | "event" for the `date` column
    date_means_by_type: dict[str, str] = field(default_factory=dict)  # relation type -> "start" | "event"
    later_link_ends: bool = False
    new_actors: str | None = None  # the kind of actors made for names the dataset lacks
    ignore: frozenset[str] = frozenset()  # column_key of columns not read, without a warning
    source: Source | None = None

    def value(self, fieldname: str, text: str) -> str:
        """``text`` of ``fieldname`` as mapped (``type``, ``all`` -> ``allied-with``), else as it is."""
        return self.values.get(fieldname, {}).get(cv.word_key(text), text)

    def meaning(self, rtype: str) -> str | None:
        """What the `date` column of a relation of ``rtype`` means, or None when nobody said."""
        return self.date_means_by_type.get(rtype, self.date_means)

    def over(self, base: CsvMapping) -> CsvMapping:
        """This mapping (the command line's) over ``base`` (a file's): what this one says wins."""
        values = {f: {**base.values.get(f, {}), **self.values.get(f, {})} for f in {*base.values, *self.values}}
        return CsvMapping(
            columns={**base.columns, **self.columns}, values=values, swap_ends=base.swap_ends | self.swap_ends,
            date_means=self.date_means or base.date_means,
            date_means_by_type={**base.date_means_by_type, **self.date_means_by_type},
            later_link_ends=self.later_link_ends or base.later_link_ends,
            new_actors=self.new_actors or base.new_actors, ignore=base.ignore | self.ignore,
            source=self.source or base.source,
        )  # fmt: skip


def value_maps(pairs: Iterable[str]) -> dict[str, dict[str, str]]:
    """``["type:all=allied-with"]`` -> ``{"type": {"all": "allied-with"}}``.

    >>> value_maps(["type:ALL=allied-with", "confidence:H=high"])
    {'type': {'all': 'allied-with'}, 'confidence': {'h': 'high'}}

    Raises
    ------
    UsageError
        When a pair is not FIELD:VALUE=TARGET, or TARGET is not in the vocabulary of FIELD.
    """
    found: dict[str, dict[str, str]] = {}
    for pair in pairs:
        fieldname, _, rest = pair.partition(":")
        value, sep, target = rest.partition("=")
        if not sep or not fieldname.strip() or not value.strip() or not target.strip():
            raise UsageError(f"{pair!r}: write FIELD:VALUE=TARGET, like type:all=allied-with", argument="pairs")
        fieldname, target = fieldname.strip(), target.strip()
        found.setdefault(fieldname, {})[cv.word_key(value)] = _target(fieldname, target, pair)
    return found


def _target(fieldname: str, target: str, said: str) -> str:
    choices = list(_CHOICES.get(fieldname, ()))
    if choices and target not in choices:
        hint = did_you_mean(target, choices) or f"one of {', '.join(choices)}"
        raise UsageError(f"{said!r}: {target!r} is not a {fieldname} - {hint}", argument="pairs")
    return target


def date_meanings(values: Iterable[str]) -> tuple[str | None, dict[str, str]]:
    """``["start", "splinter-of=event"]`` -> ``("start", {"splinter-of": "event"})``.

    Raises
    ------
    UsageError
        When a value is not start, event or TYPE=start|event with TYPE a relation type.
    """
    default: str | None = None
    by_type: dict[str, str] = {}
    for value in values:
        rtype, sep, meaning = value.rpartition("=")
        meaning = meaning.strip()
        if meaning not in DATE_MEANINGS or (sep and rtype.strip() not in RELATION_TYPES):
            hint = did_you_mean(rtype.strip(), RELATION_TYPES) if sep and meaning in DATE_MEANINGS else ""
            raise UsageError(f"{value!r}: write start, event, or TYPE=start|event{' - ' + hint if hint else ''}",
                             argument="date_means")  # fmt: skip
        if sep:
            by_type[rtype.strip()] = meaning
        else:
            default = meaning
    return default, by_type


def shipped_mappings() -> dict[str, Path]:
    """The mapping files proxygraph ships, by name (``mapping-militants``)."""
    folder = resources.files("graph.importers") / "maps"
    return {Path(p.name).stem: Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml")}


def find_mapping(name: str) -> Path:
    """A mapping file by path, or a shipped one by name.

    Raises
    ------
    UsageError
        When ``name`` is neither a file nor a shipped mapping.
    """
    path = Path(name)
    if path.is_file():
        return path
    shipped = shipped_mappings()
    if name in shipped:
        return shipped[name]
    raise UsageError(f"no mapping file {name!r} - give a TOML file, or one shipped: {', '.join(sorted(shipped))}",
                     argument="mapping")  # fmt: skip


def read_mapping(path: Path) -> CsvMapping:
    """Read a mapping file (TOML; see the module's docstring).

    Raises
    ------
    UsageError
        When the file cannot be read or says something this importer does not understand.
    """
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read the mapping {path}: {exc}", argument="mapping") from None
    try:
        return _mapping(doc, path)
    except UsageError as exc:
        if exc.argument == "mapping":
            raise
        raise UsageError(f"{path}: {exc}", argument="mapping") from None


def _mapping(doc: Mapping[str, Any], path: Path) -> CsvMapping:
    _only(doc, _FILE_KEYS, path, "")
    columns = cv.parse_mapping(f"{k}={v}" for k, v in _table(doc, "columns", path).items())
    values, swaps = _file_values(_table(doc, "values", path), path)
    dates = _table(doc, "dates", path)
    _only(dates, {"means", "means_by_type", "later_link_ends"}, path, "dates.")
    by_type = _table(dates, "means_by_type", path)
    default, by_type = date_meanings([*([str(dates["means"])] if "means" in dates else []),
                                      *(f"{k}={v}" for k, v in by_type.items())])  # fmt: skip
    actors = _table(doc, "actors", path)
    _only(actors, {"new"}, path, "actors.")
    return CsvMapping(
        columns=columns, values=values, swap_ends=swaps, date_means=default, date_means_by_type=by_type,
        later_link_ends=dates.get("later_link_ends") is True,
        new_actors=_target("kind", str(actors["new"]), "actors.new") if "new" in actors else None,
        ignore=frozenset(cv.column_key(str(c)) for c in doc.get("ignore", [])),
        source=_source(_table(doc, "source", path), path),
    )  # fmt: skip


def _table(doc: Mapping[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = doc.get(key, {})
    if not isinstance(value, dict):
        raise UsageError(f"{path}: {key} must be a table ([{key}])", argument="mapping")
    return value


def _only(doc: Mapping[str, Any], keys: set[str], path: Path, prefix: str) -> None:
    for key in doc:
        if key not in keys:
            hint = did_you_mean(key, keys) or f"keys: {', '.join(sorted(keys))}"
            raise UsageError(f"{path}: unknown key {prefix}{key} - {hint}", argument="mapping")


def _file_values(doc: Mapping[str, Any], path: Path) -> tuple[dict[str, dict[str, str]], frozenset[str]]:
    values: dict[str, dict[str, str]] = {}
    swaps: set[str] = set()
    for fieldname in doc:
        for value, target in _table(doc, fieldname, path).items():
            if isinstance(target, dict):
                _only(target, {"to", "swap_ends"}, path, f"values.{fieldname}.{value}.")
                if target.get("swap_ends") is True:
                    swaps.add(cv.word_key(value))
                target = target.get("to", "")
            mapped = _target(fieldname, str(target), f"{fieldname}:{value}")
            values.setdefault(fieldname, {})[cv.word_key(value)] = mapped
    return values, frozenset(swaps)


def _source(doc: Mapping[str, Any], path: Path) -> Source | None:
    if not doc:
        return None
    _only(doc, _SOURCE_KEYS, path, "source.")
    if not SLUG.match(str(doc.get("id", ""))) or not doc.get("title"):
        raise UsageError(f"{path}: [source] needs an id (a lowercase slug) and a title", argument="mapping")
    given = {k: str(v) for k, v in doc.items()}
    return Source(given["id"], given["title"], publisher=given.get("publisher"), url=given.get("url"),
                  description=given.get("description"))  # fmt: skip


def with_command_line(base: CsvMapping, columns: Mapping[str, str], values: Mapping[str, Mapping[str, str]],
                      date_means: Iterable[str], new_actors: str | None) -> CsvMapping:  # fmt: skip
    """``base`` (a file's mapping, or an empty one) with the command line's options over it."""
    default, by_type = date_meanings(date_means)
    line = CsvMapping(columns=dict(columns), values={f: dict(v) for f, v in values.items()}, date_means=default,
                      date_means_by_type=by_type, new_actors=new_actors)  # fmt: skip
    return line.over(base)
