"""Neo4j Browser (served by the local server at /browser/) in headless Chromium.

Connected, Browser applies the project's style and opens the proxygraph guide by itself (the
server's browser.post_connect_cmd, written by scripts/neo4j); the guide's blocks run; a query
typed by hand with :param runs too. The server is the one of NEO4J_URI (its Browser on
NEO4J_HTTP_PORT, default 7474), configured by scripts/neo4j or docker-compose.yml.
"""

from __future__ import annotations

import os

import pytest

pytest.register_assert_rewrite("tests.browser")

import graph.neo4j.queries as library  # noqa: E402
from graph.model import Dataset  # noqa: E402
from graph.neo4j.guide import param_lines  # noqa: E402
from graph.neo4j.store import Settings  # noqa: E402
from graph.vocabulary import ACTOR_KINDS  # noqa: E402
from tests.browser import BrowserPage  # noqa: E402

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

BROWSER = f"http://127.0.0.1:{os.environ.get('NEO4J_HTTP_PORT') or 7474}/browser/"


def run_in_editor(page: BrowserPage, command: str) -> None:
    """Type a one-line command into the editor and run it (Enter would run a half-typed line)."""
    editor = page.page.locator("[data-testid=activeEditor] .monaco-editor").first
    editor.click()
    page.page.keyboard.insert_text(" ".join(command.split()))
    page.page.click("[data-testid=editor-Run]")


def connect(page: BrowserPage, settings: Settings) -> None:
    """Open Browser in a fresh browser (nothing kept from before) and connect."""
    page.goto(BROWSER, wait_until="networkidle")
    page.page.fill("[data-testid=boltaddress]", settings.uri)
    page.page.fill("[data-testid=username]", settings.user)
    page.page.fill("[data-testid=password]", str(settings.password))
    page.page.click("[data-testid=connect]")
    page.page.wait_for_selector("text=You are connected as user")


def run_block(page: BrowserPage, block: int) -> None:
    """Run a runnable block of the guide's slide shown, with the play icon Browser gives it."""
    page.page.locator("pre.runnable:visible").nth(block).locator("i.fa-play-circle-o").click()


def wait_for_params(page: BrowserPage, *names: str) -> None:
    """Until Browser holds these parameters (a block of `:param x => ...` evaluates each in Cypher,
    one after the other): ask `:params` again until its newest answer names them all (read from
    Python: Browser's CSP forbids the page scripts Playwright's waits would evaluate; Browser keeps
    a bounded number of frames, so their count cannot tell a new answer)."""
    shown = page.page.locator("[data-testid=rawParamData]")
    for _ in range(10):  # few frames: Browser drops its oldest past 15, and the block's frame with them
        page.page.wait_for_timeout(1000)
        run_in_editor(page, ":params")
        shown.first.wait_for()
        if all(f'"{name}"' in shown.first.inner_text() for name in names):
            return
    pytest.fail(f"Browser never held the parameters {names}: {shown.first.inner_text()}")


def test_on_connecting_the_guide_opens_and_its_blocks_draw_in_the_project_style(
    page: BrowserPage, neo4j_settings: Settings, loaded_bundled: Dataset
) -> None:
    connect(page, neo4j_settings)
    page.page.wait_for_selector("h3:text-is('proxygraph')")  # the guide's first slide, with no step of ours
    for _ in library.queries():
        if page.page.locator("h3:text-is('supporters')").count():
            break
        page.page.get_by_text("Next", exact=True).click()
    assert page.page.locator("pre.runnable:visible").count() == 3  # its params, the query, the picture

    run_block(page, 0)
    wait_for_params(page, *library.get("supporters").params)
    run_block(page, 1)
    frames = page.page.locator("[data-testid=frame-loaded-contents]")
    frames.filter(has_text='"iran-allied-militias"').first.wait_for()
    text = frames.filter(has_text='"iran-allied-militias"').first.inner_text()
    for actor in ("iran", "iran-allied-militias", "iraqi-militias", "russia"):
        assert f'"{actor}"' in text

    run_block(page, 2)
    page.page.wait_for_selector("svg g.node circle.b-outline")
    nodes = page.page.evaluate("""() => Array.from(document.querySelectorAll('svg g.node')).map(g => [
        Array.from(g.querySelectorAll('text.caption')).map(t => t.textContent.trim()).join(' '),
        g.querySelector('circle.b-outline').getAttribute('fill')])""")
    fills = dict(nodes)
    assert fills["Iran"] == fills["Russia"] == ACTOR_KINDS["state"].color
    assert [fill for caption, fill in nodes if caption.startswith("Assad")] == [ACTOR_KINDS["government"].color]
    assert {ACTOR_KINDS["coalition"].color} == {fill for caption, fill in nodes if caption.startswith("Iraqi")}
    assert page.screenshot("neo4j-browser-guide-supporters").stat().st_size > 10_000


def test_browser_runs_the_supporters_query(
    page: BrowserPage, neo4j_settings: Settings, loaded_bundled: Dataset
) -> None:
    connect(page, neo4j_settings)

    query = library.get("supporters")
    run_in_editor(page, param_lines(query))
    wait_for_params(page, *query.params)
    run_in_editor(page, query.text)
    result = page.page.locator("[data-testid=frame-loaded-contents]").first
    result.wait_for()
    page.page.wait_for_selector("text=Started streaming")
    text = result.inner_text()
    for actor in ("iran", "iran-allied-militias", "iraqi-militias", "russia"):
        assert f'"{actor}"' in text
    assert page.screenshot("neo4j-browser-supporters").stat().st_size > 10_000
