"""Read the rows of a UCDP External Support Dataset (ESD) actor-year CSV, checking each.

One row per warring party x dyad x year; its external supporters are comma-separated lists in
``ext_id``/``ext_name``; the support-type letters (``ext_x`` .. ``ext_u``) and the flags
(``ext_coalition``, ``ext_elements``, ``ext_bothsides``) are coded for the row, that is for the
recipient-year, not per supporter. A malformed row becomes a `Problem` with its line; a row
whose id and name lists differ is paired from the rest of the file and noted (`resolve_supporters`).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import Problem, UsageError
from graph.importers.decoding import Repairs, read_text
from graph.importers.matching import base_name, clean_name, fold
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
    named: bool = True  # False when the file gives the id without a name (see `resolve_supporters`)


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
    # ext_alleged, where the file has it (UCDP's alleged flag: support reported, not confirmed); the
    # actor-year file of ESD 18.1 has no such column, so its rows are never alleged
    alleged: bool = False
    notes: tuple[Problem, ...] = ()  # how ext_id and ext_name were paired when their lengths differ


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
    path: Path, *, locations: Sequence[str] = (), years: tuple[int, int] | None = None, strict: bool = False
) -> tuple[list[EsdRow], list[Problem], list[Problem]]:
    """Every row of the file kept by the filters, a problem for each malformed one, and notes.

    ``locations`` keeps rows whose ``location`` contains one of them (any case); ``years``
    keeps rows whose year lies in the closed range. A row whose ``ext_id`` and ``ext_name``
    lists differ in length is resolved from the other rows of the file (`resolve_supporters`)
    and noted; with ``strict`` it is a malformed row. The notes also list every line read as
    cp1252 and every value whose mis-decoded text was repaired (`graph.importers.decoding`).

    Raises
    ------
    UsageError
        When the file cannot be read or lacks a column the import needs.
    """
    text, notes = read_text(path)
    repairs = Repairs(str(path))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise UsageError(f"{path} is not a UCDP ESD actor-year file: no column {', '.join(missing)}")
    raws: list[tuple[int, dict[str, str | None]]] = []
    for raw in reader:
        line = reader.line_num
        raws.append((line, {k: repairs.cell(v, line, k) if k and v else v for k, v in raw.items()}))
    names = known_names(raw for _, raw in raws)
    rows: list[EsdRow] = []
    problems: list[Problem] = []
    wanted = [w.casefold() for w in locations]
    for line, raw in raws:
        if wanted and not any(w in (raw.get("location") or "").casefold() for w in wanted):
            continue
        row = _parse(raw, line, str(path), problems, None if strict else names)
        if row is not None and (years is None or years[0] <= row.year <= years[1]):
            rows.append(row)
            notes += row.notes
    read = {r.line for r in rows} | {p.line for p in problems}
    return rows, problems, notes + repairs.notes(read)


def known_names(raws: Iterable[Mapping[str, str | None]]) -> dict[str, str]:
    """UCDP id -> the name the file gives it most often, wherever ids and names agree: a warring
    party's and its opponent's columns, and supporter lists whose ids and names pair up."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for raw in raws:
        pairs = [(raw.get("actor_id"), raw.get("actor_name")), (raw.get("oppo_id"), raw.get("oppo_name"))]
        ids = split_list(raw.get("ext_id") or "")
        names = split_names(raw.get("ext_name") or "", len(ids)) if ids else None
        pairs += list(zip(ids, names or [], strict=False))
        for ucdp, name in pairs:
            if ucdp and name and _ID.match(ucdp.strip()) and clean_name(name):
                counts[ucdp.strip()][clean_name(name)] += 1
    return {ucdp: min(c, key=lambda n: (-c[n], n)) for ucdp, c in counts.items()}


class _RowError(Exception):
    pass


def _parse(
    raw: Mapping[str, str | None], line: int, file: str, problems: list[Problem], known: Mapping[str, str] | None
) -> EsdRow | None:
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
        supporters, paired = _supporters(value("ext_id"), value("ext_name"), known)
        notes = () if paired is None else (Problem(file, line, "ext-names", f"row {value('id') or '?'}: {paired}",
                                                   "check the row against UCDP's actor list", "warning"),)  # fmt: skip
        return EsdRow(
            line=line, record=value("id") or str(line), year=int(value("year")),
            active=value("active") != "0", actor=actor, opponent=opponent,
            dyad=clean_name(value("dyad_name")), location=clean_name(value("location")),
            supporters=supporters,
            letters=frozenset(letter for letter in LETTERS if flag(f"ext_{letter}")),
            flags=frozenset(name for column, name in FLAG_COLUMNS.items() if flag(column)),
            coalition=clean_name(value("ext_coalition_name")) if value("ext_coalition_name") not in ("", "0") else None,
            notes=notes, alleged=flag("ext_alleged"),
        )  # fmt: skip
    except _RowError as exc:
        problems.append(Problem(file, line, "bad-row", f"row {value('id') or '?'}: {exc}", "fix the row or skip it"))
        return None


def _name(text: str, column: str) -> str:
    name = clean_name(text)
    if not name:
        raise _RowError(f"{column} is empty")
    return name


def _supporters(
    ids_text: str, names_text: str, known: Mapping[str, str] | None
) -> tuple[tuple[Party, ...], str | None]:
    """The supporters of a row, and how they were paired when ``ext_id`` and ``ext_name`` differ in
    length (None when they agree). Without ``known`` (strict) such a row is malformed."""
    ids = split_list(ids_text)
    if not ids and not names_text.strip(" ,"):
        return (), None
    bad = [i for i in ids if not _ID.match(i)]
    if bad:
        raise _RowError(f"ext_id holds {', '.join(repr(b) for b in bad)}, not UCDP ids")
    names = split_names(names_text, len(ids))
    if names is not None:
        return tuple(Party(i, n, None) for i, n in zip(ids, names, strict=True)), None
    given = split_list(names_text)
    counted = f"ext_id lists {len(ids)} ids but ext_name {len(given)} name{'s' if len(given) != 1 else ''}"
    if known is None:
        raise _RowError(counted)
    parties, said = resolve_supporters(ids, given, known)
    return parties, f"{counted}: {'; '.join(said)}"


def resolve_supporters(
    ids: list[str], names: list[str], known: Mapping[str, str]
) -> tuple[tuple[Party, ...], list[str]]:
    """Pair ``ids`` with ``names`` when their lists differ in length: an id named in other rows of
    the file (``known``) takes that name (and the row's name that matches it); the ids left take the
    names left, in order, when as many remain; else each is imported under its id. Says what it did.

    >>> parties, said = resolve_supporters(["671", "11545"], ["Government of Ethiopia"],
    ...                                    {"671": "Government of Ethiopia"})
    >>> [(p.ucdp, p.name, p.named) for p in parties]
    [('671', 'Government of Ethiopia', True), ('11545', 'UCDP actor 11545', False)]
    >>> for text in said:
    ...     print(text)
    671 is 'Government of Ethiopia', as other rows name it
    11545 has no name in the file: imported as 'UCDP actor 11545'
    """
    left = list(names)
    chosen: dict[str, str] = {}
    said: list[str] = []
    for ucdp in ids:
        if ucdp in known:
            chosen[ucdp] = known[ucdp]
            same = [n for n in left if fold(base_name(n)) == fold(base_name(known[ucdp]))]
            if same:
                left.remove(same[0])
    unnamed = [i for i in ids if i not in chosen]
    if len(unnamed) == len(left):
        chosen |= dict(zip(unnamed, left, strict=True))
        left = []
    parties = []
    for ucdp in ids:
        if ucdp in chosen:
            where = "as other rows name it" if ucdp in known else "the name left in this row"
            said.append(f"{ucdp} is {chosen[ucdp]!r}, {where}")
            parties.append(Party(ucdp, chosen[ucdp], None))
        else:
            said.append(f"{ucdp} has no name in the file: imported as 'UCDP actor {ucdp}'")
            parties.append(Party(ucdp, f"UCDP actor {ucdp}", None, named=False))
    said += [f"{name!r} matches no id: not imported" for name in left]
    return tuple(parties), said
