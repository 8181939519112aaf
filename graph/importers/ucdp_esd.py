"""Import the UCDP External Support Dataset (ESD) actor-year file into proxygraph records.

Every warring party and supporter becomes an actor (or is matched to one the dataset already
has) with its UCDP id under ``external_ids``; each supporter ``backs`` each recipient over runs
of consecutive years; each dyad ``fights`` over the years it is active. Support types come from
the letter columns through `SUPPORT_TYPES[...].ucdp`; because ESD codes them (and the
coalition, elements and both-sides flags) for the recipient-year, not per supporter, every
``backs`` relation says ``support_scope: recipient-year``; where they vary over a run, the
types of each year are in ``support_by_year`` (read by ``--support`` with ``--as-of``). The file
observes up to its last year (the source's ``observed_until``): a run still coded then is written
without ``until``, ongoing when observation stopped (it may go on after it), not ended. Every relation cites its rows.

>>> from graph.model import Dataset
>>> result = import_esd(Path("../shared/samples/ucdp-esd/esd-ay-18.1-syria-iraq-2011-2017.csv"),
...                     Dataset("x", "x"), locations=["Syria"])  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.claims import ALLEGE, ASSERT
from graph.dataset import relation_key
from graph.importers.common import IdMaker, ImportResult, fail_or_skip, index_of, slugify
from graph.importers.esd_rows import EsdRow, Party, read_rows, split_list
from graph.importers.matching import ActorIndex, base_name, clean_name, state_alias
from graph.model import Actor, Citation, Dataset, PartialDate, Relation, Source
from graph.vocabulary import SUPPORT_TYPES

_GOVERNMENT = re.compile(r"^government of\b", re.IGNORECASE)


@dataclass
class _Years:
    """What the rows say about one pair of actors, year by year."""

    rows: dict[int, list[EsdRow]] = field(default_factory=lambda: defaultdict(list))

    def runs(self) -> list[list[int]]:
        """The years in runs of consecutive years: [[2011], [2014, 2015, 2016]]."""
        runs: list[list[int]] = []
        for year in sorted(self.rows):
            if runs and runs[-1][-1] == year - 1:
                runs[-1].append(year)
            else:
                runs.append([year])
        return runs


def source_for(path: Path, release: str | None) -> Source:
    """The source record of the file; the release (``18.1``) is read from the file name if not given."""
    found = re.search(r"(\d{2}\.\d)", path.name)
    release = release or (found.group(1) if found else None)
    suffix = f"-{release.replace('.', '-')}" if release else ""
    return Source(
        id=f"ucdp-esd{suffix}",
        title=f"UCDP External Support Dataset (ESD){' ' + release if release else ''}, actor-year file",
        publisher="Uppsala Conflict Data Program (UCDP), Uppsala University",
        url="https://ucdp.uu.se/downloads/",
        description=(
            f"Imported from {path.name}. Cite: Meier, Karlén, Pettersson & Croicu (2023), 'External support in "
            "armed conflicts: Introducing the UCDP External Support Dataset (ESD), 1975-2017', Journal of "
            "Peace Research; and the ESD codebook. Records are the file's `id` column."
        ),
    )


def import_esd(
    path: Path,
    existing: Dataset,
    *,
    locations: Sequence[str] = (),
    years: tuple[int, int] | None = None,
    on_error: str = "fail",
    release: str | None = None,
    nonstate_kind: str = "rebel-group",
    strict: bool = False,
) -> ImportResult:
    """Read an ESD actor-year CSV into new records, matched against ``existing``'s actors.

    A row whose ``ext_id`` and ``ext_name`` lists differ in length is paired from the other
    rows of the file and noted in ``result.notes``; ``strict`` makes it a malformed row.

    Raises
    ------
    DataError
        When ``on_error`` is "fail" and a row is malformed (every malformed row listed).
    UsageError
        When the file cannot be read or is not an ESD actor-year file.
    """
    rows, problems, notes = read_rows(path, locations=locations, years=years, strict=strict)
    fail_or_skip(problems, on_error)
    result = ImportResult(problems=problems, skipped_rows=len(problems), sources=[source_for(path, release)])
    result.notes = notes
    result.rows = len(rows) + len(problems)
    ids = _Actors(existing, result, nonstate_kind)
    for row in rows:
        ids.resolve(row.actor, warring=True)
        ids.resolve(row.opponent, warring=True)
        for supporter in row.supporters:
            ids.resolve(supporter, warring=False)
    ids.finish()
    last_year = max((r.year for r in rows), default=0)
    taken = {r.key for r in existing.relations}
    if rows:
        result.sources[0].observed_until = PartialDate(last_year)
    builder = _Relations(result.sources[0].id, last_year, taken, ids)
    result.relations = builder.backs(rows) + builder.fights(rows)
    return result


class _Actors:
    """UCDP parties -> actor ids: matched to the dataset's actors or new, each decided once."""

    def __init__(self, existing: Dataset, result: ImportResult, nonstate_kind: str) -> None:
        self.index: ActorIndex = index_of(existing)
        self.result = result
        self.nonstate_kind = nonstate_kind
        self.make = IdMaker(set(existing.actors) | set(existing.places) | set(existing.sources))
        self.ids: dict[str, str] = {}  # UCDP id (or name) -> actor id
        self.names: dict[str, str] = {}  # actor id -> name for notes
        self.seen: dict[str, tuple[Party, set[str], bool]] = {}  # key -> party, names, warring

    def resolve(self, party: Party, *, warring: bool) -> None:
        key = party.ucdp or party.name.casefold()
        first, names, was_warring = self.seen.get(key, (party, set(), False))
        if not first.named and party.named:  # a name from another row beats none
            first, names = party, set()
        nonstate = first.nonstate if first.nonstate is not None else party.nonstate
        kept = names | {party.name} if party.named or not first.named else names
        self.seen[key] = (Party(first.ucdp, first.name, nonstate, first.named), kept, was_warring or warring)

    def finish(self) -> None:
        for key, (party, names, warring) in self.seen.items():
            self.ids[key] = self._decide(party, sorted(names, key=lambda n: n != party.name), warring)

    def id_of(self, party: Party) -> str:
        return self.ids[party.ucdp or party.name.casefold()]

    def _decide(self, party: Party, names: list[str], warring: bool) -> str:
        external = {"ucdp": party.ucdp} if party.ucdp else {}
        match = self.index.match(names, external)
        if match is not None:
            self.result.matches.append(match)
            self.names[match.actor] = base_name(party.name)
            return match.actor
        self.result.near_misses += self.index.near_misses(names)
        actor = self._new_actor(party, names, warring)
        self.result.actors.append(actor)  # not indexed: distinct UCDP ids are distinct actors
        self.names[actor.id] = actor.name
        return actor.id

    def _new_actor(self, party: Party, names: list[str], warring: bool) -> Actor:
        name = base_name(party.name)
        aliases = sorted({clean_name(n) for n in names} - {name})
        groups = groups_of(name)
        if _GOVERNMENT.match(name) or party.nonstate is False:
            kind, description = "government", None
            state = state_alias(name)  # `supporters Iran` answers for the Government of Iran
            if state is not None and state not in aliases and not self.index.answers_to(state):
                aliases = sorted([*aliases, state])
        elif not party.named:
            kind = self.nonstate_kind
            description = (f"UCDP ESD lists id {party.ucdp} without a name (its ext_id and ext_name lists differ); "
                           f"the kind {kind} is the importer's guess: look it up in UCDP's actor list.")  # fmt: skip
        elif len(groups) > 1:
            kind = self.nonstate_kind
            description = (f"UCDP codes {len(groups)} groups as one actor (UCDP id {party.ucdp}): {'; '.join(groups)}. "
                           f"The kind {kind} is the importer's.")  # fmt: skip
        elif warring:
            kind = self.nonstate_kind
            description = f"A non-state warring party in UCDP (actor_nonstate = 1); the kind {kind} is the importer's."
        else:
            kind = self.nonstate_kind
            description = (f"An external supporter in UCDP ESD, not named as a government; ESD gives no finer kind, "
                           f"so {kind} is the importer's guess: check it.")  # fmt: skip
        actor_id = self.make.make(id_text(name), f"ucdp-{party.ucdp}")
        external = {"ucdp": party.ucdp} if party.ucdp else {}
        return Actor(actor_id, name, kind, aliases=aliases, external_ids=external, description=description)


class _Relations:
    def __init__(self, source: str, last_year: int, taken: set[str], actors: _Actors) -> None:
        self.source, self.last_year, self.taken, self.actors = source, last_year, taken, actors

    def backs(self, rows: Iterable[EsdRow]) -> list[Relation]:
        pairs: dict[tuple[str, str], _Years] = defaultdict(_Years)
        for row in rows:
            recipient = self.actors.id_of(row.actor)
            for supporter in sorted({self.actors.id_of(s) for s in row.supporters} - {recipient}):
                pairs[supporter, recipient].rows[row.year].append(row)
        return [self._relation(pair, "backs", years, run) for pair, years in pairs.items() for run in years.runs()]

    def fights(self, rows: Iterable[EsdRow]) -> list[Relation]:
        pairs: dict[tuple[str, str], _Years] = defaultdict(_Years)
        for row in rows:
            a, b = sorted((self.actors.id_of(row.actor), self.actors.id_of(row.opponent)))
            if row.active and a != b:
                pairs[a, b].rows[row.year].append(row)
        return [self._relation(pair, "fights", years, run) for pair, years in pairs.items() for run in years.runs()]

    def _relation(self, pair: tuple[str, str], rtype: str, years: _Years, run: list[int]) -> Relation:
        rows = [r for year in run for r in sorted(years.rows[year], key=lambda r: r.line)]
        censored = run[-1] == self.last_year  # still coded when the file ends: it may go on after it
        since, until = PartialDate(run[0]), None if censored else PartialDate(run[-1])
        key = relation_key(pair[0], rtype, pair[1], since)
        if key in self.taken:
            key = f"{key}#{self.source}"
        self.taken.add(key)
        backs = rtype == "backs"
        letters = {letter for r in rows for letter in r.letters}
        return Relation(
            key=key, source=pair[0], type=rtype, target=pair[1], since=since, until=until, ended=not censored,
            support=_types(letters) if backs else [], support_by_year=_types_by_year(rows) if backs else {},
            flags=sorted({f for r in rows for f in r.flags}) if backs else [],
            support_scope="recipient-year" if backs else "supporter", confidence="high",
            note=self._note(rtype, pair, run, rows),
            evidence=list(dict.fromkeys(Citation(self.source, record=r.record, stance=_stance(r)) for r in rows)),
        )  # fmt: skip

    def _note(self, rtype: str, pair: tuple[str, str], run: list[int], rows: list[EsdRow]) -> str:
        span = f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0])
        dyads = "; ".join(dict.fromkeys(r.dyad or r.location for r in rows))
        if rtype == "fights":
            text = f"UCDP ESD: dyad active in {span} ({dyads})."
        else:
            text = (f"UCDP ESD: {self.actors.names[pair[0]]} is among the external supporters of "
                    f"{self.actors.names[pair[1]]} in {span} ({dyads}). Support types and flags are those "
                    "coded for the recipient-year, from all its supporters together, not for this supporter"
                    f"{_by_year(rows)}.")  # fmt: skip
            coalitions = sorted({r.coalition for r in rows if r.coalition and "coalition" in r.flags})
            text += f" Coalition named for the recipient-year: {', '.join(coalitions)}." if coalitions else ""
        if run[-1] == self.last_year:
            text += f" Still coded in {self.last_year}, the file's last year: it may go on after it."
        return text


def groups_of(name: str) -> list[str]:
    """The groups a UCDP actor's name lists (three or more, comma-separated), else the name alone.

    >>> groups_of("Ahrar al-Sham, Jaish al-Islam, Faylaq al-Rahman")
    ['Ahrar al-Sham', 'Jaish al-Islam', 'Faylaq al-Rahman']
    >>> groups_of("Government of Korea, Republic of")
    ['Government of Korea, Republic of']
    """
    groups = split_list(name) if ", " in name and not _GOVERNMENT.match(name) else [name]
    return groups if len(groups) >= 3 else [name]


def id_text(name: str, longest: int = 40) -> str:
    """What a new actor's id is made from: the name; for a UCDP actor that lists several groups,
    the first group and how many more; a long name is cut at a word (so at most ``longest``).

    >>> id_text("Ahrar al-Sham, Jaish al-Islam, Faylaq al-Rahman")
    'Ahrar al-Sham and 2 more'
    >>> id_text("Movement for the Liberation of the Central Highlands of the Northern Province")
    'Movement for the Liberation of the'
    """
    groups = groups_of(name)
    text = f"{groups[0]} and {len(groups) - 1} more" if len(groups) > 1 else name
    if len(slugify(text)) <= longest:
        return text
    words = text.split()
    while len(words) > 1 and len(slugify(" ".join(words))) > longest:
        words.pop()
    return " ".join(words)


def _types_by_year(rows: list[EsdRow]) -> dict[int, list[str]]:
    """The types coded for each year of a run, when they vary (else empty: the same every year)."""
    per_year: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        per_year[row.year] |= row.letters
    if len({frozenset(v) for v in per_year.values()}) <= 1:
        return {}
    return {year: _types(per_year[year]) for year in sorted(per_year)}


def _by_year(rows: list[EsdRow]) -> str:
    """``; by year: 2011 weapons, training; 2012 ...`` when the types vary from year to year."""
    per_year: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        per_year[row.year] |= row.letters
    if len({frozenset(v) for v in per_year.values()}) <= 1:
        return ""
    parts = [f"{year} {', '.join(_types(per_year[year])) or 'none'}" for year in sorted(per_year)]
    return "; by year: " + "; ".join(parts)


def _types(letters: set[str]) -> list[str]:
    """The support types of UCDP letters, in the vocabulary's order: {"w", "x"} -> troops, weapons."""
    return [s.name for s in SUPPORT_TYPES.values() if set(s.ucdp) & letters]


def _stance(row: EsdRow) -> str:
    """A row UCDP codes alleged (``ext_alleged``, where the file has it) alleges the support (`graph.claims`)."""
    return ALLEGE if row.alleged else ASSERT
