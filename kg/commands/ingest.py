"""kg ingest, kg extract, kg eval: minutes into the store, or into JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from kg.commands.common import reference_options
from kg.commands.common import store as _store


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

    from graph.errors import CurationError, StoreLockedError
    from ingest.batch import ingest_paths, list_sources

    if args.server:
        return _ingest_through_server(args)
    try:
        store = _store(args, create=True)
    except StoreLockedError as exc:
        print(
            f"error: {exc}. While `kg serve` runs, ingest through it: "
            "KG_WRITE_TOKEN=<token> kg ingest --server http://127.0.0.1:8000 PATH...",
            file=sys.stderr,
        )
        return 1
    from graph.identity import curation_path
    from graph.sources import keep_file, tidy
    from graph.timeline import undone_links

    try:
        # who is who and the time links are recomputed with the curation file after the
        # documents are written: a malformed one is refused before anything is written
        undone_links(curation_path(store))
    except CurationError as exc:
        store.close()
        print(f"error: {exc}", file=sys.stderr)
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
                keep_file(store, report.path)  # the meeting page shows it, highlighted
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
            if written:
                tidy(store)  # copies of content no document has any more
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
    extra += ["--pair", args.pair]
    return evaluate(list(args.gold) + extra + (["--json"] if args.json else []))


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


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ingest",
        parents=parents,
        help="read minutes files or folders into the store",
        description="Read minutes files (or every file in the folders given) into the store, "
        "one named graph per document; a document read again replaces its graph.",
    )
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

    p = sub.add_parser(
        "extract",
        parents=parents,
        help="print what one file yields, as JSON (no store)",
        description="Print the entities, relations, action items and decisions one file "
        "yields, as JSON, without touching the store.",
    )
    p.add_argument("file")
    reference_options(p)
    budget_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "eval",
        parents=parents,
        help="score extraction against gold files",
        description="Score extraction against gold files: precision, recall and F1 per kind.",
    )
    p.add_argument("gold", nargs="*", metavar="GOLD.json")
    p.add_argument(
        "--corpus", metavar="DIR", help="score a corpus folder's gold (e.g. ../shared/corpus)"
    )
    p.add_argument(
        "--split", choices=("dev", "heldout", "all"), default="dev", help="(default: dev)"
    )
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument(
        "--pair",
        choices=("text", "quote"),
        default="text",
        help="pair action items and decisions with the gold's by text similarity (default),"
        " or also by a quote overlapping the gold's evidence (the gold's text is a paraphrase)",
    )
    p.set_defaults(func=cmd_eval)
