"""Claims: each citation asserts, alleges or denies; a relation's evidence adds up to confirmed,
alleged, contested or denied (graph.claims), counted by independent voice, and every answer lists
confirmed relations unless asked for more, marking the others in every format.

The dataset is tests/data/claims: invented actors and invented source texts, one relation of each
kind of claim (see the comment at the top of its YAML)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import graph.neo4j.queries as library
from graph.claims import Claims
from graph.cli import cli
from graph.dataset import load_dataset, read_dataset
from graph.html import pagedata, render
from graph.neo4j import backend
from graph.neo4j import store as store_module
from graph.neo4j.store import Store
from tests.browser import BrowserPage

CLAIMS = Path(__file__).parent / "data" / "claims"
STATES = {
    "nordland/backs/vesper-brigade": ("confirmed", 1),  # asserted
    "ostmark/backs/river-front": ("alleged", 1),  # alleged
    "nordland/backs/river-front": ("contested", 1),  # asserted by the Post, denied by Nordland
    "gull-legion/fights/river-front": ("confirmed", 1),  # two editions of one outlet: one voice
    "nordland/backs/gull-legion": ("denied", 0),  # only Nordland's denial
    "river-front/backs/delta-cell": ("confirmed", 1),
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--data", str(CLAIMS)], env={"COLUMNS": "200", "PROXYGRAPH_DATA": None})
    return result.exit_code, result.stdout, result.stderr


def as_json(*args: str) -> Any:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def as_csv(*args: str) -> list[dict[str, str]]:
    code, out, err = run(*args, "--format", "csv")
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out)))


def test_each_relation_gets_the_state_its_evidence_adds_up_to_counting_each_outlet_once() -> None:
    dataset = load_dataset(CLAIMS)
    assert {r.key: (r.state, r.vouched.independent) for r in dataset.relations} == STATES
    fights = next(r for r in dataset.relations if r.type == "fights")
    assert fights.vouched == Claims(asserting=frozenset({"Harbor Post"}))  # the publisher is the voice


def test_a_voice_that_asserts_and_alleges_asserts_and_rows_of_one_dataset_are_one_voice() -> None:
    assert Claims.of([("post", "allege"), ("post", "assert")]).state == "confirmed"
    assert Claims.of([("ucdp", "allege"), ("ucdp", "allege")]).independent == 1
    assert Claims.of([("post", "assert"), ("post", "deny")]).state == "contested"


def test_an_unknown_stance_is_a_problem_with_its_line_and_a_hint(tmp_path: Path) -> None:
    shutil.copytree(CLAIMS, tmp_path / "d")
    path = tmp_path / "d" / "claims.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("stance: allege", "stance: alleges"), encoding="utf-8")
    line = text.splitlines().index("        stance: allege") + 1
    _, problems = read_dataset(tmp_path / "d")
    assert [(p.line, p.code, p.message, p.hint) for p in problems] == [
        (line, "unknown-value", "unknown stance 'alleges'", "did you mean 'allege'?")
    ]


def test_a_denial_is_quoted_word_for_word_like_any_citation(tmp_path: Path) -> None:
    shutil.copytree(CLAIMS, tmp_path / "d")
    path = tmp_path / "d" / "claims.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("has never sent", "never sent"), encoding="utf-8")
    _, problems = read_dataset(tmp_path / "d")
    assert [p.code for p in problems] == ["quote-not-found"]


@pytest.mark.parametrize(
    ("flags", "supporters"),
    [
        ((), {"river-front": None}),
        (("--alleged",), {"river-front": None, "ostmark": "alleged"}),
        (("--contested",), {"river-front": None, "nordland": "contested"}),
        (("--alleged", "--contested"), {"river-front": None, "ostmark": "alleged", "nordland": "contested"}),
    ],
)
def test_supporters_list_confirmed_chains_and_flags_add_the_others_marked(
    flags: tuple[str, ...], supporters: dict[str, str | None]
) -> None:
    data = as_json("supporters", "delta-cell", *flags)
    chains = {s["id"]: s["chains"][0] for s in data["supporters"]}
    assert {k: c.get("state") for k, c in chains.items()} == supporters  # a chain is as weak as its weakest hop
    for chain in chains.values():
        for step in chain["steps"]:
            for rel in step["relations"]:
                assert rel.get("state") == (None if STATES[rel["key"]][0] == "confirmed" else STATES[rel["key"]][0])
    rows = as_csv("supporters", "delta-cell", *flags)
    assert {r["supporter"]: r["state"] or None for r in rows} == supporters
    for row in rows:
        assert row["relation_state"] == ("" if STATES[row["key"]][0] == "confirmed" else STATES[row["key"]][0])


def test_the_table_marks_a_chain_and_its_relation_and_each_citation_that_does_not_assert() -> None:
    code, out, _ = run("supporters", "delta-cell", "--contested")
    assert code == 0
    assert "nordland -backs[weapons]-> river-front -backs[training]-> delta-cell [contested]" in out
    assert "nordland -backs[weapons]-> river-front  (? .. ongoing, medium, contested)" in out
    assert "      contested: asserted by 1, denied by 1" in out
    assert '"Nordland has never sent weapons to the River Front." [nordland-statement] (deny)' in out


def test_only_denied_is_answered_with_contested_as_analysts_would_not_take_a_denial_for_a_claim() -> None:
    assert [c["id"] for c in as_json("clients", "nordland")["clients"]] == ["vesper-brigade"]
    clients = {c["id"]: c["chains"][0].get("state") for c in as_json("clients", "nordland", "--contested")["clients"]}
    assert clients == {"vesper-brigade": None, "river-front": "contested", "delta-cell": "contested",
                       "gull-legion": "denied"}  # fmt: skip


def test_path_proxy_chains_and_proxy_wars_read_the_same_view() -> None:
    assert as_json("path", "ostmark", "delta-cell")["paths"] == []
    paths = as_json("path", "ostmark", "delta-cell", "--alleged")["paths"]
    assert [(p["nodes"], p["state"]) for p in paths] == [(["ostmark", "river-front", "delta-cell"], "alleged")]
    assert as_json("proxy-chains", "--sponsor", "nordland")["chains"] == []
    chains = as_json("proxy-chains", "--sponsor", "nordland", "--contested")["chains"]
    assert sorted((c["target"]["id"], c["state"], c["chain"]["state"]) for c in chains) == [
        ("gull-legion", "contested", "contested"),  # through the River Front, whose backing Nordland denies
        ("river-front", "denied", "denied"),  # through the Gull Legion, backed only in Nordland's denial
    ]
    assert as_json("proxy-wars", "--alleged")["wars"] == []
    wars = as_json("proxy-wars", "--alleged", "--contested")["wars"]
    fronts = [f for w in wars for f in w["fronts"]]
    assert [(f["side_a"], f["side_b"], f["state"]) for f in fronts] == [("gull-legion", "river-front", "denied")]
    assert (fronts[0]["backing_a"]["state"], fronts[0]["backing_b"]["state"]) == ("denied", "alleged")


def test_the_graph_notes_its_states_when_built_and_a_graph_changed_since_is_filtered_all_the_same() -> None:
    """`as_of` skips the look at every relation when the graph says, from its build, that all are
    confirmed; an edge added after the build is not covered by that note, so it is looked at."""
    from graph.model import Citation, Relation
    from graph.network import as_of, build_graph, relations

    G = build_graph(load_dataset())  # the bundled data: confirmed throughout
    assert {r.key for r in relations(as_of(G, None, claims=()))} == {r.key for r in relations(G)}
    denied = Relation("late", "iran", "backs", "badr", evidence=[Citation("report-2024-12-02", "q", stance="deny")])
    G.add_edge("iran", "badr", key="late", relation=denied, type="backs")
    kept = {r.key for r in relations(as_of(G, None, claims=()))}
    assert "late" not in kept and len(kept) == G.number_of_edges() - 1
    assert "late" in {r.key for r in relations(as_of(G, None, claims=("denied",)))}
    view = as_of(G, "2024")  # a view of the changed graph is filtered too
    assert "late" not in {r.key for r in relations(as_of(view, None, claims=()))}


def test_show_says_how_many_independent_sources_stand_behind_each_relation() -> None:
    data = as_json("show", "river-front", "--alleged", "--contested")
    assert {r["key"]: (r.get("state", "confirmed"), r["independent_sources"]) for r in data["relations"]} == {
        k: v for k, v in STATES.items() if "river-front" in k
    }
    code, out, _ = run("show", "gull-legion")
    assert code == 0 and "SOURCES" in out.splitlines()[2]
    row = next(line for line in out.splitlines() if line.startswith("gull-legion -fights- river-front"))
    assert row.split()[-1] == "1"  # two editions of the Harbor Post: one voice


def test_contested_lists_each_disputed_relation_with_the_quotes_on_each_side() -> None:
    data = as_json("contested")
    assert [(r["key"], r["state"], r["independent_sources"]) for r in data["relations"]] == [
        ("nordland/backs/river-front", "contested", 1),
        ("nordland/backs/gull-legion", "denied", 0),
    ]
    contested = data["relations"][0]
    assert [c["quote"] for c in contested["for"]] == ["Nordland also sends rifles to the River Front"]
    assert [c["quote"] for c in contested["against"]] == ["Nordland has never sent weapons to the River Front."]
    rows = as_csv("contested")
    assert [(r["key"], r["state"], r["asserted_by"], r["denied_by"]) for r in rows] == [
        ("nordland/backs/river-front", "contested", "1", "1"),
        ("nordland/backs/gull-legion", "denied", "0", "1"),
    ]
    assert rows[0]["evidence"].endswith(
        'nordland-statement: "Nordland has never sent weapons to the River Front." (deny)'
    )
    code, out, _ = run("contested")
    assert code == 0
    assert '    for: "Nordland also sends rifles to the River Front" [post-morning]' in out
    assert '    against: "Nordland has never sent weapons to the River Front." [nordland-statement] (deny)' in out


def test_the_bundled_data_has_nothing_contested_and_says_so() -> None:
    result = CliRunner().invoke(cli, ["contested"], env={"PROXYGRAPH_DATA": None})
    assert (result.exit_code, result.stderr) == (0, "(no contested or denied relations)\n")


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "argv",
    [
        ("path", "ostmark", "delta-cell"),
        ("path", "ostmark", "delta-cell", "--alleged"),
        ("path", "nordland", "delta-cell", "--contested"),
        ("proxy-chains", "--sponsor", "nordland", "--contested"),
        ("proxy-wars", "--alleged", "--contested"),
        ("supporters", "river-front", "--alleged", "--contested"),
    ],
    ids=" ".join,
)
def test_neo4j_backend_answers_the_claim_flags_as_networkx(
    argv: tuple[str, ...], store: Store, dataset_name: str
) -> None:
    store_module.load(store, load_dataset(CLAIMS), dataset_name)
    s = store.settings
    given = ["--backend", "neo4j", "--dataset-name", dataset_name, "--uri", s.uri, "--user", s.user,
             "--password", str(s.password), "--database", s.database]  # fmt: skip
    assert as_json(*argv, *given) == as_json(*argv)


@pytest.mark.neo4j
def test_neo4j_stores_each_stance_and_the_state_and_the_contested_query_lists_both_sides(
    store: Store, dataset_name: str
) -> None:
    dataset = load_dataset(CLAIMS)
    store_module.load(store, dataset, dataset_name)
    rows = store.read("MATCH ()-[r {dataset: $d}]->() RETURN r.key AS key, r.state AS state, "
                      "r.independent_sources AS n, r.evidence_stances AS stances", {"d": dataset_name})  # fmt: skip
    assert {r["key"]: (r["state"], r["n"]) for r in rows} == STATES
    stances = {r["key"]: r["stances"] for r in rows}
    assert stances["nordland/backs/river-front"] == ["assert", "deny"]
    assert stances["ostmark/backs/river-front"] == ["allege"]
    found_by = {
        flags: [
            (s.actor, s.chains[0].state) for s in backend.supporters(store, dataset_name, "delta-cell", claims=flags)
        ]
        for flags in ((), ("contested", "denied"))
    }  # supporters --backend neo4j: the relationships read back with their stances, the one view
    assert found_by == {(): [("river-front", "confirmed")],
                        ("contested", "denied"): [("river-front", "confirmed"), ("nordland", "contested")]}  # fmt: skip
    for name, start, claims, expected in (
        ("supporters", {"actor": "delta-cell"}, [], ["river-front"]),
        ("supporters", {"actor": "delta-cell"}, ["contested", "denied"], ["nordland", "river-front"]),
        ("clients", {"sponsor": "nordland"}, [], ["vesper-brigade"]),
        ("clients", {"sponsor": "nordland"}, ["alleged"], ["vesper-brigade"]),
    ):  # the named queries keep what the CLI keeps
        named = library.get(name)
        _, records = store.run(named.text, named.check_params({**start, "dataset": dataset_name, "claims": claims}))
        assert sorted(store_module.plain(r)[name[:-1]] for r in records) == expected
    query = library.get("contested")
    _, records = store.run(query.text, query.check_params({"dataset": dataset_name}))
    found = [store_module.plain(r) for r in records]
    assert [(r["relation"], r["state"], r["claimed_by"], r["denied_by"]) for r in found] == [
        ("nordland/backs/river-front", "contested", ["post-morning: Nordland also sends rifles to the River Front"],
         ["nordland-statement: Nordland has never sent weapons to the River Front."]),
        ("nordland/backs/gull-legion", "denied", [],
         ["nordland-statement: Nordland gives nothing to the Gull Legion <and never has>"]),
    ]  # fmt: skip


EDGE_DASHES = "() => Object.fromEntries(proxygraph.edges.get().map(e => [proxygraph.data.edges[e.id].key, e.dashes]))"
SHOW_EDGE = """key => proxygraph.show({edge: Object.keys(proxygraph.data.edges)
    .find(id => proxygraph.data.edges[id].key === key)}, true)"""


@pytest.mark.browser
def test_the_page_draws_each_claim_in_its_own_line_says_so_in_the_legend_and_shows_both_sides(
    page: BrowserPage, tmp_path: Path
) -> None:
    dataset = load_dataset(CLAIMS)
    view = pagedata.View(claims=("alleged", "contested", "denied"))
    page.goto(render.write_page(dataset, tmp_path / "claims.html", view), wait_until="networkidle")
    page.page.wait_for_function("window.proxygraph && window.proxygraph.ready")
    alleged, contested = (pagedata.CLAIM_LINES[s][0] for s in ("alleged", "contested"))
    dashes = page.page.evaluate(EDGE_DASHES)
    assert {k: d for k, d in dashes.items() if d} == {
        "ostmark/backs/river-front": alleged,
        "nordland/backs/river-front": contested,
        "nordland/backs/gull-legion": contested,
    }
    keys = page.page.locator("#pg-legend-keys li").all_inner_texts()
    assert "dash-dot-dot: contested, a source denies it; both sides in its details (1)" in keys
    assert "long dashes: alleged, no source asserts it (1)" in keys
    page.page.evaluate(SHOW_EDGE, "nordland/backs/river-front")
    details = page.page.locator("#pg-details-body").inner_text()
    assert "contested: asserted by 1, denied by 1" in details
    assert details.index("For (1)") < details.index("Nordland also sends rifles") < details.index("Against (1)")
    assert details.index("Against (1)") < details.index("“Nordland has never sent weapons to the River Front.”")
    assert "Nordland Press Office, 2031-03-04 (denies)" in details
    page.page.evaluate(SHOW_EDGE, "nordland/backs/gull-legion")  # a quote with markup in it stays text
    assert (
        "“Nordland gives nothing to the Gull Legion <and never has>”"
        in page.page.locator("#pg-details-body").inner_text()
    )
    assert page.page.locator("#pg-details-body blockquote *").count() == 0
    svg = page.page.evaluate("proxygraph.picture.svg()")  # the picture to take away draws them so too
    assert svg.count('stroke-dasharray="12 4 2 4 2 4"') == 4  # two relations and the legend rows of both states
    assert "dash-dot-dot: contested, a source denies it" in svg
    assert page.console_errors == [] and page.requests == []


@pytest.mark.browser
def test_a_page_without_the_flags_draws_only_what_is_confirmed(page: BrowserPage, tmp_path: Path) -> None:
    path = render.write_page(load_dataset(CLAIMS), tmp_path / "c.html", pagedata.View(claims=()))
    page.goto(path, wait_until="networkidle")
    page.page.wait_for_function("window.proxygraph && window.proxygraph.ready")
    assert sorted(page.page.evaluate(EDGE_DASHES)) == [k for k, (s, _) in sorted(STATES.items()) if s == "confirmed"]
    assert not any("dash-dot-dot" in k for k in page.page.locator("#pg-legend-keys li").all_inner_texts())


EVERY_COMMAND = [
    ("show", "river-front"), ("supporters", "delta-cell"), ("clients", "nordland"), ("path", "ostmark", "delta-cell"),
    ("proxy-chains",), ("proxy-wars",), ("blocs",), ("balance",), ("co-sponsored", "--min-shared", "1"),
    ("rank", "--by", "clients"), ("timeline", "river-front"), ("diff", "--from", "2030", "--to", "2032"),
]  # fmt: skip


def _relations_in(data: Any) -> list[dict[str, Any]]:
    """Every relation (a mapping with a key this dataset has) anywhere in a JSON answer."""
    if isinstance(data, list):
        return [r for item in data for r in _relations_in(item)]
    if not isinstance(data, dict):
        return []
    own = [data] if data.get("key") in STATES else []
    return own + [r for value in data.values() for r in _relations_in(value)]


@pytest.mark.parametrize("argv", EVERY_COMMAND, ids=" ".join)
def test_every_command_answers_with_confirmed_relations_and_marks_the_others_when_asked(argv: tuple[str, ...]) -> None:
    confirmed = {k for k, (state, _) in STATES.items() if state == "confirmed"}
    assert {r["key"] for r in _relations_in(as_json(*argv))} <= confirmed
    every = _relations_in(as_json(*argv, "--alleged", "--contested"))
    assert all(r.get("state", "confirmed") == STATES[r["key"]][0] for r in every)
    rows = as_csv(*argv, "--alleged", "--contested")
    column = "relation_state" if rows and "relation_state" in rows[0] else "state"
    assert all((r[column] or "confirmed") == STATES[r["key"]][0] for r in rows if r.get("key") in STATES)


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf"])
def test_export_carries_each_relation_state_and_its_independent_sources(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"claims.{fmt}"
    code, _, err = run("export", "--format", fmt, "--out", str(out), "--alleged", "--contested")
    assert code == 0, err
    if fmt == "json":
        edges = {e["key"]: (e["state"], e["independent_sources"]) for e in json.loads(out.read_text())["edges"]}
    else:
        import networkx as nx

        read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
        edges = {d["relation_key"]: (d["state"], int(d["independent_sources"])) for *_, d in read(out).edges(data=True)}
    assert edges == STATES
    run("export", "--format", "json", "--out", str(out))
    assert {e["state"] for e in json.loads(out.read_text())["edges"]} == {"confirmed"}  # by default: confirmed only
