"""The Neo4j Browser guide (`graph.neo4j.guide`): committed as generated, escaped, and every block
it gives answers on the bundled data as the query's table does (the picture forms against the
real server)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import graph.neo4j.queries as library
from graph.cli import cli
from graph.model import Dataset
from graph.neo4j import guide
from graph.neo4j import store as store_module
from graph.neo4j.store import Store

# Neo4j Browser 5.24's cleanHtml (its bundle, app-*.js): what it strips from a remote guide.
BROWSER_STRIPS = (re.compile(r"""(\s+(on[^\s=]+)[^\s=]*\s*=\s*("[^"]*"|'[^']*'|[\w\-.:]+\s*))""", re.I),
                  re.compile(r"<script\b", re.I))  # fmt: skip


class Slides(HTMLParser):
    """The guide as Browser reads it: each <slide>'s title and the text of its runnable blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[dict[str, Any]] = []
        self.at: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "slide":
            self.slides.append({"title": "", "blocks": []})
        elif tag == "h3" or (tag == "pre" and ("class", "runnable") in attrs):
            self.at = tag
            if tag == "pre":
                self.slides[-1]["blocks"].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.at:
            self.at = None

    def handle_data(self, data: str) -> None:
        if self.at == "h3":
            self.slides[-1]["title"] += data
        elif self.at == "pre":
            self.slides[-1]["blocks"][-1] += data


def slides() -> dict[str, list[str]]:
    parser = Slides()
    parser.feed(guide.guide_html())
    return {s["title"]: s["blocks"] for s in parser.slides}


def test_the_committed_guide_is_the_generated_one() -> None:
    committed = (library.CYPHER_DIR / "guide.html").read_text(encoding="utf-8")
    assert committed == guide.guide_html(), (
        "cypher/guide.html is stale: run `proxygraph cypher guide --out cypher/guide.html`"
    )


def test_cypher_guide_writes_the_file(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["cypher", "guide"])
    assert (result.exit_code, result.output) == (0, "wrote guide.html\n")
    assert (tmp_path / "guide.html").read_text(encoding="utf-8") == guide.guide_html()


def test_one_slide_per_query_with_its_params_query_and_picture() -> None:
    found = slides()
    assert list(found) == ["proxygraph", *(q.name for q in library.queries())]
    for query in library.queries():
        blocks = found[query.name]
        expected = [guide.param_lines(query)] if query.params else []
        expected.append(query.text)  # the exact text: escaped in the page, read back as it was
        if query.name in guide.PICTURES:
            expected.append(guide.picture_form(query))
        assert blocks == expected, query.name
    assert found["supporters"][0] == (
        ":params {actor: 'assad-government', via_states: false, "
        "inherit_membership: true, date: null, possible: false, dataset: null, claims: []}"
    )


def test_browser_keeps_the_whole_guide() -> None:
    html = guide.guide_html()
    assert all(not pattern.search(html) for pattern in BROWSER_STRIPS)
    assert "&lt;-[:MEMBER_OF*0..3]-" in html and "<-[:" not in html


def test_cypher_literals() -> None:
    assert guide.cypher_literal("O'Brien \\ co") == "'O\\'Brien \\\\ co'"
    assert guide.cypher_literal(True) == "true" and guide.cypher_literal(3) == "3"
    assert guide.cypher_literal(["a", 2]) == "['a', 2]"


def test_a_query_without_anything_to_draw_is_refused() -> None:
    query = library.Query("flat", "", {}, "MATCH (a:Actor)\nRETURN a.id AS id", library.CYPHER_DIR / "flat.cypher")
    with pytest.raises(ValueError, match="'flat': no path, list of nodes or relationship to draw"):
        guide.picture_form(query)


# --- against the server ----------------------------------------------------------------------


def run(store: Store, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    with store_module.translate_errors(store.settings):
        return [store_module.plain(r) for r in store.run(text, params)[1]]


def ids(value: Any) -> list[str]:
    """A path (plain: its node ids) or a list of nodes, as node ids."""
    return [v["id"] if isinstance(v, dict) else v for v in value]


@pytest.mark.neo4j
@pytest.mark.parametrize("name", [q.name for q in library.queries()])
def test_each_slide_answers_on_the_bundled_data(name: str, store: Store, loaded_bundled: Dataset) -> None:
    query = library.get(name)
    for param, value in query.params.items():  # what Browser's `:param x => literal` evaluates
        literal = guide.cypher_literal(value)
        assert store.read(f"RETURN {literal} AS v")[0]["v"] == value, param
    if name == "contested":  # the bundled report is confirmed throughout: `proxygraph contested` lists nothing
        assert run(store, query.text, {**query.params, "dataset": "syria"}) == []
        return
    rows = run(store, query.text, query.params)
    assert rows, f"{name}: the example of its slide finds nothing in the bundled data"
    if name not in guide.PICTURES:
        return
    drawn = run(store, guide.picture_form(query), query.params)
    if name in ("supporters", "clients", "proxy-chains"):
        assert sorted(ids(r["chain"]) for r in drawn) == sorted(r["chain"] for r in rows)
    elif name == "shortest-path":
        # one row per path drawn; the table groups the paths through the same actors
        assert {tuple(ids(r["path"])) for r in drawn} == {tuple(r["path"]) for r in rows}
    elif name == "proxy-wars":
        pairs = {(p[0], p[-1]) for p in (ids(r["war"]) for r in drawn)}
        assert pairs == {(r["sponsor_a"], r["sponsor_b"]) for r in rows}
    else:  # as-of: the relationships themselves
        assert sorted((r["a"]["id"], r["r"]["type"], r["b"]["id"]) for r in drawn) == sorted(
            (r["from"], r["type"], r["to"]) for r in rows
        )


def test_docker_compose_users_get_the_same_browser_setup_as_scripts_neo4j() -> None:
    """docker-compose.yml applies the style and opens the guide on connect as scripts/neo4j does: the
    same post-connect command and allowed hosts, the content server on the same port serving cypher/,
    and the image of the same Neo4j version as the Maven jars."""
    import yaml

    root = Path(__file__).resolve().parent.parent
    script = (root / "scripts" / "neo4j").read_text()
    compose = yaml.safe_load((root / "docker-compose.yml").read_text())
    neo4j, content = compose["services"]["neo4j"], compose["services"]["content"]

    def default_port(text: str) -> str:  # ${NEO4J_CONTENT_PORT:-7475} and $(content_url NAME) as a user gets them
        text = re.sub(r"\$\(content_url ([^)]+)\)", r"http://127.0.0.1:${NEO4J_CONTENT_PORT:-7475}/\1", text)
        return text.replace("${NEO4J_CONTENT_PORT:-7475}", "7475")

    post_connect = re.search(r'echo "browser\.post_connect_cmd=(.*)"', script)
    allowed = re.search(r'echo "browser\.remote_content_hostname_whitelist=(.*)"', script)
    assert post_connect and allowed
    env = neo4j["environment"]
    assert default_port(env["NEO4J_browser_post__connect__cmd"]) == default_port(post_connect.group(1))
    assert env["NEO4J_browser_remote__content__hostname__whitelist"] == allowed.group(1)
    assert [default_port(p) for p in content["ports"]] == ["127.0.0.1:7475:7475"]
    assert "./cypher:/srv/cypher:ro" in content["volumes"]
    assert "./scripts/neo4j-server/content.py:/srv/content.py:ro" in content["volumes"]
    version = re.search(r"<neo4j\.version>(.*)</neo4j\.version>", (root / "scripts/neo4j-server/pom.xml").read_text())
    assert version and neo4j["image"] == f"neo4j:{version.group(1)}-community"
