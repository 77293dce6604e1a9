"""The whole graph at 500 nodes stays readable in a real headless Chromium.

A generated store (bench's synthetic minutes, ~60k triples, ~950 related entities) is
drawn with the view capped at 500 nodes. The page names nodes itself: the names drawn
never overlap, the best-connected node is named, zooming in names a larger share of
what is on screen, and hovering a node names it and its relations. No shape hides
another (the layout pushes overlapping nodes apart).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from api.settings import Settings
from graph.store import open_store
from tests.api.conftest import serve_app
from tests.api.test_browser import SHOTS, Watched, browser, watched  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

NODES = 500


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from bench.triples import build_store

    folder: Path = tmp_path_factory.mktemp("big-graph") / "kg"
    build_store(folder, 60_000)
    store = open_store(str(folder), read_only=True)
    with serve_app(create_app(store, Settings(max_graph_nodes=NODES))) as base:
        yield base


def labels(w: Watched) -> list[dict[str, Any]]:
    return list(w.page.evaluate("window.kgLabels"))


def overlapping(drawn: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(drawn):
        for b in drawn[i + 1 :]:
            if (
                a["x"] < b["x"] + b["w"]
                and b["x"] < a["x"] + a["w"]
                and a["y"] < b["y"] + b["h"]
                and b["y"] < a["y"] + a["h"]
            ):
                out.append((a["text"], b["text"]))
    return out


def on_screen(w: Watched, margin: float = 0.0) -> list[str]:
    """The drawn (not hidden) nodes whose centre is inside the canvas (``margin``: a
    fraction of its size kept clear on each side, away from the panels over it)."""
    return list(
        w.page.evaluate(
            """() => {
              const net = window.kgNetwork, box = document.getElementById('graph');
              const w = box.clientWidth, h = box.clientHeight;
              return net.body.data.nodes.get().filter(n => !n.hidden).map(n => n.id).filter(id => {
                const p = net.canvasToDOM(net.getPosition(id));
                return p.x >= m * w && p.y >= m * h && p.x <= (1 - m) * w && p.y <= (1 - m) * h;
              });
            }""".replace("() =>", "m =>"),
            margin,
        )
    )


def redrawn(w: Watched) -> None:
    w.page.evaluate("window.kgNetwork.redraw()")
    w.page.wait_for_timeout(100)


def test_500_nodes_names_that_never_overlap_more_on_zoom_and_hover(
    watched: Watched,  # noqa: F811 - the fixture imported above
    big_server: str,
) -> None:
    page = watched.page
    watched.open_graph(big_server + "/graph")
    ids = watched.node_ids()
    assert len(ids) == NODES

    # at the first view: a good number of names, none over another, the hub among them
    drawn = labels(watched)
    assert len(drawn) >= 25, len(drawn)
    assert overlapping(drawn) == []
    hub = page.evaluate(
        "window.kgNetwork.body.data.nodes.get().sort((a, b) => b.degree - a.degree)[0].id"
    )
    assert hub in {d["id"] for d in drawn}
    names = dict(page.evaluate("window.kgNetwork.body.data.nodes.get().map(n => [n.id, n.name])"))
    assert all(d["text"] == names[d["id"]] or d["text"].endswith("\u2026") for d in drawn)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "graph-500.png"))

    # no node's shape hides another's (positions are spread on the server)
    boxes = page.evaluate(
        "window.kgNetwork.body.data.nodes.getIds().map(id => window.kgNetwork.getBoundingBox(id))"
    )
    hits = sum(
        1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )
    assert hits == 0

    # hovering a node that had no name on screen names it, and its relations
    shown = {d["id"] for d in drawn}
    quiet = next(n for n in on_screen(watched, 0.3) if n not in shown)
    watched.hover(quiet)
    redrawn(watched)
    assert page.evaluate("window.kgHovered") == quiet
    assert quiet in {d["id"] for d in labels(watched)}
    assert overlapping(labels(watched)) == []
    named = page.evaluate(
        "id => window.kgNetwork.getConnectedEdges(id).map(e => "
        "window.kgNetwork.body.data.edges.get(e).label)",
        quiet,
    )
    relations = page.evaluate(
        "id => window.kgNetwork.getConnectedEdges(id).map(e => "
        "window.kgNetwork.body.data.edges.get(e).relation)",
        quiet,
    )
    assert named and named == relations
    others = page.evaluate(
        "id => window.kgNetwork.body.data.edges.get().filter(e => e.label && "
        "e.from !== id && e.to !== id).length",
        quiet,
    )
    assert others == 0  # a big view names only the hovered node's edges

    page.mouse.move(5, 790)  # away from it: the view names only its hubs again
    redrawn(watched)
    assert page.evaluate("window.kgHovered") is None

    # zoomed in, a larger share of what is on screen is named, still without overlaps
    before = len(drawn) / len(on_screen(watched))
    page.evaluate(
        "id => window.kgNetwork.moveTo({ position: window.kgNetwork.getPosition(id), "
        "scale: window.kgNetwork.getScale() * 4 })",
        hub,
    )
    redrawn(watched)
    zoomed = labels(watched)
    assert overlapping(zoomed) == []
    assert len(zoomed) / len(on_screen(watched)) > before

    assert watched.escaped == [], f"requests left the machine: {watched.escaped}"
    assert watched.errors == []
