"""Extraction of one minutes file in a process of its own, for the HTTP server.

The API never imports spaCy or ``ingest``; to ingest an upload it runs::

    python -m ingest.worker FILE [--source NAME] [--known ENTITIES.json] [--json]

which prints the document's quads as N-Quads (or, with ``--json``, the extraction
as the ``kg extract`` JSON) on standard output. The server then writes the quads
into the store itself, in one transaction: the server stays the store's single
writer, and a crash of the extraction cannot touch the store.

A file that cannot be read as minutes (empty, binary, too large ...) gives one line
``error: <what was wrong; what is accepted>`` on standard error and exit code
:data:`EXIT_BAD_INPUT`; any other failure gives one ``error:`` line and exit code
:data:`EXIT_FAILED`.

``--known`` is a JSON list of ``{"id", "type", "name", "aliases"}`` objects: the
entities already in the store, so names in the new document resolve to them as
they would in ``kg ingest``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ingest.errors import IngestError
from ingest.model import Entity, Extraction

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILED", "extract", "nquads", "read_known", "main"]

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


def read_known(path: str | None) -> list[Entity]:
    """Entities from a ``--known`` JSON file (a list of id/type/name/aliases objects)."""
    if not path:
        return []
    items: list[dict[str, Any]] = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        Entity(str(i["id"]), i["type"], str(i["name"]), tuple(map(str, i.get("aliases", ()))))
        for i in items
    ]


def extract(
    path: str,
    *,
    source: str | None = None,
    known: Sequence[Entity] = (),
    directory: str | None = None,
    glossary: str | None = None,
    catalog: str | None = None,
) -> Extraction:
    """Extract one file; ``source`` replaces the path recorded as the document's origin."""
    from ingest.pipeline import extract_source, load_resources
    from ingest.read.source import read_source

    text = read_source(path)  # bad input is refused before any model is loaded
    resources = load_resources(
        directory=directory, glossary=glossary, catalog=catalog, known=list(known)
    )
    extraction = extract_source(text, resources)
    if source:
        extraction = dataclasses.replace(extraction, source=source)
    return extraction


def nquads(extraction: Extraction) -> bytes:
    """The document's quads (its whole named graph) as N-Quads."""
    from ingest.emit import to_quads

    data = ox.serialize(to_quads(extraction), format=ox.RdfFormat.N_QUADS)
    return data if isinstance(data, bytes) else b""


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.worker",
        description="Extract one minutes file; print its quads as N-Quads (or JSON).",
    )
    parser.add_argument("file")
    parser.add_argument("--source", help="name recorded as the document's origin")
    parser.add_argument("--known", help="JSON list of entities already in the store")
    parser.add_argument("--json", action="store_true", help="print the extraction as JSON")
    parser.add_argument("--directory", help="people directory (authordb.yaml format)")
    parser.add_argument("--glossary", help="glossary of acronyms (glossarydefs.csv format)")
    parser.add_argument("--catalog", help="software component catalog (repos.yaml format)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        extraction = extract(
            args.file,
            source=args.source,
            known=read_known(args.known),
            directory=args.directory,
            glossary=args.glossary,
            catalog=args.catalog,
        )
    except IngestError as exc:
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug: still one line, so the server can show it
        print(f"error: extraction failed: {type(exc).__name__}: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        out = json.dumps(extraction.to_dict(), ensure_ascii=False, indent=2) + "\n"
        sys.stdout.write(out)
    else:
        sys.stdout.buffer.write(nquads(extraction))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
