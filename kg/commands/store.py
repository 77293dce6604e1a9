"""kg export, kg validate, kg forget: the store as a whole."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from kg.commands.common import store as _store


def cmd_export(args: argparse.Namespace) -> int:
    from graph.export import entity_graph, export, to_csv

    store = _store(args, read_only=True)
    if args.format == "csv":
        if not args.output:
            print(
                "error: --format csv writes two files (nodes.csv, edges.csv): "
                "name their folder with --output DIR",
                file=sys.stderr,
            )
            return 2
        nodes, edges = to_csv(entity_graph(store))
        os.makedirs(args.output, exist_ok=True)
        for name, data in (("nodes.csv", nodes), ("edges.csv", edges)):
            with open(os.path.join(args.output, name), "wb") as fh:
                fh.write(data)
        print(f"wrote {args.output}/nodes.csv and {args.output}/edges.csv")
        return 0
    data = export(store, args.format)
    if args.output:
        with open(args.output, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from graph.store import init_store

    spec = str(args.store)
    if spec == "memory" or spec.startswith(("http://", "https://")):
        print(f"error: `kg init` makes an on-disk store; {spec!r} is not a folder", file=sys.stderr)
        return 2
    made = init_store(spec)
    print(f"{'created an empty store' if made else 'a store is already'} at {spec}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from graph.validate import validate

    result = validate(_store(args, read_only=True))
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
            from graph.identity import resolve
            from graph.timeline import derive

            # who is who over the remaining documents, then what they say over time
            derive(store, canonical=resolve(store).canonical())
            from graph.sources import tidy

            tidy(store)  # its kept source, unless another document has the same content
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


#: kg export's formats (graph.export.FORMATS, kept here so `kg --help` imports no networkx)
EXPORT_HELP = {
    "trig": "TriG, one named graph per document, with the ontology's prefixes",
    "ttl": "Turtle, the union of the documents' graphs, with prefixes",
    "nq": "N-Quads, one named graph per document",
    "nt": "N-Triples, the union graph",
    "jsonld": "JSON-LD with a @context of the prefixes, one @graph per document",
    "graphml": "GraphML of entities and relations (networkx, Gephi, yEd)",
    "gexf": "GEXF of entities and relations (Gephi's own format; networkx)",
    "csv": "nodes.csv and edges.csv in the folder --output names (Gephi, Neo4j LOAD CSV)",
}


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "init",
        parents=parents,
        help="create an empty store (read commands never create one)",
        description="Create an empty on-disk store in a new or empty folder. Read commands "
        "never create a store; `kg ingest` creates one too.",
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "export",
        parents=parents,
        help="serialise the store",
        description="Write the whole store for another tool. Formats:\n"
        + "\n".join(f"  {name:8} {what}" for name, what in EXPORT_HELP.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--format",
        choices=list(EXPORT_HELP),
        default="trig",
        help="(default: trig)",
    )
    p.add_argument(
        "--output",
        "-o",
        help="file to write (default: standard output); the folder for --format csv",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "validate",
        parents=parents,
        help="check the store against the SHACL shapes",
        description="Check the store against ontology/shapes.ttl; exit 1 on violations.",
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "forget",
        parents=parents,
        help="remove one document's graph",
        description="Remove one document's named graph and re-derive what depends on it.",
    )
    p.add_argument("document", metavar="DOC", help="document id or the path it was ingested from")
    p.set_defaults(func=cmd_forget)
