"""The rows of a CSV file as fields (its columns found and its values mapped), and a rule on dates.

`Table` reads one file through `graph.importers.decoding` (UTF-8 else cp1252; mojibake repaired
and noted), keeps line breaks inside quoted cells, and gives each row with its first line.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

from graph.errors import Problem
from graph.importers import csv_values as cv
from graph.importers.csv_mapping import CsvMapping
from graph.importers.decoding import Repairs, read_text
from graph.model import Relation


class Table:
    """One CSV file: its fields, and its rows as (first line, {field: text}), values mapped."""

    def __init__(
        self, path: Path, synonyms: Mapping[str, tuple[str, ...]], mapping: CsvMapping, notes: list[Problem]
    ) -> None:
        self.path, self.mapping, self.notes = path, mapping, notes
        text, decoded = read_text(path)
        notes += decoded
        self.repairs = Repairs(str(path))
        self.reader = csv.reader(io.StringIO(text, newline=""))
        self.header = [self.repairs.cell(c, 1, "header") for c in next(self.reader, [])]
        self.fields, unused = cv.columns_of(self.header, synonyms, mapping.columns)
        for column in unused:
            if cv.column_key(column) not in mapping.ignore:
                hint = f"map it with --map {cv.column_key(column)}=FIELD"
                notes.append(Problem(str(path), 1, "unused-column", f"column {column!r} is not read", hint, "warning"))

    def rows(self, problems: list[Problem]) -> Iterator[tuple[int, dict[str, str]]]:
        """Each row with its first line (a quoted cell may hold line breaks), cells repaired."""
        line = self.reader.line_num + 1
        for cells in self.reader:
            first, line = line, self.reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(self.header):
                message = f"the row has {len(cells)} cells, the header {len(self.header)}"
                problems.append(Problem(str(self.path), first, "bad-row", message, "quote cells that hold commas"))
                continue
            by_column = dict(zip(self.header, cells, strict=True))
            row = {f: self.repairs.cell(by_column[c].strip(), first, c) for f, c in self.fields.items()}
            yield first, self._mapped({f: v for f, v in row.items() if v})
        self.notes += self.repairs.notes()

    def _mapped(self, row: dict[str, str]) -> dict[str, str]:
        """Values through the mapping's value maps; ends swapped for a type whose ends the file reverses."""
        swap = "type" in row and cv.word_key(row["type"]) in self.mapping.swap_ends
        row = {f: self.mapping.value(f, v) for f, v in row.items()}
        if swap:
            row = {_other_end(f): v for f, v in row.items()}
        return row


def _other_end(fieldname: str) -> str:
    for a, b in (("from", "to"), ("to", "from")):
        if fieldname == a or fieldname.startswith(f"{a}_external_ids."):
            return b + fieldname[len(a) :]
    return fieldname


def end_at_later_links(relations: list[Relation]) -> None:
    """A relation without an end ends where a later relation of another type joins the same two
    actors (either way): its ``until`` is the later one's ``since``, and its note says so.

    Mapping Militants codes the start of each link and holds it until another kind of link
    joins the pair; without this, every link of the file would hold for ever.
    """
    pairs: dict[frozenset[str], list[Relation]] = defaultdict(list)
    for rel in relations:
        if rel.since is not None:
            pairs[frozenset((rel.source, rel.target))].append(rel)
    for rels in pairs.values():
        rels.sort(key=lambda r: (r.since.first if r.since else 0, r.key))
        for i, rel in enumerate(rels):
            assert rel.since is not None
            start = rel.since.first
            later = next((o for o in rels[i + 1 :] if o.type != rel.type and o.since and o.since.first > start), None)
            if rel.until is None and not rel.ended and later is not None and later.since is not None:
                rel.until, rel.ended = later.since, True
                said = f"Ends where the later {later.type} relation ({later.since}) begins."
                rel.note = f"{rel.note} {said}" if rel.note else said
