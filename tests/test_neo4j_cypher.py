"""The Cypher library of cypher/, run against the bundled dataset in the real local Neo4j."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

import graph.neo4j.queries as library
from graph.analytics import supporters as backing
from graph.cli import cli
from graph.model import Dataset
from graph.neo4j import store as store_module
from graph.neo4j.store import Settings, Store
from graph.neo4j.style import grass
from graph.network import as_of, build_graph
from graph.vocabulary import ACTOR_KINDS

pytestmark = pytest.mark.neo4j


def run(store: Store, name: str, **params: Any) -> list[dict[str, Any]]:
    query = library.get(name)
    _, records = store.run(query.text, query.check_params(params or dict(query.params)))
    return [store_module.plain(r) for r in records]


def column(rows: list[dict[str, Any]], name: str) -> list[Any]:
    return [r[name] for r in rows]


# What each query answers on the bundled dataset with its example parameters (hand-checked
# against the YAML and against the networkx commands named in each query's header).
EXPECTED: dict[str, tuple[str, list[Any]]] = {
    "supporters": ("supporter", ["iran", "iran-allied-militias", "iraqi-militias", "russia"]),
    "clients": ("client", ["assad-government", "iran-allied-militias", "iraqi-militias", "badr", "nujaba"]),
    "proxy-chains": ("target", ["assad-government", "iran-allied-militias", "iraqi-militias", "russia",
                                "badr", "nujaba"]),
    "proxy-wars": ("sponsor_a", ["iran", "iran-allied-militias", "iraqi-militias", "russia"]),
    "bases-by-country": ("actor", ["badr", "iran-allied-militias", "nujaba", "russia", "turkey"]),
    "shortest-path": ("path", [["iran", "assad-government", "syrian-rebels", "hts"],
                               ["iran", "iran-allied-militias", "syrian-rebels", "hts"],
                               ["iran", "iraqi-militias", "syrian-rebels", "hts"]]),
    "actors-by-kind": ("id", ["iran-allied-militias", "iraqi-militias", "syrian-rebels", "turkish-backed-rebels"]),
    "citations": ("quote", ["Tehran pledged to aid the Damascus government.", "Iran will provide any support needed"]),
    "relations-of": ("to", ["al-qaeda", "syrian-rebels"]),
}  # fmt: skip


def test_the_library_has_ten_documented_queries() -> None:
    found = library.queries()
    assert len(found) >= 10
    for q in found:
        assert q.description, q.name
        assert all("$" + p in q.text for p in q.params), q.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_names_the_expected_actors(name: str, store: Store, loaded_bundled: Dataset) -> None:
    col, expected = EXPECTED[name]
    found = [tuple(x) if isinstance(x, list) else x for x in column(run(store, name), col)]
    missing = [x for x in expected if (tuple(x) if isinstance(x, list) else x) not in found]
    assert missing == []  # more data may add rows, never take these away


def test_shortest_path_matches_networkx(store: Store, loaded_bundled: Dataset) -> None:
    from graph.analytics.paths import paths

    expected = [c.nodes for c in paths(build_graph(loaded_bundled), "iran", "hts")]
    assert column(run(store, "shortest-path"), "path") == sorted(expected)


def test_who_backs_whom(store: Store, loaded_bundled: Dataset) -> None:
    rows = [r for r in run(store, "who-backs-whom") if r["dataset"] == "syria"]
    pairs = {(r["supporter"], r["recipient"]) for r in rows}
    wanted = {(r.source, r.target) for r in loaded_bundled.relations if r.type == "backs"}
    assert pairs == wanted and ("turkey", "turkish-backed-rebels") in pairs


CHAIN_QUERIES = [
    ("supporters", backing.supporters, "actor", "supporter"),
    ("clients", backing.clients, "sponsor", "client"),
]


# the questions asked of both: (via_states, inherit_membership, date, possible)
CHAIN_QUESTIONS = [
    (False, True, None, False), (True, True, None, False), (False, False, None, False), (True, False, None, False),
    (False, True, None, True), (False, True, "2016-06-01", False), (False, True, "2016-06-01", True),
    (False, True, "1990-06-01", True), (False, True, "2018-06-01", True), (False, False, "2024-12-02", False),
]  # fmt: skip


@pytest.mark.parametrize(("via_states", "inherit", "date", "possible"), CHAIN_QUESTIONS)
@pytest.mark.parametrize(("name", "answer", "param", "col"), CHAIN_QUERIES)
def test_chains_answer_as_the_cli_does(
    name: str, answer: Any, param: str, col: str, via_states: bool, inherit: bool, date: str | None, possible: bool,
    store: Store, loaded_bundled: Dataset,
) -> None:  # fmt: skip
    """Every actor's supporters (clients), their depths and whether their best chain only may hold, as
    `graph.analytics.supporters` finds them at --depth 10 with the same via_states, membership, date and
    possible: the same rules of relays, membership and time (`graph.analytics.held`)."""
    G = as_of(build_graph(loaded_bundled), date, possible=possible)
    ends = [(r.source, r.target) for r in loaded_bundled.relations if r.type in ("backs", "member-of")]
    starts = sorted({t for _, t in ends} | {s for s, _ in ends})
    params = {"via_states": via_states, "inherit_membership": inherit, "date": date, "possible": possible,
              "dataset": loaded_bundled.name}  # fmt: skip
    answered = 0
    for actor in starts:
        found = answer(G, actor, max_depth=10, via_states=via_states, inherit_membership=inherit)
        expected = {(s.actor, s.depth, s.chains[0].possible is not None) for s in found}
        got = {(r[col], r["depth"], r["possible"]) for r in run(store, name, **{param: actor}, **params)}
        assert got == expected, actor
        answered += bool(expected)
    assert answered  # the comparison was not of empty answers only


def test_chain_queries_follow_membership_as_the_sources_say(store: Store, loaded_bundled: Dataset) -> None:
    """Badr is backed by Iran through the Iraqi militias; HTS by no one, unless what may hold is asked."""
    badr = run(store, "supporters", actor="badr")
    assert [(r["supporter"], r["chain"], r["possible"]) for r in badr] == [("iran", ["iran", "iraqi-militias", "badr"],
                                                                           False)]  # fmt: skip
    assert {"badr", "nujaba"} <= set(column(run(store, "clients", sponsor="iran"), "client"))
    assert "badr" not in column(run(store, "clients", sponsor="iran", inherit_membership=False), "client")
    assert run(store, "supporters", actor="hts") == []
    assert {r["possible"] for r in run(store, "supporters", actor="hts", possible=True)} == {True}


def test_chain_queries_hold_only_while_every_hop_does(store: Store, loaded_bundled: Dataset) -> None:
    """jrtn backed islamic-state in 2014, islamic-state backed syrian-rebels in 2011-2012: no chain."""
    assert column(run(store, "clients", sponsor="jrtn"), "client") == ["islamic-state"]
    assert "jrtn" not in column(run(store, "supporters", actor="syrian-rebels"), "supporter")


@pytest.mark.parametrize("sponsor", ["turkey", "iran", "russia", "jrtn", "government-of-united-states-of-america"])
@pytest.mark.parametrize("via_states", [False, True])
def test_proxy_chains_query_agrees_with_the_cli(
    sponsor: str, via_states: bool, store: Store, loaded_bundled: Dataset
) -> None:
    """The same (target, proxy) pairs as `proxy_chains`: the relay rule (lifted by via_states), one dataset."""
    from graph.analytics.proxies import proxy_chains

    rows = run(store, "proxy-chains", sponsor=sponsor, via_states=via_states, dataset="syria")
    found = {(r["target"], r["proxy"]) for r in rows}
    G = build_graph(loaded_bundled)
    expected = {(c.target, c.proxy) for c in proxy_chains(G, sponsor=sponsor, via_states=via_states)}
    assert found == expected and found
    if sponsor == "government-of-united-states-of-america":  # it backs Iraq, which backs others
        lifted = {(c.target, c.proxy) for c in proxy_chains(G, sponsor=sponsor, via_states=True)}
        assert via_states or lifted != expected


def test_proxy_wars_query_agrees_with_the_cli(store: Store, loaded_bundled: Dataset) -> None:
    from graph.analytics.proxies import proxy_wars

    rows = run(store, "proxy-wars", dataset="syria")
    found = {(r["sponsor_a"], r["sponsor_b"]): set(r["sides"]) for r in rows}
    wars = proxy_wars(build_graph(loaded_bundled))
    assert found == {w.sponsors: {f"{a} vs {b}" for a, b in w.sides} for w in wars}


def test_as_of_reads_dates_as_intervals(store: Store, loaded_bundled: Dataset) -> None:
    aleppo = {(r["from"], r["to"]) for r in run(store, "as-of", date="2016-06-01") if r["type"] == "controls"}
    assert ("syrian-rebels", "aleppo") in aleppo and ("assad-government", "aleppo") in aleppo  # both held in 2016
    later = {(r["from"], r["to"]) for r in run(store, "as-of", date="2020-01-01") if r["type"] == "controls"}
    assert ("syrian-rebels", "aleppo") not in later and ("assad-government", "aleppo") in later
    before = {r["from"] for r in run(store, "as-of", date="2024-11-30") if r["type"] == "backs"}
    assert "iraqi-militias" not in before  # since 2024-12-01


def test_style_file_is_generated_from_the_vocabulary() -> None:
    committed = (library.CYPHER_DIR / "style.grass").read_text(encoding="utf-8")
    assert committed == grass(), "cypher/style.grass is stale: run `proxygraph cypher style --out cypher/style.grass`"
    for kind in ACTOR_KINDS.values():
        assert f"node.{kind.label} {{\n  color: {kind.color};" in committed


def _conn(settings: Settings) -> list[str]:
    return ["--uri", settings.uri, "--password", str(settings.password), "--database", settings.database]


def test_cli_cypher_run_json(neo4j_settings: Settings, loaded_bundled: Dataset) -> None:
    args = ["cypher", "run", "supporters", "--param", "actor=assad-government", "--format", "json"]
    result = CliRunner().invoke(cli, args + _conn(neo4j_settings))
    assert result.exit_code == 0, result.output
    assert {"iran", "iran-allied-militias", "russia"} <= {r["supporter"] for r in json.loads(result.output)}


def test_cli_cypher_list() -> None:
    result = CliRunner().invoke(cli, ["cypher", "list", "--format", "csv"])
    assert result.exit_code == 0
    params = ("actor=assad-government via_states=false inherit_membership=true date=null possible=false dataset=null "
              "claims=[]")  # fmt: skip
    assert f'\nsupporters,{params},"Supporters of an actor' in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["supporters"], "Error: query 'supporters' needs actor (e.g. --param actor=assad-government)"),
        (["supporters", "--param", "actor=x", "--param", "depth=2"],
         "Error: query 'supporters' has no parameter 'depth' (it takes actor, via_states, inherit_membership, date, "
         "possible, dataset, claims)"),
        (["supporter"], "Error: no query 'supporter' - did you mean 'supporters'?"),
        (["supporters", "--param", "actor"], "Error: bad --param 'actor': write it as key=value"),
    ],
)  # fmt: skip
def test_cli_cypher_run_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["cypher", "run", *args, "--password", "unused"])
    assert result.exit_code == 2
    assert result.output.strip() == message


def test_parse_value() -> None:
    assert [library.parse_value(v) for v in ("3", "true", '["a", "b"]', "2016-01-01", "'x'")] == [
        3, True, ["a", "b"], "2016-01-01", "x"
    ]  # fmt: skip


@pytest.mark.parametrize("seed", [2, 3])  # at seed 3, 8 pairs of sponsors are at war only through a longer route
def test_proxy_queries_agree_with_the_cli_on_random_graphs(seed: int, store: Store, dataset_name: str) -> None:
    """Dated, nested membership (groups in coalitions, coalitions in umbrellas, groups in both):
    a fight is found through whichever membership route holds with it, in Cypher as in the library."""
    from graph.analytics.proxies import proxy_chains, proxy_wars
    from tests.synthetic import generate_proxy_wars

    ds = generate_proxy_wars(1000, seed=seed)
    store_module.load(store, ds, dataset_name)
    G = as_of(build_graph(ds), None, claims=[])
    rows = run(store, "proxy-wars", dataset=dataset_name)
    found = {(r["sponsor_a"], r["sponsor_b"]): set(r["sides"]) for r in rows}
    assert found == {w.sponsors: {f"{a} vs {b}" for a, b in w.sides} for w in proxy_wars(G)} and found
    sponsors = sorted({r.source for r in ds.relations if r.type == "backs"})
    for sponsor in sponsors[:: max(1, len(sponsors) // 8)]:
        chains = {(r["target"], r["proxy"]) for r in run(store, "proxy-chains", sponsor=sponsor, via_states=False,
                                                           dataset=dataset_name)}  # fmt: skip
        assert chains == {(c.target, c.proxy) for c in proxy_chains(G, sponsor=sponsor)}, sponsor
