"""The held rule of a walk: a chain holds only while every hop does. THE walk of chains, once.

A hop (`Step`) may hold on the days of the union of its relations' periods (`Relation.period`,
the one date rule); a walk of hops holds on the days all of them do, and is no chain when there
are none. `held_walks` extends walks hop by hop and drops a walk as soon as its hops cannot hold
together, so no walk that never held is extended; `cut` keeps in each hop only the relations that
may hold during the walk's common days (`held_chain`). Every command that walks chains walks them
here: supporters, clients, proxy chains and proxy wars (`graph.analytics.support.SupportIndex.
held_walk`), and paths over any relation (`graph.analytics.paths`). `Rows` reads the rows a walk
needs from the graph on demand, so a question costs the size of its answer, not of the graph.

>>> from graph.dataset import load_dataset
>>> from graph.network import build_graph
>>> G = build_graph(load_dataset())
>>> [held_chain(h).nodes for h in held_walks(Rows(G, forward=True, types={"backs"}), "jrtn", 3)]
[['jrtn', 'islamic-state']]
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

import networkx as nx

from graph.analytics.chains import Chain, Step
from graph.model import ALWAYS, ANY_DAY, Dates, Period, Relation, intersect, known_periods_of, overlaps, periods_of
from graph.network import dates_of
from graph.vocabulary import ACTOR_KINDS, CONFIDENCE_LEVELS

Moves = Callable[[str, Step | None], Iterable[tuple[str, tuple[Relation, ...]]]]
HopInfo = tuple[list[Period], int, bool]  # when it may hold, confidence, whether relations are parallel
Held = tuple[tuple[Step, ...], list[Period], int, bool]  # steps, when all hold, weakest, any parallel


class Adjacent(Protocol):
    """What a walk reads: ``get(node, default)`` -> each next node with the relations to it."""

    def get(self, node: str, default: Any = None, /) -> Any: ...


def hop_info(step: Step, known: bool = False) -> HopInfo:
    """When ``step`` may hold (the union of its relations' periods; ``known``: the days they are
    known to hold, `Relation.known`), its confidence, whether it has parallel relations."""
    days = known_periods_of(step.relations) if known else periods_of(step.relations)
    return days, step.confidence, len(step.relations) > 1


def hop_cache(dates: Dates = ANY_DAY) -> Callable[[Step], HopInfo]:
    """`hop_info`, cached by the identity of each hop's relations tuple: for tuples that live at
    least as long as the cache (those of an adjacency), so an id is never reused. The figures are
    shared between hops that have equal ones: a caller must not change the list of days it gets.

    ``dates``: what the question asks (`graph.network.dates_of`). Asked about a date without what
    only may hold, a walk's hops must be known to hold on a common day (`Relation.known`);
    otherwise on a day they all may hold (`Relation.period`), and `doubt` says which may only.
    """
    known = dates.window is not None and not dates.possible
    cache: dict[int, HopInfo] = {}
    shared: dict[tuple[Any, ...], HopInfo] = {}  # equal figures kept once: hops share a few thousand periods

    def hop(step: Step) -> HopInfo:
        info = cache.get(id(step.relations))
        if info is None:
            days, conf, multi = found = hop_info(step, known)
            info = cache[id(step.relations)] = shared.setdefault((*days, conf, multi), found)
        return info

    return hop


def doubt(steps: Sequence[Step], dates: Dates) -> str | None:
    """Why a chain of ``steps`` only may hold, for a question asking ``dates``; None when it holds.

    THE rule of chains that may hold: a chain holds when every hop is known to hold on the days
    asked and their known days meet; it only may hold when a hop only may (its reason: "start
    unknown", "after the data's end (2017)" ...), when its hops are not known to hold on one day,
    or when it goes down from a coalition to a member after a ``backs`` hop that does not
    ``reaches_members`` ("through membership of X": backing the coalition may or may not back
    each member; `Membership` walks it only when what may hold is asked).

    >>> import datetime as dt
    >>> from graph.model import PartialDate
    >>> rel = Relation("k", "a", "backs", "b", attested=PartialDate(2024))
    >>> doubt([Step("a", "b", (rel,))], Dates((dt.date(1990, 1, 1), dt.date(1990, 12, 31)), True))
    'a -> b: start unknown'
    """
    reasons: list[str] = []
    for before, step in zip((None, *steps), steps, strict=False):
        if is_down(step) and before is not None and is_backs(before) and not reaches(before):
            reasons.append(f"through membership of {step.source}")
    if dates.window is not None:
        span: list[Period] = ALWAYS
        for step in steps:
            known = undoubted(step, dates)
            if not known:
                reasons.append(f"{step.source} -> {step.target}: {dates.doubt(step.relations[0])}")
            else:
                span = intersect(span, known_periods_of(known))
        if not reasons and not span:
            reasons.append("its hops are not known to hold on one day")
    return "; ".join(reasons) or None


def undoubted(step: Step, dates: Dates) -> list[Relation]:
    """The relations of ``step`` known to hold on the days ``dates`` asks (`Dates.doubt`): the hop
    holds for sure, by `doubt`'s rule, on the days these are known to (`known_periods_of`)."""
    return [r for r in step.relations if dates.doubt(r) is None]


def held_walks(
    adj: Adjacent,
    start: str,
    max_depth: int,
    *,
    hop: Callable[[Step], HopInfo] | None = None,
    forward: bool = True,
    through: Container[str] | None = None,
    within: Callable[[str, int], bool] | None = None,
    moves: Moves | None = None,
    complete: Callable[[Step], bool] | None = None,
) -> Iterator[Held]:
    """Every simple walk of 1..``max_depth`` hops from ``start`` over ``adj`` whose hops may all
    hold at once, each with its `Held` figures (steps, when all hold, weakest confidence, any
    parallel relations), computed hop by hop.

    A walk whose hops never held together is dropped when found, and not extended. ``forward``:
    steps point along the walk (``adj`` is node -> next -> relations); otherwise ``adj`` is read
    backwards (node -> previous) and the steps point towards ``start``. Only nodes in ``through``
    (default: all) stand in the middle of a walk; ``within(node, hops)`` may refuse a walk reaching
    ``node`` after ``hops`` hops (a distance bound, say). ``hop`` gives `hop_info` (default: a
    `hop_cache`). ``moves(node, near)``, when given, replaces ``adj``: the next nodes and relations
    from ``node`` given ``near``, the walk's hop at ``node`` (None at ``start``), so a hop may depend
    on the one before it (`Membership`); only walks whose first hop ``complete`` accepts (default: all) are yielded,
    the others still extended. The steps are not `cut`: see `held_chain`. Cost: O(walks held x max_depth),
    depth first, memory O(max_depth x degree).
    """
    hop = hop or hop_cache()
    stack: list[tuple[str, Held, frozenset[str]]] = [(start, ((), ALWAYS, 99, False), frozenset({start}))]
    while stack:
        node, (steps, span, conf, multi), seen = stack.pop()
        if len(steps) >= max_depth:
            continue
        near = None if not steps else steps[-1] if forward else steps[0]
        for other, rels in adj.get(node, {}).items() if moves is None else moves(node, near):
            if other in seen or (within is not None and not within(other, len(steps) + 1)):
                continue
            step = Step(node, other, rels) if forward else Step(other, node, rels)
            hspan, hconf, hmulti = hop(step)
            held = intersect(span, hspan)
            if not held:
                continue
            found = ((*steps, step) if forward else (step, *steps), held, min(conf, hconf), multi or hmulti)
            if complete is None or complete(found[0][0]):
                yield found
            if through is None or other in through:
                stack.append((other, found, seen | {other}))


def cut(steps: Sequence[Step], periods: Sequence[Period]) -> tuple[Step, ...]:
    """Each hop with only its relations that may hold during ``periods`` (a lone one always does,
    when ``periods`` are the days all the hops may hold). A hop that keeps all its relations is
    the hop itself, and ``steps`` itself when every hop does (as a tuple): millions of fronts and
    chains share them rather than copies."""
    out = tuple(s if len(s.relations) == 1 else _cut(s, periods) for s in steps)
    if isinstance(steps, tuple) and all(a is b for a, b in zip(out, steps, strict=True)):
        return steps
    return out


def _cut(step: Step, periods: Sequence[Period]) -> Step:
    kept = tuple(r for r in step.relations if overlaps(r, periods))
    return step if len(kept) == len(step.relations) else Step(step.source, step.target, kept)


def held_chain(held: Held, dates: Dates = ANY_DAY) -> Chain:
    """The `Chain` of a held walk, each hop cut to the relations that may hold with the others;
    when ``dates`` ask what may hold, with its `doubt`."""
    steps, span, _, multi = held
    steps = cut(steps, span) if multi else steps
    return Chain(steps, doubt(steps, dates) if dates.possible else None)


class Rows:
    """The rows of ``G`` a walk reads, each read on demand and kept (so each hop's relations tuple
    lives as long as this object, as `hop_cache` needs).

    ``forward``: a node's row is whom its relations go to; ``False``: where its relations come
    from (the walk is read backwards); ``None``: both ways, in and out (a relation may point
    against the walk). Only relations of ``types`` (default: all) and, with ``support``, those
    giving that support type; a row holds no pair left without a relation. With ``forward=None``
    a pair's relations are ordered surest first, then by key; otherwise as in the YAML.
    """

    def __init__(
        self, G: nx.MultiDiGraph[str], *, forward: bool | None, types: Container[str] | None = None,
        support: str | None = None,
    ) -> None:  # fmt: skip
        self.G, self.forward, self.types, self.support = G, forward, types, support
        self.window = dates_of(G).window
        self._rows: dict[str, dict[str, tuple[Relation, ...]]] = {}

    def get(self, node: str, default: Any = None, /) -> dict[str, tuple[Relation, ...]]:
        row = self._rows.get(node)
        if row is None:
            row = self._rows[node] = self._read(node) if node in self.G else {}
        return row

    def _read(self, node: str) -> dict[str, tuple[Relation, ...]]:
        found: dict[str, list[Relation]] = {}
        sides: list[Mapping[str, Mapping[Any, dict[str, Any]]]] = []
        if self.forward is not False:
            sides.append(self.G.succ[node])
        if self.forward is not True:
            sides.append(self.G.pred[node])
        for side in sides:
            for other, edges in side.items():
                if other != node:
                    for attrs in edges.values():
                        if self._keeps(attrs["relation"]):
                            found.setdefault(other, []).append(attrs["relation"])
        if self.forward is None:
            return {other: tuple(sorted(rels, key=surest_first)) for other, rels in found.items()}
        return {other: tuple(rels) for other, rels in found.items()}

    def _keeps(self, rel: Relation) -> bool:
        if self.types is not None and rel.type not in self.types:
            return False
        if self.support is None:
            return True
        # asked about a date, the types given then (coded by year, for a dataset that codes them so)
        return self.support in (rel.support if self.window is None else rel.support_during(*self.window))


class Membership:
    """The moves of a chain of support through membership (`held_walks`' ``moves``), over rows of
    ``backs`` and ``member-of``: ``backs`` (whom, or walking back who, a node backs), ``up`` (a
    member's coalitions, walking on) and ``down`` (a coalition's members, walking on), each read
    as `Adjacent` (`Membership.of_graph`: the graph's `Rows`, read on demand; `graph.analytics.
    support.SupportIndex`: its adjacency).

    Read from sponsor to client, a chain's hops are ``backs`` (forward); ``member-of`` up, from a
    member to its coalition (backing a member backs the coalition it belongs to); and
    ``member-of`` down, from a coalition to a member, only right after a ``backs`` hop one of
    whose relations ``reaches_members`` (the sources say each member is backed) or after another
    down hop. So no down hop follows an up hop (backing one member does not back the others), and
    backing a coalition without ``reaches_members`` reaches none of its members, unless what may
    hold is asked (``possible``): then it may reach them, and `doubt` says "through membership of
    X". A chain begins with ``backs`` (`begins_with_backs`, the walk's ``complete``). ``forward``:
    walked from the sponsor; otherwise from the client back.
    """

    def __init__(self, backs: Adjacent, up: Adjacent, down: Adjacent, *, forward: bool, possible: bool = False) -> None:
        self.forward, self.possible = forward, possible
        self.backs, self.up, self.down = backs, up, down

    @classmethod
    def of_graph(
        cls, G: nx.MultiDiGraph[str], *, forward: bool, support: str | None = None, possible: bool = False
    ) -> Membership:
        """The moves over ``G``'s rows, read on demand (`Rows`; with ``support``, backs giving it)."""
        backs = Rows(G, forward=forward, types={"backs"}, support=support)
        up = Rows(G, forward=forward, types={"member-of"})  # walking on: member -> coalition
        down = Rows(G, forward=not forward, types={"member-of"})  # walking on: coalition -> member
        return cls(backs, up, down, forward=forward, possible=possible)

    def __call__(self, node: str, near: Step | None) -> Iterator[tuple[str, tuple[Relation, ...]]]:
        if self.forward:  # near: the hop into node
            yield from self.backs.get(node, {}).items()
            if near is not None:
                yield from self.up.get(node, {}).items()
                if is_down(near) or reaches(near) or (self.possible and is_backs(near)):
                    yield from self.down.get(node, {}).items()
            return
        # walking back, near is the hop out of node (None at the client): the hop before it
        after_down = near is not None and is_down(near)
        for other, rels in self.backs.get(node, {}).items():
            if not after_down or self.possible or any(r.reaches_members for r in rels):
                yield other, rels
        if not after_down:
            yield from self.up.get(node, {}).items()
        yield from self.down.get(node, {}).items()

    @staticmethod
    def state(near: Step | None) -> tuple[bool, ...]:
        """What of the hop ``near`` the next moves depend on (forward): two hops of one state
        move on alike, so a search of reach need walk each node once per state and day."""
        if near is None:
            return ()
        return is_down(near), reaches(near), is_backs(near)


def is_down(step: Step) -> bool:
    """Whether ``step`` goes from a coalition down to its member (against its member-of relations)."""
    rel = step.relations[0]
    return rel.type == "member-of" and rel.source != step.source


def is_backs(step: Step) -> bool:
    """Whether ``step`` is a ``backs`` hop."""
    return step.relations[0].type == "backs"


def reaches(step: Step) -> bool:
    """Whether ``step`` is a ``backs`` hop one of whose relations reaches the target's members."""
    return any(r.type == "backs" and r.reaches_members for r in step.relations)


def begins_with_backs(first: Step) -> bool:
    """Whether a chain whose first hop is ``first`` is one of support: it begins with ``backs``."""
    return first.relations[0].type == "backs"


def surest_first(rel: Relation) -> tuple[int, str]:
    """The order of a hop's relations in a path: highest confidence first, then by key."""
    return -CONFIDENCE_LEVELS.get(rel.confidence, 0), rel.key


class Relays:
    """The nodes of ``G`` a chain of support may pass through (`relays_support`; all ``via_states``)."""

    def __init__(self, G: nx.MultiDiGraph[str], *, via_states: bool) -> None:
        self.G, self.via_states = G, via_states

    def __contains__(self, node: object) -> bool:
        return self.via_states or (isinstance(node, str) and relays_support(self.G, node))


def relays_support(G: nx.MultiDiGraph[str], node: str) -> bool:
    """Whether support passes through ``node`` to a third party (see `Kind.relays_support`)."""
    kind = ACTOR_KINDS.get(G.nodes[node].get("kind", ""))
    return kind is None or kind.relays_support
