"""The Neo4j Browser style (GraSS) of the graph, generated from `graph.vocabulary`.

Actors are coloured by kind (the colours of the HTML legend) and captioned by name; places and
sources are grey; every relationship type is captioned with its relation type. The committed
``cypher/style.grass`` is this text (`proxygraph cypher style --out cypher/style.grass` rewrites
it; a test compares them).

>>> "node.Militia {" in grass()
True
"""

from __future__ import annotations

from graph.vocabulary import ACTOR_KINDS, PLACE_KINDS, RELATION_TYPES


def _rule(selector: str, **props: str) -> str:
    body = "".join(f"  {k.replace('_', '-')}: {v};\n" for k, v in props.items())
    return f"{selector} {{\n{body}}}\n"


def _text_color(hex_color: str) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def grass() -> str:
    """The whole style sheet, one rule per node label and relationship type."""
    parts = [_rule("node", diameter="50px", color="#c7c7c7", border_color="#9a9a9a", text_color_internal="#000000",
                       caption="'{name}'", font_size="10px")]  # fmt: skip
    parts.append(_rule("node.Actor", caption="'{name}'"))
    for kind in ACTOR_KINDS.values():
        parts.append(_rule(f"node.{kind.label}", color=kind.color, border_color=kind.color,
                           text_color_internal=_text_color(kind.color), caption="'{name}'"))  # fmt: skip
    for kind in PLACE_KINDS.values():
        parts.append(_rule(f"node.{kind.label}", color=kind.color, diameter="40px", caption="'{name}'"))
    parts.append(_rule("node.Source", color="#f2f2f2", diameter="30px", caption="'{id}'"))
    parts.append(_rule("relationship", shaft_width="2px", font_size="8px", caption="'<type>'"))
    for rtype in RELATION_TYPES.values():
        parts.append(_rule(f"relationship.{rtype.neo4j_type}", color=rtype.color, caption=f"'{rtype.name}'"))
    parts.append(_rule("relationship.WITHIN", color="#c7c7c7", caption="'within'"))
    return "\n".join(parts)
