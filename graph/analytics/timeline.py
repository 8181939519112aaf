"""Change over time: an actor's relations in date order, and what changed between two dates.

Dates read by the one rule, `graph.model.Relation.holding` (as ``--as-of`` reads them): a partial
date stands for every day it covers; a relation holds on a date when it is known to hold on one
of those days, and may hold when its `graph.model.Relation.period` overlaps them only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from graph.errors import UsageError
from graph.model import KNOWN, PartialDate, Relation
from graph.network import date_range, relations


def _order(rel: Relation) -> tuple[dt.date, dt.date, str, str]:
    first, last = rel.period
    return first, last, rel.type, rel.key


def timeline(G: nx.MultiDiGraph[str], actor: str) -> list[Relation]:
    """Every relation in or out of ``actor``, by start (unknown starts first), then end.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import build_graph
    >>> [str(r.since) for r in timeline(build_graph(load_dataset()), "syrian-rebels") if r.since][-2:]
    ['2024-11', '2024-12-01']

    Cost: O(d log d) for an actor of degree d.
    """
    found: list[Relation] = [d["relation"] for _, _, d in G.out_edges(actor, data=True)]
    found += [d["relation"] for u, _, d in G.in_edges(actor, data=True) if u != actor]
    return sorted(found, key=_order)


@dataclass(frozen=True)
class Diff:
    """What began, what ended, and what came and went between two dates."""

    start: tuple[dt.date, dt.date]
    end: tuple[dt.date, dt.date]
    began: tuple[Relation, ...]  # held on the end date, not on the start date
    ended: tuple[Relation, ...]  # held on the start date, not on the end date
    came_and_went: tuple[Relation, ...]  # held on neither, but on some day between them
    # known to hold on one date, and only may hold on the other (an unknown start, after a
    # dataset's window): no change the sources show
    unobserved: tuple[Relation, ...] = ()


def diff(G: nx.MultiDiGraph[str], start: str | PartialDate, end: str | PartialDate) -> Diff:
    """The difference between the graph as of ``start`` and as of ``end``, as the sources know it.

    A relation began when it is known to hold at ``end`` and does not hold at ``start``; it ended
    when known at ``start`` and not holding at ``end`` (a run reaching a dataset's last year may
    hold after it, so it is `Diff.unobserved`, not ended); it came and went when known to hold
    only in between.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import build_graph
    >>> d = diff(build_graph(load_dataset()), "2016", "2024-12")
    >>> "syrian-rebels/controls/aleppo@2012" in [r.key for r in d.ended]
    True

    Cost: O(E).

    Raises
    ------
    UsageError
        When a date is malformed, or ``start`` is not before ``end``.
    """
    a, b = date_range(start), date_range(end)
    if a[1] >= b[0]:
        raise UsageError(f"the start date {start} must end before the end date {end} begins", argument="start")
    between = (a[1] + dt.timedelta(days=1), b[0] - dt.timedelta(days=1))
    began: list[Relation] = []
    ended: list[Relation] = []
    passing: list[Relation] = []
    unobserved: list[Relation] = []
    for rel in relations(G):
        at_a, at_b = rel.holding(*a), rel.holding(*b)
        if at_a is None and at_b is None:
            if between[0] <= between[1] and rel.holding(*between) == KNOWN:
                passing.append(rel)
        elif at_a is None:
            (began if at_b == KNOWN else unobserved).append(rel)
        elif at_b is None:
            (ended if at_a == KNOWN else unobserved).append(rel)
        elif (at_a == KNOWN) != (at_b == KNOWN):
            unobserved.append(rel)
    return Diff(a, b, *(tuple(sorted(found, key=_order)) for found in (began, ended, passing, unobserved)))
