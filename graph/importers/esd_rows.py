"""Read the rows of a UCDP External Support Dataset (ESD) actor-year CSV, checking each.

One row per warring party x dyad x year; its external supporters are comma-separated lists in
``ext_id``/``ext_name``; the support-type letters (``ext_x`` .. ``ext_u``) and the flags
(``ext_coalition``, ``ext_elements``, ``ext_bothsides``) are coded for the row, that is for the
recipient-year, not per supporter. A malformed row becomes a `Problem` with its line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import Problem, UsageError
from graph.importers.matching import clean_name
from graph.vocabulary import SUPPORT_TYPES

LETTERS = "".join(s.ucdp for s in SUPPORT_TYPES.values())  # every letter the vocabulary maps
FLAG_COLUMNS = {"ext_coalition": "coalition", "ext_elements": "elements", "ext_bothsides": "both-sides"}
REQUIRED = ("id", "year", "actor_id", "actor_name", "actor_nonstate", "oppo_id", "oppo_name", "location",
            "ext_id", "ext_name")  # fmt: skip
_ID = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Party:
    """A warring party or supporter as a row names it: UCDP id, cleaned name, non-state or not."""

    ucdp: str
    name: str
    nonstate: bool | None  # None for supporters: the file gives one ext_nonstate for the whole list


@dataclass(frozen=True)
class EsdRow:
    line: int
    record: str  # the `id` column: cited as the record of the dataset
    year: int
    active: bool
    actor: Party
    opponent: Party
    dyad: str
    location: str
    supporters: tuple[Party, ...]
    letters: frozenset[str]
    flags: frozenset[str]
    coalition: str | None  # ext_coalition_name


def split_list(text: str) -> list[str]:
    """Split a comma-separated list at commas outside parentheses; drop empty items.

    >>> split_list("Government of Russia (Soviet Union, USSR),al-Qaida ,")
    ['Government of Russia (Soviet Union, USSR)', 'al-Qaida']
    """
    if "(" not in text:
        return [name for name in (clean_name(i) for i in text.split(",")) if name]
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth <= 0:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [clean_name(i) for i in items if clean_name(i)]


def split_names(text: str, count: int) -> list[str] | None:
    """The ``count`` supporter names of ``ext_name``; a comma followed by a space may sit inside a
    name (``Korea, Republic of``) when splitting at every comma gives too many. None when no split fits."""
    names = split_list(text)
    if len(names) != count:
        names = [clean_name(n) for n in re.split(r",(?! )", text) if clean_name(n)]
    return names if len(names) == count else None


def read_rows(
    path: Path, *, locations: Sequence[str] = (), years: tuple[int, int] | None = None
) -> tuple[list[EsdRow], list[Problem]]:
    """Every row of the file kept by the filters, and a problem for each malformed one.

    ``locations`` keeps rows whose ``location`` contains one of them (any case); ``years``
    keeps rows whose year lies in the closed range.

    Raises
    ------
    UsageError
        When the file cannot be read or lacks a column the import needs.
    """
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    rows: list[EsdRow] = []
    problems: list[Problem] = []
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise UsageError(f"{path} is not a UCDP ESD actor-year file: no column {', '.join(missing)}")
        wanted = [w.casefold() for w in locations]
        for raw in reader:
            if wanted and not any(w in (raw.get("location") or "").casefold() for w in wanted):
                continue
            row = _parse(raw, reader.line_num, str(path), problems)
            if row is not None and (years is None or years[0] <= row.year <= years[1]):
                rows.append(row)
    return rows, problems


class _RowError(Exception):
    pass


def _parse(raw: dict[str, str | None], line: int, file: str, problems: list[Problem]) -> EsdRow | None:
    def value(column: str) -> str:
        return (raw.get(column) or "").strip()

    def flag(column: str) -> bool:
        text = value(column)
        if text not in ("", "0", "1"):
            raise _RowError(f"{column} must be 0, 1 or empty, not {text!r}")
        return text == "1"

    def ucdp_id(column: str) -> str:
        if not _ID.match(value(column)):
            raise _RowError(f"{column} must be a UCDP id (digits), not {value(column)!r}")
        return value(column)

    try:
        if None in raw or any(v is None for v in raw.values()):
            raise _RowError("the row does not have as many cells as the header")
        if not re.fullmatch(r"\d{4}", value("year")):
            raise _RowError(f"year must be a year, not {value('year')!r}")
        actor = Party(ucdp_id("actor_id"), _name(value("actor_name"), "actor_name"), flag("actor_nonstate"))
        opponent = Party(ucdp_id("oppo_id"), _name(value("oppo_name"), "oppo_name"), None)
        return EsdRow(
            line=line, record=value("id") or str(line), year=int(value("year")),
            active=value("active") != "0", actor=actor, opponent=opponent,
            dyad=clean_name(value("dyad_name")), location=clean_name(value("location")),
            supporters=_supporters(value("ext_id"), value("ext_name")),
            letters=frozenset(letter for letter in LETTERS if flag(f"ext_{letter}")),
            flags=frozenset(name for column, name in FLAG_COLUMNS.items() if flag(column)),
            coalition=clean_name(value("ext_coalition_name")) if value("ext_coalition_name") not in ("", "0") else None,
        )  # fmt: skip
    except _RowError as exc:
        problems.append(Problem(file, line, "bad-row", f"row {value('id') or '?'}: {exc}", "fix the row or skip it"))
        return None


def _name(text: str, column: str) -> str:
    name = clean_name(text)
    if not name:
        raise _RowError(f"{column} is empty")
    return name


def _supporters(ids_text: str, names_text: str) -> tuple[Party, ...]:
    ids = split_list(ids_text)
    if not ids and not names_text.strip(" ,"):
        return ()
    bad = [i for i in ids if not _ID.match(i)]
    if bad:
        raise _RowError(f"ext_id holds {', '.join(repr(b) for b in bad)}, not UCDP ids")
    names = split_names(names_text, len(ids))
    if names is None:
        raise _RowError(f"ext_id lists {len(ids)} ids but ext_name {len(split_list(names_text))} names")
    return tuple(Party(i, n, None) for i, n in zip(ids, names, strict=True))
