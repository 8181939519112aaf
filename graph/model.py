"""The proxygraph data model: actors, places, sources, relations, and the period rule.

The records a dataset is made of, and the one rule for dates (`Relation.period`: the first and
last day a relation may hold) that every date question reads. The vocabulary they are written
in (relation types, kinds, support types) is `graph.vocabulary`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.claims import ASSERT, Claims, voice
from graph.vocabulary import ACTOR, PLACE, RELATION_TYPES, RelationType


@functools.cache
def _day(year: int, month: int, day: int) -> dt.date:
    """A day of the calendar, one object however many dates begin or end on it."""
    return dt.date(year, month, day)


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date given to the year, the month or the day: ``2011``, ``2016-12``, ``2024-12-01``.

    A partial date stands for an interval: ``2016`` is every day of 2016.

    >>> PartialDate.parse("2016-02").last
    datetime.date(2016, 2, 29)

    Slotted, with its ``first`` and ``last`` days kept once read (a frozen record: ``--as-of`` reads
    them on every edge): 72 bytes a date, where an instance dict took 340.
    """

    year: int
    month: int | None = None
    day: int | None = None
    _first: dt.date | None = field(default=None, init=False, repr=False, compare=False)
    _last: dt.date | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read a YAML value (int year, ISO string, date); raise ValueError when impossible."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError(f"{value!r} is not a date")
        text = str(value).strip()
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if not m:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if month is not None and day is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"{text!r} is not a day of the calendar") from None
        return cls(year, month, day)

    @property
    def first(self) -> dt.date:
        found = self._first
        if found is None:
            found = _day(self.year, self.month or 1, self.day or 1)
            object.__setattr__(self, "_first", found)
        return found

    @property
    def last(self) -> dt.date:
        found = self._last
        if found is None:
            month = self.month or 12
            found = _day(self.year, month, self.day or calendar.monthrange(self.year, month)[1])
            object.__setattr__(self, "_last", found)
        return found

    def __reduce__(self) -> tuple[type[PartialDate], tuple[int, int | None, int | None]]:
        return PartialDate, (self.year, self.month, self.day)  # the days read are not written

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True)
class Origin:
    """Where a record was written: file and 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    wikidata: str | None = None
    description: str | None = None
    external_ids: dict[str, str] = field(default_factory=dict)
    origin: Origin | None = None

    node_class = ACTOR


@dataclass
class Place:
    id: str
    name: str
    kind: str
    within: str | None = None  # the `in` field: id of the parent place
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    wikidata: str | None = None
    description: str | None = None
    origin: Origin | None = None

    node_class = PLACE


@dataclass
class Source:
    id: str
    title: str
    publisher: str | None = None
    published: PartialDate | None = None
    # a dataset's observation window ends here: a relation it records as running at this date may
    # go on after it (right-censored), and is not ended by the data's end (`Relation.known`)
    observed_until: PartialDate | None = None
    url: str | None = None
    file: str | None = None
    description: str | None = None
    origin: Origin | None = None
    text_path: str | None = None  # `file` resolved against the folder of the YAML that names it


@dataclass(frozen=True)
class Citation:
    source: str
    quote: str | None = None
    record: str | None = None
    origin: Origin | None = field(default=None, compare=False)
    attests: PartialDate | None = None  # the date the quote says the relation held (a past the source tells)
    stance: str = ASSERT  # STANCES: the source asserts, alleges or denies the relation (`graph.claims`)


Period = tuple[dt.date, dt.date]  # first and last day, both included


@dataclass
class Relation:
    key: str  # stable identity: the `id` field, or from/type/to[@since]
    source: str  # the actor at the `from` end (never a document: see Source)
    type: str
    target: str  # the `to` end
    since: PartialDate | None = None
    until: PartialDate | None = None
    ended: bool = False  # True when ended at a date the sources do not give
    ended_before: PartialDate | None = None  # for `ended`: publication of the source saying so
    # derived from the evidence when the dataset is checked (like ended_before), read by `known`:
    attested: PartialDate | None = None  # earliest date the evidence attests (citation attests, or source date)
    observed_until: PartialDate | None = None  # ongoing, and every citing source's window ends here
    support: list[str] = field(default_factory=list)
    # the types coded for each year (a dataset coding them by year, like UCDP ESD); empty: `support` every year
    support_by_year: dict[int, list[str]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)  # RELATION_FLAGS
    support_scope: str = "supporter"  # SUPPORT_SCOPES: whom `support` and `flags` were reported for
    reaches_members: bool = False  # backs: the sources say each member of the coalition is backed
    count: int | None = None  # how many incidents (clashes, transfers ...) the sources count for it
    weight: float | None = None  # a strength the sources or the curator give it, on the dataset's own scale
    confidence: str = "medium"
    note: str | None = None
    evidence: list[Citation] = field(default_factory=list)
    origin: Origin | None = None
    # derived from the evidence and its sources' publishers when the dataset is checked (`graph.claims`)
    claims: Claims | None = field(default=None, compare=False)

    @property
    def vouched(self) -> Claims:
        """The voices for and against the relation (`graph.claims.Claims`): as the dataset's checks
        derived them (a source's publisher is its voice), else each cited source one voice."""
        if self.claims is None:
            return Claims.of((voice(c.source, None), c.stance) for c in self.evidence)
        return self.claims

    @property
    def state(self) -> str:
        """What the evidence adds up to: confirmed, alleged, contested or denied (`graph.claims`).

        >>> Relation("k", "a", "backs", "b", evidence=[Citation("x", "q"), Citation("y", "q", stance="deny")]).state
        'contested'
        """
        return self.vouched.state

    @property
    def vocab(self) -> RelationType:
        return RELATION_TYPES[self.type]

    @property
    def amount(self) -> float:
        """What the relation weighs in a weighted count (``rank --weighted``): its ``count``, else its
        ``weight``, else 1 (one relation).

        >>> Relation("k", "a", "fights", "b", count=12).amount, Relation("k", "a", "fights", "b").amount
        (12, 1)
        """
        if self.count is not None:
            return self.count
        return self.weight if self.weight is not None else 1

    @property
    def is_ongoing(self) -> bool:
        return self.until is None and not self.ended

    @property
    def period(self) -> Period:
        """The first and last day the relation may hold: THE date rule, read by every layer.

        Dates are intervals: ``since: 2012`` may begin any day of 2012, ``until: 2016`` may end
        any day of 2016. A missing ``since`` is an unknown start (`datetime.date.min`); a missing
        ``until`` is ongoing (`datetime.date.max`), unless the relation is ``ended`` at an
        unknown date: then it held only before the source that says so was published.
        `holds_during`, ``--as-of``, timeline, diff, the HTML slider and the chains read it;
        the Neo4j loader stores it (``valid_from``/``valid_to``) for Cypher to compare.

        >>> Relation("k", "a", "backs", "b", since=PartialDate(2012), until=PartialDate(2016, 2)).period
        (datetime.date(2012, 1, 1), datetime.date(2016, 2, 29))
        >>> Relation("k", "a", "backs", "b", ended=True, ended_before=PartialDate(2024, 12, 2)).period
        (datetime.date(1, 1, 1), datetime.date(2024, 12, 1))
        """
        first = self.since.first if self.since is not None else dt.date.min
        if self.until is not None:
            last = self.until.last
        elif self.ended_before is not None:
            last = self.ended_before.first - dt.timedelta(days=1)
        else:
            last = dt.date.max
        return first, last

    @property
    def known(self) -> Period | None:
        """The days the relation is known to hold (within `period`, which says when it may hold),
        or None when no day is known: the other half of THE date rule.

        * no ``since``: the start is unknown; it is known to hold from the earliest date its
          evidence attests (``attested``: a citation's ``attests``, the date its quote tells of,
          else the publication of its source), or from its ``until`` if that is earlier;
        * ``until``: known to its end; ``ended`` without ``until``: it ended at a date the sources
          do not give, so only its ``since`` is known (nothing, without one);
        * ongoing, but every source citing it observes only up to a date (``observed_until``, a
          dataset's window): known to that date, and it may go on after it (right-censored);
        * ongoing otherwise: known ever after.

        >>> rel = Relation("k", "a", "backs", "b", attested=PartialDate(2024, 12, 2))
        >>> rel.known
        (datetime.date(2024, 12, 2), datetime.date(9999, 12, 31))
        >>> Relation("k", "a", "backs", "b", since=PartialDate(2014), observed_until=PartialDate(2017)).known
        (datetime.date(2014, 1, 1), datetime.date(2017, 12, 31))
        >>> Relation("k", "a", "backs", "b", ended=True, ended_before=PartialDate(2024)).known is None
        True
        """
        if self.since is not None:
            first = self.since.first
        else:
            starts = [d.first for d in (self.attested, self.until) if d is not None]
            if (self.ended and self.until is None) or not starts:
                return None
            first = min(starts)
        if self.until is not None:
            last = self.until.last
        elif self.ended:
            last = self.since.last if self.since is not None else first
        elif self.observed_until is not None:
            last = self.observed_until.last
        else:
            last = dt.date.max
        _, may_last = self.period
        return (first, min(last, may_last)) if first <= min(last, may_last) else None

    def holds_during(self, first: dt.date, last: dt.date) -> bool:
        """Whether the relation may hold on some day between ``first`` and ``last``: its
        `period` overlaps them."""
        start, end = self.period
        return start <= last and first <= end

    def support_during(self, first: dt.date, last: dt.date) -> list[str]:
        """The support types given between ``first`` and ``last``: those coded for its years when
        the relation has ``support_by_year``, else all of ``support``.

        >>> rel = Relation("k", "a", "backs", "b", support=["troops", "weapons"],
        ...                support_by_year={2012: ["weapons"], 2015: ["troops", "weapons"]})
        >>> rel.support_during(dt.date(2012, 1, 1), dt.date(2012, 12, 31))
        ['weapons']
        """
        if not self.support_by_year:
            return self.support
        coded = {t for year in range(first.year, last.year + 1) for t in self.support_by_year.get(year, ())}
        return [t for t in self.support if t in coded]

    def holding(self, first: dt.date, last: dt.date) -> str | None:
        """How the relation holds between ``first`` and ``last``: `KNOWN` (``""``) when it is known
        to hold on one of those days, the reason it only may hold (`MAY_HOLD` reasons: "start
        unknown", "after the data's end (2017)", "end unknown (ended before 2024-12-02)"), or None
        when it does not hold then.

        >>> rel = Relation("k", "a", "backs", "b", attested=PartialDate(2024, 12, 2))
        >>> rel.holding(dt.date(1990, 1, 1), dt.date(1990, 12, 31))
        'start unknown'
        >>> rel.holding(dt.date(2024, 12, 1), dt.date(2024, 12, 31))
        ''
        """
        if not self.holds_during(first, last):
            return None
        known = self.known
        if known is not None and known[0] <= last and first <= known[1]:
            return KNOWN
        if (known is None and self.ended and self.since is not None) or (known is not None and first > known[1]):
            if self.observed_until is not None:
                return f"after the data's end ({self.observed_until})"
            return f"end unknown (ended before {self.ended_before})" if self.ended_before else "end unknown"
        return "start unknown"


KNOWN = ""  # `Relation.holding`: known to hold (any other text is why it only may hold)


@dataclass(frozen=True)
class Dates:
    """What a question asks of time: the days of its ``--as-of`` (``window``; None: any day) and
    whether what only may hold is kept, marked with the reason (``possible``)."""

    window: Period | None = None
    possible: bool = False

    def doubt(self, rel: Relation) -> str | None:
        """Why ``rel`` only may hold on the days asked (None: it is known to, or no day is asked)."""
        if self.window is None:
            return None
        return rel.holding(*self.window) or None


ANY_DAY = Dates()


@dataclass
class Dataset:
    """Everything read from a folder of YAML files, checked and cross-referenced."""

    name: str
    root: str
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)

    def node(self, node_id: str) -> Actor | Place:
        return self.actors.get(node_id) or self.places[node_id]


ALWAYS: list[Period] = [(dt.date.min, dt.date.max)]


def periods_of(rels: Iterable[Relation]) -> list[Period]:
    """The union of the periods of ``rels``, sorted and merged. Cost: O(r log r)."""
    if isinstance(rels, tuple) and len(rels) == 1:  # the common case (a hop of one relation), fast
        return _merged([rels[0].period])
    return _merged(r.period for r in rels)


def known_periods_of(rels: Iterable[Relation]) -> list[Period]:
    """The union of the days ``rels`` are known to hold (`Relation.known`), sorted and merged."""
    return _merged(known for r in rels if (known := r.known) is not None)


def unite(a: Sequence[Period], b: Sequence[Period]) -> list[Period]:
    """The days in ``a`` or ``b``, sorted and merged. Cost: O((len(a) + len(b)) log)."""
    return _merged([*a, *b])


def subtract(a: Sequence[Period], b: Sequence[Period]) -> list[Period]:
    """The days in ``a`` and not in ``b`` (each sorted and merged). Cost: O(len(a) + len(b)).

    >>> d = dt.date
    >>> subtract([(d(2010, 1, 1), d(2020, 12, 31))], [(d(2012, 1, 1), d(2012, 12, 31))])
    [(datetime.date(2010, 1, 1), datetime.date(2011, 12, 31)), (datetime.date(2013, 1, 1), datetime.date(2020, 12, 31))]
    """
    out: list[Period] = []
    j, day = 0, dt.timedelta(days=1)
    for first, last in a:
        while j < len(b) and b[j][1] < first:
            j += 1
        k = j
        left: dt.date | None = first  # the first day of this period not yet covered by b, if any
        while left is not None and k < len(b) and b[k][0] <= last:
            if b[k][0] > left:
                out.append((left, b[k][0] - day))
            left = b[k][1] + day if b[k][1] < last else None
            k += 1
        if left is not None:
            out.append((left, last))
    return out


def _merged(periods: Iterable[Period]) -> list[Period]:
    merged: list[Period] = []
    for first, last in sorted(periods):
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
    """The days in both ``a`` and ``b`` (each sorted and merged). Cost: O(len(a) + len(b)).

    The answer may be ``a`` or ``b`` itself, when one list holds the other's one period: period
    lists are never changed in place, so millions of chains share a few thousand lists.

    >>> d = dt.date
    >>> days = [(d(2012, 1, 1), d(2014, 12, 31))]
    >>> intersect(ALWAYS, days) is days
    True
    """
    if len(a) == 1 and len(b) == 1:  # the common case, fast
        (afirst, alast), (bfirst, blast) = a[0], b[0]
        first = afirst if afirst > bfirst else bfirst
        last = alast if alast < blast else blast
        if first > last:
            return []
        if first == bfirst and last == blast and type(b) is list:
            return b
        if first == afirst and last == alast and type(a) is list:
            return a
        return [(first, last)]
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
    return bool(intersect([rel.period], periods))
