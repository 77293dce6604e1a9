"""Query latency: the HTTP API through a real server against the bare pyoxigraph store.

The server is ``kg serve`` in its own process on a free loopback port; this process
is the client (httpx, one keep-alive connection, requests one after another). The
bare side asks the same questions of the same store folder with pyoxigraph in this
process (opened read-only), as a user of the library alone would write them. The two
sides take their ``reps`` rounds in turn, so a busy moment of the machine falls on
both, and the server is asked nothing before it reports its indexes built. Rounds
cycle over a few targets (components from the most to the least talked about), so
p99 sees the heavy answers and p50 the typical one. Each side of a question has a
time budget: a question slower than it is reported with the samples it got.

Usage (run by :mod:`bench.run`)::

    python -m bench.query_case --store DIR --targets a b c --reps 5 --out R.json
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.measure import PYTHON, ROOT, emit, free_port, percentile, summarise

__all__ = [
    "QUESTIONS",
    "SPARQL",
    "BARE_FUNCTIONS",
    "bare_query",
    "bare_owners",
    "start_server",
    "stop_server",
    "wait_ready",
    "measure",
    "main",
]

_PREFIXES = """PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
"""

#: the three SPARQL queries sent to /sparql and to the bare store; {x} is a component IRI
SPARQL: dict[str, str] = {
    "sparql: statements per predicate (aggregate)": _PREFIXES
    + "SELECT ?p (COUNT(*) AS ?n) WHERE { ?st a mkg:Statement ; rdf:predicate ?p } GROUP BY ?p",
    "sparql: open actions by due date (filter, order, limit)": _PREFIXES
    + """SELECT ?a ?text ?due WHERE {
  ?a a mkg:ActionItem ; mkg:status "open" ; mkg:dueDate ?due ; schema:text ?text .
} ORDER BY ?due LIMIT 50""",
    "sparql: transitive dependencies (property path)": _PREFIXES
    + "SELECT DISTINCT ?dep ?name WHERE { {x} mkg:dependsOn+ ?dep . ?dep skos:prefLabel ?name }",
}

_EVIDENCE = """?ev mkg:quote ?quote ; mkg:start ?start ; mkg:end ?end ; dcterms:source ?doc .
  ?doc mkg:path ?source . OPTIONAL { ?ev dcterms:date ?date }"""

#: the claims of one thing, as a library user would ask for them: one UNION query, no quotes
_OWNER_CLAIMS = (
    _PREFIXES
    + """SELECT ?who ?rel ?ev ?date WHERE {
  { VALUES ?rel { mkg:responsibleFor mkg:leads }
    ?st rdf:object {x} ; rdf:predicate ?rel ; rdf:subject ?who ; mkg:evidence ?ev . }
  UNION
  { { ?item mkg:ticket {x} } UNION { ?item mkg:about {x} . {x} a mkg:Document }
    ?item mkg:assignedTo ?who ; mkg:evidence ?ev . BIND(mkg:assignedTo AS ?rel) }
  OPTIONAL { ?ev dcterms:date ?date }
}"""
)
_QUOTES = (
    _PREFIXES + "SELECT ?ev ?quote ?start ?end ?source ?date WHERE { {values} " + _EVIDENCE + "}"
)


def bare_owners(store: Any, text: str, newest: int = 5) -> int:
    """``/owners`` in plain pyoxigraph: the claims, then the newest quotes of each owner.

    ``text`` is :data:`_OWNER_CLAIMS` filled in; returns the number of quotes read.
    """
    by_owner: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in store.query(text):
        date = row["date"].value if row["date"] is not None else ""
        by_owner.setdefault((row["who"].value, row["rel"].value), []).append((date, str(row["ev"])))
    chosen = [ev for items in by_owner.values() for _, ev in sorted(items, reverse=True)[:newest]]
    if not chosen:
        return 0
    values = "VALUES ?ev { " + " ".join(dict.fromkeys(chosen)) + " }"
    return bare_query(store, _QUOTES.replace("{values}", values))


#: API question -> (path, params for target/word, bare SPARQL answering the same question,
#: and, when one query is not how a library user would answer it, the function that does)
QUESTIONS: dict[str, tuple[str, Callable[[str, str], dict[str, str]], str]] = {
    "/owners": ("/owners", lambda name, word: {"of": name}, _OWNER_CLAIMS),
    # issue 13: who owned it on a day (claim periods from the time index); the bare side
    # reads the claims said by then, which is what a library user without periods can do
    "/owners?as_of=": (
        "/owners",
        lambda name, word: {"of": name, "as_of": "2021-06-30"},
        _OWNER_CLAIMS.replace(
            "OPTIONAL { ?ev dcterms:date ?date }",
            "OPTIONAL { ?ev dcterms:date ?date }"
            ' FILTER(!BOUND(?date) || STR(?date) <= "2021-06-30")',
        ),
    ),
    # issue 13: open actions from each action's latest state across meetings
    "/actions?status=open": (
        "/actions",
        lambda name, word: {"status": "open"},
        _PREFIXES
        + """SELECT ?a ?text ?date WHERE { ?a a mkg:ActionItem ; mkg:status "open" ;
  schema:text ?text ; mkg:recordedIn ?m . OPTIONAL { ?m schema:startDate ?date } }
  ORDER BY DESC(?date) LIMIT 100""",
    ),
    "/dependencies depth=1": (
        "/dependencies",
        lambda name, word: {"of": name, "depth": "1"},
        _PREFIXES
        + """SELECT ?to ?quote ?start ?end ?source WHERE {
  { SELECT DISTINCT ?to WHERE { {x} mkg:dependsOn ?to } }
  OPTIONAL { ?st rdf:subject {x} ; rdf:predicate mkg:dependsOn ; rdf:object ?to ;
             mkg:evidence ?ev . """
        + _EVIDENCE
        + "} }",
    ),
    "/dependencies depth=0 (all)": (
        "/dependencies",
        lambda name, word: {"of": name, "depth": "0"},
        _PREFIXES + "SELECT DISTINCT ?to WHERE { {x} mkg:dependsOn+ ?to }",
    ),
    "/actions?q=": (
        "/actions",
        lambda name, word: {"q": word},
        _PREFIXES
        + """SELECT ?a ?text WHERE { ?a a mkg:ActionItem ; schema:text ?text .
  FILTER(CONTAINS(LCASE(?text), "{word}")) } LIMIT 100""",
    ),
    # no target: everything known about one entity (its edges in and out with their evidence)
    "/entities/{id}": (
        "/entities/{id}",
        lambda name, word: {},
        _PREFIXES
        + """SELECT ?p ?other ?ev ?date WHERE {
  { ?st rdf:subject {x} ; rdf:predicate ?p ; rdf:object ?other ; mkg:evidence ?ev . }
  UNION
  { ?st rdf:object {x} ; rdf:predicate ?p ; rdf:subject ?other ; mkg:evidence ?ev . }
  OPTIONAL { ?ev dcterms:date ?date } }""",
    ),
}

#: questions whose bare side is a function of (store, filled template) rather than one query
BARE_FUNCTIONS: dict[str, Callable[[Any, str], int]] = {
    "/owners": bare_owners,
    "/owners?as_of=": bare_owners,
}

_WORDS = ("review", "migrate", "upgrade", "document", "benchmark")


def _log(msg: str) -> None:
    print(f"[query_case {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _path(path: str, name: str) -> str:
    """``path`` with ``{id}`` as the component's entity id (``component/cp-export``)."""
    from ontology.ids import entity_iri

    return path.replace("{id}", entity_iri("Component", name).split("/id/", 1)[1])


def _fill(template: str, name: str, word: str) -> str:
    from ontology.ids import entity_iri

    return template.replace("{x}", f"<{entity_iri('Component', name)}>").replace("{word}", word)


#: components by how many statements name them; labels are not joined here, because every
#: document graph repeats an entity's label and the union graph multiplies such joins
_RANKED = (
    _PREFIXES
    + """SELECT ?c (COUNT(?st) AS ?n) WHERE {
  ?st rdf:object ?c .
  FILTER(STRSTARTS(STR(?c), "https://w3id.org/minutes-kg/id/component/"))
} GROUP BY ?c ORDER BY DESC(?n) ?c"""
)
_LABEL = _PREFIXES + "SELECT ?name WHERE { {x} skos:prefLabel ?name } LIMIT 1"


def pick_targets(store: Any, ranks: Sequence[int] = (0, 3, 10, 30, 100)) -> list[str]:
    """Names of components at these ranks of how often statements name them."""
    iris = [row["c"] for row in store.query(_RANKED)]
    if not iris:
        return []
    names = []
    for iri in dict.fromkeys(iris[min(r, len(iris) - 1)] for r in ranks):
        text = _LABEL.replace("{x}", str(iri))
        names += [row["name"].value for row in store.query(text)]
    return names


def bare_query(store: Any, text: str) -> int:
    """Run ``text`` on a pyoxigraph store over its default graph (the merged graph, as the
    API reads it); return the rows it yields."""
    result = store.query(text)
    return sum(1 for _ in result)


def start_server(
    store: str | Path, env: dict[str, str] | None = None, wait: float = 600.0
) -> tuple[subprocess.Popen[bytes], str]:
    """``kg serve`` on a free loopback port; returns the process and its base URL."""
    import httpx

    port = free_port()
    proc = subprocess.Popen(
        [PYTHON, "-m", "kg.cli", "--store", str(store), "serve", "--port", str(port)],
        cwd=str(ROOT),
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited with {proc.returncode}")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError(f"kg serve did not answer /healthz within {wait:.0f} s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class _Side:
    """The latencies of one side (bare or server) of one question, round by round."""

    def __init__(self, ask: Callable[[int], None]):
        self.ask = ask
        self.latencies: list[float] = []
        self.round_p50: list[float] = []
        self.spent = 0.0
        self.error: str | None = None
        self.i = 0

    def round(self, per_round: int, budget: float) -> None:
        """``per_round`` timed calls, unless the budget is spent or the side failed."""
        if self.error or self.spent > budget:
            return
        this_round: list[float] = []
        for _ in range(per_round):
            t0 = time.perf_counter()
            try:
                self.ask(self.i)
            except Exception as exc:  # a refusal or a time-out is a result, not a crash
                self.error = f"{type(exc).__name__}: {exc}"[:300]
                break
            dt = time.perf_counter() - t0
            self.i += 1
            self.spent += dt
            this_round.append(dt)
            if self.spent > budget:
                break
        self.latencies += this_round
        if this_round:
            self.round_p50.append(percentile(this_round, 50))

    def result(self, budget: float) -> dict[str, Any]:
        lat = self.latencies
        out: dict[str, Any] = {
            "n": len(lat),
            "p50_ms": percentile(lat, 50) * 1000 if lat else None,
            "p99_ms": percentile(lat, 99) * 1000 if lat else None,
            "rps": len(lat) / sum(lat) if lat else None,
            "round_p50_ms": summarise([x * 1000 for x in self.round_p50]),
            "budget_hit": self.spent > budget,
        }
        if self.error:
            out["error"] = self.error
        return out


def _interleaved(
    bare: Callable[[int], None],
    server: Callable[[int], None],
    reps: int,
    per_round: int,
    budget: float,
) -> dict[str, dict[str, Any]]:
    """Bare and server rounds taken in turn, so both sides see the same machine.

    Each side has its own time budget; a side past it stops taking rounds.
    """
    sides = {"bare": _Side(bare), "server": _Side(server)}
    for _ in range(reps):
        for side in sides.values():
            side.round(per_round, budget)
    return {name: side.result(budget) for name, side in sides.items()}


def _check(response: Any) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
    response.read()


def wait_ready(base: str, limit: float) -> dict[str, Any]:
    """Wait until the server says its indexes (names, text, ownership) are built."""
    import httpx

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        health = httpx.get(base + "/healthz", timeout=10).json()
        if health.get("indexes") == "ready":
            return {"seconds": time.perf_counter() - t0}
        time.sleep(0.05)
    return {"seconds": None, "error": f"indexes not ready in {limit:.0f} s"}


def measure(
    store: str | Path,
    targets: Sequence[str] | None = None,
    reps: int = 5,
    per_round: int = 20,
    budget: float = 20.0,
    timeout: float = 30.0,
    warmup_limit: float = 300.0,
    only: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Each question on the bare store and through ``kg serve``, rounds taken in turn.

    The server is asked nothing until it reports its indexes built, so no measured
    request competes with that work. Without ``targets``, components of ranks 0, 3,
    10, 30 and 100 by mentions are asked. ``only``: just the questions with these labels
    (``--only "/owners?as_of=" "/actions?status=open"``), to measure one change.
    """
    import httpx
    import pyoxigraph as ox

    bare_store = ox.Store.read_only(str(store))
    targets = list(targets or pick_targets(bare_store))
    triples = len(bare_store)

    def filled(template: str) -> Callable[[int], str]:
        return lambda i: _fill(template, targets[i % len(targets)], _WORDS[i % len(_WORDS)])

    plan: dict[str, tuple[Callable[[int], None], Callable[[int], tuple[str, dict[str, str]]]]]
    plan = {}
    for label, (path, params, bare) in QUESTIONS.items():
        text = filled(bare)
        run = BARE_FUNCTIONS.get(label, bare_query)

        def ask_bare(i: int, text: Callable[[int], str] = text, run: Any = run) -> None:
            run(bare_store, text(i))

        def request(
            i: int, path: str = path, params: Callable[[str, str], dict[str, str]] = params
        ) -> tuple[str, dict[str, str]]:
            target = targets[i % len(targets)]
            return _path(path, target), params(target, _WORDS[i % len(_WORDS)])

        plan[label] = (ask_bare, request)
    for label, template in SPARQL.items():
        text = filled(template)

        def ask_sparql(i: int, text: Callable[[int], str] = text) -> None:
            bare_query(bare_store, text(i))

        def sparql_request(i: int, text: Callable[[int], str] = text) -> tuple[str, dict[str, str]]:
            return "/sparql", {"query": text(i)}

        plan[label] = (ask_sparql, sparql_request)
    if only:
        unknown = sorted(set(only) - set(plan))
        if unknown:
            raise SystemExit(f"unknown questions {unknown}; known: {sorted(plan)}")
        plan = {label: plan[label] for label in plan if label in only}

    results: dict[str, dict[str, Any]] = {label: {} for label in plan}
    first: dict[str, float] = {}
    t0 = time.perf_counter()
    proc, base = start_server(store)
    started = time.perf_counter() - t0
    try:
        _log("server: waiting for its indexes")
        warmup = wait_ready(base, warmup_limit)
        with httpx.Client(base_url=base, timeout=timeout) as client:
            for label, (ask_bare, request) in plan.items():
                accept = (
                    "application/sparql-results+json" if "sparql" in label else ("application/json")
                )

                def ask(i: int, request: Any = request, accept: str = accept) -> None:
                    path, params = request(i)
                    _check(client.get(path, params=params, headers={"Accept": accept}))

                _log(f"{label}: bare and server in turn")
                ask_bare(0)  # warm the caches as the server's first call does
                t1 = time.perf_counter()
                try:
                    ask(0)
                except Exception as exc:
                    results[label] = {"bare": {}, "server": {"n": 0, "error": f"{exc}"[:300]}}
                    continue
                finally:
                    first[label] = time.perf_counter() - t1
                results[label] = _interleaved(ask_bare, ask, reps, per_round, budget)
    finally:
        stop_server(proc)
    for label, sides in results.items():
        s, b = sides.get("server", {}), sides.get("bare", {})
        if s.get("p50_ms") and b.get("p50_ms"):
            sides["ratio_p50"] = s["p50_ms"] / b["p50_ms"]
        sides["first_request_s"] = first.get(label)
    return {
        "store": str(store),
        "triples": triples,
        "targets": list(targets),
        "server_start_s": started,
        "warmup": warmup,
        "questions": results,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.query_case")
    parser.add_argument("--store", required=True)
    parser.add_argument("--targets", nargs="*", help="component names (default: by rank)")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=20)
    parser.add_argument("--budget", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--warmup-limit", type=float, default=300.0)
    parser.add_argument("--only", nargs="*", help="just these questions (their labels)")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    result = measure(
        args.store,
        args.targets,
        args.reps,
        args.per_round,
        args.budget,
        args.timeout,
        args.warmup_limit,
        args.only,
    )
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
