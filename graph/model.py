"""The proxygraph data model: actors, places, sources, relations, and the vocabulary tables.

The tables in this module are the single source of truth for the vocabulary. Validation,
the NetworkX graph, the Neo4j loader, the Cypher files and the HTML legend all read them;
adding a relation type, an actor kind or a support type is one edit here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Kind:
    """One entry of a closed list of kinds (actor kinds, place kinds)."""

    name: str
    label: str  # Neo4j label, also the display name
    description: str
    shape: str  # vis-network node shape used by the HTML page
    color: str
    # Whether support may pass through an actor of this kind to a third party. A proxy or a
    # coalition passes on what its sponsor gives; a state or a government that others back is
    # backed for its own war (the US backs Iraq against IS, Iraq backs Syria: the US does not
    # back Syria), so chains of support stop there unless asked to go through.
    relays_support: bool = True


# fmt: off
ACTOR_KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("state", "State", "a sovereign state acting as a whole (Iran, Russia, Turkey)", "diamond", "#1f77b4", relays_support=False),
        Kind("government", "Government", "the ruling authority of a state, its regime and its armed forces (the Assad government)", "star", "#d62728", relays_support=False),
        Kind("state-force", "StateForce", "a unit or agency of a state acting abroad (IRGC Quds Force, a national army)", "triangle", "#9467bd"),
        Kind("militia", "Militia", "a non-state armed group aligned with a state or its sponsor (Badr, Harakat al-Nujaba)", "dot", "#ff7f0e"),
        Kind("rebel-group", "RebelGroup", "a non-state armed group fighting a government (Free Syrian Army factions)", "dot", "#2ca02c"),
        Kind("jihadist-group", "JihadistGroup", "a Salafi-jihadist armed group (al-Qaeda, Hayat Tahrir al-Sham, Islamic State)", "dot", "#7f7f7f"),
        Kind("coalition", "Coalition", "an umbrella, alliance or loose grouping of armed actors, with its members linked by member-of", "hexagon", "#bcbd22"),
        Kind("private-military", "PrivateMilitary", "a private military company (Wagner Group)", "triangleDown", "#8c564b"),
        Kind("organization", "Organization", "a party, movement, intergovernmental or other non-armed body", "square", "#17becf"),
        Kind("person", "Person", "an individual acting in their own right (a leader, a financier)", "ellipse", "#e377c2"),
    )
}

PLACE_KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("country", "Country", "a country's territory (not its government: that is an actor)", "box", "#c7c7c7"),
        Kind("region", "Region", "a province, governorate or named area", "box", "#c7c7c7"),
        Kind("city", "City", "a city or town", "box", "#c7c7c7"),
        Kind("base", "Base", "a military base, airfield or port facility", "box", "#c7c7c7"),
        Kind("crossing", "Crossing", "a border crossing or route across a border", "box", "#c7c7c7"),
    )
}
# fmt: on

PLACE = "place"  # endpoint class for any place kind
ACTOR = "actor"  # endpoint class for any actor kind
ANY = frozenset({ACTOR, PLACE})


@dataclass(frozen=True)
class RelationType:
    """One entry of the relation vocabulary.

    ``sources``/``targets`` name the allowed endpoint kinds: an actor kind, a place kind, or
    the classes ``"actor"`` and ``"place"`` meaning any kind of that class.
    """

    name: str
    neo4j_type: str
    directed: bool
    sign: int  # +1 cooperation, -1 hostility, 0 neutral
    sources: frozenset[str]
    targets: frozenset[str]
    description: str
    color: str
    dashes: bool = False
    has_support: bool = False  # whether the `support` field applies

    def allows(self, end: str, kind: str, node_class: str) -> bool:
        """Whether a node of ``kind`` (of ``node_class`` actor/place) may stand at ``end``."""
        allowed = self.sources if end == "from" else self.targets
        return kind in allowed or node_class in allowed


# fmt: off
RELATION_TYPES: dict[str, RelationType] = {
    t.name: t
    for t in (
        RelationType("backs", "BACKS", True, +1, frozenset({ACTOR}), frozenset({ACTOR}),
                     "gives material, military or political support to", "#2ca02c", has_support=True),
        RelationType("fights", "FIGHTS", False, -1, frozenset({ACTOR}), frozenset({ACTOR}),
                     "is in armed conflict with", "#d62728"),
        RelationType("allied-with", "ALLIED_WITH", False, +1, frozenset({ACTOR}), frozenset({ACTOR}),
                     "is in a declared alliance with", "#1f77b4"),
        RelationType("affiliated-with", "AFFILIATED_WITH", True, +1, frozenset({ACTOR}), frozenset({ACTOR}),
                     "is a declared affiliate or franchise of", "#9467bd", dashes=True),
        RelationType("member-of", "MEMBER_OF", True, +1, frozenset({ACTOR}),
                     frozenset({"coalition", "organization", "government", "state"}),
                     "is a member or component of (a coalition, umbrella or state)", "#bcbd22", dashes=True),
        RelationType("successor-of", "SUCCESSOR_OF", True, 0, frozenset({ACTOR}), frozenset({ACTOR}),
                     "grew out of or replaced (a renamed or merged group)", "#8c564b", dashes=True),
        RelationType("hosts-bases-in", "HOSTS_BASES_IN", True, 0, frozenset({ACTOR}),
                     frozenset({PLACE, "state"}),
                     "keeps military bases in (a place or a state's territory)", "#ff7f0e"),
        RelationType("present-in", "PRESENT_IN", True, 0, frozenset({ACTOR}), frozenset({PLACE, "state"}),
                     "has forces deployed in, without a named base", "#ffbb78", dashes=True),
        RelationType("controls", "CONTROLS", True, 0, frozenset({ACTOR}), frozenset({PLACE}),
                     "holds territorial control of", "#17becf"),
    )
}
# fmt: on


@dataclass(frozen=True)
class SupportType:
    name: str
    description: str
    ucdp: str  # UCDP External Support Dataset letters that map onto this type


# fmt: off
SUPPORT_TYPES: dict[str, SupportType] = {
    s.name: s
    for s in (
        SupportType("troops", "troops fighting alongside, or deployed in support", "xp"),
        SupportType("weapons", "weapons and ammunition", "w"),
        SupportType("funding", "money or economic support", "f"),
        SupportType("training", "training and expertise", "t"),
        SupportType("intelligence", "intelligence material", "i"),
        SupportType("logistics", "materiel, logistics, transport", "m"),
        SupportType("infrastructure", "access to military or intelligence infrastructure, joint operations", "y"),
        SupportType("territory-access", "use of the supporter's territory (safe haven, transit)", "l"),
        SupportType("air-support", "air strikes and air cover", ""),
        SupportType("political", "diplomatic or political backing, pledges", ""),
        SupportType("other", "another kind of support, said in the note", "o"),
        SupportType("unknown", "support of a kind the source does not say", "u"),
    )
}
# fmt: on

# Qualifiers of a `backs` relation that a dataset codes (UCDP ESD's ext_coalition, ext_elements,
# ext_bothsides). Under support_scope recipient-year they were coded for the recipient-year.
RELATION_FLAGS: dict[str, str] = {
    "coalition": "support given through a coalition",
    "elements": "support by elements of a state (factions, agencies), not its government",
    "both-sides": "a supporter backed both sides of the conflict",
}

# Whom the `support` types and `flags` of a `backs` relation were reported for.
SUPPORT_SCOPES: dict[str, str] = {
    "supporter": "given by this supporter to this recipient (the default)",
    "recipient-year": "reported for the recipient in each year, from all its supporters together, not per supporter (UCDP ESD)",
}

CONFIDENCE_LEVELS: dict[str, int] = {"low": 1, "medium": 2, "high": 3}

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date given to the year, the month or the day: ``2011``, ``2016-12``, ``2024-12-01``.

    A partial date stands for an interval: ``2016`` is every day of 2016.

    >>> PartialDate.parse("2016-02").last
    datetime.date(2016, 2, 29)
    """

    year: int
    month: int | None = None
    day: int | None = None

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
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

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
    support: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # RELATION_FLAGS
    support_scope: str = "supporter"  # SUPPORT_SCOPES: whom `support` and `flags` were reported for
    confidence: str = "medium"
    note: str | None = None
    evidence: list[Citation] = field(default_factory=list)
    origin: Origin | None = None

    @property
    def vocab(self) -> RelationType:
        return RELATION_TYPES[self.type]

    @property
    def is_ongoing(self) -> bool:
        return self.until is None and not self.ended

    def holds_during(self, first: dt.date, last: dt.date) -> bool:
        """Whether the relation may hold on some day between ``first`` and ``last``.

        Dates are intervals: ``since: 2012`` may begin any day of 2012, so a relation holds
        as of a date when the two intervals overlap. A missing ``since`` means "from an
        unknown start"; a missing ``until`` means ongoing, unless the relation is ``ended``
        at an unknown date: then it held only before the source that says so was published.
        """
        if self.since is not None and self.since.first > last:
            return False
        if self.until is None and self.ended_before is not None:
            return self.ended_before.first > first
        return self.until is None or self.until.last >= first


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
