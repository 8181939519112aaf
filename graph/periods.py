"""The days a relation, a hop or a chain of relations may hold, as sorted lists of periods.

A relation may hold from the first day of its ``since`` to the last day of its ``until`` (the
same reading as `Relation.holds_during`); a hop of parallel relations holds on the union of
their periods; a chain holds only while every hop does, on the intersection of its hops.

>>> from graph.model import PartialDate, Relation
>>> a = Relation("a", "x", "backs", "y", until=PartialDate(2010))
>>> b = Relation("b", "y", "fights", "z", since=PartialDate(2012))
>>> intersect(periods_of([a]), periods_of([b]))
[]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from graph.model import Relation

Period = tuple[dt.date, dt.date]  # first and last day, both included
ALWAYS: list[Period] = [(dt.date.min, dt.date.max)]


def relation_period(rel: Relation) -> Period:
    """The days ``rel`` may hold: unknown starts and open ends stretch to the calendar's ends."""
    first = rel.since.first if rel.since else dt.date.min
    if rel.until is not None:
        last = rel.until.last
    elif rel.ended_before is not None:
        last = rel.ended_before.first - dt.timedelta(days=1)
    else:
        last = dt.date.max
    return first, last


def periods_of(rels: Iterable[Relation]) -> list[Period]:
    """The union of the periods of ``rels``, sorted and merged. Cost: O(r log r)."""
    merged: list[Period] = []
    for first, last in sorted(relation_period(r) for r in rels):
        if first > last:
            continue
        if merged and _touches(merged[-1][1], first):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _touches(last: dt.date, first: dt.date) -> bool:
    return last == dt.date.max or first <= last + dt.timedelta(days=1)


def intersect(a: Sequence[Period], b: Sequence[Period]) -> list[Period]:
    """The days in both ``a`` and ``b`` (each sorted and merged). Cost: O(len(a) + len(b))."""
    if len(a) == 1 and len(b) == 1:  # the common case, fast
        first = a[0][0] if a[0][0] > b[0][0] else b[0][0]
        last = a[0][1] if a[0][1] < b[0][1] else b[0][1]
        return [(first, last)] if first <= last else []
    out: list[Period] = []
    i = j = 0
    while i < len(a) and j < len(b):
        first, last = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if first <= last:
            out.append((first, last))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def overlaps(rel: Relation, periods: Sequence[Period]) -> bool:
    """Whether ``rel`` may hold on some day of ``periods``."""
    return bool(intersect([relation_period(rel)], periods))


def period_text(periods: Sequence[Period]) -> str:
    """``2011-01-01 .. ongoing``; ``?`` for an unknown start; several periods joined by ``;``."""
    parts = []
    for first, last in periods:
        start = "?" if first == dt.date.min else first.isoformat()
        end = "ongoing" if last == dt.date.max else last.isoformat()
        parts.append(f"{start} .. {end}")
    return "; ".join(parts) or "never"


def period_data(periods: Sequence[Period]) -> list[dict[str, str | None]]:
    """JSON shape: ``[{"from": "2011-01-01", "to": null}]`` (null: unknown start, or ongoing)."""
    return [
        {
            "from": None if first == dt.date.min else first.isoformat(),
            "to": None if last == dt.date.max else last.isoformat(),
        }
        for first, last in periods
    ]
