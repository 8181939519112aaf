"""Browser-test harness: a pytest plugin (load it with ``pytest_plugins = ["tests.browser"]``).

Fixtures:

* ``browser`` (session): headless Debian Chromium (``/usr/bin/chromium``) driven by
  Playwright's sync API. Fails (never skips) when Chromium or playwright is missing.
* ``page`` (function): a :class:`BrowserPage` in a fresh browser context that records
  every request, console error and dialog of the pages it opens.

Chromium runs with ``--host-resolver-rules`` that make every host name except
localhost / 127.0.0.1 / ::1 fail to resolve, so a test can never reach the outside
network; such requests are still *made* and are therefore still recorded in
``BrowserPage.requests`` (they just fail fast with ``net::ERR_NAME_NOT_RESOLVED``).

Playwright's own browser download (``playwright install``) is never used.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Dialog,
        Error,
        Page,
        Request,
        WebSocket,
    )

CHROMIUM = Path("/usr/bin/chromium")
REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
INSTALL_HINT = "run `scripts/install-browser` (never `playwright install`)"

CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",  # we run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Every name but the loopback ones fails to resolve: no test traffic leaves the
    # machine, and blocked requests fail at once instead of waiting on a timeout.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE ::1",
)

WaitUntil = Literal["commit", "domcontentloaded", "load", "networkidle"]


@dataclass(frozen=True)
class DialogRecord:
    """An alert/confirm/prompt/beforeunload that fired (it was dismissed)."""

    type: str
    message: str


@dataclass
class BrowserPage:
    """A Playwright page plus what it did. Open documents with :meth:`goto`."""

    page: Page
    all_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[DialogRecord] = field(default_factory=list)
    navigated: set[str] = field(default_factory=set)
    _pages: list[Page] = field(default_factory=list, repr=False)

    @property
    def requests(self) -> list[str]:
        """URLs requested (HTTP(S), file:, ws:...), minus the documents opened with
        :meth:`goto` and data:/blob: URLs. A self-contained file:// page has none."""
        return [
            url for url in self.all_requests if url not in self.navigated and not url.startswith(("data:", "blob:"))
        ]

    def requests_except(self, *prefixes: str) -> list[str]:
        """:attr:`requests` not starting with any of ``prefixes``,
        e.g. ``requests_except("http://127.0.0.1:7474/")``."""
        return [url for url in self.requests if not url.startswith(prefixes)]

    def goto(self, target: str | os.PathLike[str], wait_until: WaitUntil = "load") -> None:
        """Open a URL, or a local file path (as file://). Use ``wait_until="networkidle"``
        before asserting that nothing was requested by late scripts."""
        url = Path(target).resolve().as_uri() if isinstance(target, os.PathLike) else target
        self.navigated.add(url)
        self.page.goto(url, wait_until=wait_until)

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        """Save a PNG as ``test-artifacts/<name>.png`` and return its path."""
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", name.removesuffix(".png"))
        path = ARTIFACTS_DIR / f"{stem}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def _attach(self, page: Page) -> None:
        """Record events of ``page`` (the main page and any popup it opens), once."""
        if any(seen is page for seen in self._pages):
            return
        self._pages.append(page)
        page.on("websocket", lambda ws: self._on_websocket(ws))
        page.on("console", lambda msg: self._on_console(msg))
        page.on("pageerror", lambda err: self._on_pageerror(err))
        page.on("dialog", lambda dialog: self._on_dialog(dialog))

    def _on_request(self, request: Request) -> None:
        self.all_requests.append(request.url)

    def _on_websocket(self, ws: WebSocket) -> None:
        self.all_requests.append(ws.url)

    def _on_console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error":
            where = msg.location.get("url", "")
            self.console_errors.append(f"{msg.text} [{where}]" if where else msg.text)

    def _on_pageerror(self, err: Error) -> None:
        self.console_errors.append(f"uncaught: {err.message}")

    def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(DialogRecord(dialog.type, dialog.message))
        dialog.dismiss()


def _fail(message: str) -> NoReturn:
    pytest.fail(message, pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless /usr/bin/chromium for the whole session."""
    if not os.access(CHROMIUM, os.X_OK):
        _fail(f"{CHROMIUM} is missing: {INSTALL_HINT}")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        missing = str(exc)
    else:
        missing = ""
    if missing:
        _fail(
            f"playwright is not importable ({missing}): install the project's `test` extra "
            f"(pip install -e '.[test]'), then {INSTALL_HINT}"
        )
    with sync_playwright() as pw:
        try:
            instance = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS))
        except PlaywrightError as exc:
            _fail(f"could not launch {CHROMIUM} ({exc}); {INSTALL_HINT}")
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserPage]:
    """A fresh context and page; on test failure a screenshot lands in test-artifacts/."""
    from playwright.sync_api import Error as PlaywrightError

    context: BrowserContext = browser.new_context(
        viewport={"width": 1280, "height": 800},
        service_workers="block",  # so every request shows up as a page request
    )
    context.set_default_timeout(20_000)
    main = context.new_page()  # about:blank: nothing to record yet
    recorder = BrowserPage(page=main)
    recorder._attach(main)
    context.on("page", lambda new_page: recorder._attach(new_page))  # popups
    context.on("request", lambda req: recorder._on_request(req))
    try:
        yield recorder
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            try:
                recorder.screenshot(f"FAILED-{request.node.nodeid}")
            except PlaywrightError as exc:  # the page may be what broke
                print(f"failure screenshot not taken: {exc}")
    finally:
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep the call-phase report on the item, for the failure screenshot in ``page``."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
