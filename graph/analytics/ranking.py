"""Who matters in the sponsorship network: shared sponsors, reach and brokerage.

The sponsorship network is the directed graph of ``backs`` relations among actors.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, replace

import networkx as nx

from graph.analytics.chains import Chain, Step
from graph.analytics.held import held_chain, held_walks
from graph.analytics.options import MEASURES
from graph.analytics.support import SupportIndex
from graph.errors import UsageError
from graph.model import Relation
from graph.vocabulary import RELATION_TYPES


@dataclass(frozen=True)
class SharedSponsors:
    """Two backed actors (``a`` < ``b``), the sponsors backing both, and the relations that say so
    (``backs``, and the ``member-of`` hops through which membership carries it)."""

    a: str
    b: str
    sponsors: tuple[str, ...]
    relations: tuple[Relation, ...]
    possible: str | None = None  # why the pair only may share them (`graph.analytics.held.doubt`)


@dataclass(frozen=True)
class CoSponsorship:
    """The one-mode projection onto backed actors: its pairs, and each actor's degree in it."""

    pairs: tuple[SharedSponsors, ...]
    degree: dict[str, int]


def co_sponsored(G: nx.MultiDiGraph[str], *, min_shared: int = 1, inherit_membership: bool = True) -> CoSponsorship:
    """Pairs of actors backed by at least ``min_shared`` common sponsors (directly: one ``backs``).

    With ``inherit_membership`` (the default) a sponsor backs what one ``backs`` hop and the
    ``member-of`` hops after it reach by the rule of `graph.analytics.held.Membership`: the
    coalitions its clients belong to, and the members of a coalition its relation
    ``reaches_members`` (asked what may hold, of any coalition it backs, with the reason). The
    member-of hops are part of the pair's relations. ``degree[x]`` is how many other actors share
    at least ``min_shared`` sponsors with x; pairs that hold come before those that only may, then
    most shared sponsors first, then by name.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import as_of, build_graph
    >>> G = as_of(build_graph(load_dataset()), "2024-12-02")  # the day of the report
    >>> cs = co_sponsored(G)
    >>> [(p.a, p.b, p.sponsors) for p in cs.pairs][:2]
    [('assad-government', 'badr', ('iran',)), ('assad-government', 'iran-allied-militias', ('iran',))]

    Cost: O(sum over sponsors of clients^2): the size of the projection (and the member-of walks
    below each client).
    """
    ix = SupportIndex(G, inherit=inherit_membership)
    backed = {sponsor: _backed(ix, sponsor) for sponsor in sorted(ix.backs_out)}
    shared: dict[tuple[str, str], list[str]] = {}
    for sponsor, clients in backed.items():
        for a, b in itertools.combinations(sorted(clients), 2):
            shared.setdefault((a, b), []).append(sponsor)
    pairs = []
    degree: dict[str, int] = {}
    for (a, b), sponsors in shared.items():
        if len(sponsors) < min_shared:
            continue
        chains = [backed[s][end] for s in sponsors for end in (a, b)]
        rels = tuple({r.key: r for c in chains for step in c.steps for r in step.relations}.values())
        doubts = dict.fromkeys(why for c in chains if c.possible is not None for why in c.possible.split("; "))
        pairs.append(SharedSponsors(a, b, tuple(sponsors), rels, "; ".join(doubts) or None))
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    pairs.sort(key=lambda p: (p.possible is not None, -len(p.sponsors), p.a, p.b))
    return CoSponsorship(tuple(pairs), dict(sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))))


def _backed(ix: SupportIndex, sponsor: str) -> dict[str, Chain]:
    """Whom ``sponsor`` backs directly, each with its best chain: a ``backs`` hop, then (through
    membership, `SupportIndex.moves`) only ``member-of`` hops; those that hold before those that
    only may, then the shortest."""
    moves = ix.moves()
    if moves is None:
        return {c: Chain((Step(sponsor, c, rels),)) for c, rels in ix.backs_out.get(sponsor, {}).items()}
    through_membership = moves

    def direct(node: str, near: Step | None) -> Iterable[tuple[str, tuple[Relation, ...]]]:
        for other, rels in through_membership(node, near):
            if near is None or rels[0].type == "member-of":
                yield other, rels

    best: dict[str, Chain] = {}
    depth = len(ix.member_up) + len(ix.member_down) + 1
    for held in held_walks({}, sponsor, depth, hop=ix.hop, moves=direct, through=ix.relays):
        chain = held_chain(held, ix.dates)
        end, old = chain.nodes[-1], best.get(chain.nodes[-1])
        if old is None or (chain.possible is not None, len(chain)) < (old.possible is not None, len(old)):
            best[end] = chain
    return best


@dataclass(frozen=True)
class Rank:
    """The measures of one actor (see `MEASURES`), the actors it reaches, and its backs relations."""

    actor: str
    reach: int
    clients: int
    backers: int
    brokerage: float
    enemies: int
    reached: tuple[str, ...]
    relations: tuple[Relation, ...]  # its backs relations, or those ranked by (a relation type, --weighted)
    score: float = 0.0  # what it is ranked by: the measure, or a relation type's count or weight (`measure_name`)


WEIGHABLE = ("clients", "backers", "enemies")  # the measures that count relations, which --weighted weighs


def measure_name(by: str, weighted: bool = False) -> str:
    """The name of what `rank` ranks ``by``: a measure (`MEASURES`), a relation type, or with
    ``weighted`` ``weighted_<by>``."""
    return f"weighted_{by}" if weighted else by


def measure_text(by: str, weighted: bool = False) -> str:
    """What the score of `rank` ``by`` counts, in words (`MEASURES` for the measures)."""
    if by in MEASURES and not weighted:
        return MEASURES[by]
    counted = {"clients": "its backs relations", "backers": "the backs relations into it",
               "enemies": "its fights relations"}.get(by, f"its {by} relations, either way")  # fmt: skip
    if weighted:
        return f"the sum over {counted} of their count of incidents, else their weight, else 1"
    return f"actors at the other end of {counted}"


def rank(
    G: nx.MultiDiGraph[str],
    *,
    by: str = "reach",
    via_states: bool = False,
    inherit_membership: bool = True,
    weighted: bool = False,
) -> list[Rank]:
    """Every actor with a ``backs`` or ``fights`` relation, highest ``by`` first (then by id).

    Reach and brokerage follow chains of ``backs`` that do not pass through a state or a
    government (`graph.analytics.held.relays_support`), unless ``via_states``: the actors a
    sponsor reaches through a state it backs are that state's own clients, not the sponsor's.
    Reach counts an actor only if a chain to it holds, every hop at the same time, and with
    ``inherit_membership`` (the default) passes through membership as `graph.analytics.supporters.
    clients` does (`SupportIndex.held_reach`: the same moves, `graph.analytics.held.Membership`). Brokerage is a
    betweenness over the shortest chains of the backs network as it stands (filter the graph
    by date first, `graph.network.as_of`): shortest chains are counted by their shape, not
    checked to hold together, since a count of shortest chains that hold has no Brandes-style
    accumulation.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import as_of, build_graph
    >>> G = as_of(build_graph(load_dataset()), "2024-12-02")  # the day of the report
    >>> [(r.actor, r.reach) for r in rank(G)][:2]
    [('iran', 5), ('turkey', 2)]

    Cost: O(sum over sponsors of the backs relations they reach), for reach and brokerage both
    (from each sponsor, a breadth-first search of the days each actor is reached for reach, times
    the distinct periods met; one for Brandes' accumulation restricted to fighters).

    ``by`` may also be a relation type: the actors at the other end of an actor's relations of
    that type (allies in an alliance network: ``by="allied-with"``). With ``weighted``, clients,
    backers, enemies or a type sum their relations' `Relation.amount` (count of incidents, else
    weight, else 1) instead of counting distinct actors; `Rank.score` is the value ranked by, and
    `Rank.relations` the relations it counts.

    >>> [(r.actor, r.score) for r in rank(G, by="hosts-bases-in")]
    [('iran-allied-militias', 1), ('russia', 1)]

    Raises
    ------
    UsageError
        When ``by`` is neither one of `MEASURES` nor a relation type, or ``weighted`` is asked of
        reach or brokerage.
    """
    if by not in MEASURES and by not in RELATION_TYPES:
        choices = ", ".join([*MEASURES, *RELATION_TYPES])
        raise UsageError(f"unknown measure {by!r}: use one of {choices}", argument="by")
    if weighted and by in MEASURES and by not in WEIGHABLE:
        raise UsageError(f"--weighted weighs relations: rank by {', '.join(WEIGHABLE)} or a relation type, "
                         f"not {by}", argument="by")  # fmt: skip
    ix = SupportIndex(G, inherit=inherit_membership, via_states=via_states)
    counted = _counted(G, ix, by) if by not in MEASURES or weighted else None
    actors = set(ix.backs_out) | set(ix.backs_in) | set(ix.fights) | set(counted or ())
    fighters = {a for a in actors if ix.has_fights(a)}
    between = dict.fromkeys(actors, 0.0)
    reached: dict[str, tuple[str, ...]] = {}
    for s in ix.backs_out:
        _brandes(ix, s, fighters, between)
        reached[s] = ix.held_reach(s)
    ranks = []
    for a in actors:
        r = Rank(a, len(reached.get(a, ())), len(ix.backs_out.get(a, {})), len(ix.backs_in.get(a, {})), between[a],
                 len(ix.fights.get(a, {})), reached.get(a, ()), _relations(ix, a))  # fmt: skip
        if counted is None:
            r = replace(r, score=getattr(r, by))
        else:
            rels = counted.get(a, {})
            found = tuple(rel for group in rels.values() for rel in group)
            score = sum(rel.amount for rel in found) if weighted else len(rels)
            r = replace(r, score=score, relations=found)
        ranks.append(r)
    ranks = [r for r in ranks if counted is None or r.actor in counted]
    return sorted(ranks, key=lambda r: (-r.score, r.actor))


def _counted(G: nx.MultiDiGraph[str], ix: SupportIndex, by: str) -> dict[str, dict[str, tuple[Relation, ...]]]:
    """For a measure that counts relations (`WEIGHABLE`) or a relation type: each actor's
    relations counted, by the actor (or place) at their other end."""
    if by == "clients":
        return dict(ix.backs_out)
    if by == "backers":
        return dict(ix.backs_in)
    if by == "enemies":
        return dict(ix.fights)
    found: dict[str, dict[str, list[Relation]]] = {}
    for u, v, attrs in G.edges(data=True):
        rel: Relation = attrs["relation"]
        if rel.type != by or u == v:
            continue
        for end, other in ((u, v), (v, u)):
            if G.nodes[end].get("node_class", "actor") == "actor":
                found.setdefault(end, {}).setdefault(other, []).append(rel)
    return {a: {o: tuple(rels) for o, rels in row.items()} for a, row in found.items()}


def _relations(ix: SupportIndex, actor: str) -> tuple[Relation, ...]:
    out: Iterable[tuple[Relation, ...]] = ix.backs_out.get(actor, {}).values()
    into: Iterable[tuple[Relation, ...]] = ix.backs_in.get(actor, {}).values()
    return tuple(r for rels in itertools.chain(out, into) for r in rels)


def _brandes(ix: SupportIndex, s: str, targets: set[str], between: dict[str, float]) -> None:
    """One source of Brandes' betweenness over ``backs``, passing only through ``ix.relays``; adds
    into ``between``."""
    order, sigma, dist, preds = [], {s: 1}, {s: 0}, {s: list[str]()}
    queue = deque([s])
    while queue:
        v = queue.popleft()
        order.append(v)
        if v != s and v not in ix.relays:
            continue
        for w in ix.backs_out.get(v, ()):
            if w not in dist:
                dist[w], sigma[w], preds[w] = dist[v] + 1, 0, []
                queue.append(w)
            if dist[w] == dist[v] + 1:
                sigma[w] += sigma[v]
                preds[w].append(v)
    delta = dict.fromkeys(order, 0.0)
    for w in reversed(order):
        coeff = (delta[w] + (1.0 if w in targets and w != s else 0.0)) / sigma[w]
        for v in preds[w]:
            delta[v] += sigma[v] * coeff
        if w != s:
            between[w] += delta[w]
