"""CSV: the report's table with what its JSON carries, one row per relation behind each row.

The table's own columns come first, then the columns that say where each relation stands in
its row (``step`` of a chain ...), then the relation's fields as the JSON has them
(`graph.report.shapes.RELATION_JSON`, then ``count`` and ``weight``, empty where not given, then
``possible``: why it only may hold on the days asked, empty when it holds, and ``state``: what its evidence
adds up to, empty when confirmed, `graph.claims`): lists joined with ``"; "``, the evidence as
``source: "quote"`` or ``source: record N`` joined with ``" | "``, booleans as true/false. A
relation field whose name the table already uses is prefixed ``relation_`` (``relation_confidence``
beside a chain's confidence). A row with no relation is one line with the relation columns empty.

>>> from graph.model import Citation, Relation
>>> from graph.report.document import Table, placed
>>> table = Table(["actor"], relation_context=())
>>> rel = Relation("k", "iran", "backs", "badr", support=["weapons", "funding"],
...                evidence=[Citation("report", quote="Iran armed Badr"), Citation("esd", record="12")])
>>> table.add(["badr"], relations=placed([rel]))
>>> print(render(Report({}, csv=table), 100))
actor,key,from,type,to,directed,since,until,status,support,confidence,note,evidence,count,weight,possible,state
badr,k,iran,backs,badr,true,,,ongoing,weapons; funding,medium,,"report: ""Iran armed Badr"" | esd: record 12",,,,
"""

from __future__ import annotations

import csv
import io
from typing import Any

from graph.model import ANY_DAY, Dates
from graph.report.document import Report, Table
from graph.report.shapes import AMOUNTS, RELATION_JSON, relation_data

PEOPLE = False


def cell(value: Any) -> Any:
    """A value as one CSV cell: None empty, booleans true/false, lists joined with "; "."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "; ".join(str(cell(v)) for v in value)
    return value


def evidence_cell(evidence: list[dict[str, str]]) -> str:
    """``report: "the quote" | ucdp-esd-18-1: record 4379``; a citation that alleges or denies says so
    after it (``irna: "Tehran denied it" (deny)``)."""
    return " | ".join((f'{c["source"]}: "{c["quote"]}"' if "quote" in c else f"{c['source']}: record {c.get('record')}")
                      + (f" ({c['stance']})" if "stance" in c else "") for c in evidence)  # fmt: skip


RELATION_CSV = (*RELATION_JSON, *AMOUNTS, "possible", "state")


def relation_cells(data: dict[str, Any]) -> list[Any]:
    return [evidence_cell(data[k]) if k == "evidence" else cell(data.get(k)) for k in RELATION_CSV]


def header(table: Table) -> list[str]:
    own = [c.name for c in table.columns if c.csv]
    if table.relation_context is None:
        return own
    taken = {*own, *table.relation_context}
    return [*own, *table.relation_context, *(f"relation_{k}" if k in taken else k for k in RELATION_CSV)]


def rows(table: Table, dates: Dates = ANY_DAY) -> list[list[Any]]:
    shown = [i for i, c in enumerate(table.columns) if c.csv]
    blank = [""] * (0 if table.relation_context is None else len(table.relation_context) + len(RELATION_CSV))
    found = []
    for row in table.rows:
        own = [cell(row.cells[i]) for i in shown]
        if table.relation_context is None or not row.relations:
            found.append(own + blank)
        for where, rel in row.relations if table.relation_context is not None else ():
            found.append(own + [cell(w) for w in where] + relation_cells(relation_data(rel, dates)))
    return found


def render(report: Report, width: int) -> str:
    table = report.csv_table()
    if table is None:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header(table))
    writer.writerows(rows(table, report.dates))
    return out.getvalue().rstrip("\n")
