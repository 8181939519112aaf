"""Import a user's own spreadsheet: a CSV of actors (optional), of relations, and of places.

Columns are found by their common names (`graph.importers.csv_values`) or by ``--map``;
actors are matched to the dataset's own by external id, id, name or alias; relation types,
support types, kinds and dates are read through the vocabulary, and every cell that cannot be
read becomes a problem with its file and line. A relation without a citation column cites the
relations file itself, by line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from graph.dataset import relation_key
from graph.errors import Problem, UsageError
from graph.importers import csv_values as cv
from graph.importers.common import IdMaker, ImportResult, fail_or_skip, index_of, slugify
from graph.importers.matching import clean_name, fold
from graph.model import Actor, Citation, Dataset, Place, Relation, Source
from graph.text import did_you_mean

parse_mapping = cv.parse_mapping


class _Table:
    """One CSV file: its fields, and its rows as (line, {field: text})."""

    def __init__(
        self, path: Path, synonyms: Mapping[str, tuple[str, ...]], mapping: Mapping[str, str], problems: list[Problem]
    ) -> None:
        self.path = path
        try:
            self.text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {path}: {exc}") from None
        self.reader = csv.reader(self.text.splitlines())
        header = next(self.reader, [])
        self.header = header
        self.fields, unused = cv.columns_of(header, synonyms, mapping)
        for column in unused:
            problems.append(
                Problem(
                    str(path),
                    1,
                    "unused-column",
                    f"column {column!r} is not read",
                    f"map it with --map {cv.column_key(column)}=FIELD",
                    "warning",
                )
            )

    def rows(self, problems: list[Problem]) -> Iterator[tuple[int, dict[str, str]]]:
        for cells in self.reader:
            line = self.reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(self.header):
                message = f"the row has {len(cells)} cells, the header {len(self.header)}"
                problems.append(Problem(str(self.path), line, "bad-row", message, "quote cells that hold commas"))
                continue
            by_column = dict(zip(self.header, cells, strict=True))
            yield line, {f: by_column[c].strip() for f, c in self.fields.items() if by_column[c].strip()}


def import_csv(
    actors: Path | None,
    relations: Path,
    places: Path | None,
    existing: Dataset,
    *,
    mapping: Mapping[str, str] | None = None,
    on_error: str = "fail",
) -> ImportResult:
    """Read the CSV files into new records, matched against ``existing``.

    Raises
    ------
    DataError
        When ``on_error`` is "fail" and any cell or row cannot be read (every one listed).
    UsageError
        When a file cannot be read or lacks the columns the import needs.
    """
    run = _Import(existing, mapping or {})
    if places is not None:
        run.read_places(places)
    if actors is not None:
        run.read_actors(actors)
    run.read_relations(relations)
    fail_or_skip(run.errors, on_error)
    run.result.problems = run.warnings + run.errors
    run.result.skipped_rows = len(run.errors)
    return run.result


class _Import:
    def __init__(self, existing: Dataset, mapping: Mapping[str, str]) -> None:
        self.existing, self.mapping = existing, mapping
        self.result = ImportResult()
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.index = index_of(existing)
        self.ids = IdMaker(set(existing.actors) | set(existing.places) | set(existing.sources))
        self.names: dict[str, str] = {}  # folded id, name or alias -> node id, for `from`/`to`
        nodes: list[Actor | Place] = [*existing.actors.values(), *existing.places.values()]
        for node in nodes:
            for name in (node.id, node.name, *node.aliases):
                self.names.setdefault(fold(name), node.id)
        self.sources = {s.id: s.id for s in existing.sources.values()}  # id or folded title -> source id
        self.sources |= {fold(s.title): s.id for s in existing.sources.values()}
        self.keys = {r.key for r in existing.relations}

    def _table(self, path: Path, synonyms: Mapping[str, tuple[str, ...]], need: tuple[str, ...]) -> _Table:
        table = _Table(path, synonyms, self.mapping, self.warnings)
        missing = [f for f in need if f not in table.fields]
        if missing:
            names = " or ".join(f"'{n}'" for f in missing for n in synonyms[f][:2])
            raise UsageError(
                f"{path}: no column for {', '.join(missing)} - name one {names}, or use --map COLUMN=FIELD"
            )
        return table

    def _cells(self, table: _Table, read: Callable[[int, dict[str, str]], None]) -> None:
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
            )
            self._remember(place.id, wanted, place.name, place.aliases)
            self.result.places.append(place)

        self._cells(table, read)

    def read_actors(self, path: Path) -> None:
        table = self._table(path, cv.ACTOR_COLUMNS, ("name", "kind"))
        self._cells(table, self._actor)

    def _actor(self, line: int, row: dict[str, str]) -> None:
        kind = cv.actor_kind(row["kind"])
        name, given = clean_name(row["name"]), row.get("id") or row["name"]
        external = cv.external_ids(row["external_ids"]) if "external_ids" in row else {}
        external |= {f.split(".", 1)[1]: v for f, v in row.items() if f.startswith("external_ids.")}
        aliases = cv.split_cell(row.get("aliases", ""))
        match = self.index.match([name, given, *aliases], external)
        if match is not None:
            self.result.matches.append(match)
            self._remember(match.actor, given, name, aliases)
            return
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
        )
        self._remember(actor.id, given, name, aliases)
        self.result.actors.append(actor)

    def _remember(self, node_id: str, *names: Any) -> None:
        for name in (*names[:2], *names[2]):
            self.names.setdefault(fold(name), node_id)
            self.names.setdefault(slugify(name), node_id)

    def read_relations(self, path: Path) -> None:
        table = self._table(path, cv.RELATION_COLUMNS, ("from", "type", "to"))
        self.default_source = Source(
            f"csv-{slugify(path.stem) or 'relations'}",
            path.name,
            description=f"Imported from {path.name}; records are its line numbers.",
        )
        self._cells(table, lambda line, row: self._relation(path, line, row))
        if any(c.source == self.default_source.id for r in self.result.relations for c in r.evidence):
            self.result.sources.insert(0, self.default_source)

    def _node(self, text: str) -> str:
        found = self.names.get(fold(text)) or self.names.get(slugify(text))
        if found is None:
            hint = did_you_mean(fold(text), self.names)
            raise ValueError(f"unknown actor {text!r}" + (f" - {hint}" if hint else " - add it to the actors file"))
        return found

    def _relation(self, path: Path, line: int, row: dict[str, str]) -> None:
        rtype = cv.relation_type(row["type"])
        source, target = self._node(row["from"]), self._node(row["to"])
        since = cv.date(row["since"]) if "since" in row else None
        until = cv.date(row["until"]) if "until" in row else None
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
                confidence=cv.confidence(row.get("confidence", "medium")),
                note=row.get("note"),
                evidence=self._evidence(line, row),
            )
        )

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
