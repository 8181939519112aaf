"""Tests of the browser harness itself (tests/browser.py): it sees what it must see."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browser import REPO_ROOT, BrowserPage, DialogRecord


def write_html(tmp_path: Path, body: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>")
    return path


def test_self_contained_page_runs_its_script_and_requests_nothing(page: BrowserPage, tmp_path: Path) -> None:
    html = write_html(
        tmp_path,
        "<div id='graph'></div><script>"
        "for (let i = 0; i < 3; i++) {"
        " const n = document.createElement('span'); n.className = 'node';"
        " document.getElementById('graph').appendChild(n); }"
        "</script>",
    )
    page.goto(html, wait_until="networkidle")
    assert page.page.locator("#graph .node").count() == 3
    assert page.requests == []
    assert page.console_errors == []
    assert page.dialogs == []


def test_remote_script_request_is_recorded(page: BrowserPage, tmp_path: Path) -> None:
    html = write_html(tmp_path, "<script src='http://example.invalid/x.js'></script><p>hi</p>")
    page.goto(html)
    assert page.requests == ["http://example.invalid/x.js"]
    assert any("ERR_NAME_NOT_RESOLVED" in error for error in page.console_errors)


def test_alert_is_recorded_and_dismissed(page: BrowserPage, tmp_path: Path) -> None:
    html = write_html(tmp_path, "<img src=x onerror=alert(1)><p id='after'>still here</p>")
    page.goto(html, wait_until="networkidle")
    assert page.dialogs == [DialogRecord(type="alert", message="1")]
    assert page.page.locator("#after").inner_text() == "still here"
    # the broken image itself was a (file://) request
    assert page.requests == [(tmp_path / "x").as_uri()]


def test_screenshot_writes_a_png(page: BrowserPage, tmp_path: Path) -> None:
    html = write_html(tmp_path, "<h1 style='color:#c00'>proxygraph harness</h1>")
    page.goto(html)
    path = page.screenshot("harness-screenshot")
    assert path == REPO_ROOT / "test-artifacts" / "harness-screenshot.png"
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 800)


@pytest.fixture
def local_server(tmp_path: Path) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 serving tmp_path (stand-in for Neo4j Browser)."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_loopback_http_is_reachable_and_filterable(page: BrowserPage, tmp_path: Path, local_server: str) -> None:
    (tmp_path / "data.json").write_text('{"nodes": 2}')
    write_html(
        tmp_path,
        "<p id='out'></p><script>fetch('data.json').then(r => r.json())"
        ".then(d => { document.getElementById('out').textContent = d.nodes; });</script>",
        name="index.html",
    )
    page.goto(local_server + "index.html", wait_until="networkidle")
    assert page.page.locator("#out").inner_text() == "2"
    assert page.requests == [local_server + "data.json"]
    assert page.requests_except(local_server) == []


def test_missing_chromium_fails_instead_of_skipping(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(
        "from pathlib import Path\n"
        "import tests.browser\n"
        "tests.browser.CHROMIUM = Path('/nonexistent/chromium')\n"
        "pytest_plugins = ['tests.browser']\n"
    )
    (tmp_path / "test_inner.py").write_text("def test_it(page):\n    pass\n")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 error" in result.stdout
    assert "skipped" not in result.stdout
    assert "scripts/install-browser" in result.stdout
