"""A real headless Chromium draws the graph page offline and shows hostile names as text.

Debian's ``chromium`` driven by Playwright. Outside CI the tests skip when it is
missing (saying why); under ``CI=true`` a missing browser is a failure. Every request
the page makes is routed through the test: anything not for 127.0.0.1 is aborted
and recorded, and the test fails if there was any.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from api.app import create_app
from graph.render import STYLES
from tests.api.conftest import ROOT, serve_app
from tests.graph.conftest import XSS_NAME, build_store, iri

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: where the walks save their screenshots: docs/screenshots/ under ``make screenshots``
#: (KG_SCREENSHOTS=1), else a scratch folder, so a test run leaves the tree as it was
SHOTS = (
    ROOT / "docs" / "screenshots"
    if os.environ.get("KG_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / f"kg-screenshots-{os.getuid()}"
)
SCREENSHOT = SHOTS / "graph.png"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is missing: install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); runs under CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


class Watched:
    """A page whose requests, console errors and dialogs are all recorded."""

    def __init__(self, browser: Any):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.escaped: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.escaped.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open_graph(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_selector("body[data-drawn='true']", timeout=30_000)

    def node_ids(self) -> list[str]:
        return list(self.page.evaluate("window.kgNetwork.body.data.nodes.getIds()"))

    def hover(self, node: str) -> str:
        """Move the mouse onto ``node`` and return the tooltip's text."""
        box = self.page.locator("#graph").bounding_box()
        point = self.page.evaluate(
            "id => window.kgNetwork.canvasToDOM(window.kgNetwork.getPosition(id))", node
        )
        self.page.mouse.move(box["x"] + point["x"] + 40, box["y"] + point["y"] + 40)
        self.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=4)
        tip = self.page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=10_000)
        return str(tip.text_content())

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.close()


def test_graph_of_butler_draws_offline_from_the_samples(
    watched: Watched, sample_server: str
) -> None:
    url = f"{sample_server}/graph?focus=butler&depth=2"
    expected = httpx.get(url + "&format=json").json()
    watched.open_graph(url)
    drawn = watched.node_ids()
    assert sorted(drawn) == sorted(n["id"] for n in expected["nodes"])
    butler = iri("Component", "butler")
    assert butler in drawn
    names = watched.page.evaluate("window.kgNetwork.body.data.nodes.get().map(n => n.name)")
    assert "butler" in names
    drawn = watched.page.evaluate("window.kgLabels.map(l => l.text)")
    assert "butler" in drawn  # the focus is named first
    assert "Component" in watched.page.locator("#legend").inner_text()
    tip = watched.hover(butler)
    assert tip.startswith("butler (Component)")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    watched.page.mouse.move(5, 790)
    watched.page.screenshot(path=str(SCREENSHOT))
    assert watched.escaped == []
    assert watched.errors == []
    assert len(watched.requests) == 1  # the page itself: everything else is inline


def test_a_hostile_name_is_text_in_the_graph_and_the_entity_page(watched: Watched) -> None:
    with serve_app(create_app(build_store())) as base:
        watched.open_graph(f"{base}/graph?focus=SQuaRE")
        hostile = iri("Person", XSS_NAME)
        assert hostile in watched.node_ids()
        label = watched.page.evaluate(
            "id => window.kgNetwork.body.data.nodes.get(id).name", hostile
        )
        assert label == XSS_NAME
        drawn = watched.page.evaluate("window.kgLabels.map(l => l.text)")
        assert XSS_NAME in drawn  # drawn on the canvas as text
        tip = watched.hover(hostile)
        assert XSS_NAME in tip
        assert watched.page.locator("div.vis-tooltip img").count() == 0
        assert watched.page.locator("#legend").inner_text().split() == ["Person", "Team"]
        colour = STYLES["Person"][0]
        assert (
            watched.page.evaluate("id => window.kgNetwork.body.data.nodes.get(id).color", hostile)
            == colour
        )
        watched.page.goto(f"{base}/entities/team/square")
        assert XSS_NAME in watched.page.inner_text("body")
        assert watched.page.locator("img").count() == 0
    assert watched.dialogs == []
    assert watched.escaped == []
    assert watched.errors == []


def test_the_home_search_box_leads_to_an_entity_page_and_its_graph(watched: Watched) -> None:
    with serve_app(create_app(build_store())) as base:
        page = watched.page
        page.goto(base + "/")
        page.fill("input[name=q]", "daf butler")
        page.press("input[name=q]", "Enter")
        page.get_by_role("link", name="butler", exact=True).click()
        page.wait_for_url("**/entities/component/butler")
        assert "The Middleware team is responsible for butler." in page.inner_text("body")
        page.get_by_role("link", name="See it in the graph").click()
        page.wait_for_selector("body[data-drawn='true']")
        assert iri("Component", "butler") in watched.node_ids()
    assert watched.escaped == [] and watched.errors == []


def test_the_api_docs_page_renders_offline(watched: Watched) -> None:
    with serve_app(create_app(build_store())) as base:
        watched.page.goto(f"{base}/docs")
        watched.page.wait_for_selector(".opblock", timeout=15_000)
        operations = watched.page.locator(".opblock").count()
    assert operations >= 8  # every question endpoint is listed
    assert watched.escaped == [], f"requests left the machine: {watched.escaped}"
    assert watched.errors == []
