"""Turn answers into plain data (the stable JSON shape) and into table, JSON or CSV text.

The JSON shapes are documented in the README ("JSON output"); change them only with a note.
Tables are for people: aligned columns, and under a row the evidence behind it, indented.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis import Chain, Step, Supporter
from graph.model import RELATION_TYPES, Relation

FORMATS = ("table", "json", "csv")


def relation_data(rel: Relation) -> dict[str, Any]:
    return {
        "key": rel.key,
        "from": rel.source,
        "type": rel.type,
        "to": rel.target,
        "directed": RELATION_TYPES[rel.type].directed,
        "since": str(rel.since) if rel.since else None,
        "until": str(rel.until) if rel.until else None,
        "status": "ongoing" if rel.is_ongoing else "ended",
        "support": list(rel.support),
        "confidence": rel.confidence,
        "note": rel.note,
        "evidence": [
            {k: v for k, v in (("source", c.source), ("quote", c.quote), ("record", c.record)) if v is not None}
            for c in rel.evidence
        ],
    }


def step_data(step: Step) -> dict[str, Any]:
    return {"from": step.source, "to": step.target, "relations": [relation_data(r) for r in step.relations]}


def chain_data(chain: Chain) -> dict[str, Any]:
    return {"nodes": chain.nodes, "hops": len(chain), "steps": [step_data(s) for s in chain.steps]}


def node_data(G: nx.MultiDiGraph[str], node: str) -> dict[str, Any]:
    data = G.nodes[node]
    return {"id": node, "name": data.get("name"), "kind": data.get("kind")}


def supporter_data(G: nx.MultiDiGraph[str], s: Supporter) -> dict[str, Any]:
    return {**node_data(G, s.actor), "depth": s.depth, "chains": [chain_data(c) for c in s.chains]}


def arrow(rel: Relation, walking_from: str | None = None) -> str:
    """``iran -backs-> badr``; symmetric types as ``a -fights- b``."""
    label = rel.type + (f"[{','.join(rel.support)}]" if rel.support else "")
    a, b = rel.source, rel.target
    if not RELATION_TYPES[rel.type].directed:
        if walking_from == b:
            a, b = b, a
        return f"{a} -{label}- {b}"
    if walking_from == b:
        return f"{b} <-{label}- {a}"
    return f"{a} -{label}-> {b}"


def chain_text(chain: Chain) -> str:
    """``iran -backs-> iraqi-militias -fights- syrian-rebels``: the first relation of each hop."""
    parts = [chain.steps[0].source]
    for step in chain.steps:
        rel = step.relations[0]
        link = arrow(rel, step.source)
        link = link[len(step.source) + 1 : -len(step.target) - 1] if link.startswith(step.source) else link
        parts += [link, step.target]
    return " ".join(parts)


def dates_text(rel: Relation) -> str:
    since = str(rel.since) if rel.since else "?"
    if rel.until:
        return f"{since} .. {rel.until}"
    if rel.ended:
        before = f" before {rel.ended_before}" if rel.ended_before else ""
        return f"{since} .. ended{before} (date not given)"
    return f"{since} .. ongoing"


def evidence_lines(rel: Relation) -> list[str]:
    lines = []
    for c in rel.evidence:
        what = f'"{c.quote}"' if c.quote is not None else f"record {c.record}"
        lines.append(f"{what} [{c.source}]")
    return lines


def relation_lines(rel: Relation, walking_from: str | None = None) -> list[str]:
    """A relation, its dates and confidence, then its note and evidence, indented."""
    lines = [f"{arrow(rel, walking_from)}  ({dates_text(rel)}, {rel.confidence})"]
    lines += [f"  note: {rel.note}"] if rel.note else []
    return lines + [f"  {e}" for e in evidence_lines(rel)]


def chain_details(chain: Chain) -> list[str]:
    """The lines behind a chain: each hop's relations with their evidence."""
    return [line for step in chain.steps for rel in step.relations for line in relation_lines(rel, step.source)]


@dataclass
class Table:
    """Rows for people and for CSV; ``details[i]`` are lines shown under row i in a table."""

    columns: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)
    details: list[list[str]] = field(default_factory=list)

    def add(self, row: Sequence[Any], details: Iterable[str] = ()) -> None:
        self.rows.append(row)
        self.details.append(list(details))


def render(table: Table, data: Any, fmt: str) -> str:
    """Text of an answer in ``fmt``: ``json`` dumps ``data``; ``table`` and ``csv`` use ``table``."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([["" if v is None else v for v in row] for row in table.rows])
        return out.getvalue().rstrip("\n")
    return _text_table(table)


def _text_table(table: Table) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(table.columns, widths, strict=True)).rstrip()]
    for row, details in zip(cells, table.details, strict=True):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        lines += [f"    {d}" for d in details]
    return "\n".join(lines)
