"""Tables and JSON data for the analytics answers (proxy chains, wars, blocs, balance, rank, time).

Each ``*_report`` function turns one answer into a `Report`: titled tables for people and CSV, and the
plain data that ``--format json`` prints. The JSON reuses `graph.report.shapes`: a relation is
`relation_data` (with its evidence), a chain is `chain_data`, periods are `period_data`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.analytics.balance import TRIANGLE_KINDS, Balance, Blocs
from graph.analytics.chains import Chain, Step
from graph.analytics.proxies import ProxyChain, ProxyWar
from graph.analytics.ranking import MEASURES, CoSponsorship, Rank
from graph.analytics.timeline import Diff
from graph.model import Relation
from graph.report.shapes import chain_data, node_data, period_data, relation_data
from graph.report.table import Table, render
from graph.report.text import arrow, chain_details, chain_text, period_text, relation_lines
from graph.vocabulary import CONFIDENCE_LEVELS

CONFIDENCE_NAMES = {v: k for k, v in CONFIDENCE_LEVELS.items()}


@dataclass
class Report:
    """Sections (a title and a table each) and the JSON data; CSV prints section ``csv`` only."""

    sections: list[tuple[str, Table]]
    data: Any
    csv: int = 0

    def text(self, fmt: str) -> str:
        if fmt != "table":
            return render(self.sections[self.csv][1], self.data, fmt)
        parts = [
            (f"{title}\n" if title else "") + render(table, None, fmt) if table.rows or i == 0 else title
            for i, (title, table) in enumerate(self.sections)
        ]
        return "\n\n".join(parts)


def _rels(rels: Sequence[Relation]) -> list[dict[str, Any]]:
    return [relation_data(r) for r in rels]


def _lines(rels: Sequence[Relation], walking_from: str | None = None) -> list[str]:
    return [line for r in rels for line in relation_lines(r, walking_from)]


def proxy_chains_report(G: nx.MultiDiGraph[str], found: list[ProxyChain], query: dict[str, Any]) -> Report:
    table = Table(["sponsor", "target", "proxy", "hops", "confidence", "held", "direct", "chain"])
    rows = []
    for c in found:
        conf, direct = CONFIDENCE_NAMES[c.confidence], "yes" if c.direct else "no"
        details = chain_details(c.chain) + [f"also fights directly: {line}" for line in _lines(c.direct, c.sponsor)]
        table.add([c.sponsor, c.target, c.proxy, len(c), conf, period_text(c.periods), direct, chain_text(c.chain)],
                  details)  # fmt: skip
        rows.append({"sponsor": node_data(G, c.sponsor), "proxy": node_data(G, c.proxy),
                     "target": node_data(G, c.target), "hops": len(c), "backing_hops": len(c.backing),
                     "confidence": conf, "held": period_data(c.periods), "direct_fights": _rels(c.direct),
                     "chain": chain_data(c.chain)})  # fmt: skip
    return Report([("", table)], {**query, "chains": rows})


def proxy_chain_count_report(count: int, query: dict[str, Any]) -> Report:
    table = Table(["chains"])
    table.add([str(count)])
    return Report([("", table)], {**query, "count": count})


def proxy_wars_report(G: nx.MultiDiGraph[str], wars: list[ProxyWar]) -> Report:
    table = Table(["sponsor_a", "sponsor_b", "fronts", "confidence", "sides"])
    rows = []
    for w in wars:
        sides = "; ".join(f"{a} vs {b}" for a, b in sorted(w.sides))
        details = []
        fronts = []
        for f in w.fronts:
            details.append(f"front: {f.side_a} (of {w.sponsors[0]}) fights {f.side_b} (of {w.sponsors[1]}),"
                           f" held {period_text(f.periods)}")  # fmt: skip
            details += [f"  {line}" for s in (*f.backing_a, *f.fight, *f.backing_b) for line in _step_lines(s)]
            fronts.append({"side_a": f.side_a, "side_b": f.side_b, "confidence": CONFIDENCE_NAMES[f.confidence],
                           "held": period_data(f.periods), "backing_a": chain_data(Chain(f.backing_a)),
                           "fight": chain_data(Chain(f.fight)),
                           "backing_b": chain_data(Chain(f.backing_b))})  # fmt: skip
        conf = CONFIDENCE_NAMES[w.confidence]
        table.add([*w.sponsors, len(w.sides), conf, sides], details)
        rows.append({"sponsors": [node_data(G, s) for s in w.sponsors], "sides": sorted(w.sides),
                     "confidence": conf, "fronts": fronts})  # fmt: skip
    return Report([("", table)], {"wars": rows})


def _step_lines(step: Step) -> list[str]:
    return _lines(step.relations, step.source)


def _frustration(b: Blocs) -> dict[str, Any]:
    method = "exact" if b.exact else "heuristic (upper bound)"
    return {"value": b.frustration, "lower_bound": b.lower_bound, "exact": b.exact, "method": method}


def _frustration_text(b: Blocs) -> str:
    if b.exact:
        return f"Frustration: {b.frustration} relation(s) (exact)"
    return f"Frustration: between {b.lower_bound} and {b.frustration} relation(s) (heuristic; exact up to a size)"


def _contradictions(b: Blocs) -> Table:
    table = Table(["a", "b", "kind", "relations"])
    for c in b.contradictions:
        table.add([c.pair.a, c.pair.b, c.kind, len(c.relations)], _lines(c.relations))
    return table


def blocs_report(G: nx.MultiDiGraph[str], b: Blocs) -> Report:
    camps = Table(["camp", "leader", "size", "members"])
    for i, (camp, leader) in enumerate(zip(b.camps, b.leaders, strict=True), 1):
        camps.add([i, leader, len(camp), ", ".join(camp)])
    leaders = zip(b.camps, b.leaders, strict=True)
    data = {"camps": [{"leader": leader, "members": list(camp)} for camp, leader in leaders],
            "frustration": _frustration(b),
            "contradictions": [{"a": c.pair.a, "b": c.pair.b, "kind": c.kind, "relations": _rels(c.relations)}
                               for c in b.contradictions]}  # fmt: skip
    title = f"Relations against the split: {len(b.contradictions)} pair(s). {_frustration_text(b)}"
    return Report([("", camps), (title, _contradictions(b))], data)


def balance_report(G: nx.MultiDiGraph[str], bal: Balance) -> Report:
    counts = Table(["kind", "triangles", "meaning"])
    for kind, meaning in TRIANGLE_KINDS.items():
        counts.add([kind, bal.counts[kind], meaning])
    bad = Table(["kind", "actors"])
    rows = []
    for t in bal.unbalanced:
        bad.add([t.kind, ", ".join(t.actors)], [line for _, _, rels in t.sides for line in _lines(rels)])
        rows.append({"actors": list(t.actors), "kind": t.kind, "meaning": TRIANGLE_KINDS[t.kind],
                     "sides": [{"a": a, "b": b, "relations": _rels(rels)} for a, b, rels in t.sides]})  # fmt: skip
    data = {"counts": bal.counts, "kinds": TRIANGLE_KINDS, "unbalanced": rows, "frustration": _frustration(bal.blocs),
            "contradictions": blocs_report(G, bal.blocs).data["contradictions"]}  # fmt: skip
    title = f"Unbalanced triangles: {len(bal.unbalanced)}. {_frustration_text(bal.blocs)}"
    return Report([("Signed triangles", counts), (title, bad)], data, csv=1)


def co_sponsored_report(G: nx.MultiDiGraph[str], cs: CoSponsorship) -> Report:
    table = Table(["a", "b", "shared", "sponsors", "degree_a", "degree_b"])
    rows = []
    for p in cs.pairs:
        table.add([p.a, p.b, len(p.sponsors), ", ".join(p.sponsors), cs.degree[p.a], cs.degree[p.b]],
                  _lines(p.relations))  # fmt: skip
        rows.append({"a": p.a, "b": p.b, "sponsors": list(p.sponsors), "relations": _rels(p.relations)})
    return Report([("", table)], {"pairs": rows, "degree": cs.degree})


def rank_report(G: nx.MultiDiGraph[str], ranks: list[Rank], by: str) -> Report:
    table = Table(["actor", "name", *MEASURES])
    rows = []
    for r in ranks:
        values = [round(getattr(r, m), 3) if m == "brokerage" else getattr(r, m) for m in MEASURES]
        reached = [f"reaches: {', '.join(r.reached)}"] if r.reached else []
        table.add([r.actor, G.nodes[r.actor].get("name"), *values], reached + _lines(r.relations, r.actor))
        rows.append({**node_data(G, r.actor), **dict(zip(MEASURES, values, strict=True)), "reached": list(r.reached),
                     "relations": _rels(r.relations)})  # fmt: skip
    return Report([("", table)], {"by": by, "measures": MEASURES, "actors": rows})


def timeline_report(G: nx.MultiDiGraph[str], actor: str, rels: list[Relation]) -> Report:
    table = Table(["since", "until", "relation", "confidence"])
    for r in rels:
        until = str(r.until) if r.until else ("ended" if r.ended else "ongoing")
        table.add([str(r.since) if r.since else "?", until, arrow(r, actor), r.confidence],
                  relation_lines(r, actor)[1:])  # fmt: skip
    return Report([("", table)], {"actor": node_data(G, actor), "relations": _rels(rels)})


def diff_report(d: Diff) -> Report:
    table = Table(["change", "since", "until", "relation", "confidence"])
    data: dict[str, Any] = {"from": [x.isoformat() for x in d.start], "to": [x.isoformat() for x in d.end]}
    for change, rels in (("began", d.began), ("ended", d.ended), ("came and went", d.came_and_went)):
        for r in rels:
            until = str(r.until) if r.until else ("ended" if r.ended else "ongoing")
            table.add([change, str(r.since) if r.since else "?", until, arrow(r), r.confidence],
                      relation_lines(r)[1:])  # fmt: skip
        data[change.replace(" ", "_")] = _rels(rels)
    return Report([("", table)], data)
