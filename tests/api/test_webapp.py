"""The web app walked in a real headless Chromium over ``kg serve`` of the sample minutes.

The walk of issue 15: search "butler" from the home page, open its page, see its owners
or the people involved, its action items with their assignees, open its graph, click a
node and read its details, filter the graph by type, find a name in it, expand a node;
run an example query in the SPARQL editor and see a table, and a CONSTRUCT drawn as a
graph. No request may leave the host and no console error may occur; ``make screenshots``
saves the walk's screenshots to docs/screenshots/.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.test_browser import SHOTS, Watched, browser, watched  # noqa: F401 - fixtures
from tests.graph.conftest import iri

pytestmark = pytest.mark.browser


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def click_node(w: Watched, node: str) -> None:
    box = w.page.locator("#graph").bounding_box()
    point = w.page.evaluate(
        "id => window.kgNetwork.canvasToDOM(window.kgNetwork.getPosition(id))", node
    )
    w.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_search_butler_its_page_its_graph_and_the_sparql_editor(
    watched: Watched,  # noqa: F811 - the fixture imported above
    sample_server: str,
) -> None:
    page = watched.page
    butler = iri("Component", "butler")

    # search from the home page
    page.goto(sample_server + "/")
    page.fill("main input[name=q]", "butler")
    page.press("main input[name=q]", "Enter")
    page.wait_for_url("**/search?q=butler")
    shot(page, "search")
    first = page.locator("ul.hits li").first
    assert "butler" in first.inner_text()
    page.get_by_role("link", name="butler", exact=True).first.click()
    page.wait_for_url("**/entities/component/butler")

    # owners, or the people involved, labelled as such
    people = page.locator("#owners li, #involvement li")
    assert people.count() >= 1
    if page.locator("#involvement").count():
        assert "not ownership" in page.locator("#involvement").inner_text()
    # its action items, each with its assignees
    rows = page.locator("#actions tr.action")
    assert rows.count() >= 1
    expected = httpx.get(
        sample_server + "/graph", params={"focus": "butler", "format": "json"}
    ).json()
    drawn_actions = [n for n in expected["nodes"] if n["type"] == "ActionItem"]
    assert rows.count() == len(drawn_actions)
    assigned = [rows.nth(i).locator("td.assignees a").count() for i in range(rows.count())]
    assert all(n >= 1 for n in assigned), assigned
    assert page.locator("#statements blockquote a.source").count() >= 1
    shot(page, "entity")

    # its graph: the action items and their people are drawn
    page.get_by_role("link", name="See it in the graph").click()
    page.wait_for_selector("body[data-drawn='true']", timeout=30_000)
    ids = watched.node_ids()
    assert butler in ids
    kinds = page.evaluate("window.kgNetwork.body.data.nodes.get().map(n => n.kind)")
    assert kinds.count("ActionItem") == len(drawn_actions) >= 1
    assignees = {e["target"] for e in expected["links"] if e["relation"] == "assignedTo"}
    assert assignees and assignees <= set(ids)
    shot(page, "graph")

    # hover: evidence with its source and date
    action = drawn_actions[0]["id"]
    tip = watched.hover(action)
    assert ".txt" in tip and "20" in tip

    # click a node: its details
    page.mouse.move(5, 790)
    click_node(watched, butler)
    details = page.locator("#details")
    details.wait_for(state="visible")
    assert "butler" in details.locator("h2").inner_text()
    assert details.locator("[data-kind=Component]").count() == 1
    assert details.locator("#details-page").get_attribute("href") == "/entities/component/butler"
    shot(page, "graph-details")

    # filter by type: hide the action items
    before = int(page.get_attribute("body", "data-visible"))
    page.locator("#legend input[value=ActionItem]").uncheck()
    hidden = page.evaluate(
        "window.kgNetwork.body.data.nodes.get().filter(n => n.hidden).map(n => n.kind)"
    )
    assert hidden and set(hidden) == {"ActionItem"}
    assert int(page.get_attribute("body", "data-visible")) == before - len(hidden)
    page.locator("#legend input[value=ActionItem]").check()

    # filter by date: after the last dated statement, only what has no date stays drawn
    dated = page.evaluate(
        "window.kgNetwork.body.data.nodes.get().filter(n => (n.dates || []).length)"
        ".map(n => n.dates[n.dates.length - 1])"
    )
    assert dated
    page.fill("#from", "2999-01-01")
    page.dispatch_event("#from", "change")
    hidden = page.evaluate("window.kgNetwork.body.data.nodes.get().filter(n => n.hidden).length")
    assert hidden == len(dated)
    page.fill("#from", "")
    page.dispatch_event("#from", "change")
    assert int(page.get_attribute("body", "data-visible")) == before

    # find in the graph
    page.fill("#find", "metadata")
    assert page.locator("#found").inner_text().startswith("1 found")

    # expand a node's neighbours in place
    click_node(watched, iri("Component", "metadata"))
    page.locator("#expand").click()
    page.wait_for_selector("body[data-expanded]")
    assert len(watched.node_ids()) >= len(ids)

    # the SPARQL editor: an example query gives a table
    page.goto(sample_server + "/sparql")
    page.wait_for_selector("body[data-ready='true']")
    assert page.locator("#highlight .tok-kw").count() >= 1  # highlighted
    page.select_option("#examples", label="People, by how many meetings they attended")
    page.wait_for_selector("body[data-result='SELECT']")
    table = page.locator("#result-table")
    assert table.locator("th").all_inner_texts() == ["name", "meetings"]
    assert table.locator("tr").count() > 2
    shot(page, "sparql")
    page.select_option(
        "#examples",
        label="CONSTRUCT: who owns, leads, belongs to and depends on what, as a graph",
    )
    page.wait_for_selector("body[data-result='CONSTRUCT']")
    assert page.evaluate("window.kgConstruct.body.data.nodes.length") >= 2
    shot(page, "sparql-construct")

    # a meeting page: attendees, and its source with what was read from it highlighted
    page.goto(sample_server + "/meetings")
    page.locator("main li a").first.click()
    assert page.locator(".attendees a").count() >= 1
    marks = page.locator("pre.minutes mark")
    assert marks.count() >= 1
    passages = page.locator(".passage")
    assert passages.count() >= 1
    # an action item's passage link lands on its highlight in the source, inside the quote
    link = page.locator("tr.item a.source").first
    at = str(link.get_attribute("href"))
    quote = " ".join(
        page.locator(".passage", has=page.locator(f"a.source[href='{at}']"))
        .first.locator("blockquote")
        .inner_text()
        .split()
    )
    link.click()
    target = page.locator("pre.minutes mark:target")
    assert target.count() == 1
    assert " ".join(target.inner_text().split()) in quote
    # and the highlight links to the statement read from it
    href = str(target.locator("a").get_attribute("href"))
    target.locator("a").click()
    assert page.locator(f".passage{href}").is_visible()
    page.locator("pre.minutes mark[id]").first.scroll_into_view_if_needed()
    shot(page, "meeting")

    assert watched.escaped == [], f"requests left the machine: {watched.escaped}"
    assert watched.errors == []
    assert watched.dialogs == []
