"""The rendered page in a real headless Chromium: what it draws, filters, shows, and never runs."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest

from graph.analytics.balance import blocs
from graph.dataset import load_dataset
from graph.html import pagedata, render
from graph.html.highlight import highlight
from graph.model import Dataset
from graph.network import build_graph, relations
from graph.vocabulary import ACTOR_KINDS, PLACE_KINDS, RELATION_TYPES
from tests.browser import BrowserPage  # the plugin's fixtures come through tests/conftest.py
from tests.render_support import XSS, node_kind_key, shown_by_filters, write_doubts_dataset, write_small_dataset
from tests.synthetic import generate

pytestmark = pytest.mark.browser

DRAWN = "[proxygraph.nodes.get({filter: n => !n.hidden}).length, proxygraph.edges.get({filter: e => !e.hidden}).length]"
SHOWN_NODES = "() => proxygraph.nodes.get({filter: n => !n.hidden}).map(n => n.id).sort()"
SHOWN_KEY = "proxygraph.data.edges[document.getElementById('pg-details-body').dataset.showing.slice(5)].key"
SHOWN_EDGES = """() => proxygraph.edges.get({filter: e => !e.hidden})
    .map(e => proxygraph.data.edges[e.id]).map(d => `${d.from} ${d.type} ${d.to}`).sort()"""


def open_page(page: BrowserPage, path: Path) -> None:
    page.goto(path, wait_until="networkidle")
    page.page.wait_for_function("window.proxygraph && window.proxygraph.ready")


def shows(page: BrowserPage) -> tuple[list[str], list[str]]:
    """The node ids and relations (``"from type to"``) the page shows, sorted."""
    return page.page.evaluate(SHOWN_NODES), page.page.evaluate(SHOWN_EDGES)


def counts_line(page: BrowserPage) -> str:
    return page.page.locator("#pg-counts").inner_text()


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render.write_page(load_dataset(), tmp_path_factory.mktemp("render") / "syria.html")


@pytest.fixture(scope="module")
def drawn() -> nx.MultiDiGraph[str]:
    """The graph the bundled page draws, as graph.html.pagedata selects it (the whole dataset)."""
    G, _ = pagedata.select(build_graph(load_dataset()), pagedata.View())
    return G


@pytest.fixture
def small_page(tmp_path: Path) -> Path:
    return render.write_page(load_dataset(write_small_dataset(tmp_path)), tmp_path / "small.html")


def test_bundled_page_draws_every_node_and_relation_offline(
    page: BrowserPage, bundled_page: Path, drawn: nx.MultiDiGraph[str]
) -> None:
    dataset = load_dataset()
    n, m = drawn.number_of_nodes(), drawn.number_of_edges()
    assert (n, m) == (len(dataset.actors) + len(dataset.places), len(dataset.relations))
    open_page(page, bundled_page)
    assert page.page.evaluate(DRAWN) == [n, m]
    assert shows(page) == shown_by_filters(drawn)
    assert page.page.evaluate("proxygraph.network.body.nodeIndices.length") == n  # what vis-network draws
    assert page.page.evaluate("proxygraph.network.body.edgeIndices.length") == m
    assert page.page.evaluate("proxygraph.network.physics.physicsEnabled") is False  # stopped after layout
    assert page.requests == []
    assert page.console_errors == []
    assert counts_line(page) == f"{n} of {n} actors and places, {m} of {m} relations shown"
    page.screenshot("render-syria")


def test_legend_lists_every_relation_type_in_use(
    page: BrowserPage, bundled_page: Path, drawn: nx.MultiDiGraph[str]
) -> None:
    open_page(page, bundled_page)
    types = [r.type for r in relations(drawn)]
    assert set(types) == {r.type for r in load_dataset().relations}
    in_use = [(t, str(types.count(t))) for t in RELATION_TYPES if t in types]
    rows = page.page.locator("#pg-legend-types li label")
    names = rows.locator("span:not(.line):not(.count)").all_inner_texts()
    assert list(zip(names, rows.locator("span.count").all_inner_texts(), strict=True)) == in_use
    kinds = [node_kind_key(drawn, n) for n in drawn]
    vocabulary = [f"actor:{k}" for k in ACTOR_KINDS] + [f"place:{k}" for k in PLACE_KINDS]
    kinds_in_use = [(k.split(":")[1], str(kinds.count(k))) for k in vocabulary if k in kinds]
    rows = page.page.locator("#pg-legend-kinds li label")
    names = rows.locator("span:not(.shape):not(.count)").all_inner_texts()
    assert list(zip(names, rows.locator("span.count").all_inner_texts(), strict=True)) == kinds_in_use
    keys = page.page.locator("#pg-legend-kinds input").evaluate_all("boxes => boxes.map(b => b.dataset.key)")
    assert keys == [k for k in vocabulary if k in kinds]


def test_type_filter_hides_its_relations_and_only_them(
    page: BrowserPage, bundled_page: Path, drawn: nx.MultiDiGraph[str]
) -> None:
    open_page(page, bundled_page)
    before = page.page.evaluate(SHOWN_EDGES)
    page.page.locator("#pg-legend-types input[data-key='fights']").uncheck()
    after = page.page.evaluate(SHOWN_EDGES)
    assert after == [e for e in before if " fights " not in e]
    assert len(before) - len(after) == sum(r.type == "fights" for r in relations(drawn)) > 0
    assert shows(page) == shown_by_filters(drawn, hidden_types={"fights"})
    page.page.locator("#pg-legend-types input[data-key='fights']").check()
    assert page.page.evaluate(SHOWN_EDGES) == before


def test_kind_filter_hides_places(page: BrowserPage, bundled_page: Path, drawn: nx.MultiDiGraph[str]) -> None:
    open_page(page, bundled_page)
    places = {node_kind_key(drawn, n) for n, a in drawn.nodes(data=True) if a["node_class"] == "place"}
    assert "place:city" in places
    for kind in places:
        page.page.locator(f"#pg-legend-kinds input[data-key='{kind}']").uncheck()
    nodes, edges = shows(page)
    assert (nodes, edges) == shown_by_filters(drawn, hidden_kinds=places)
    assert "aleppo" not in nodes and not any(e.endswith(" aleppo") for e in edges)
    assert page.page.evaluate("proxygraph.nodes.get('aleppo').hidden") is True
    assert counts_line(page).startswith(f"{len(nodes)} of {drawn.number_of_nodes()} actors and places, "
                                        f"{len(edges)} of {drawn.number_of_edges()} relations")  # fmt: skip


def test_filters_on_a_small_page(page: BrowserPage, small_page: Path) -> None:
    # patron backs militia; militia fights rebels; rebels, then militia, control town
    open_page(page, small_page)
    assert counts_line(page) == "4 of 4 actors and places, 4 of 4 relations shown"
    page.page.locator("#pg-legend-types input[data-key='fights']").uncheck()
    assert shows(page) == (
        ["militia", "patron", "rebels", "town"],
        ["militia controls town", "patron backs militia", "rebels controls town"],
    )
    page.page.locator("#pg-legend-kinds input[data-key='place:city']").uncheck()  # rebels lose their last line
    assert shows(page) == (["militia", "patron"], ["patron backs militia"])
    assert counts_line(page) == "2 of 4 actors and places, 1 of 4 relations shown"
    page.page.locator("#pg-legend-types input[data-key='fights']").check()
    assert shows(page) == (["militia", "patron", "rebels"], ["militia fights rebels", "patron backs militia"])
    page.page.locator("#pg-year").fill("2016")  # the fight ended in 2015
    assert shows(page) == (["militia", "patron"], ["patron backs militia"])


@pytest.mark.parametrize(
    ("year", "controllers"),
    [("2014", ["syrian-rebels"]), ("2018", ["assad-government"]), ("2024", ["assad-government", "syrian-rebels"])],
)
def test_year_slider_shows_the_graph_as_of_that_year(
    page: BrowserPage, bundled_page: Path, year: str, controllers: list[str]
) -> None:
    open_page(page, bundled_page)
    page.page.locator("#pg-year").fill(year)
    assert page.page.locator("#pg-year-label").inner_text() == year
    shown = page.page.evaluate(SHOWN_EDGES)
    assert [e.split()[0] for e in shown if e.endswith(" controls aleppo")] == controllers
    expected = pagedata.select(build_graph(load_dataset()), pagedata.View(as_of=year))[0]
    assert shown == sorted(f"{r.source} {r.type} {r.target}" for r in relations(expected))


def test_search_focuses_an_actor_by_alias_and_shows_details(page: BrowserPage, bundled_page: Path) -> None:
    open_page(page, bundled_page)
    page.page.locator("#pg-search").fill("tehran")
    page.page.locator("#pg-find button").click()
    assert page.page.evaluate("proxygraph.network.getSelectedNodes()") == ["iran"]
    details = page.page.locator("#pg-details-body")
    assert details.locator("h3").inner_text() == "Iran"
    assert "Islamic Republic of Iran" in details.inner_text()
    # Iran backs the Assad government twice: the report's pledge (undated) and UCDP's from 2011, still
    # coded when the file ends (2017): ongoing when observation stopped
    backs = details.get_by_role("button", name=re.compile("^backs → Assad government"))
    assert sorted(backs.all_inner_texts()) == [
        "backs → Assad government",
        "backs → Assad government (2011 \u2013 )",  # an en dash
    ]
    details.get_by_role("button", name="backs → Assad government", exact=True).click()  # the report's
    assert details.locator("h3").inner_text() == "Iran backs Assad government"
    assert page.page.evaluate(SHOWN_KEY) == "iran/backs/assad-government"
    assert details.locator("blockquote").all_inner_texts() == [
        "“Tehran pledged to aid the Damascus government.”",
        "“Iran will provide any support needed”",
    ]
    assert "support\npolitical" in details.inner_text()


def test_highlighted_path_is_announced(page: BrowserPage, tmp_path: Path) -> None:
    out = render.write_page(load_dataset(), tmp_path / "path.html", pagedata.View(highlight="path:iran,hts"))
    hl = highlight(build_graph(load_dataset()), "path:iran,hts")
    open_page(page, out)
    banner = page.page.locator("#pg-highlight")
    assert banner.inner_text() == (
        f"Highlighted: shortest paths between iran and hts\n{len(hl.nodes)} actors, {len(hl.relations)} relations"
    )
    bold = page.page.evaluate("proxygraph.nodes.get({filter: n => n.borderWidth === 4}).map(n => n.id)")
    assert sorted(bold) == sorted(hl.nodes) and {"iran", "hts"} <= hl.nodes
    assert page.page.evaluate("proxygraph.nodes.get('turkey').opacity") == pagedata.FADED_NODE
    label = "id => proxygraph.network.body.nodes[id].options.font.color"  # what vis-network draws with
    assert page.page.evaluate(label, "turkey") == pagedata.FADED_FONT["color"]
    assert page.page.evaluate(label, "iran") != pagedata.FADED_FONT["color"]


def test_markup_in_the_data_shows_as_text_and_never_runs(page: BrowserPage, tmp_path: Path) -> None:
    out = render.write_page(load_dataset(write_small_dataset(tmp_path)), tmp_path / "xss.html")
    open_page(page, out)
    # click the node itself on the canvas, as a reader would
    x, y = page.page.evaluate(
        "(() => { const p = proxygraph.network.getPositions(['militia']).militia;"
        " const d = proxygraph.network.canvasToDOM(p); return [d.x, d.y]; })()"
    )
    box = page.page.locator("#mynetwork").bounding_box()
    assert box is not None
    page.page.mouse.click(box["x"] + x, box["y"] + y)
    details = page.page.locator("#pg-details-body")
    assert details.locator("h3").inner_text() == XSS
    assert "</script><script>alert(2)</script>" in details.inner_text()  # the alias
    details.get_by_text("backs ← Patron State").click()
    quote = "the patron armed the militia </script><img src=y onerror=alert(4)>"
    assert details.locator("blockquote").inner_text() == f"“{quote}”"
    assert "A report & <b>its</b> title" in details.inner_text()
    assert details.locator("a").evaluate("a => a.href") == "https://example.org/report"
    page.page.locator("#pg-search").fill("rebels")
    page.page.locator("#pg-find button").click()
    details.get_by_text("fights — " + XSS, exact=False).click()
    assert details.locator("a").count() == 0  # the javascript: link of that source is not a link
    assert page.page.locator("img").count() == 0
    assert page.dialogs == []
    assert page.requests == []
    assert page.console_errors == []
    page.screenshot("render-xss")


POSITIONS = "() => proxygraph.network.getPositions()"
# Each drawn label with its node's place on screen and its text's width measured anew.
LABELS = """() => { const net = proxygraph.network, ctx = document.createElement('canvas').getContext('2d');
  const at = net.getPositions();
  return proxygraph.labels().map(l => { ctx.font = l.font; const p = net.canvasToDOM(at[l.id]);
    return {...l, node: [p.x, p.y], measured: ctx.measureText(l.text).width}; }); }"""


def file_positions(path: Path) -> dict[str, dict[str, float]]:
    html = path.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="pg-nodes">(.*?)</script>', html, re.S)
    assert m is not None
    return {n["id"]: {"x": n["x"], "y": n["y"]} for n in json.loads(m.group(1))}


def test_positions_are_the_files_and_the_same_every_render(page: BrowserPage, tmp_path: Path) -> None:
    first = render.write_page(load_dataset(), tmp_path / "one.html")
    second = render.write_page(load_dataset(), tmp_path / "two.html")
    assert file_positions(first) == file_positions(second)
    for path in (first, second):
        open_page(page, path)
        assert page.page.evaluate(POSITIONS) == file_positions(path)
        assert page.page.evaluate("proxygraph.network.physics.physicsEnabled") is False
    assert page.console_errors == []


def test_relax_turns_physics_on_until_pressed_again(page: BrowserPage, small_page: Path) -> None:
    open_page(page, small_page)
    relax = page.page.locator("#pg-relax")
    assert relax.inner_text() == "Relax layout"
    relax.click()
    assert page.page.evaluate("proxygraph.network.physics.physicsEnabled") is True
    assert relax.get_attribute("aria-pressed") == "true"
    page.page.locator("#pg-relax").click()
    assert page.page.evaluate("proxygraph.network.physics.physicsEnabled") is False
    assert relax.inner_text() == "Relax layout"


def overlapping(boxes: list[dict[str, float]]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
    ]  # fmt: skip


def check_labels(labels: list[dict[str, Any]], width: float, height: float) -> None:
    """Each label stands beside its node (below, above, right or left of it), as wide as its
    text, inside the canvas; no two overlap."""
    for label in labels:
        x, y = label["node"]
        assert label["width"] == pytest.approx(label["measured"], abs=0.01)
        centred = abs(label["x"] + label["width"] / 2 - x) < 0.5
        middle = abs(label["y"] + label["height"] / 2 - y) < 0.5
        beside = (centred and (label["y"] > y or label["y"] + label["height"] < y)) or (
            middle and (label["x"] > x or label["x"] + label["width"] < x))  # fmt: skip
        assert beside, label
        assert label["x"] >= 0 and label["x"] + label["width"] <= width, label
        assert label["y"] >= 0 and label["y"] + label["height"] <= height, label
    assert overlapping(labels) == []


def test_labels_never_overlap_and_the_important_keep_theirs(page: BrowserPage, tmp_path: Path) -> None:
    out = render.write_page(load_dataset(), tmp_path / "s.html", pagedata.View(highlight="supporters:assad-government"))
    open_page(page, out)
    box = page.page.locator("#mynetwork").bounding_box()
    assert box is not None
    labels = page.page.evaluate(LABELS)
    check_labels(labels, box["width"], box["height"])
    G = build_graph(load_dataset())
    hl = highlight(G, "supporters:assad-government")
    named = {label["id"] for label in labels}
    assert hl.nodes <= named  # every highlighted actor keeps its label, in bold
    assert all("bold" in label["font"] for label in labels if label["id"] in hl.nodes)
    busiest = sorted(G, key=lambda n: (-G.degree(n), n))[:5]
    assert set(busiest) <= named
    assert len(named) < G.number_of_nodes()  # some gave way: they show on zoom
    # zooming in on the Iraq war's coalition brings back labels that had given way
    left_out = [n for n in G if n not in named and n.startswith("government-of-")]
    page.page.evaluate("id => proxygraph.network.focus(id, {scale: 3, animation: false})", left_out[0])
    page.page.evaluate("proxygraph.network.redraw()")
    page.page.wait_for_function("id => proxygraph.labels().some(l => l.id === id)", arg=left_out[0])
    check_labels(page.page.evaluate(LABELS), box["width"], box["height"])


# Every node in sight as the box around its shape on screen (a box or an ellipse vis-network
# draws around its empty label has a fixed half height: graph.html.render.LABELS["inside"]).
NODE_BOXES = """() => { const net = proxygraph.network, scale = net.getScale(), inside = proxygraph.data.labels.inside;
  const at = net.getPositions();
  return proxygraph.nodes.get({filter: n => proxygraph.isShown(n.id)}).map(n => { const p = net.canvasToDOM(at[n.id]);
    const r = (n.shape === 'box' ? inside.box_h : n.shape === 'ellipse' ? inside.ellipse : n.size) * scale;
    return {id: n.id, x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r}; }); }"""


def touches(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(overlapping([{**a, "text": ""}, {**b, "text": ""}]))


def test_a_label_lies_on_another_node_only_when_no_spot_beside_its_own_is_free(
    page: BrowserPage, bundled_page: Path
) -> None:
    open_page(page, bundled_page)
    box = page.page.locator("#mynetwork").bounding_box()
    assert box is not None
    labels, nodes = page.page.evaluate(LABELS), page.page.evaluate(NODE_BOXES)
    covering = [label for label in labels if any(n["id"] != label["id"] and touches(label, n) for n in nodes)]
    assert len(covering) < len(labels) // 4
    for label in covering:  # below, above, right, left of its node, as far from it as it stands
        x, y = label["node"]
        w, h = label["width"], label["height"]
        reach = max(label["y"] - y, y - label["y"] - h, label["x"] - x, x - label["x"] - w)
        spots = [(x - w / 2, y + reach), (x - w / 2, y - reach - h), (x + reach, y - h / 2), (x - reach - w, y - h / 2)]
        for left, top in spots:
            spot = {"x": left, "y": top, "width": w, "height": h}
            outside = left < 0 or top < 0 or left + w > box["width"] or top + h > box["height"]
            taken = [o for o in [*labels, *nodes] if o["id"] != label["id"] and touches(spot, o)]
            assert outside or taken, (label["text"], spot)


def test_hovering_a_node_shows_its_label(page: BrowserPage, bundled_page: Path) -> None:
    open_page(page, bundled_page)
    named = {label["id"] for label in page.page.evaluate(LABELS)}
    G = build_graph(load_dataset())
    quiet = next(n for n in sorted(G, key=G.degree) if n not in named)
    x, y = page.page.evaluate(
        "id => { const p = proxygraph.network.canvasToDOM(proxygraph.network.getPositions([id])[id]);"
        " return [p.x, p.y]; }", quiet)  # fmt: skip
    box = page.page.locator("#mynetwork").bounding_box()
    assert box is not None
    page.page.mouse.move(box["x"] + x, box["y"] + y)
    page.page.wait_for_function("id => proxygraph.labels().some(l => l.id === id)", arg=quiet)
    assert overlapping(page.page.evaluate(LABELS)) == []


def year_label(page: BrowserPage) -> str:
    return page.page.locator("#pg-year-label").inner_text()


def test_an_as_of_page_slider_starts_at_its_date_and_says_so(page: BrowserPage, tmp_path: Path) -> None:
    out = render.write_page(load_dataset(), tmp_path / "2016.html", pagedata.View(as_of="2016"))
    open_page(page, out)
    assert year_label(page) == "2016"
    assert page.page.locator("#pg-year").input_value() == "2016"
    note = page.page.locator("#pg-year-note")
    assert note.is_visible() and "--as-of 2016" in note.inner_text()
    G = pagedata.select(build_graph(load_dataset()), pagedata.View(as_of="2016"))[0]
    assert shows(page) == shown_by_filters(G)  # every relation of the page holds in 2016
    page.page.locator("#pg-year").fill(page.page.locator("#pg-year").get_attribute("max") or "")
    assert year_label(page) == "all on this page"


def test_a_page_without_as_of_starts_with_every_relation(page: BrowserPage, small_page: Path) -> None:
    open_page(page, small_page)
    assert year_label(page) == "all dates"
    assert page.page.locator("#pg-year-note").is_hidden()
    assert page.page.locator("#pg-changes").inner_text() == ""


def changes(page: BrowserPage) -> dict[str, list[str]]:
    lists = page.page.locator("#pg-changes ul")
    return {ul.get_attribute("data-change") or "": ul.locator("button").all_inner_texts() for ul in lists.all()}


def test_each_year_lists_what_began_and_ended(page: BrowserPage, small_page: Path) -> None:
    # backs since 2013; fights 2012-2015; rebels control the town 2014-2016, the militia from 2017
    open_page(page, small_page)
    page.page.locator("#pg-year").fill("2014")
    assert page.page.locator("#pg-changes h3").inner_text() == "In 2014: 1 began, 0 ended"
    assert changes(page) == {"began": ["began: Rebels controls Ḥalab Town"]}
    page.page.locator("#pg-year").fill("2015")
    assert changes(page) == {"ended": [f"ended: {XSS} fights Rebels"]}
    page.page.locator("#pg-changes button").click()
    assert page.page.evaluate(SHOWN_KEY) == "militia/fights/rebels@2012"
    assert page.page.locator("img").count() == 0 and page.dialogs == []


def test_play_steps_through_the_years(page: BrowserPage, small_page: Path) -> None:
    open_page(page, small_page)
    play = page.page.locator("#pg-play")
    play.click()  # from "all dates": back to the first year, then one year a step
    assert year_label(page) == "2012" and play.get_attribute("aria-pressed") == "true"
    assert changes(page) == {"began": [f"began: {XSS} fights Rebels"]}
    page.page.wait_for_function("document.getElementById('pg-year-label').textContent === '2013'")
    assert changes(page) == {"began": [f"began: Patron State backs {XSS}"]}
    play.click()  # pause
    assert play.get_attribute("aria-pressed") == "false" and play.inner_text() == "▶ Play"
    stopped = year_label(page)
    page.page.locator("#pg-year").fill("2017")
    assert year_label(page) == "2017" != stopped
    play.click()  # at the last year: starts again from the first
    assert year_label(page) == "2012"


DASH_DOTTED = """() => proxygraph.edges.get({filter: e => !e.hidden &&
    JSON.stringify(e.dashes) === JSON.stringify(proxygraph.data.legend.may_hold.dashes)})
    .map(e => proxygraph.data.edges[e.id].key).sort()"""
SHOWN_KEYS = "() => proxygraph.edges.get({filter: e => !e.hidden}).map(e => proxygraph.data.edges[e.id].key).sort()"


def test_a_possible_page_draws_what_may_hold_dash_dot_each_year(page: BrowserPage, tmp_path: Path) -> None:
    # hand-checked (tests/render_support.py DOUBTS): the militia's war is known 2012-2014 (its
    # dataset's window), the patron's backing from 2016-05 (its source), the patron's war 2013-2016
    view = pagedata.View(as_of="2016", possible=True)
    open_page(page, render.write_page(load_dataset(write_doubts_dataset(tmp_path)), tmp_path / "d.html", view))
    assert page.page.evaluate(DASH_DOTTED) == ["militia/fights/rebels@2012"]
    keys = page.page.locator("#pg-legend-keys li").all_inner_texts()
    assert "dash-dot: may hold as of 2016 but is not known to (1); why in its details" in keys
    show = """key => proxygraph.show({edge: Object.keys(proxygraph.data.edges)
        .find(id => proxygraph.data.edges[id].key === key)}, true)"""
    page.page.evaluate(show, "militia/fights/rebels@2012")
    details = page.page.locator("#pg-details-body").inner_text()
    assert "after the data's end (2014) (as of 2016; not known to hold then)" in details
    svg = page.page.evaluate("proxygraph.picture.svg()")  # the picture to take away says so too
    assert "dash-dot: only may hold then, not known to" in svg
    assert svg.count('stroke-dasharray="10 4 2 4"') == 2  # the relation and its legend row
    page.page.locator("#pg-year").fill("2013")  # the backing may hold (no start), both wars are known
    assert page.page.evaluate(DASH_DOTTED) == ["patron/backs/militia"]
    assert len(page.page.evaluate(SHOWN_KEYS)) == 3
    page.page.locator("#pg-year").fill("2012")  # the patron's war has not begun
    assert page.page.evaluate(SHOWN_KEYS) == ["militia/fights/rebels@2012", "patron/backs/militia"]
    page.page.locator("#pg-year").fill("2014")  # all known but the backing: the wars drawn as their own
    assert page.page.evaluate(DASH_DOTTED) == ["patron/backs/militia"]
    own = "() => Object.fromEntries(proxygraph.edges.get().map(e => [proxygraph.data.edges[e.id].key, e.dashes]))"
    lines = page.page.evaluate(own)
    assert lines["militia/fights/rebels@2012"] is False  # ongoing: solid
    assert lines["patron/fights/rebels@2013"] == pagedata.ENDED_DASHES  # ended: dotted


def legend_keys(page: BrowserPage) -> list[str]:
    return page.page.locator("#pg-legend-highlight li").all_inner_texts()


def test_the_blocs_legend_names_its_camps_and_their_colours(page: BrowserPage, tmp_path: Path) -> None:
    out = render.write_page(load_dataset(), tmp_path / "blocs.html", pagedata.View(highlight="blocs"))
    open_page(page, out)
    G = build_graph(load_dataset())
    split = blocs(G)  # the library's split: each camp named after its best-connected actor
    named = zip(split.leaders, split.camps, strict=True)
    camps = [f"camp of {G.nodes[leader]['name']}: {len(camp)} actors" for leader, camp in named]
    keys = legend_keys(page)
    assert len(camps) >= 2 and keys[: len(camps)] == camps
    assert "faded: actors in no camp (no friend or foe), places" in keys
    swatch = "n => getComputedStyle(document.querySelectorAll('#pg-legend-highlight li .shape')[n]).borderTopColor"
    border = "id => proxygraph.nodes.get(id).color.border"
    for n, leader in enumerate(split.leaders[:2]):  # each camp's swatch has its actors' border colour
        hex_colour = page.page.evaluate(border, leader)
        rgb = "rgb({}, {}, {})".format(*(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)))
        assert page.page.evaluate(swatch, n) == rgb


def test_an_answer_legend_says_what_bold_and_faded_mean(page: BrowserPage, tmp_path: Path) -> None:
    out = render.write_page(load_dataset(), tmp_path / "p.html", pagedata.View(highlight="path:iran,hts"))
    hl = highlight(build_graph(load_dataset()), "path:iran,hts")
    open_page(page, out)
    assert legend_keys(page) == [
        f"black border: on the answer ({len(hl.nodes)} actors)",
        f"thick lines: its {len(hl.relations)} relations",
        "faded: the rest of the graph",
    ]


def test_relations_on_dataset_rows_only_are_lighter_and_the_legend_says_so(
    page: BrowserPage, bundled_page: Path, drawn: nx.MultiDiGraph[str]
) -> None:
    open_page(page, bundled_page)
    rows_only = sum(not pagedata.quoted(r) for r in relations(drawn))
    assert 0 < rows_only < drawn.number_of_edges()
    keys = page.page.locator("#pg-legend-keys li").all_inner_texts()
    assert f"lighter: rests only on dataset rows, no quoted source ({rows_only})" in keys
    opacity = "key => { const [id] = Object.entries(proxygraph.data.edges).find(([, e]) => e.key === key);" \
              " return proxygraph.edges.get(id).color.opacity; }"  # fmt: skip
    assert page.page.evaluate(opacity, "iran/backs/assad-government") == 1.0  # quoted, ongoing
    # UCDP's rows: a run that stopped before the file's end is ended, lighter twice
    ucdp = next(r for r in relations(drawn) if not pagedata.quoted(r) and not r.is_ongoing)
    assert page.page.evaluate(opacity, ucdp.key) == pytest.approx(pagedata.ROWS_OPACITY * pagedata.ENDED_OPACITY)


def download(page: BrowserPage, button: str) -> tuple[str, bytes]:
    with page.page.expect_download() as event:
        page.page.locator(button).click()
    path = event.value.path()
    return event.value.suggested_filename, Path(path).read_bytes()


INKED = """() => { const c = proxygraph.picture.png(), ctx = c.getContext('2d');
  const net = proxygraph.network.canvas.frame.canvas;
  const count = (x0, w) => { const px = ctx.getImageData(x0, 0, w, c.height).data; let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) n++; return n; };
  return {width: c.width, height: c.height, graph: count(0, net.width),
          legend: count(net.width, c.width - net.width)}; }"""


def test_save_png_gives_the_view_with_its_legend(page: BrowserPage, tmp_path: Path) -> None:
    out = render.write_page(load_dataset(), tmp_path / "s.html", pagedata.View(highlight="supporters:assad-government"))
    open_page(page, out)
    name, png = download(page, "#pg-save-png")
    assert name == "syria.png"
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    canvas = page.page.evaluate(
        "[proxygraph.network.canvas.frame.canvas.width, proxygraph.network.canvas.frame.canvas.height]"
    )
    assert width > canvas[0] and height >= canvas[1]  # the view, and the legend beside it
    inked = page.page.evaluate(INKED)
    assert (inked["width"], inked["height"]) == (width, height)
    assert inked["graph"] > 5000 and inked["legend"] > 1000  # drawn on, both halves
    assert page.requests == [] and page.console_errors == []


def test_save_svg_draws_the_view_as_text_never_markup(page: BrowserPage, small_page: Path) -> None:
    open_page(page, small_page)
    name, svg = download(page, "#pg-save-svg")
    assert name == "small.svg"
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert XSS in texts and "Patron State" in texts  # node labels, as text
    assert "patron backs militia" not in texts and "backs" in texts  # the legend's relation types
    assert b"<img" not in svg and b"<script" not in svg.lower()
    assert not [e for e in root.iter() if e.tag.endswith(("script", "foreignObject"))]
    assert not [k for e in root.iter() for k in e.attrib if k.lower().startswith("on")]
    lines = [e for e in root.iter(f"{ns}line")]
    assert len(lines) >= 4  # the four relations (and the legend's swatches)
    assert page.dialogs == [] and page.requests == []


@pytest.fixture(scope="module")
def large() -> Dataset:
    return generate(n_actors=1200, n_relations=2400, seed=2)  # above render.LARGE_GRAPH nodes


@pytest.fixture(scope="module")
def large_page(tmp_path_factory: pytest.TempPathFactory, large: Dataset) -> Path:
    return render.write_page(large, tmp_path_factory.mktemp("large") / "large.html")


CANVAS = "proxygraph.network.canvas.frame.canvas.toDataURL()"
# Run `action` (a script), then give the kind of the frame drawn next ("full", "kept", "draft").
FRAME_AFTER = """action => new Promise(done => {
    proxygraph.network.once('afterDrawing', () => done(proxygraph.drawing.last())); eval(action); })"""


def test_a_large_page_draws_the_same_positions_and_labels(page: BrowserPage, large_page: Path, large: Dataset) -> None:
    open_page(page, large_page)
    assert page.page.evaluate("proxygraph.data.large") is True
    assert page.page.evaluate(POSITIONS) == file_positions(large_page)
    box = page.page.locator("#mynetwork").bounding_box()
    assert box is not None
    check_labels(page.page.evaluate(LABELS), box["width"], box["height"])
    G = build_graph(large)
    assert shows(page) == shown_by_filters(G)
    page.page.locator("#pg-legend-types input[data-key='fights']").uncheck()
    assert shows(page) == shown_by_filters(G, hidden_types={"fights"})
    assert page.requests == [] and page.console_errors == []


def test_a_large_page_zooms_a_picture_then_draws_it_anew(page: BrowserPage, large_page: Path) -> None:
    open_page(page, large_page)
    assert page.page.evaluate("proxygraph.drawing.last()") == "full"
    first = page.page.evaluate(CANVAS)
    assert page.page.evaluate(FRAME_AFTER, "proxygraph.network.redraw()") == "kept"  # same view: the picture
    assert page.page.evaluate(CANVAS) == first  # pixel for pixel
    zoom = "proxygraph.network.moveTo({scale: proxygraph.network.getScale() * 2, animation: false})"
    assert page.page.evaluate(FRAME_AFTER, zoom) == "draft"  # the picture scaled at once ...
    page.page.wait_for_function("proxygraph.drawing.last() === 'full'")  # ... then drawn anew once the view rests
    settled = page.page.evaluate(CANVAS)
    assert page.page.evaluate(FRAME_AFTER, "proxygraph.drawing.redrawFull()") == "full"
    assert page.page.evaluate(CANVAS) == settled  # the settled frame is the full drawing of that view


def test_a_large_page_finds_the_node_under_the_pointer(page: BrowserPage, large_page: Path) -> None:
    open_page(page, large_page)
    page.page.evaluate("proxygraph.network.focus('a0', {scale: 1.5, animation: false})")
    page.page.wait_for_function("proxygraph.drawing.last() === 'full'")
    x, y = page.page.evaluate(
        "() => { const p = proxygraph.network.canvasToDOM(proxygraph.network.getPositions(['a0']).a0);"
        " return [p.x, p.y]; }"
    )
    box = page.page.locator("#mynetwork").bounding_box()
    assert box is not None
    page.page.mouse.click(box["x"] + x, box["y"] + y)
    assert page.page.locator("#pg-details-body h3").inner_text() == "Actor 0"
    assert page.page.evaluate("proxygraph.network.getSelectedNodes()") == ["a0"]
