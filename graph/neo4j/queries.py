"""The named Cypher queries of ``cypher/``: one ``.cypher`` file each, with a header comment.

A header is the leading ``//`` lines: what the query answers, then one ``// :param`` line per
parameter with an example value, the way Neo4j Browser takes it::

    // Who backs an actor, directly or through chains of backs.
    // :param actor => 'assad-government'
    // default :param via_states => false

A ``default :param`` line gives a parameter the CLI fills in when it is not given (Neo4j
Browser needs every parameter set: copy the ``:param ...`` part).

No neo4j import here: `graph.neo4j.store` runs the text; `graph.report.cypher` makes the tables.

>>> q = get("supporters")
>>> list(q.params), sorted(q.defaults) == sorted(set(q.params) - {"actor"})
(['actor', 'via_states', 'inherit_membership', 'date', 'possible', 'dataset', 'claims'], True)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from graph.errors import UsageError
from graph.text import suggest

# cypher/ at the repo root, installed as the package graph.cypher (pyproject.toml): found the same
# way in a checkout, an editable install and a wheel.
CYPHER_DIR = Path(str(resources.files("graph.cypher")))
NOT_QUERIES = {"schema"}
PARAM = re.compile(r"^//\s*(default\s+)?:param\s+(\w+)\s*=>\s*(.+?)\s*;?\s*$")


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    params: dict[str, Any]  # name -> example value
    text: str
    path: Path
    defaults: frozenset[str] = frozenset()  # params whose example is also the default

    def data(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "params": self.params, "file": str(self.path)}

    def params_text(self) -> str:
        """``actor=assad-government via_states=false``: each parameter with its example value."""
        return " ".join(f"{k}={_show(v)}" for k, v in self.params.items())

    def check_params(self, given: dict[str, Any]) -> dict[str, Any]:
        """The parameters to run with; raise `UsageError` naming any missing or unknown one."""
        given = {**{p: self.params[p] for p in self.defaults}, **given}
        missing = [p for p in self.params if p not in given]
        if missing:
            examples = " ".join(f"--param {p}={_show(self.params[p])}" for p in missing)
            raise UsageError(f"query {self.name!r} needs {', '.join(missing)} (e.g. {examples})")
        unknown = [p for p in given if p not in self.params]
        if unknown:
            takes = ", ".join(self.params) or "no parameters"
            raise UsageError(f"query {self.name!r} has no parameter {unknown[0]!r} (it takes {takes})")
        return given


def _show(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def parse_value(text: str) -> Any:
    """A parameter value: a JSON number, boolean or list when it reads as one, else the text."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1]
    try:
        return json.loads(text)
    except ValueError:
        return text


def read_query(path: Path) -> Query:
    header: list[str] = []
    params: dict[str, Any] = {}
    defaults: set[str] = set()
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if not line.startswith("//"):
            break
        m = PARAM.match(line)
        if m:
            params[m.group(2)] = parse_value(m.group(3))
            if m.group(1):
                defaults.add(m.group(2))
        else:
            header.append(line.lstrip("/").strip())
    text = "\n".join(line for line in lines if not line.startswith("//")).strip().rstrip(";")
    description = " ".join(h for h in header if h)
    return Query(path.stem, description, params, text, path, frozenset(defaults))


def queries() -> list[Query]:
    """Every named query, by name."""
    return [read_query(p) for p in sorted(CYPHER_DIR.glob("*.cypher")) if p.stem not in NOT_QUERIES]


def get(name: str) -> Query:
    """The query called ``name``; raise `UsageError` with the closest names when there is none."""
    found = {q.name: q for q in queries()}
    if name in found:
        return found[name]
    close = suggest(name, found)
    hint = f" - did you mean {close[0]!r}?" if close else " - see 'proxygraph cypher list'"
    raise UsageError(f"no query {name!r}{hint}")
