"""Tests of graph/html/render.py, pagedata.py, highlight.py and `proxygraph render` (no browser)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.analytics import supporters as backing
from graph.cli import cli
from graph.dataset import load_dataset
from graph.errors import UnknownActor, UsageError
from graph.html import pagedata, render
from graph.html.highlight import highlight
from graph.model import Dataset
from graph.network import build_graph
from graph.vocabulary import ACTOR_KINDS, PLACE_KINDS, RELATION_TYPES
from tests.render_support import XSS, write_doubts_dataset, write_small_dataset


@pytest.fixture
def small(tmp_path: Path) -> Dataset:
    return load_dataset(write_small_dataset(tmp_path))


def block(html: str, block_id: str) -> Any:
    """The JSON of ``<script type="application/json" id=block_id>`` in a page."""
    m = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', html, re.S)
    assert m is not None, block_id
    return json.loads(m.group(1))


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "<!-- x", "a & b", "line\u2028sep\u2029", XSS, "Ḥalab"],
)
def test_script_json_round_trips_and_cannot_close_the_script(value: str) -> None:
    text = render.script_json({"v": value, "list": [value]})
    assert json.loads(text) == {"v": value, "list": [value]}
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text


def test_page_carries_no_raw_markup_from_the_data(small: Dataset) -> None:
    html = render.render_page(small)
    assert XSS not in html
    assert "<img" not in html
    assert "</script><script>alert(2)" not in html
    raw = re.search(r'id="pg-data">(.*?)</script>', html, re.S)
    assert raw is not None and "javascript:" not in raw.group(1)  # a script link is dropped
    assert "<b>its</b>" not in html
    assert html.count("</script>") == 6  # the template's six script elements: nothing closes one early
    nodes = {n["id"]: n for n in block(html, "pg-nodes")}
    assert nodes["militia"]["label"] == XSS  # shown as text by the page, from the JSON
    assert all("title" not in n for n in nodes.values())  # vis-network renders `title` as HTML
    assert all("title" not in e for e in block(html, "pg-edges"))


def test_page_is_self_contained(small: Dataset) -> None:
    html = render.render_page(small)
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", html, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html, re.I)
    for host in ("cdnjs", "jsdelivr", "unpkg", "bootstrap", "googleapis"):
        assert host not in html.lower()
    assert "vis-network" in html and "new vis.Network" in html


def test_legend_lists_the_vocabulary_entries_in_use(small: Dataset) -> None:
    legend = block(render.render_page(small), "pg-data")["legend"]
    assert legend["relation_types"] == [
        {"name": t.name, "description": t.description, "color": t.color, "dashes": t.dashes,
         "directed": t.directed, "count": count}
        for t, count in ((RELATION_TYPES["backs"], 1), (RELATION_TYPES["fights"], 1), (RELATION_TYPES["controls"], 2))
    ]  # fmt: skip
    kinds = [(k["class"], k["name"], k["color"], k["shape"], k["count"]) for k in legend["kinds"]]
    assert kinds == [
        ("actor", "state", ACTOR_KINDS["state"].color, ACTOR_KINDS["state"].shape, 1),
        ("actor", "militia", ACTOR_KINDS["militia"].color, ACTOR_KINDS["militia"].shape, 1),
        ("actor", "rebel-group", ACTOR_KINDS["rebel-group"].color, ACTOR_KINDS["rebel-group"].shape, 1),
        ("place", "city", PLACE_KINDS["city"].color, PLACE_KINDS["city"].shape, 1),
    ]


def test_bundled_legend_covers_every_type_in_the_data() -> None:
    dataset = load_dataset()
    legend = block(render.render_page(dataset), "pg-data")["legend"]
    in_use = {r.type for r in dataset.relations}
    assert [t["name"] for t in legend["relation_types"]] == [t for t in RELATION_TYPES if t in in_use]


def test_edges_styled_by_type_confidence_and_end(small: Dataset) -> None:
    edges = {
        (e["from"], e["to"], e["arrows"]["to"]["enabled"]): e for e in pagedata.vis_edges(build_graph(small), None)
    }
    backs = edges["patron", "militia", True]  # directed, ongoing, high confidence
    fights = edges["militia", "rebels", False]  # symmetric: no arrow; ended 2015; low
    assert backs["color"]["color"] == RELATION_TYPES["backs"].color and backs["color"]["opacity"] == 1.0
    assert backs["dashes"] is False and backs["width"] == pytest.approx(3.6)
    assert fights["dashes"] == pagedata.ENDED_DASHES and fights["color"]["opacity"] == pagedata.ENDED_OPACITY
    assert fights["width"] == pytest.approx(1.2)


def test_edge_details_carry_evidence_dates_and_year_span(small: Dataset) -> None:
    data = block(render.render_page(small), "pg-data")
    assert data["years"] == list(range(2012, 2018))
    by_key = {e["key"]: e for e in data["edges"].values()}
    fights = by_key["militia/fights/rebels@2012"]
    assert fights["span"] == [2012, 2015] and fights["status"] == "ended" and fights["until"] == "2015"
    assert fights["evidence"] == [{"title": "A source with a script link", "publisher": None, "published": None,
                                   "url": None, "quote": "they fought", "record": None}]  # fmt: skip
    backs = by_key["patron/backs/militia@2013"]
    assert backs["span"] == [2013, 2017] and backs["support"] == ["weapons", "funding"]
    assert backs["evidence"][0]["url"] == "https://example.org/report"
    assert data["nodes"]["patron"]["aliases"] == ["The Patron"]


def test_as_of_and_types_drop_the_nodes_they_leave_alone(small: Dataset) -> None:
    G, hl = pagedata.select(build_graph(small), pagedata.View(as_of="2016"))
    assert sorted(G.nodes) == ["militia", "patron", "rebels", "town"] and G.number_of_edges() == 2
    assert hl is None
    G, _ = pagedata.select(build_graph(small), pagedata.View(types=["backs"]))
    assert sorted(G.nodes) == ["militia", "patron"]


def test_focus_keeps_the_neighbourhood(small: Dataset) -> None:
    G, _ = pagedata.select(build_graph(small), pagedata.View(focus="The Patron", radius=1))
    assert sorted(G.nodes) == ["militia", "patron"]
    G, _ = pagedata.select(build_graph(small), pagedata.View(focus="patron", radius=2))
    assert sorted(G.nodes) == ["militia", "patron", "rebels", "town"]


@pytest.mark.parametrize(
    ("view", "title"),
    [
        (pagedata.View(), "small"),
        (pagedata.View(focus="patron", radius=1), "small - around patron (1 hop)"),
        (pagedata.View(as_of="2016", focus="patron", types=["backs", "fights"]),
         "small - as of 2016 - around patron (2 hops) - backs, fights"),
    ],
)  # fmt: skip
def test_page_title_says_what_is_drawn(small: Dataset, view: pagedata.View, title: str) -> None:
    assert render.title_of(small, view) == title
    assert block(render.render_page(small, view), "pg-data")["title"] == title


def test_path_highlight_marks_the_path_and_fades_the_rest() -> None:
    G = build_graph(load_dataset())
    hl = highlight(G, "path: Iran , hts")
    assert hl.nodes == {"iran", "assad-government", "iran-allied-militias", "iraqi-militias", "syrian-rebels", "hts"}
    nodes = {n["id"]: n for n in pagedata.vis_nodes(G, hl)}
    assert nodes["iran"]["borderWidth"] == 4 and "opacity" not in nodes["iran"]
    assert nodes["turkey"]["opacity"] == pagedata.FADED_NODE
    assert nodes["turkey"]["font"] == pagedata.FADED_FONT  # a node's opacity leaves its label alone
    assert "font" not in nodes["iran"]  # its label is drawn bold by the page (labels.js)


def test_supporters_highlight_stops_at_states_and_governments(make_graph: Callable[..., Any]) -> None:
    # far backs ally, a government: ally backs regime for its own ends, so far is no supporter
    # of regime (the library's default); sponsor backs regime through militia, which relays.
    G = make_graph(
        {"regime": "government", "ally": "government", "far": "state", "sponsor": "state", "militia": "militia"},
        [("far", "backs", "ally"), ("ally", "backs", "regime"), ("sponsor", "backs", "militia"),
         ("militia", "backs", "regime"), ("regime", "fights", "far")],
    )  # fmt: skip
    hl = highlight(G, "supporters:regime")
    assert hl.label == "supporters of regime"
    assert hl.nodes == {"regime", "ally", "sponsor", "militia"}
    assert hl.relations == {"r1", "r2", "r3"}  # relation keys are the ids rN, N the index above
    nodes = {n["id"]: n for n in pagedata.vis_nodes(G, hl)}
    assert nodes["far"]["opacity"] == pagedata.FADED_NODE and nodes["ally"]["borderWidth"] == 4


def test_supporters_highlight_on_the_bundled_data_follows_the_library() -> None:
    G = build_graph(load_dataset())
    hl = highlight(G, "supporters:Assad government")
    found = backing.supporters(G, "assad-government")
    assert hl.nodes == {"assad-government"} | {n for s in found for c in s.chains for n in c.nodes}
    assert {"iran", "russia", "iran-allied-militias", "iraqi-militias", "government-of-iraq"} <= hl.nodes
    assert "iran/backs/assad-government" in hl.relations
    # the US backs Iraq, Iraq backs Assad: only a chain through states would make it a supporter
    assert "government-of-united-states-of-america" not in hl.nodes
    via_states = backing.supporters(G, "assad-government", via_states=True)
    assert "government-of-united-states-of-america" in {s.actor for s in via_states}


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("pth:iran,hts", "unknown highlight 'pth' - did you mean 'path'?"),
        ("path:iran", "path takes two actors, e.g. path:iran,hts"),
        ("supporters:", "supporters takes one actor, e.g. supporters:assad-government"),
    ],
)
def test_bad_highlight(spec: str, message: str) -> None:
    with pytest.raises(UsageError) as exc:
        highlight(build_graph(load_dataset()), spec)
    assert str(exc.value) == message


def test_highlight_unknown_actor() -> None:
    with pytest.raises(UnknownActor, match="unknown actor 'irn' - did you mean 'iran'"):
        highlight(build_graph(load_dataset()), "path:irn,hts")


def test_cli_render_writes_utf8_page(tmp_path: Path, small: Dataset) -> None:
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["render", "--data", small.root, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out} ({out.stat().st_size // 1024} KB)\n"
    html = out.read_bytes().decode("utf-8")
    assert "Ḥalab Town" in html and html.startswith("<!doctype html>")


def test_cli_render_default_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["render", "--types", "backs, fights", "--as-of", "2014"])
    assert result.exit_code == 0, result.output
    data = block((tmp_path / "syria.html").read_text(encoding="utf-8"), "pg-data")
    assert data["title"] == "syria - as of 2014 - backs, fights"
    assert {e["type"] for e in data["edges"].values()} == {"backs", "fights"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "irn"], "Error: unknown actor 'irn' - did you mean 'iran'?\n"),
        (["--types", "figts"], "Error: unknown relation type 'figts' - did you mean 'fights'?\n"),
        (["--as-of", "2016-13"], "Error: bad date: '2016-13' has no month 13\n"),
        (["--highlight", "bloks"], "Error: unknown highlight 'bloks' - "),
        (["--highlight", "path:iran"], "Error: --highlight path takes two actors, e.g. path:iran,hts\n"),
    ],
)
def test_cli_render_errors(args: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", "--out", str(tmp_path / "x.html"), *args])
    assert result.exit_code == 2
    assert result.output.startswith(message)


def test_cli_render_into_a_missing_folder_is_one_line_and_exit_1() -> None:
    """A page that cannot be written is a write error (exit 1), not bad usage; more in test_writes."""
    result = CliRunner().invoke(cli, ["render", "--out", "/nonexistent/dir/x.html"])
    assert (result.exit_code, result.output) == (
        1, "Error: cannot write /nonexistent/dir/x.html: the folder /nonexistent/dir does not exist\n"
    )  # fmt: skip


def test_render_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["render", "--help"])
    assert result.exit_code == 0
    assert "proxygraph render --out syria.html" in result.output


def test_chains_highlight_follows_the_proxy_chains_of_a_sponsor() -> None:
    hl = highlight(build_graph(load_dataset()), "chains:Tehran")
    assert hl.label == "proxy chains of iran"
    assert {"iran", "iraqi-militias", "syrian-rebels"} <= hl.nodes and "russia" not in hl.nodes
    assert "iran/backs/iraqi-militias" in hl.relations


def test_blocs_highlight_borders_each_camp_in_its_colour() -> None:
    G = build_graph(load_dataset())
    hl = highlight(G, "blocs")
    assert hl.groups["iran"] == hl.groups["russia"] != hl.groups["hts"] == hl.groups["turkey"]
    nodes = {n["id"]: n for n in pagedata.vis_nodes(G, hl)}
    assert nodes["iran"]["color"]["border"] != nodes["turkey"]["color"]["border"]
    assert nodes["aleppo"]["opacity"] == pagedata.FADED_NODE  # places take no side
    with pytest.raises(UsageError, match=r"^blocs takes no argument$"):
        highlight(G, "blocs:iran")


@pytest.fixture
def doubts(tmp_path: Path) -> Dataset:
    return load_dataset(write_doubts_dataset(tmp_path))


def dash_dotted(html: str) -> list[str]:
    """The keys of the relations a page draws dash-dot (only may hold on its date)."""
    keys = {i: e["key"] for i, e in block(html, "pg-data")["edges"].items()}
    return sorted(keys[e["id"]] for e in block(html, "pg-edges") if e["dashes"] == pagedata.MAY_DASHES)


def test_possible_page_draws_what_only_may_hold_dash_dot(doubts: Dataset) -> None:
    html = render.render_page(doubts, pagedata.View(as_of="2016", possible=True))
    data = block(html, "pg-data")
    assert data["title"] == "doubts - as of 2016, with what may hold" and data["possible"] is True
    # the militia's war is known to 2014 only (its dataset ends then): in 2016 it may hold
    assert dash_dotted(html) == ["militia/fights/rebels@2012"]
    assert data["legend"]["may_hold"] == {"dashes": pagedata.MAY_DASHES, "count": 1}
    by_key = {e["key"]: e for e in data["edges"].values()}
    war = by_key["militia/fights/rebels@2012"]
    assert war["possible"] == "after the data's end (2014)" and war["span"] == [2012, 2014]
    assert war["maybe"] == [[2015, 2016, "after the data's end (2014)"]]
    # the backs relation is known from its source's date (2016-05): before, its start is unknown
    assert by_key["patron/backs/militia"]["maybe"] == [[2012, 2015, "start unknown"]]
    assert by_key["patron/fights/rebels@2013"]["dashes"] == pagedata.ENDED_DASHES  # its own line when known


def test_without_possible_a_page_holds_only_what_is_known(doubts: Dataset) -> None:
    html = render.render_page(doubts, pagedata.View(as_of="2016"))
    data = block(html, "pg-data")
    assert sorted(e["key"] for e in data["edges"].values()) == ["patron/backs/militia", "patron/fights/rebels@2013"]
    assert dash_dotted(html) == [] and data["legend"]["may_hold"] is None and data["possible"] is False
    assert all("maybe" not in e for e in data["edges"].values())


def test_possible_marks_follow_the_one_date_rule_on_the_bundled_data() -> None:
    dataset = load_dataset()
    html = render.render_page(dataset, pagedata.View(as_of="2020", possible=True))
    doubted = sorted(r.key for r in dataset.relations if r.holding(dt.date(2020, 1, 1), dt.date(2020, 12, 31)))
    assert doubted and dash_dotted(html) == doubted
    assert block(html, "pg-data")["legend"]["may_hold"]["count"] == len(doubted)


def test_cli_render_possible_and_source(tmp_path: Path, doubts: Dataset) -> None:
    out = tmp_path / "page.html"
    args = ["render", "--data", doubts.root, "--as-of", "2016", "--out", str(out)]
    assert CliRunner().invoke(cli, [*args, "--possible"]).exit_code == 0
    assert dash_dotted(out.read_text(encoding="utf-8")) == ["militia/fights/rebels@2012"]
    assert CliRunner().invoke(cli, [*args, "--possible", "--source", "rows"]).exit_code == 0
    data = block(out.read_text(encoding="utf-8"), "pg-data")
    assert [e["key"] for e in data["edges"].values()] == ["militia/fights/rebels@2012"]
    result = CliRunner().invoke(cli, [*args, "--source", "rpt"])
    assert result.exit_code == 2 and result.output.startswith("Error: --source: unknown source 'rpt'")
