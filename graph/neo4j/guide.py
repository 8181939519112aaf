"""The proxygraph guide for Neo4j Browser: one slide per named query of ``cypher/``.

Neo4j Browser (5.x) opens it with ``:guide URL`` (``scripts/neo4j`` and docker-compose.yml make
it the Browser's post-connect command, beside ``:style URL``). A guide is HTML whose ``<slide>``
elements are the pages of the Browser's guide drawer; a ``<pre class="runnable">`` is a block the
reader runs with its play icon, or clicks to copy into the editor. Each query's slide says what it
answers, gives its ``:param`` lines with the example values of its header (taken from the
bundled data), and the query as `graph.neo4j.queries` reads it. Where the answer is best seen as
a picture, a second block returns the paths (or nodes and relationships) themselves, which
Browser draws in the project's style (`graph.neo4j.style`).

The committed ``cypher/guide.html`` is `guide_html()` (`proxygraph cypher guide --out
cypher/guide.html` rewrites it; a test compares them). Every text is escaped: a query's ``<-``
reaches the page as ``&lt;-`` and the Browser copies it back as text.

>>> from graph.neo4j.queries import get
>>> picture_form(get("supporters")).splitlines()[-1]
'RETURN chains[0].chain AS chain'
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from graph.neo4j.queries import Query, queries

# The queries whose answers are chains, paths or a dated graph: their slides also draw them.
PICTURES = ("supporters", "clients", "proxy-chains", "proxy-wars", "shortest-path", "as-of")

# `[n IN nodes(chain) | n.id] AS chain`: a column of node ids, from a path or a list of nodes.
ID_LIST = re.compile(r"\[(\w+) IN (.+?) \| \1\.id\] AS (\w+)")
PATH_MATCH = re.compile(r"^MATCH (\w+) = ")
EDGE_MATCH = re.compile(r"^MATCH \((\w+)\)-\[(\w+)\]->\((\w+)\)")
CLAUSE = re.compile(r"^(WITH|RETURN)\b")


def cypher_literal(value: Any) -> str:
    """A parameter's value as Cypher: ``'text'`` (quotes and backslashes escaped), numbers, booleans, lists.

    >>> cypher_literal("it's"), cypher_literal(False), cypher_literal([1, "a"])
    ("'it\\\\'s'", 'false', "[1, 'a']")
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    return json.dumps(value)


def param_lines(query: Query) -> str:
    """The Browser command that sets every parameter of ``query`` to its example value: one
    ``:params {...}`` (one statement, so one click sets them all).

    >>> from graph.neo4j.queries import get
    >>> param_lines(get("relations-of"))
    ":params {actor: 'hts'}"
    """
    return ":params {" + ", ".join(f"{name}: {cypher_literal(value)}" for name, value in query.params.items()) + "}"


def picture_form(query: Query) -> str:
    """``query`` returning what Browser draws: the path behind its column of node ids (or the
    nodes of that column), else its matched path, else its matched relationships with their ends.

    The query's own text up to the clause that turns the answer into ids is kept as it is, so the
    picture follows the same rules (held hops, relays, dates) as the table.

    Raises
    ------
    ValueError
        When none of the three forms is found in the query (its file changed shape).
    """
    clauses = _clauses(query.text)
    for i, clause in enumerate(clauses):
        found = ID_LIST.search(clause)
        if found and CLAUSE.match(clause):
            source, column = found.group(2), found.group(3)
            inner = re.fullmatch(r"nodes\((.+)\)", source)
            return "\n".join([*clauses[:i], f"RETURN {inner.group(1) if inner else source} AS {column}"])
    for pattern, returns in ((PATH_MATCH, lambda m: m.group(1)), (EDGE_MATCH, lambda m: ", ".join(m.groups()))):
        matches = [(i, m) for i, clause in enumerate(clauses) if (m := pattern.match(clause))]
        if matches:
            last, m = matches[-1]
            end = next((i for i, clause in enumerate(clauses) if i > last and CLAUSE.match(clause)), len(clauses))
            return "\n".join([*clauses[:end], f"RETURN {returns(m)}"])
    raise ValueError(f"query {query.name!r}: no path, list of nodes or relationship to draw")


def _clauses(text: str) -> list[str]:
    """The query's clauses: each line that starts at the margin, with the indented lines after it."""
    clauses: list[str] = []
    for line in text.splitlines():
        if clauses and line[:1].isspace():
            clauses[-1] += "\n" + line
        else:
            clauses.append(line)
    return clauses


def _block(text: str) -> str:
    return f'<pre class="runnable">{escape(text)}</pre>'


def _slide(title: str, *parts: str) -> str:
    return "<slide>\n<h3>" + escape(title) + "</h3>\n" + "\n".join(parts) + "\n</slide>"


def query_slide(query: Query) -> str:
    """One query's slide: what it answers, its parameters, the query, and its picture form."""
    parts = [f"<p>{escape(query.description)}</p>"]
    if query.params:
        parts += ["<p>Its parameters, with an example from the bundled dataset (run it first):</p>",
                  _block(param_lines(query))]  # fmt: skip
    else:
        parts.append("<p>No parameters.</p>")
    parts += [f"<p>The query (<code>cypher/{escape(query.path.name)}</code>):</p>", _block(query.text)]
    if query.name in PICTURES:
        parts += ["<p>The same answer drawn as a graph (actors in their kind's colour):</p>",
                  _block(picture_form(query))]  # fmt: skip
    return _slide(query.name, *parts)


INTRO = _slide(
    "proxygraph",
    "<p>Alliances and sponsorship between the actors of a conflict, loaded by <code>proxygraph load</code>.</p>",
    "<p>Each next slide is one named query of <code>cypher/</code>, as <code>proxygraph cypher run NAME</code> "
    "runs it: click a block's play icon to run it, or the block to copy it into the editor. Set the "
    "parameters first; Browser keeps them (<code>:params</code> lists them).</p>",
    "<p>The datasets loaded, with their number of relations:</p>",
    _block("MATCH ()-[r]->() WHERE r.dataset IS NOT NULL\nRETURN r.dataset AS dataset, count(r) AS relations"),
    "<p>Actors are coloured by kind, relationships captioned with their relation type: the project's "
    "style, applied on connecting (<code>:style</code> shows it).</p>",
)


def guide_html() -> str:
    """The whole guide: an introduction, then one slide per named query, by name."""
    slides = [INTRO, *(query_slide(q) for q in queries())]
    return ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>proxygraph</title>\n</head>\n"
            "<!-- Generated by `proxygraph cypher guide` from cypher/*.cypher: edit those, not this file. -->\n"
            "<body>\n" + "\n".join(slides) + "\n</body>\n</html>\n")  # fmt: skip
