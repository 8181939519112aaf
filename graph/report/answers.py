"""Reports of the analytics answers (proxy chains, wars, blocs, balance, rank, time).

Each ``*_report`` function turns one answer into a `Report`: tables for people (the evidence
under each row) and CSV (the relations behind each row), the plain data that ``--format json``
prints, and the message an empty answer gives. The JSON reuses `graph.report.shapes`: a relation
is `relation_data` (with its evidence), a chain is `chain_data`, periods are `period_data`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx

from graph.analytics.balance import TRIANGLE_KINDS, Balance, Blocs
from graph.analytics.chains import Chain, Step
from graph.analytics.options import MEASURES
from graph.analytics.proxies import ProxyChain, ProxyWar
from graph.analytics.ranking import CoSponsorship, Rank, measure_name, measure_text
from graph.analytics.timeline import Diff
from graph.model import ANY_DAY, Dates, Relation
from graph.network import dates_of, relations
from graph.report.document import Block, Column, Report, Table, placed
from graph.report.shapes import chain_data, chain_placed, node_data, period_data, relation_data, unconfirmed
from graph.report.text import arrow, chain_details, chain_text, period_text, relation_lines
from graph.vocabulary import CONFIDENCE_LEVELS

CONFIDENCE_NAMES = {v: k for k, v in CONFIDENCE_LEVELS.items()}


def _rels(rels: Sequence[Relation], dates: Dates = ANY_DAY) -> list[dict[str, Any]]:
    return [relation_data(r, dates) for r in rels]


def _lines(rels: Sequence[Relation], walking_from: str | None = None, dates: Dates = ANY_DAY) -> list[str]:
    return [line for r in rels for line in relation_lines(r, walking_from, dates)]


def proxy_chains_report(G: nx.MultiDiGraph[str], found: list[ProxyChain], query: dict[str, Any]) -> Report:
    dates = dates_of(G)
    table = Table(["sponsor", "target", "proxy", "hops", Column("backing_hops", table=False), "confidence",
                   Column("held", wrap=True), "direct", Column("chain", wrap=True), Column("possible", table=False),
                   Column("state", table=False)], relation_context=("step",))  # fmt: skip
    rows = []
    for c in found:
        conf, direct = CONFIDENCE_NAMES[c.confidence], "yes" if c.direct else "no"
        also = [f"also fights directly: {line}" for line in _lines(c.direct, c.sponsor, dates)]
        details = chain_details(c.chain, dates) + also
        table.add([c.sponsor, c.target, c.proxy, len(c), len(c.backing), conf, period_text(c.periods), direct,
                   chain_text(c.chain, dates), c.possible, unconfirmed(c.chain.state)], details,
                  chain_placed(c.chain) + placed(c.direct, "direct"))  # fmt: skip
        rows.append({"sponsor": node_data(G, c.sponsor), "proxy": node_data(G, c.proxy),
                     "target": node_data(G, c.target), "hops": len(c), "backing_hops": len(c.backing),
                     "confidence": conf, "held": period_data(c.periods), "direct_fights": _rels(c.direct, dates),
                     "chain": chain_data(c.chain, dates),
                     **({"possible": c.possible} if c.possible else {}),
                     **({"state": c.chain.state} if unconfirmed(c.chain.state) else {})})  # fmt: skip
    message = None if found else "(no proxy chains found)"
    return Report({**query, "chains": rows}, [Block(table=table)], message, dates=dates)


def proxy_chain_count_report(count: int, query: dict[str, Any]) -> Report:
    table = Table(["chains"])
    table.add([str(count)])
    return Report({**query, "count": count}, [Block(table=table)])


def proxy_wars_report(G: nx.MultiDiGraph[str], wars: list[ProxyWar]) -> Report:
    dates = dates_of(G)
    table = Table(["sponsor_a", "sponsor_b", "fronts", "confidence", Column("sides", wrap=True)],
                  relation_context=("front", "front_confidence", "front_held", "part", "step"))  # fmt: skip
    rows = []
    for w in wars:
        sides = "; ".join(f"{a} vs {b}" for a, b in sorted(w.sides))
        details: list[str] = []
        fronts, relations = [], []
        for f in w.fronts:
            held, front_conf = period_text(f.periods), CONFIDENCE_NAMES[f.confidence]
            details.append(
                f"front: {f.side_a} (of {w.sponsors[0]}) fights {f.side_b} (of {w.sponsors[1]}), held {held}"
            )
            steps = (*f.backing_a, *f.fight, *f.backing_b)
            details += [f"  {line}" for s in steps for line in _step_lines(s, dates)]
            parts = {"backing_a": Chain(f.backing_a), "fight": Chain(f.fight), "backing_b": Chain(f.backing_b)}
            where = (f"{f.side_a} vs {f.side_b}", front_conf, held)
            relations += [r for part, chain in parts.items() for r in chain_placed(chain, *where, part)]
            fronts.append({"side_a": f.side_a, "side_b": f.side_b, "confidence": front_conf,
                           "held": period_data(f.periods), **{k: chain_data(c, dates) for k, c in parts.items()},
                           **({"possible": f.possible} if f.possible else {}),
                           **({"state": state} if (state := unconfirmed(Chain(steps).state)) else {})})  # fmt: skip
        conf = CONFIDENCE_NAMES[w.confidence]
        table.add([*w.sponsors, len(w.sides), conf, sides], details, relations)
        rows.append({"sponsors": [node_data(G, s) for s in w.sponsors], "sides": sorted(w.sides),
                     "confidence": conf, "fronts": fronts})  # fmt: skip
    return Report({"wars": rows}, [Block(table=table)], None if wars else "(no proxy wars found)", dates=dates)


def _step_lines(step: Step, dates: Dates = ANY_DAY) -> list[str]:
    return _lines(step.relations, step.source, dates)


def _frustration(b: Blocs) -> dict[str, Any]:
    return {"value": b.frustration, "lower_bound": b.lower_bound, "exact": b.exact, "method": b.method}


def _frustration_text(b: Blocs) -> str:
    if b.exact:
        return f"Frustration: {b.frustration} relation(s) (exact)"
    return f"Frustration: between {b.lower_bound} and {b.frustration} relation(s) ({b.method})"


def _contradictions(b: Blocs) -> Table:
    table = Table(["a", "b", "kind", "relations"], relation_context=())
    for c in b.contradictions:
        table.add([c.pair.a, c.pair.b, c.kind, len(c.relations)], _lines(c.relations), placed(c.relations))
    return table


def blocs_report(G: nx.MultiDiGraph[str], b: Blocs) -> Report:
    dates = dates_of(G)
    camps = Table(["camp", "leader", "size", Column("members", wrap=True)])
    for i, (camp, leader) in enumerate(zip(b.camps, b.leaders, strict=True), 1):
        camps.add([i, leader, len(camp), ", ".join(camp)])
    leaders = zip(b.camps, b.leaders, strict=True)
    data = {"camps": [{"leader": leader, "members": list(camp)} for camp, leader in leaders],
            "frustration": _frustration(b),
            "contradictions": [{"a": c.pair.a, "b": c.pair.b, "kind": c.kind, "relations": _rels(c.relations, dates)}
                               for c in b.contradictions]}  # fmt: skip
    title = f"Relations against the split: {len(b.contradictions)} pair(s). {_frustration_text(b)}"
    return Report(data, [Block(table=camps), Block(title, table=_contradictions(b))], dates=dates)


def balance_report(G: nx.MultiDiGraph[str], bal: Balance) -> Report:
    dates = dates_of(G)
    counts = Table(["kind", "triangles", Column("meaning", wrap=True)])
    for kind, meaning in TRIANGLE_KINDS.items():
        counts.add([kind, bal.counts[kind], meaning])
    bad = Table(["kind", Column("actors", wrap=True), Column("meaning", table=False)], relation_context=("side",))
    rows = []
    for t in bal.unbalanced:
        bad.add([t.kind, ", ".join(t.actors), TRIANGLE_KINDS[t.kind]],
                [line for _, _, rels in t.sides for line in _lines(rels, dates=dates)],
                [r for a, b, rels in t.sides for r in placed(rels, f"{a} - {b}")])  # fmt: skip
        rows.append({"actors": list(t.actors), "kind": t.kind, "meaning": TRIANGLE_KINDS[t.kind],
                     "sides": [{"a": a, "b": b, "relations": _rels(rels, dates)}
                               for a, b, rels in t.sides]})  # fmt: skip
    data = {"counts": bal.counts, "kinds": TRIANGLE_KINDS, "unbalanced": rows, "frustration": _frustration(bal.blocs),
            "contradictions": blocs_report(G, bal.blocs).data["contradictions"]}  # fmt: skip
    title = f"Unbalanced triangles: {len(bal.unbalanced)}. {_frustration_text(bal.blocs)}"
    return Report(data, [Block("Signed triangles", table=counts), Block(title, table=bad)], csv=bad, dates=dates)


def co_sponsored_report(G: nx.MultiDiGraph[str], cs: CoSponsorship) -> Report:
    dates = dates_of(G)
    table = Table(["a", "b", "shared", Column("sponsors", wrap=True), "degree_a", "degree_b",
                   Column("possible", table=False)], relation_context=())  # fmt: skip
    rows = []
    for p in cs.pairs:
        sponsors = ", ".join(p.sponsors) + (" [may hold]" if p.possible is not None else "")
        doubt = [f"may hold: {p.possible}"] if p.possible is not None else []
        table.add([p.a, p.b, len(p.sponsors), sponsors, cs.degree[p.a], cs.degree[p.b], p.possible],
                  doubt + _lines(p.relations, dates=dates), placed(p.relations))  # fmt: skip
        rows.append({"a": p.a, "b": p.b, "sponsors": list(p.sponsors), "relations": _rels(p.relations, dates),
                     **({"possible": p.possible} if p.possible is not None else {})})  # fmt: skip
    message = None if cs.pairs else "(no groups share a sponsor)"
    return Report({"pairs": rows, "degree": cs.degree}, [Block(table=table)], message, dates=dates)


def rank_report(G: nx.MultiDiGraph[str], ranks: list[Rank], by: str, weighted: bool = False) -> Report:
    """The ranks with every measure; ranked by a relation type or ``weighted``, also that score,
    named `measure_name` (``allied-with``, ``weighted_enemies``)."""
    dates = dates_of(G)
    extra = [] if by in MEASURES and not weighted else [measure_name(by, weighted)]
    table = Table(["actor", Column("name", wrap=True), *MEASURES, *extra, Column("reached", table=False)],
                  relation_context=())  # fmt: skip
    rows = []
    for r in ranks:
        values = [round(getattr(r, m), 3) if m == "brokerage" else getattr(r, m) for m in MEASURES]
        score = [round(r.score, 3)] if extra else []
        reached = [f"reaches: {', '.join(r.reached)}"] if r.reached else []
        table.add([r.actor, G.nodes[r.actor].get("name"), *values, *score, list(r.reached)],
                  reached + _lines(r.relations, r.actor, dates=dates), placed(r.relations))  # fmt: skip
        rows.append({**node_data(G, r.actor), **dict(zip(MEASURES, values, strict=True)),
                     **dict(zip(extra, score, strict=True)), "reached": list(r.reached),
                     "relations": _rels(r.relations, dates)})  # fmt: skip
    measures = {**MEASURES, **{name: measure_text(by, weighted) for name in extra}}
    data = {"by": measure_name(by, weighted), "measures": measures, "actors": rows}
    return Report(data, [Block(table=table)], None if ranks else _nothing_to_rank(G, by), dates=dates)


def _nothing_to_rank(G: nx.MultiDiGraph[str], by: str) -> str:
    present = sorted({rel.type for rel in relations(G)})
    what = "backs or fights" if by in MEASURES else f"{by} relations"
    if not present:
        return f"(no {what}: the graph has no relations)"
    return f"(no {what}: rank by a relation type present, e.g. --by {present[0]}; present: {', '.join(present)})"


def timeline_report(G: nx.MultiDiGraph[str], actor: str, rels: list[Relation]) -> Report:
    dates = dates_of(G)
    table = _relations_table([])
    for r in rels:
        table.add(_dated(r, actor), relation_lines(r, actor, dates)[1:], placed([r]))
    data = {"actor": node_data(G, actor), "relations": _rels(rels, dates)}
    return Report(data, [Block(table=table)], None if rels else f"(no relations of {actor})", dates=dates)


def _relations_table(before: list[str]) -> Table:
    """A table of relations: for people their dates, arrow and confidence; CSV has every field."""
    people = [Column(c, wrap=c == "relation", csv=False) for c in ("since", "until", "relation", "confidence")]
    return Table([*before, *people], relation_context=())


def _dated(r: Relation, walking_from: str | None = None) -> list[str]:
    until = str(r.until) if r.until else ("ended" if r.ended else "ongoing")
    return [str(r.since) if r.since else "?", until, arrow(r, walking_from), r.confidence]


def _unobserved_reason(rel: Relation, d: Diff) -> str:
    return rel.holding(*d.start) or rel.holding(*d.end) or ""


def diff_report(d: Diff, start: str, end: str) -> Report:
    """What changed from ``start`` to ``end`` (the dates as given, for the empty answer's message)."""
    table = _relations_table(["change"])
    data: dict[str, Any] = {"from": [x.isoformat() for x in d.start], "to": [x.isoformat() for x in d.end]}
    changes = (("began", d.began), ("ended", d.ended), ("came and went", d.came_and_went),
               ("unobserved", d.unobserved))  # fmt: skip
    for change, rels in changes:
        for r in rels:
            why = (
                [f"  known at one date, may hold at the other: {_unobserved_reason(r, d)}"]
                if change == "unobserved"
                else []
            )
            table.add([change, *_dated(r)], why + relation_lines(r)[1:], placed([r]))
        data[change.replace(" ", "_")] = _rels(rels)
    empty = not (d.began or d.ended or d.came_and_went)
    return Report(data, [Block(table=table)], f"(nothing changed between {start} and {end})" if empty else None)
