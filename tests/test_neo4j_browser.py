"""Neo4j Browser (served by the local server at /browser/) in headless Chromium: connect, set a
parameter with :param, run a query of cypher/, and read the actors it names."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("tests.browser")

import graph.neo4j.queries as library  # noqa: E402
from graph.model import Dataset  # noqa: E402
from graph.neo4j.store import Settings  # noqa: E402
from tests.browser import BrowserPage  # noqa: E402

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

BROWSER = "http://127.0.0.1:7474/browser/"


def run_in_editor(page: BrowserPage, command: str) -> None:
    """Type a one-line command into the editor and run it (Enter would run a half-typed line)."""
    editor = page.page.locator("[data-testid=activeEditor] .monaco-editor").first
    editor.click()
    page.page.keyboard.insert_text(" ".join(command.split()))
    page.page.click("[data-testid=editor-Run]")


def test_browser_runs_the_supporters_query(
    page: BrowserPage, neo4j_settings: Settings, loaded_bundled: Dataset
) -> None:
    page.goto(BROWSER, wait_until="networkidle")
    page.page.fill("[data-testid=boltaddress]", neo4j_settings.uri)
    page.page.fill("[data-testid=username]", neo4j_settings.user)
    page.page.fill("[data-testid=password]", str(neo4j_settings.password))
    page.page.click("[data-testid=connect]")
    page.page.wait_for_selector("text=You are connected as user")

    query = library.get("supporters")
    run_in_editor(page, ":param actor => 'assad-government'")
    page.page.wait_for_selector("[data-testid=rawParamData]")
    run_in_editor(page, ":param via_states => false")
    page.page.wait_for_selector("text=via_states")
    run_in_editor(page, query.text)
    result = page.page.locator("[data-testid=frame-loaded-contents]").first
    result.wait_for()
    page.page.wait_for_selector("text=Started streaming")
    text = result.inner_text()
    for actor in ("iran", "iran-allied-militias", "iraqi-militias", "russia"):
        assert f'"{actor}"' in text
    assert page.screenshot("neo4j-browser-supporters").stat().st_size > 10_000
