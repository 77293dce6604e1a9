"""The ``kg`` command line: thin over the functions of ``ingest/`` and ``graph/``.

Every command imports only what it needs, so the query commands (``kg owners``,
``kg deps``, ``kg query``) never load spaCy. ``--store DIR`` (or ``KG_STORE``)
names the store everywhere: a folder, ``memory``, or a SPARQL endpoint URL.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

__all__ = ["main", "build_parser"]


def safe_name(text: str) -> str:
    """``text`` with control characters, line and paragraph separators escaped (``\\n``,
    ``\\x1b``, ``\\u2028``): a file name can never start a line of its own in the output
    (a newline in a name cannot forge an ``ok`` line) nor move the cursor."""
    import unicodedata

    return "".join(
        c.encode("unicode_escape").decode("ascii")
        if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp", "Cf") or c == "\\"
        else c
        for c in text
    )


def _store(args: argparse.Namespace, *, read_only: bool = False) -> Any:
    from graph.store import open_store

    return open_store(args.store, read_only=read_only)


def _print_evidence(evidence: list[dict[str, Any]], indent: str = "    ") -> None:
    for ev in evidence:
        quote = " ".join(ev["quote"].split())
        if len(quote) > 300:
            quote = quote[:297] + "..."
        when = ev.get("date") or "date unknown"
        print(f'{indent}"{quote}"')
        print(f"{indent}  -- {ev['source']}, {when}, chars {ev['start']}-{ev['end']}")


# ------------------------------------------------------------------ ingest / extract


def _ingest_through_server(args: argparse.Namespace) -> int:
    """Upload each file to a running ``kg serve`` (the store's single writer)."""
    import httpx

    from ingest.batch import list_sources

    token = os.environ.get("KG_WRITE_TOKEN")
    if not token:
        print(
            "error: --server needs the server's write token in KG_WRITE_TOKEN",
            file=sys.stderr,
        )
        return 2
    if args.directory or args.glossary or args.catalog:
        print(
            "note: --directory/--glossary/--catalog are not sent with --server; the server's "
            "extraction uses its vocabulary and the entities already in its store",
            file=sys.stderr,
        )
    files, missing = list_sources(args.paths)
    failed = len(missing)
    for report in missing:
        print(f"FAIL  {safe_name(report.path)}: {safe_name(report.error)}", file=sys.stderr)
    url = args.server.rstrip("/") + "/documents"
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(timeout=httpx.Timeout(30.0, read=None)) as client:
        for path in files:
            try:
                with open(path, "rb") as fh:
                    response = client.post(url, headers=headers, files={"file": (path.name, fh)})
            except OSError as exc:
                failed += 1
                print(f"FAIL  {path}: cannot be read ({exc.strerror or exc})", file=sys.stderr)
                continue
            except httpx.ConnectError as exc:
                print(f"error: cannot reach the server at {args.server}: {exc}", file=sys.stderr)
                return 1
            except httpx.HTTPError as exc:
                failed += 1
                print(
                    f"FAIL  {path}: the server stopped receiving it ({exc}); it may be over "
                    "the server's upload limit (KG_MAX_UPLOAD_BYTES)",
                    file=sys.stderr,
                )
                continue
            if response.status_code in (200, 201):
                body = response.json()
                print(
                    f"ok    {path}: {body['triples']} triples, {body['action_items']} action "
                    f"items, {body['decisions']} decisions (document {body['id']})"
                )
                continue
            failed += 1
            try:
                detail = response.json().get("detail", response.text)
            except ValueError:
                detail = response.text
            print(f"FAIL  {path}: HTTP {response.status_code}: {detail}", file=sys.stderr)
            if response.status_code in (401, 403):
                return 1
    total = len(files) + len(missing)
    print(
        f"{total - failed} of {total} documents ingested through {args.server}"
        + (f"; {failed} failed" if failed else "")
    )
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from rich.progress import Progress

    from graph.errors import StoreLockedError
    from ingest.batch import ingest_paths, list_sources

    if args.server:
        return _ingest_through_server(args)
    try:
        store = _store(args)
    except StoreLockedError as exc:
        print(
            f"error: {exc}. While `kg serve` runs, ingest through it: "
            "KG_WRITE_TOKEN=<token> kg ingest --server http://127.0.0.1:8000 PATH...",
            file=sys.stderr,
        )
        return 1
    files, _ = list_sources(args.paths)
    failed = written = skipped = 0
    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("ingesting", total=len(files))

        def show(report: Any) -> None:
            nonlocal failed, written, skipped
            if report.skipped:
                skipped += 1
                print(f"skip  {safe_name(report.path)}: {report.skipped}", file=sys.stderr)
            elif report.ok:
                written += 1
                progress.advance(task)
                print(
                    f"ok    {safe_name(report.path)}: {report.entities} entities, "
                    f"{report.relations} relations, {report.action_items} action items, "
                    f"{report.decisions} decisions ({report.quads} triples)"
                    + (f"; note: {safe_name(report.note)}" if report.note else "")
                )
            else:
                failed += 1
                progress.advance(task)
                print(f"FAIL  {safe_name(report.path)}: {safe_name(report.error)}", file=sys.stderr)

        try:
            ingest_paths(
                store,
                args.paths,
                directory=args.directory,
                glossary=args.glossary,
                catalog=args.catalog,
                n_process=args.processes,
                on_document=show,
                budget=_budget(args),
            )
            if written and hasattr(store, "optimize"):
                store.optimize()  # compacted once per batch, for readers that open it read-only
        except Exception as exc:  # noqa: BLE001 - the store's disk: full, read-only, not ours
            failed += 1
            print(f"error: the store could not be written: {safe_name(str(exc))}", file=sys.stderr)
    try:
        store.close()
    except OSError as exc:
        failed += 1
        print(f"error: the store could not be closed: {safe_name(str(exc))}", file=sys.stderr)
    total = len(files)
    print(
        f"{written} of {total} documents ingested into {safe_name(str(args.store))}"
        + (f"; {failed} failed" if failed else "")
        + (f"; {skipped} paths skipped (not minutes files or hidden folders)" if skipped else "")
    )
    return 1 if failed else 0


def _budget(args: argparse.Namespace) -> Any:
    from ingest.budget import Budget

    return Budget.from_env(seconds=args.max_seconds, max_bytes=args.max_bytes)


def cmd_extract(args: argparse.Namespace) -> int:
    from ingest.budget import run_budgeted
    from ingest.errors import IngestError
    from ingest.extract.nlp import load_language
    from ingest.pipeline import extract_file, load_resources

    resources = load_resources(
        directory=args.directory, glossary=args.glossary, catalog=args.catalog
    )
    budget = _budget(args)

    def work(path: str) -> Any:
        budget.check_size(path)
        return extract_file(path, resources)

    if budget.seconds or budget.memory_mb:
        load_language()
        resources.matchers()  # loaded once, shared by the forked child
        [(_, result)] = list(run_budgeted(work, [args.file], budget))
    else:
        try:
            result = work(args.file)
        except Exception as exc:  # noqa: BLE001 - reported below
            result = exc
    if isinstance(result, (IngestError, OSError)):
        print(f"error: {safe_name(args.file)}: {result}", file=sys.stderr)
        return 1
    if isinstance(result, Exception):
        raise result
    extraction = result
    json.dump(extraction.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from ingest.evaluate.matching import main as evaluate

    extra = ["--corpus", str(args.corpus), "--split", args.split] if args.corpus else []
    return evaluate(list(args.gold) + extra + (["--json"] if args.json else []))


# ------------------------------------------------------------------ queries


def cmd_owners(args: argparse.Namespace) -> int:
    from graph.queries import owners

    as_of = args.as_of.isoformat() if args.as_of else None
    result = owners(_store(args), args.name, evidence_limit=args.evidence, as_of=as_of).to_dict()
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    entity = result["entity"]
    print(f"{entity['name']} ({entity['type']})")
    if not result["owners"]:
        print("  no owner recorded in the minutes")
    for owner in result["owners"]:
        conf = f", confidence {owner['confidence']:.2f}" if owner.get("confidence") else ""
        said = f"; said {owner['evidence_count']}x"
        if owner["first_said"] and owner["first_said"] != owner["last_said"]:
            said += f", {owner['first_said']} to {owner['last_said']}"
        elif owner["last_said"]:
            said += f", {owner['last_said']}"
        print(f"  {owner['name']} ({owner['type']}) -- {owner['relation']}{conf}{said}")
        _print_evidence(owner["evidence"])
    if result["superseded"]:
        print("  superseded:")
    for owner in result["superseded"]:
        print(
            f"    {owner['name']} ({owner['type']}) -- {owner['relation']}, "
            f"{owner['valid_from'] or '?'} to {owner['valid_to']} ({owner['method']})"
        )
        if owner.get("closed_by"):
            _print_evidence([owner["closed_by"]], indent="      ")
    return 0


def cmd_deps(args: argparse.Namespace) -> int:
    from graph.queries import dependencies

    direction = "in" if args.reverse else "out"
    result = dependencies(
        _store(args),
        args.name,
        direction=direction,
        depth=args.depth,
        evidence_limit=args.evidence,
    ).to_dict()
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    entity = result["entity"]
    verb = "is depended on by" if args.reverse else "depends on"
    print(f"{entity['name']} ({entity['type']}) {verb}:")
    if not result["dependencies"]:
        print("  nothing recorded in the minutes")
    for dep in result["dependencies"]:
        print(f"  {'  ' * (dep['depth'] - 1)}{dep['name']} ({dep['type']}), depth {dep['depth']}")
        _print_evidence(dep["evidence"], indent="      " + "  " * (dep["depth"] - 1))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from graph.results import format_result

    if args.file:
        with open(args.file, encoding="utf-8") as fh:
            query = fh.read()
    elif args.sparql:
        query = args.sparql
    else:
        print("error: give a query, or --file F", file=sys.stderr)
        return 2
    store = _store(args)
    sys.stdout.write(format_result(store, query, args.format))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    data = _store(args).export(args.format)
    if args.output:
        with open(args.output, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from graph.validate import validate

    result = validate(_store(args))
    if result.conforms:
        print(f"valid: {result.triples} triples conform to ontology/shapes.ttl")
        return 0
    for violation in result.violations:
        print(violation)
    print(f"{len(result.violations)} violations", file=sys.stderr)
    return 1


def cmd_forget(args: argparse.Namespace) -> int:
    from ontology.ids import document_id, graph_iri

    store = _store(args)
    from pathlib import PurePath

    doc = args.document
    # an id, a path inside the ingested folder, or a file name: all name the document
    candidates = dict.fromkeys((document_id(doc), document_id(PurePath(doc).name)))
    for doc_id in candidates:
        if store.remove_graph(graph_iri(doc_id)):
            from graph.timeline import derive

            derive(store)  # what the remaining documents say over time
            print(f"forgot {doc_id}")
            store.close()
            return 0
    doc_id = next(iter(candidates))
    known = [g.rsplit("/", 1)[-1] for g in store.graphs()]
    print(
        f"error: no document {doc_id!r} in the store; known: {', '.join(known) or 'none'}",
        file=sys.stderr,
    )
    return 1


def cmd_serve(args: argparse.Namespace) -> int:
    from dataclasses import replace

    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    settings = Settings.from_env()
    references = {k: getattr(args, k) for k in ("directory", "glossary", "catalog")}
    settings = replace(settings, **{k: v for k, v in references.items() if v})
    app = create_app(_store(args), settings)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Meeting minutes as a knowledge graph you can query."
    )
    parser.add_argument(
        "--store",
        default=os.environ.get("KG_STORE", ".kg"),
        help="store folder, 'memory', or a SPARQL endpoint URL (default: $KG_STORE or .kg)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def reference_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--directory", help="people directory (authordb.yaml format)")
        p.add_argument("--glossary", help="glossary of acronyms (glossarydefs.csv format)")
        p.add_argument("--catalog", help="software component catalog (repos.yaml format)")

    def budget_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--max-seconds",
            type=float,
            help="per-document time budget (default $KG_DOCUMENT_SECONDS or 40; 0: none)",
        )
        p.add_argument(
            "--max-bytes",
            type=int,
            help="per-document size budget (default $KG_DOCUMENT_MAX_BYTES or 2 MB; 0: none)",
        )

    p = sub.add_parser("ingest", help="read minutes files or folders into the store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--processes", type=int, default=1, help="spaCy processes (default 1)")
    p.add_argument(
        "--server",
        metavar="URL",
        help="upload to a running `kg serve` at URL instead of opening the store "
        "(token from KG_WRITE_TOKEN)",
    )
    reference_options(p)
    budget_options(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("extract", help="print what one file yields, as JSON (no store)")
    p.add_argument("file")
    reference_options(p)
    budget_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="score extraction against gold files")
    p.add_argument("gold", nargs="*", metavar="GOLD.json")
    p.add_argument(
        "--corpus", metavar="DIR", help="score a corpus folder's gold (e.g. ../shared/corpus)"
    )
    p.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("owners", help="who owns X, with the evidence")
    p.add_argument("name")
    p.add_argument(
        "--evidence",
        type=_count,
        default=3,
        metavar="N",
        help="quotes per owner, newest first (default 3; 0 for all)",
    )
    p.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="DATE",
        help="who owned it on this day (YYYY-MM-DD; default: now); owners replaced "
        "by then are listed apart",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_owners)

    p = sub.add_parser("deps", help="what X depends on (or, with --reverse, what depends on X)")
    p.add_argument("name")
    p.add_argument("--reverse", action="store_true", help="what depends on X")
    p.add_argument("--depth", type=_count, default=1, help="hops to follow; 0 = all (default 1)")
    p.add_argument(
        "--evidence",
        type=_count,
        default=3,
        metavar="N",
        help="quotes per dependency, newest first (default 3; 0 for all)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_deps)

    p = sub.add_parser("query", help="run a SPARQL query over the union of all documents")
    p.add_argument("sparql", nargs="?")
    p.add_argument("--file", help="read the query from a file")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="serialise the store")
    p.add_argument("--format", choices=["ttl", "nt", "trig", "nq", "jsonld"], default="trig")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("validate", help="check the store against the SHACL shapes")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("forget", help="remove one document's graph")
    p.add_argument("document", metavar="DOC", help="document id or the path it was ingested from")
    p.set_defaults(func=cmd_forget)

    p = sub.add_parser("serve", help="serve the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    reference_options(p)  # used when documents are uploaded to the server
    p.set_defaults(func=cmd_serve)
    return parser


def _iso_date(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date {text!r}: write YYYY-MM-DD") from None


def _count(text: str) -> int:
    """A whole number >= 0 (argparse type); 0 means "no limit" where it is used."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (no limit) or more, not {value}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from graph.errors import GraphError

    try:
        return int(args.func(args))
    except GraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
