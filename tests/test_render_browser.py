"""The rendered page in a real headless Chromium: what it draws, filters, shows, and never runs."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.browser")

from graph import pagedata, render  # noqa: E402
from graph.dataset import load_dataset  # noqa: E402
from graph.model import RELATION_TYPES  # noqa: E402
from graph.network import build_graph  # noqa: E402
from tests.browser import BrowserPage  # noqa: E402
from tests.render_support import XSS, write_small_dataset  # noqa: E402

pytest_plugins = ["tests.browser"]
pytestmark = pytest.mark.browser

DRAWN = "[proxygraph.nodes.get({filter: n => !n.hidden}).length, proxygraph.edges.get({filter: e => !e.hidden}).length]"
SHOWN_EDGES = """() => proxygraph.edges.get({filter: e => !e.hidden})
    .map(e => proxygraph.data.edges[e.id]).map(d => `${d.from} ${d.type} ${d.to}`).sort()"""


def open_page(page: BrowserPage, path: Path) -> None:
    page.goto(path, wait_until="networkidle")
    page.page.wait_for_function("window.proxygraph && window.proxygraph.ready")


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render.write_page(load_dataset(), tmp_path_factory.mktemp("render") / "syria.html")


def test_bundled_page_draws_every_node_and_relation_offline(page: BrowserPage, bundled_page: Path) -> None:
    open_page(page, bundled_page)
    G = build_graph(load_dataset())
    assert page.page.evaluate(DRAWN) == [G.number_of_nodes(), G.number_of_edges()] == [19, 27]
    assert page.page.evaluate("proxygraph.network.body.nodeIndices.length") == 19  # what vis-network draws
    assert page.page.evaluate("proxygraph.network.physics.physicsEnabled") is False  # stopped after layout
    assert page.requests == []
    assert page.console_errors == []
    assert page.page.locator("#pg-counts").inner_text() == "19 of 19 actors and places, 27 of 27 relations shown"
    page.screenshot("render-syria")


def test_legend_lists_every_relation_type_in_use(page: BrowserPage, bundled_page: Path) -> None:
    open_page(page, bundled_page)
    in_use = {r.type for r in load_dataset().relations}
    names = page.page.locator("#pg-legend-types li label span:not(.line):not(.count)").all_inner_texts()
    assert names == [t for t in RELATION_TYPES if t in in_use]
    kinds = page.page.locator("#pg-legend-kinds li label span:not(.shape):not(.count)").all_inner_texts()
    actor_kinds = ["state", "government", "militia", "jihadist-group", "coalition"]
    assert kinds == [*actor_kinds, "country", "region", "city", "base"]


def test_type_filter_hides_its_relations_and_only_them(page: BrowserPage, bundled_page: Path) -> None:
    open_page(page, bundled_page)
    before = page.page.evaluate(SHOWN_EDGES)
    page.page.locator("#pg-legend-types input[data-key='fights']").uncheck()
    after = page.page.evaluate(SHOWN_EDGES)
    assert after == [e for e in before if " fights " not in e]
    assert len(before) - len(after) == 5
    page.page.locator("#pg-legend-types input[data-key='fights']").check()
    assert page.page.evaluate(SHOWN_EDGES) == before


def test_kind_filter_hides_places(page: BrowserPage, bundled_page: Path) -> None:
    open_page(page, bundled_page)
    for kind in ("country", "region", "city", "base"):
        page.page.locator(f"#pg-legend-kinds input[data-key='place:{kind}']").uncheck()
    nodes, edges = page.page.evaluate(DRAWN)
    assert nodes == 13
    assert edges == 27 - 2 - 3 - 4  # hosts-bases-in, present-in, controls all end at places
    assert page.page.evaluate("proxygraph.nodes.get('aleppo').hidden") is True


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
    assert len(shown) == expected.number_of_edges()


def test_search_focuses_an_actor_by_alias_and_shows_details(page: BrowserPage, bundled_page: Path) -> None:
    open_page(page, bundled_page)
    page.page.locator("#pg-search").fill("tehran")
    page.page.locator("#pg-find button").click()
    assert page.page.evaluate("proxygraph.network.getSelectedNodes()") == ["iran"]
    details = page.page.locator("#pg-details-body")
    assert details.locator("h3").inner_text() == "Iran"
    assert "Islamic Republic of Iran" in details.inner_text()
    details.get_by_text("backs → Assad government").click()  # a relation of Iran: its evidence
    assert details.locator("blockquote").all_inner_texts() == [
        "“Tehran pledged to aid the Damascus government.”",
        "“Iran will provide any support needed”",
    ]
    assert "support\npolitical" in details.inner_text()


def test_highlighted_path_is_announced(page: BrowserPage, tmp_path: Path) -> None:
    out = render.write_page(load_dataset(), tmp_path / "path.html", pagedata.View(highlight="path:iran,hts"))
    open_page(page, out)
    banner = page.page.locator("#pg-highlight")
    assert banner.inner_text() == "Highlighted: shortest paths between iran and hts\n6 actors, 7 relations"
    assert page.page.evaluate("proxygraph.nodes.get('turkey').opacity") == pagedata.FADED_NODE


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
