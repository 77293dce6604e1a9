"""A query-crash corpus against a real ``kg serve``: nothing a client sends can kill it.

Deep nesting (which overflowed Oxigraph's parser and killed the process), huge literals,
SERVICE written with every Unicode space (which slipped past a text filter and fetched
another host), cartesian products under COUNT and GROUP BY (which kept a core busy long
after the client got its error, or grew memory until the process aborted). After each,
the server answers, nothing was fetched, and a stopped query's worker process is gone.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import psutil
import pytest

from tests.hardening.conftest import Server, start_server, stop_server
from tests.hardening.test_endpoint import hostile_store_on_disk, listener  # noqa: F401 - fixture

#: every character Unicode calls white space, plus the byte-order mark
SPACES = [chr(c) for c in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680)] + [
    chr(c) for c in (*range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF)
]

NESTED = [
    "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000,
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "?o" + ")" * 5000 + ") }",
    "ASK { FILTER(" + "!" * 100_000 + "true) }",
    "SELECT * WHERE { ?s ?p [ ?q " + "[ ?q " * 2000 + "1" + " ]" * 2001 + " }",
    "SELECT * WHERE { ?s " + "^" * 50_000 + "?p ?o }",
    "SELECT (" + "-" * 50_000 + "1 AS ?x) WHERE {}",
]


@pytest.fixture(scope="module")
def crash_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = hostile_store_on_disk(tmp_path_factory.mktemp("crash") / "store")
    running = start_server(
        path, env={"KG_QUERY_TIMEOUT": "1", "KG_MAX_RESULTS": "1000", "KG_QUERY_MEMORY_MB": "768"}
    )
    yield running
    stop_server(running)


def _alive(server: Server) -> None:
    assert server.process.poll() is None, "the server process died"
    ok = httpx.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert ok.status_code == 200, ok.text


@pytest.mark.parametrize("query", NESTED, ids=lambda q: q[:24])
def test_deep_nesting_is_a_clear_400_and_the_server_lives(crash_server: Server, query: str) -> None:
    sends = [
        lambda: httpx.post(
            crash_server.url + "/sparql",
            content=query.encode(),
            headers={"Content-Type": "application/sparql-query"},
            timeout=60,
        )
    ]
    if len(query) < 30_000:  # longer ones do not fit a URL
        sends.append(
            lambda: httpx.get(crash_server.url + "/sparql", params={"query": query}, timeout=60)
        )
    for send in sends:
        response = send()
        assert response.status_code == 400, response.text[:300]
        assert "nest" in response.json()["detail"]
    _alive(crash_server)


def test_a_huge_literal_is_answered_or_refused_cleanly(crash_server: Server) -> None:
    query = 'SELECT ?x WHERE { BIND("' + "a" * 900_000 + '" AS ?x) }'
    response = httpx.post(
        crash_server.url + "/sparql",
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=60,
    )
    assert response.status_code in (200, 400, 413), response.text[:300]
    _alive(crash_server)


def _service_spellings(url: str) -> Iterator[str]:
    for space in SPACES:
        yield f"SELECT * WHERE {{ SERVICE <{url}/x{space}#> {{ ?s ?p ?o }} }}"
        yield f"SELECT * WHERE {{ SERVICE{space}<{url}/y> {{ ?s ?p ?o }} }}"
        yield f"SELECT * WHERE {{{space}service{space}silent{space}<{url}/z>{{?s ?p ?o}}}}"
        yield f"SELECT * WHERE {{ ?s ?p '{space}#' . SERVICE <{url}/w> {{ ?s ?p ?o }} }}"


def test_no_service_spelling_fetches_another_host(
    crash_server: Server,
    listener: tuple[str, list[str]],  # noqa: F811 - the fixture
) -> None:
    url, hits = listener
    with httpx.Client(base_url=crash_server.url, timeout=60) as http:
        for query in _service_spellings(url):
            response = http.post(
                "/sparql",
                content=query.encode(),
                headers={"Content-Type": "application/sparql-query"},
            )
            assert response.status_code in (400, 403), (repr(query), response.text[:200])
    assert hits == []
    _alive(crash_server)


def _workers(server: Server) -> set[int]:
    """The server's live query workers (a killed one not yet reaped is a zombie: no CPU,
    no memory, and not counted)."""
    pids = set()
    for child in psutil.Process(server.process.pid).children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "multiprocessing" in " ".join(
                child.cmdline()
            ):
                pids.add(child.pid)
        except psutil.Error:
            pass
    return pids


@pytest.mark.parametrize(
    "query",
    [
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        "SELECT ?a ?d ?g (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        " GROUP BY ?a ?d ?g ?j ?c",
    ],
    ids=["count", "group-by"],
)
def test_a_stopped_query_frees_its_worker_and_the_next_query_answers(
    crash_server: Server, query: str
) -> None:
    response = httpx.get(crash_server.url + "/sparql", params={"query": query}, timeout=60)
    assert response.status_code in (400, 503), response.text
    detail = response.json()["detail"]
    assert "time limit" in detail or "memory" in detail
    busy = {pid for pid in _workers(crash_server) if psutil.pid_exists(pid)}
    # the killed worker is gone; the others are idle (no core held by the stopped query)
    for pid in busy:
        try:
            assert psutil.Process(pid).cpu_percent(interval=0.5) < 50
        except psutil.Error:  # ended meanwhile
            pass
    _alive(crash_server)
