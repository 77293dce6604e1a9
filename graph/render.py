"""The graph page: a pyvis network in our own template, which works with no network at all.

vis-network is inlined (pyvis's ``cdn_resources="in_line"`` copy) and the template is
ours, so the page requests nothing from any host (pyvis's stock template loads
Bootstrap from a CDN). Positions come from :func:`graph.project.layout`, physics is
off, and the browser draws at once even for thousands of nodes.

Labels stay readable at hundreds of nodes: node sizes grow with their relations, and the
page draws the names itself, at a constant screen size, best-connected first (then the
hovered, selected, focused and found nodes before all), skipping any name that would
overlap one already drawn; zooming in spreads the nodes, so more names fit. Relation
names show on every edge of a small view, else on the edges of the node hovered or
selected.

Every label and quote is text, never markup: the data goes into the page through
Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``), labels are drawn on a
canvas (``fillText``), and the template turns each tooltip into a DOM element whose
``textContent`` is the quote, so a person named ``<img src=x onerror=alert(1)>``
shows as exactly that.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("urn:a", name="<b>", type="Person", quotes=[])
>>> "&lt;b&gt;" in to_html(G, {"urn:a": (0.0, 0.0)}, title="<b>")
True
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.project import node_size

__all__ = ["STYLES", "LABEL_INSIDE", "node_size", "to_html", "tooltip"]

#: entity type -> (colour, vis-network shape)
STYLES: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "Team": ("#f28e2b", "diamond"),
    "Organization": ("#e15759", "square"),
    "Component": ("#59a14f", "triangle"),
    "Ticket": ("#edc948", "star"),
    "Document": ("#b07aa1", "triangleDown"),
    "Meeting": ("#9c755f", "hexagon"),
    "ActionItem": ("#76b7b2", "box"),
    "Decision": ("#ff9da7", "ellipse"),
    "Thing": ("#bab0ac", "dot"),
}

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(default=True),
)
_VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"


@cache
def _vis_js() -> Markup:
    """vis-network, inlined; a literal ``</script`` could end our tag early, so it is split."""
    text = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    return Markup(text.replace("</script", "<\\/script"))


def tooltip(
    heading: str, quotes: list[str], limit: int = 300, evidence: list[dict] | None = None
) -> str:
    """Plain text shown when hovering: a heading and the quotes, each cut to ``limit``,
    each followed by its source and date when ``evidence`` gives them."""
    lines = [heading]
    cited = {e["quote"]: e for e in evidence or []}
    for q in quotes:
        where = cited.get(q)
        q = " ".join(q.split())
        lines.append("\u201c" + (q if len(q) <= limit else q[: limit - 1] + "\u2026") + "\u201d")
        if where:
            lines.append(
                "  \u2014 "
                + str(where.get("source", ""))
                + (", " + str(where["date"]) if where.get("date") else "")
            )
    return "\n".join(lines)


#: the most edges whose relation names are all drawn; a bigger view names the edges of
#: the node hovered or selected
EDGE_LABELS_MAX = 80

#: shapes that draw their label inside themselves (vis-network sizes them by it)
LABEL_INSIDE = frozenset({"box", "ellipse"})


def _network(
    G: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], focus: str | None
) -> Network:
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for n, data in G.nodes(data=True):
        colour, shape = STYLES.get(data.get("type", "Thing"), STYLES["Thing"])
        x, y = positions.get(n, (0.0, 0.0))
        net.add_node(
            n,
            label=data.get("name", n),
            color=colour,
            shape=shape,
            title=tooltip(
                f"{data.get('name', n)} ({data.get('type', 'Thing')})",
                data.get("quotes", []),
                evidence=data.get("evidence"),
            ),
            x=x,
            y=y,
            size=node_size(G.degree(n), n == focus),
            borderWidth=3 if n == focus else 1,
            physics=False,
        )
    for s, o, data in G.edges(data=True):
        net.add_edge(
            s,
            o,
            label=data["relation"],
            title=tooltip(data["relation"], data.get("quotes", []), evidence=data.get("evidence")),
            arrows="to",
        )
    net.set_options(
        json.dumps(
            {
                "physics": {"enabled": False},
                "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
                "edges": {
                    "font": {"size": 10, "align": "middle", "color": "#555"},
                    "color": {"color": "#9aa5b1", "highlight": "#444"},
                    "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.12},
                },
                # labels outside the shapes are drawn by the page itself, decluttered
                "nodes": {"font": {"size": 13}},
            }
        )
    )
    return net


def to_html(
    G: nx.MultiDiGraph,
    positions: dict[str, tuple[float, float]],
    *,
    title: str = "minutes-kg graph",
    note: str | None = None,
    focus: str | None = None,
    links: dict[str, str] | None = None,
) -> str:
    """The self-contained HTML page of ``G`` drawn at ``positions``."""
    net = _network(G, positions, focus)
    nodes, edges, _, _, _, options = net.get_network_data()
    for item in nodes:  # what the details panel, the filters and the search read
        data = G.nodes[item["id"]]
        item["name"] = data.get("name", item["id"])
        item["degree"] = G.degree(item["id"])
        if item.get("shape") not in LABEL_INSIDE:
            # drawn by the page's label layer: only where it does not overlap another
            item.pop("label", None)
        item["kind"] = data.get("type", "Thing")
        item["dates"] = list(data.get("dates", []))
        item["evidence"] = list(data.get("evidence", []))
        item["text"] = data.get("text") or data.get("name", item["id"])
        item["status"] = data.get("status")
        item["due"] = data.get("due")
    for edge in edges:  # past a few dozen, a relation's name shows on hover or selection
        edge["relation"] = edge.get("label")
        if len(edges) > EDGE_LABELS_MAX:
            edge.pop("label", None)
    used = sorted({d.get("type", "Thing") for _, d in G.nodes(data=True)})
    legend = [
        {"type": t, "colour": STYLES[t][0], "shape": STYLES[t][1]} for t in used if t in STYLES
    ]
    return _ENV.get_template("graph.html").render(
        title=title,
        note=note,
        nodes=nodes,
        edges=edges,
        options=json.loads(options),
        legend=legend,
        counts={"nodes": G.number_of_nodes(), "edges": G.number_of_edges()},
        vis_js=_vis_js(),
        links=links or {},
        focus=focus,
        types=[{"type": t, "colour": c, "shape": sh} for t, (c, sh) in STYLES.items()],
    )
