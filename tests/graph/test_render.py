"""The graph page is self-contained, styled by type, and shows every name as text."""

from __future__ import annotations

import re

from graph.project import layout, neighbourhood
from graph.render import STYLES, to_html
from graph.store import OxigraphStore
from tests.graph.conftest import XSS_NAME, iri


def _page(store: OxigraphStore) -> str:
    G = neighbourhood(store, iri("Team", "SQuaRE"), depth=1)
    return to_html(G, layout(G), title=f"around {XSS_NAME}", note="a <b>note</b>")


def test_page_loads_nothing_from_anywhere(store: OxigraphStore) -> None:
    html = _page(store)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html, re.IGNORECASE)
    assert "vis.Network" in html and "new vis.DataSet" in html
    assert "bootstrap" not in html.lower()


def test_names_quotes_and_notes_are_never_markup(store: OxigraphStore) -> None:
    html = _page(store)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the heading
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # the node label, as JSON
    assert "a &lt;b&gt;note&lt;/b&gt;" in html
    assert "textContent" in html  # tooltips are text nodes, not HTML


def test_legend_lists_the_types_shown_with_their_colours(store: OxigraphStore) -> None:
    html = _page(store)
    for kind in ("Person", "Team"):
        assert f'background: {STYLES[kind][0]}"></span>{kind}' in html
    assert "Component</div>" not in html
