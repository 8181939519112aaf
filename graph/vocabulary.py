"""The vocabulary: relation types, actor and place kinds, support types, confidence levels.

One table each, the single source of truth: validation, the NetworkX graph, the Neo4j loader and
its Browser style, the Cypher files, the HTML legend and the importers all read them. Adding a
relation type is one row here (then regenerate the Browser style and the README table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
        RelationType("splinter-of", "SPLINTER_OF", True, -1, frozenset({ACTOR}), frozenset({ACTOR}),
                     "broke away from (from the splinter to its parent; hostile, as splits usually are)", "#f7b6d2", dashes=True),
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

STANCES = ("assert", "allege", "deny")


SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
