"""Reports of the named Cypher queries: the list of them, and the records a query returned.

`graph.neo4j.queries` reads the queries and `graph.neo4j.store` runs them; both return plain
rows, and the tables are made here.

>>> report = records_report(["actor", "via"], [{"actor": {"id": "iran", "name": "Iran"}, "via": ["a", "b"]}])
>>> report.blocks[0].table.rows[0].cells, report.data[0]["via"]
(['iran', 'a, b'], ['a', 'b'])
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from graph.report.document import Block, Column, Report, Table

if TYPE_CHECKING:  # found where the queries are listed: the command line imports this module for every command
    from graph.neo4j.queries import Query


def queries_report(found: Sequence[Query]) -> Report:
    """Each query's name, parameters (with example values) and what it answers."""
    table = Table(["name", Column("params", wrap=True), Column("answers", wrap=True), Column("file", table=False)])
    for q in found:
        table.add([q.name, q.params_text(), q.description, str(q.path)])
    return Report([q.data() for q in found], [Block(table=table)])


def cell(value: Any) -> Any:
    """A value of a record as a cell: a node or relationship by its id or key, lists joined."""
    if isinstance(value, list):
        return ", ".join(str(cell(v)) for v in value)
    if isinstance(value, dict):
        return value.get("id", value.get("key", json.dumps(value, default=str)))
    return value


def records_report(columns: Sequence[str], rows: list[dict[str, Any]]) -> Report:
    """The records of a query as a table (nodes by id, lists joined) and as JSON rows."""
    table = Table([Column(c, wrap=True) for c in columns])
    for row in rows:
        table.add([cell(row[c]) for c in columns])
    return Report(rows, [Block(table=table)])
