"""Import a user's own spreadsheet: a CSV of actors (optional), of relations, and of places.

Columns are found by their common names (`graph.importers.csv_values`) or by a `CsvMapping`
(``--map``, ``--map-value``, ``--date-means``, ``--new-actors``, a ``--mapping`` file); actors
are matched to the dataset's own by external id, id, name or alias; relation types, support
types, kinds and dates are read through the vocabulary, and every cell that cannot be read
becomes a problem with its file and line, as does every row the validator would refuse
(`graph.importers.checking`: a link from an actor to itself, an end of the wrong kind ...).
Text is read as `graph.importers.decoding` says (UTF-8, else cp1252; mojibake repaired and
listed). A relation without a citation column cites the relations file itself (or the mapping's
source), by line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from graph.dataset import relation_key
from graph.errors import Problem, UsageError
from graph.importers import csv_values as cv
from graph.importers.checking import refuse_invalid_rows
from graph.importers.common import IdMaker, ImportResult, fail_or_skip, index_of, slugify
from graph.importers.csv_mapping import CsvMapping
from graph.importers.csv_rows import Table, end_at_later_links
from graph.importers.matching import clean_name, fold
from graph.model import Actor, Citation, Dataset, Origin, PartialDate, Place, Relation, Source
from graph.text import did_you_mean

parse_mapping = cv.parse_mapping


def import_csv(
    actors: Path | None,
    relations: Path,
    places: Path | None,
    existing: Dataset,
    *,
    mapping: Mapping[str, str] | CsvMapping | None = None,
    on_error: str = "fail",
) -> ImportResult:
    """Read the CSV files into new records, matched against ``existing``.

    ``mapping`` is a `CsvMapping`, or only its columns (``{column_key: field}``, as ``--map``).

    Raises
    ------
    DataError
        When ``on_error`` is "fail" and any cell or row cannot be read, or would make the dataset
        invalid (every one listed).
    UsageError
        When a file cannot be read or lacks the columns the import needs, or its dates need to
        be said to be starts or events.
    """
    if not isinstance(mapping, CsvMapping):
        mapping = CsvMapping(columns=dict(mapping or {}))
    run = _Import(existing, mapping)
    if places is not None:
        run.read_places(places)
    if actors is not None:
        run.read_actors(actors)
    run.read_relations(relations)
    files = {str(p) for p in (actors, relations, places) if p is not None}
    run.errors += refuse_invalid_rows(run.result, existing, files)
    if mapping.later_link_ends:
        end_at_later_links(run.result.relations)
    fail_or_skip(run.errors, on_error)
    run.result.problems = run.errors
    run.result.notes = run.notes
    run.result.skipped_rows = len({(p.file, p.line) for p in run.errors})
    return run.result


class _Import:
    def __init__(self, existing: Dataset, mapping: CsvMapping) -> None:
        self.existing, self.mapping = existing, mapping
        self.result = ImportResult()
        self.errors: list[Problem] = []
        self.notes: list[Problem] = []
        self.index = index_of(existing)
        self.ids = IdMaker(set(existing.actors) | set(existing.places) | set(existing.sources))
        self.names: dict[str, str] = {}  # folded id, name or alias -> node id, for `from`/`to`
        nodes: list[Actor | Place] = [*existing.actors.values(), *existing.places.values()]
        for node in nodes:
            for name in (node.id, node.name, *node.aliases):
                self.names.setdefault(fold(name), node.id)
        self.external = {(k, str(v)): a.id for a in existing.actors.values() for k, v in a.external_ids.items()}
        self.sources = {s.id: s.id for s in existing.sources.values()}  # id or folded title -> source id
        self.sources |= {fold(s.title): s.id for s in existing.sources.values()}
        self.keys = {r.key for r in existing.relations}
        self.file_name = "an imported CSV"  # the relations file's name, once it is read

    def _table(self, path: Path, synonyms: Mapping[str, tuple[str, ...]], need: tuple[str, ...]) -> Table:
        table = Table(path, synonyms, self.mapping, self.notes)
        missing = [f for f in need if f not in table.fields]
        if missing:
            names = " or ".join(f"'{n}'" for f in missing for n in synonyms[f][:2])
            raise UsageError(
                f"{path}: no column for {', '.join(missing)} - name one {names}, or use --map COLUMN=FIELD"
            )
        return table

    def _cells(self, table: Table, read: Callable[[int, dict[str, str]], object]) -> None:
        for line, row in table.rows(self.errors):
            self.result.rows += 1
            try:
                read(line, row)
            except (ValueError, KeyError) as exc:
                message = str(exc.args[0]) if exc.args else str(exc)
                self.errors.append(Problem(str(table.path), line, "bad-cell", message, "fix the cell or skip the row"))

    def read_places(self, path: Path) -> None:
        table = self._table(path, cv.ACTOR_COLUMNS, ("name", "kind"))

        def read(line: int, row: dict[str, str]) -> None:
            kind = cv.place_kind(row["kind"])
            wanted = row.get("id") or row["name"]
            if fold(wanted) in self.names:
                self.names[fold(row["name"])] = self.names[fold(wanted)]
                return
            within = self.names.get(fold(row["in"]), row["in"]) if "in" in row else None
            place = Place(
                self.ids.make(wanted, row["name"]),
                clean_name(row["name"]),
                kind,
                within=within,
                aliases=cv.split_cell(row.get("aliases", "")),
                country=row.get("country"),
                description=row.get("description"),
                origin=Origin(str(path), line),
            )
            self._remember(place.id, wanted, place.name, place.aliases)
            self.result.places.append(place)

        self._cells(table, read)

    def read_actors(self, path: Path) -> None:
        table = self._table(path, cv.ACTOR_COLUMNS, ("name", "kind"))
        self._cells(table, lambda line, row: self._actor(row, Origin(str(path), line)))

    def _actor(self, row: dict[str, str], origin: Origin | None) -> str:
        """The id of the actor a row describes: one of the dataset's when it matches, else a new one."""
        kind = cv.actor_kind(row["kind"])
        name, given = clean_name(row["name"]), row.get("id") or row["name"]
        external = cv.external_ids(row["external_ids"]) if "external_ids" in row else {}
        external |= {f.split(".", 1)[1]: v for f, v in row.items() if f.startswith("external_ids.")}
        aliases = cv.split_cell(row.get("aliases", ""))
        match = self.index.match([name, given, *aliases], external)
        if match is not None:
            self.result.matches.append(match)
            self._remember(match.actor, given, name, aliases)
            return match.actor
        self.result.near_misses += self.index.near_misses([name, *aliases])
        actor = Actor(
            self.ids.make(given, name),
            name,
            kind,
            aliases=aliases,
            country=row.get("country"),
            wikidata=row.get("wikidata"),
            description=row.get("description"),
            external_ids=external,
            origin=origin,
        )
        self._remember(actor.id, given, name, aliases)
        self.external |= {(k, v): actor.id for k, v in external.items()}
        self.result.actors.append(actor)
        return actor.id

    def _remember(self, node_id: str, *names: Any) -> None:
        for name in (*names[:2], *names[2]):
            self.names.setdefault(fold(name), node_id)
            self.names.setdefault(slugify(name), node_id)

    def read_relations(self, path: Path) -> None:
        table = self._table(path, cv.RELATION_COLUMNS, ("from", "type", "to"))
        if "date" in table.fields and self.mapping.date_means is None and not self.mapping.date_means_by_type:
            raise UsageError(
                f"{path}: say what the dates of column {table.fields['date']!r} mean: --date-means start "
                "(when each relation began) or --date-means event (a date it held), or TYPE=start|event",
                argument="date_means",
            )
        records = f"its {table.fields['record']} column" if "record" in table.fields else "its line numbers"
        given = self.mapping.source
        self.default_source = Source(
            given.id if given else f"csv-{slugify(path.stem) or 'relations'}",
            given.title if given else path.name,
            publisher=given.publisher if given else None,
            url=given.url if given else None,
            description=" ".join(filter(None, [given.description if given else None,
                                               f"Imported from {path.name}; records are {records}."])),
        )  # fmt: skip
        self.file_name = path.name
        self._cells(table, lambda line, row: self._relation(path, line, row))
        cited = any(c.source == self.default_source.id for r in self.result.relations for c in r.evidence)
        if cited and self.default_source.id not in self.existing.sources:
            self.result.sources.insert(0, self.default_source)

    def _node(self, row: dict[str, str], end: str) -> str:
        """The node at ``end`` ("from" or "to") of a row: by external id, then id, name or alias; a
        new actor (`CsvMapping.new_actors`) when the dataset has none of that name."""
        prefix = f"{end}_external_ids."
        external = {f.removeprefix(prefix): v for f, v in row.items() if f.startswith(prefix)}
        for scheme, value in external.items():
            if (scheme, value) in self.external:
                return self.external[scheme, value]
        text = row[end]
        found = self.names.get(fold(text)) or self.names.get(slugify(text))
        if found is not None:
            return found
        if self.mapping.new_actors is not None:
            kind = self.mapping.new_actors
            description = f"Named in {self.file_name}, which gives no kind: {kind} is the importer's guess, check it."
            new = {"name": text, "kind": kind, "description": description}
            return self._actor(new | {f"external_ids.{k}": v for k, v in external.items()}, None)
        hint = did_you_mean(fold(text), self.names)
        raise ValueError(f"unknown actor {text!r}" + (f" - {hint}" if hint else " - add it to the actors file"))

    def _relation(self, path: Path, line: int, row: dict[str, str]) -> None:
        missing = [f for f in ("from", "type", "to") if f not in row]
        if missing:
            raise ValueError(f"the row gives no {' and no '.join(missing)}")
        rtype = cv.relation_type(row["type"])
        source, target = self._node(row, "from"), self._node(row, "to")
        since, until = self._dates(row, rtype)
        key = row.get("id") or relation_key(source, rtype, target, since)
        if key in self.keys:
            raise ValueError(f"relation {key!r} is already in the dataset or this file")
        self.keys.add(key)
        self.result.relations.append(
            Relation(
                key=key,
                source=source,
                type=rtype,
                target=target,
                since=since,
                until=until,
                ended=until is not None or cv.boolean(row.get("ended", "")),
                support=cv.support_types(row.get("support", "")),
                flags=cv.split_cell(row.get("flags", "")),
                support_scope=row.get("support_scope", "supporter"),
                count=cv.count(row.get("count", "")),
                weight=cv.weight(row.get("weight", "")),
                confidence=cv.confidence(row.get("confidence", "medium")),
                note=row.get("note"),
                evidence=self._evidence(line, row),
                origin=Origin(str(path), line),
            )
        )

    def _dates(self, row: dict[str, str], rtype: str) -> tuple[PartialDate | None, PartialDate | None]:
        """``since`` and ``until`` from their columns, or from the `date` column as a start or an event."""
        since = cv.cell_date(row["since"]) if "since" in row else None
        until = cv.cell_date(row["until"]) if "until" in row else None
        when = cv.cell_date(row["date"]) if "date" in row else None
        if when is None:
            return since, until
        if since or until:
            raise ValueError("the row gives a date and since or until: give one or the other")
        means = self.mapping.meaning(rtype)
        if means is None:
            raise ValueError(f"what the date of a {rtype} relation means is not said: --date-means {rtype}=start|event")
        return when, when if means == "event" else None

    def _evidence(self, line: int, row: dict[str, str]) -> list[Citation]:
        if "evidence" in row:
            items = json.loads(row["evidence"])
            return [Citation(self._source(i["source"]), quote=i.get("quote"), record=i.get("record")) for i in items]
        cite = self._source(row["cite"]) if "cite" in row else self.default_source.id
        record = row.get("record") or (None if "quote" in row else str(line))
        return [Citation(cite, quote=row.get("quote"), record=record)]

    def _source(self, text: str) -> str:
        """A cited source by id or title; a new one (titled ``text``) when the dataset has none."""
        found = self.sources.get(text) or self.sources.get(fold(text))
        if found is None:
            found = self.ids.make(text, "source")
            self.result.sources.append(Source(found, clean_name(text), description="Named in an imported CSV."))
            self.sources[text] = self.sources[fold(text)] = found
        return found
