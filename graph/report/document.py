"""What every command answers with: a `Report`, rendered by one module per format.

A report holds the JSON data (the stable shapes of `graph.report.shapes`), and for people and
spreadsheets `Block` s: a title, lines (such as ``show``'s header), a `Table`. Each table row
has its cells, the lines shown under it (its evidence) and the relations behind it, which the
CSV rendering writes one row each with every field. ``message`` is what people are told on
stderr (an empty answer). The formats (`graph.report.formats`) render a report; no command
formats its own output.

>>> table = Table(["actor", Column("chain", wrap=True)], relation_context=("step",))
>>> table.add(["iran", "iran -backs-> badr"], ["a detail line"])
>>> report = Report({"answer": 1}, [Block(table=table)], message="(nothing else)")
>>> report.csv_table() is table, [c.name for c in table.columns if c.wrap]
(True, ['chain'])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model import ANY_DAY, Dates, Relation

Placed = tuple[tuple[Any, ...], Relation]  # a relation of a row, and where it stands there (its step ...)


@dataclass(frozen=True)
class Column:
    """A column: ``wrap`` to fit the terminal (the others wrap only when nothing else fits);
    ``table``/``csv``: whether the table for people and the CSV show it."""

    name: str
    wrap: bool = False
    table: bool = True
    csv: bool = True


@dataclass
class Row:
    cells: list[Any]
    details: list[str] = field(default_factory=list)  # lines under the row, for people
    relations: list[Placed] = field(default_factory=list)  # the relations behind the row, for CSV


class Table:
    """Rows under named columns. ``relation_context`` names the CSV columns that say where each
    relation of a row stands (``("step",)`` for a chain's hops, ``()`` for none); None when the
    rows carry no relations (then the CSV has no relation columns)."""

    def __init__(self, columns: Iterable[str | Column], *, relation_context: Sequence[str] | None = None) -> None:
        self.columns = [c if isinstance(c, Column) else Column(c) for c in columns]
        self.relation_context = None if relation_context is None else tuple(relation_context)
        self.rows: list[Row] = []

    def add(self, cells: Sequence[Any], details: Iterable[str] = (), relations: Iterable[Placed] = ()) -> None:
        self.rows.append(Row(list(cells), list(details), list(relations)))


@dataclass
class Block:
    """A part of a report for people: a title, lines, then a table; ``wrap`` False keeps the lines
    whole (``validate``'s ``file:line:`` problems, which editors read one a line)."""

    title: str = ""
    lines: list[str] = field(default_factory=list)
    table: Table | None = None
    wrap: bool = True


@dataclass
class Report:
    """An answer: ``data`` for JSON, ``blocks`` for people, ``csv`` the table CSV writes (default:
    the first table), ``message`` for people on stderr (an empty answer, a count of errors);
    ``dates``: what the question asked of time, so the CSV says which relations only may hold."""

    data: Any
    blocks: list[Block] = field(default_factory=list)
    message: str | None = None
    csv: Table | None = None
    dates: Dates = ANY_DAY

    def csv_table(self) -> Table | None:
        if self.csv is not None:
            return self.csv
        return next((b.table for b in self.blocks if b.table is not None), None)


def placed(relations: Iterable[Relation], *where: Any) -> list[Placed]:
    """``relations``, each standing at ``where`` (the same place for all)."""
    return [(where, r) for r in relations]
