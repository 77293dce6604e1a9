"""kg serve: the HTTP API."""

from __future__ import annotations

import argparse
from typing import Any

from kg.commands.common import reference_options
from kg.commands.common import store as _store


def cmd_serve(args: argparse.Namespace) -> int:
    from dataclasses import replace

    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    settings = Settings.from_env()
    references = {k: getattr(args, k) for k in ("directory", "glossary", "catalog")}
    settings = replace(settings, **{k: v for k, v in references.items() if v})
    if args.cors:
        settings = replace(settings, cors_origins=tuple(args.cors))
    app = create_app(_store(args, create=True), settings)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        parents=parents,
        help="serve the HTTP API",
        description="Serve the HTTP API, the web pages and the SPARQL endpoint. Environment: "
        "KG_WRITE_TOKEN (writes), KG_CORS_ORIGINS, KG_QUERY_TIMEOUT (s, default 10), "
        "KG_MAX_RESULTS (rows a query returns before it is truncated, default 10000), "
        "KG_MAX_UPLOAD_BYTES, KG_QUERY_SLOTS, KG_QUERY_MEMORY_MB.",
    )
    p.add_argument("--host", default="127.0.0.1", help="(default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="(default: 8000)")
    p.add_argument(
        "--cors",
        action="append",
        metavar="ORIGIN",
        help="let web pages from ORIGIN (e.g. https://yasgui.example) call the API from a "
        "browser; repeat for more origins (default: $KG_CORS_ORIGINS, comma-separated, "
        "or none: closed)",
    )
    reference_options(p)  # used when documents are uploaded to the server
    p.set_defaults(func=cmd_serve)
