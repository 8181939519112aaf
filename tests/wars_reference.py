"""The proxy-wars of `graph.analytics.proxies` before it streamed (issue 14), kept as the reference
the streaming one must equal (tests/test_proxy_wars_stream.py): it materialised every front from
each side's chains of ``backs`` and each fight, then checked each front's hops held at once.
"""

from __future__ import annotations

import itertools

import networkx as nx

from graph.analytics.chains import Step
from graph.analytics.held import cut, doubt
from graph.analytics.proxies import Front, ProxyWar
from graph.analytics.support import SupportIndex


def reference_proxy_wars(
    G: nx.MultiDiGraph[str], *, max_depth: int = 1, inherit_membership: bool = True, via_states: bool = False
) -> list[ProxyWar]:
    ix = SupportIndex(G, inherit=inherit_membership, via_states=via_states)
    backers: dict[str, list[tuple[Step, ...]]] = {}

    def backing(actor: str) -> list[tuple[Step, ...]]:
        if actor not in backers:
            backers[actor] = [held[0] for held in ix.held_walk(actor, max_depth, forward=False)]
        return backers[actor]

    fronts: dict[tuple[str, str], list[Front]] = {}
    for a in ix.backs_in:
        if not ix.has_fights(a):
            continue
        for b, fights in ix.fights_of(a).items():
            if b > a and b in ix.backs_in:
                for fight, ba, bb in itertools.product(fights, backing(a), backing(b)):
                    _add_front(ix, fronts, ba, fight.steps, bb)
    wars = [ProxyWar(pair, tuple(sorted(fs, key=_front_key))) for pair, fs in fronts.items()]
    return sorted(wars, key=lambda w: (w.possible is not None, -len(w.sides), -w.confidence, w.sponsors))


def _add_front(
    ix: SupportIndex,
    fronts: dict[tuple[str, str], list[Front]],
    ba: tuple[Step, ...],
    fight: tuple[Step, ...],
    bb: tuple[Step, ...],
) -> None:
    s1, s2 = ba[0].source, bb[0].source
    a, b = fight[0].source, fight[-1].target
    if s1 in (s2, b) or s2 == a or {s.target for s in ba} & {s.target for s in bb}:
        return
    all_steps = (*ba, *fight, *bb)
    periods = ix.periods(all_steps)
    if not periods:
        return
    steps = cut(all_steps, periods)
    ba, fight, bb = steps[: len(ba)], steps[len(ba) : len(ba) + len(fight)], steps[len(ba) + len(fight) :]
    if s1 > s2:
        s1, s2, a, b, ba, bb = s2, s1, b, a, bb, ba
        fight = tuple(Step(s.target, s.source, s.relations) for s in reversed(fight))
    why = doubt((*ba, *fight, *bb), ix.dates) if ix.dates.possible else None
    fronts.setdefault((s1, s2), []).append(Front(a, b, ba, bb, fight, tuple(periods), why))


def _front_key(f: Front) -> tuple[bool, int, int, str, str, list[str]]:
    # ties end on the walk's nodes, as the library orders them (one order whatever the order of G's nodes)
    nodes = [*(s.source for s in f.backing_a), *(s.source for s in f.fight), f.side_b,
             *(s.source for s in reversed(f.backing_b))]  # fmt: skip
    return (f.possible is not None, -f.confidence, len(f.backing_a) + len(f.fight) + len(f.backing_b), f.side_a,
            f.side_b, nodes)  # fmt: skip
