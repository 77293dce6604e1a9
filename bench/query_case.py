"""Query latency: the HTTP API through a real server against the bare pyoxigraph store.

The server is ``kg serve`` in its own process on a free loopback port; this process
is the client (httpx, one keep-alive connection, requests one after another). The
bare side asks the same questions of the same store folder with pyoxigraph in this
process, as a user of the library alone would write them. Both sides run ``reps``
rounds over a few targets (components from the most to the least talked about), so
p99 sees the heavy answers and p50 the typical one. Each question has a time budget:
a question slower than it is reported with the samples it got.

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

__all__ = ["QUESTIONS", "SPARQL", "bare_query", "start_server", "stop_server", "measure", "main"]

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

#: API question -> (path, params for target/word, bare SPARQL answering the same question)
QUESTIONS: dict[str, tuple[str, Callable[[str, str], dict[str, str]], str]] = {
    "/owners": (
        "/owners",
        lambda name, word: {"of": name},
        _PREFIXES
        + """SELECT ?who ?rel ?conf ?quote ?start ?end ?source ?date WHERE {
  { VALUES ?rel { mkg:responsibleFor mkg:leads }
    ?st rdf:object {x} ; rdf:predicate ?rel ; rdf:subject ?who ;
        mkg:confidence ?conf ; mkg:evidence ?ev .
    """
        + _EVIDENCE
        + """ }
  UNION
  { { ?item mkg:ticket {x} } UNION { ?item mkg:about {x} }
    ?item mkg:assignedTo ?who ; mkg:evidence ?ev . BIND(mkg:assignedTo AS ?rel)
    """
        + _EVIDENCE
        + "} }",
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
}

_WORDS = ("review", "migrate", "upgrade", "document", "benchmark")


def _log(msg: str) -> None:
    print(f"[query_case {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


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
    iris = [row["c"] for row in store.query(_RANKED, use_default_graph_as_union=True)]
    if not iris:
        return []
    names = []
    for iri in dict.fromkeys(iris[min(r, len(iris) - 1)] for r in ranks):
        text = _LABEL.replace("{x}", str(iri))
        names += [row["name"].value for row in store.query(text, use_default_graph_as_union=True)]
    return names


def bare_query(store: Any, text: str) -> int:
    """Run ``text`` on a pyoxigraph store over the union graph; return the rows it yields."""
    result = store.query(text, use_default_graph_as_union=True)
    return sum(1 for _ in result)


def start_server(store: str | Path, env: dict[str, str] | None = None, wait: float = 600.0) -> (
    tuple[subprocess.Popen[bytes], str]
):
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


def _rounds(
    ask: Callable[[int], None], reps: int, per_round: int, budget: float
) -> dict[str, Any]:
    """Time ``ask(i)`` over ``reps`` rounds; stop early when ``budget`` seconds are spent."""
    latencies: list[float] = []
    round_p50: list[float] = []
    spent = 0.0
    error = None
    i = 0
    for _ in range(reps):
        this_round: list[float] = []
        for _ in range(per_round):
            t0 = time.perf_counter()
            try:
                ask(i)
            except Exception as exc:  # a refusal or a time-out is a result, not a crash
                error = f"{type(exc).__name__}: {exc}"[:300]
                break
            dt = time.perf_counter() - t0
            i += 1
            spent += dt
            this_round.append(dt)
            if spent > budget:
                break
        latencies += this_round
        if this_round:
            round_p50.append(percentile(this_round, 50))
        if error or spent > budget:
            break
    out: dict[str, Any] = {
        "n": len(latencies),
        "p50_ms": percentile(latencies, 50) * 1000 if latencies else None,
        "p99_ms": percentile(latencies, 99) * 1000 if latencies else None,
        "rps": len(latencies) / sum(latencies) if latencies else None,
        "round_p50_ms": summarise([x * 1000 for x in round_p50]),
        "budget_hit": spent > budget,
    }
    if error:
        out["error"] = error
    return out


def _check(response: Any) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
    response.read()


def measure(
    store: str | Path,
    targets: Sequence[str] | None = None,
    reps: int = 5,
    per_round: int = 20,
    budget: float = 20.0,
    timeout: float = 30.0,
    warmup_limit: float = 300.0,
) -> dict[str, Any]:
    """Bare store first (then closed), then the same questions through ``kg serve``.

    Without ``targets``, components of ranks 0, 3, 10, 30 and 100 by mentions are asked.
    """
    import httpx
    import pyoxigraph as ox

    bare_store = ox.Store.read_only(str(store))
    targets = list(targets or pick_targets(bare_store))

    words = _WORDS
    plan: dict[str, tuple[Callable[[int], str], Callable[[int], tuple[str, dict[str, str]]]]] = {}
    for label, (path, params, bare) in QUESTIONS.items():

        def bare_text(i: int, bare: str = bare) -> str:
            return _fill(bare, targets[i % len(targets)], words[i % len(words)])

        def request(
            i: int, path: str = path, params: Callable[[str, str], dict[str, str]] = params
        ) -> tuple[str, dict[str, str]]:
            return path, params(targets[i % len(targets)], words[i % len(words)])

        plan[label] = (bare_text, request)
    for label, text in SPARQL.items():

        def sparql_text(i: int, text: str = text) -> str:
            return _fill(text, targets[i % len(targets)], words[i % len(words)])

        def sparql_request(
            i: int, sparql_text: Callable[[int], str] = sparql_text
        ) -> tuple[str, dict[str, str]]:
            return "/sparql", {"query": sparql_text(i)}

        plan[label] = (sparql_text, sparql_request)

    results: dict[str, dict[str, Any]] = {label: {} for label in plan}
    triples = len(bare_store)
    for label, (bare_text, _) in plan.items():
        _log(f"bare: {label}")
        bare_query(bare_store, bare_text(0))  # warm the caches as the server's first call does
        results[label]["bare"] = _rounds(
            lambda i, f=bare_text, s=bare_store: bare_query(s, f(i)), reps, per_round, budget
        )
    del bare_store

    t0 = time.perf_counter()
    proc, base = start_server(store)
    started = time.perf_counter() - t0
    first: dict[str, float] = {}
    warmup: dict[str, Any] = {}
    try:
        headers = {"Accept": "application/json"}
        with httpx.Client(base_url=base, timeout=timeout, headers=headers) as client:
            # SPARQL first (no name index needed), then the first named question, which builds
            # the server's name index (bounded by warmup_limit), then the API; /owners last,
            # since a request that times out leaves the server busy on it
            order = [label for label in plan if label.startswith("sparql")]
            order += [label for label in plan if label not in order and label != "/owners"]
            order += ["/owners"]
            for label in order:
                if label == order[len(SPARQL)]:
                    _log("server: first named question (builds the name index)")
                    t1 = time.perf_counter()
                    try:
                        warm = client.get(
                            "/dependencies",
                            params={"of": targets[0], "depth": "1"},
                            timeout=warmup_limit,
                        )
                        warmup = {"seconds": time.perf_counter() - t1, "status": warm.status_code}
                    except httpx.TimeoutException:
                        warmup = {"seconds": None, "error": f"none in {warmup_limit:.0f} s"}
                if warmup.get("error") and not label.startswith("sparql"):
                    results[label]["server"] = {
                        "n": 0,
                        "error": "not measured: the first named question (which builds the "
                        f"server's name index) did not answer within {warmup_limit:.0f} s",
                    }
                    continue
                request = plan[label][1]
                _log(f"server: {label}")
                accept = {"Accept": "application/sparql-results+json"} if "sparql" in label else {}

                def ask(i: int, request: Any = request, accept: dict[str, str] = accept) -> None:
                    path, params = request(i)
                    _check(client.get(path, params=params, headers=accept))

                t1 = time.perf_counter()
                try:
                    ask(0)
                    first[label] = time.perf_counter() - t1
                except Exception as exc:
                    first[label] = time.perf_counter() - t1
                    results[label]["server"] = {"n": 0, "error": f"{exc}"[:300]}
                    continue
                results[label]["server"] = _rounds(ask, reps, per_round, budget)
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
    )
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
