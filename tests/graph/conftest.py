"""Small literal minutes, extracted by hand, written into a fresh in-memory store.

Two documents: a middleware meeting (butler and the packages around it) and a
SQuaRE meeting whose attendee list holds a name made of HTML, to check escaping.
The dependency chain has a cycle: ctrl_bps -> pipe_base -> butler -> obs_base -> pipe_base.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.store import OxigraphStore, open_store
from ingest.emit import write
from ingest.model import ActionItem, Decision, Entity, Evidence, Extraction, Meeting, Relation
from ontology.ids import action_iri, decision_iri, entity_iri, meeting_iri

__all__ = ["MIDDLEWARE_TEXT", "SQUARE_TEXT", "XSS_NAME", "extractions", "iri", "build_store"]

XSS_NAME = "<img src=x onerror=alert(1)>"

MIDDLEWARE_TEXT = """Middleware weekly, 2024-03-04
Attendees: Tim Jenness, Frossie Economou
Tim Jenness leads the Middleware team.
The Middleware team is responsible for butler.
pipe_base depends on butler for all data access.
ctrl_bps depends on pipe_base.
butler depends on obs_base; obs_base depends on pipe_base for its task classes.
Frossie Economou is a member of SQuaRE.
Decision: adopt butler as the only data access layer.
Action: Tim to write the butler migration plan (DM-1234) by 2024-04-01.
Action: Frossie to schedule the documentation review. DONE
"""

SQUARE_TEXT = """SQuaRE meeting, 2024-05-10
Attendees: Frossie Economou, <img src=x onerror=alert(1)>
<img src=x onerror=alert(1)> is a member of SQuaRE.
Decision: move the science platform notebooks to JupyterLab.
Action: Frossie to fix the notebook aspect login page.
"""


def iri(entity_type: str, name: str) -> str:
    return entity_iri(entity_type, name)


def _ev(text: str, quote: str) -> tuple[Evidence, ...]:
    start = text.index(quote)
    return (Evidence(quote=quote, start=start, end=start + len(quote)),)


def _rel(text: str, s: str, p: str, o: str, quote: str, conf: float = 0.9) -> Relation:
    return Relation(s, p, o, conf, _ev(text, quote))


def extractions() -> list[Extraction]:
    t = MIDDLEWARE_TEXT
    tim, frossie = iri("Person", "Tim Jenness"), iri("Person", "Frossie Economou")
    mw, square = iri("Team", "Middleware"), iri("Team", "SQuaRE")
    butler, pipe_base = iri("Component", "butler"), iri("Component", "pipe_base")
    ctrl_bps, obs_base = iri("Component", "ctrl_bps"), iri("Component", "obs_base")
    middleware = Extraction(
        source="minutes/middleware-2024-03-04.txt",
        document_id="middleware-2024-03-04",
        meeting=Meeting(
            meeting_iri("middleware-2024-03-04"), "Middleware weekly", "2024-03-04", None
        ),
        entities=(
            Entity(tim, "Person", "Tim Jenness", ("Tim", "TJ")),
            Entity(frossie, "Person", "Frossie Economou", ("Frossie",)),
            Entity(mw, "Team", "Middleware", ()),
            Entity(square, "Team", "SQuaRE", ()),
            Entity(butler, "Component", "butler", ("Butler", "daf_butler")),
            Entity(pipe_base, "Component", "pipe_base", ()),
            Entity(ctrl_bps, "Component", "ctrl_bps", ()),
            Entity(obs_base, "Component", "obs_base", ()),
        ),
        relations=(
            _rel(t, tim, "leads", mw, "Tim Jenness leads the Middleware team."),
            _rel(t, mw, "responsibleFor", butler, "The Middleware team is responsible for butler."),
            _rel(t, pipe_base, "dependsOn", butler, "pipe_base depends on butler"),
            _rel(t, ctrl_bps, "dependsOn", pipe_base, "ctrl_bps depends on pipe_base."),
            _rel(t, butler, "dependsOn", obs_base, "butler depends on obs_base"),
            _rel(t, obs_base, "dependsOn", pipe_base, "obs_base depends on pipe_base"),
            _rel(t, frossie, "memberOf", square, "Frossie Economou is a member of SQuaRE."),
        ),
        action_items=(
            ActionItem(
                action_iri("middleware-2024-03-04", 1),
                "Tim to write the butler migration plan (DM-1234)",
                (tim,),
                "2024-04-01",
                "open",
                ("DM-1234",),
                _ev(t, "Tim to write the butler migration plan (DM-1234) by 2024-04-01."),
            ),
            ActionItem(
                action_iri("middleware-2024-03-04", 2),
                "Frossie to schedule the documentation review",
                (frossie,),
                None,
                "done",
                (),
                _ev(t, "Frossie to schedule the documentation review. DONE"),
            ),
        ),
        decisions=(
            Decision(
                decision_iri("middleware-2024-03-04", 1),
                "adopt butler as the only data access layer",
                (butler,),
                _ev(t, "adopt butler as the only data access layer."),
            ),
        ),
    )
    s = SQUARE_TEXT
    xss = iri("Person", XSS_NAME)
    square_doc = Extraction(
        source="minutes/square-2024-05-10.txt",
        document_id="square-2024-05-10",
        meeting=Meeting(meeting_iri("square-2024-05-10"), "SQuaRE meeting", "2024-05-10", None),
        entities=(
            Entity(frossie, "Person", "Frossie Economou", ("Frossie",)),
            Entity(xss, "Person", XSS_NAME, ()),
            Entity(square, "Team", "SQuaRE", ()),
        ),
        relations=(
            _rel(s, xss, "memberOf", square, f"{XSS_NAME} is a member of SQuaRE."),
            _rel(s, frossie, "leads", square, "Frossie Economou", 0.6),
        ),
        action_items=(
            ActionItem(
                action_iri("square-2024-05-10", 1),
                "Frossie to fix the notebook aspect login page",
                (frossie,),
                None,
                "open",
                (),
                _ev(s, "Frossie to fix the notebook aspect login page."),
            ),
        ),
        decisions=(
            Decision(
                decision_iri("square-2024-05-10", 1),
                "move the science platform notebooks to JupyterLab",
                (),
                _ev(s, "move the science platform notebooks to JupyterLab."),
            ),
        ),
    )
    return [middleware, square_doc]


def build_store() -> OxigraphStore:
    store = OxigraphStore(None)
    for extraction in extractions():
        write(store, extraction)
    return store


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One real ``oxigraph serve`` process for the session (tests empty it before use)."""
    from tests.servers import oxigraph_serve

    with oxigraph_serve(Path(tmp_path_factory.mktemp("oxigraph")) / "data") as base:
        yield base


@pytest.fixture(params=["embedded", "oxigraph-server"])
def store(request: pytest.FixtureRequest) -> Iterator[Any]:
    """The fixture documents in the embedded store, then in a real Oxigraph server: every
    graph test that takes ``store`` runs on both and must give the same answers."""
    if request.param == "embedded":
        yield build_store()
        return
    from tests.servers import clear

    base = request.getfixturevalue("oxigraph_server")
    clear(base)
    remote = open_store(base)
    for extraction in extractions():
        write(remote, extraction)
    yield remote
    remote.close()
