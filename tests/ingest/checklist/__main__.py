"""``python -m tests.ingest.checklist``: pass rates per capability and the failing cases.

Options: ``--capability NAME`` runs one capability; ``--write DIR`` keeps the case files
there (to run ``kg extract`` on one); ``--quiet`` prints the table only; ``--json`` prints
``{capability: [passed, total]}``; ``--raise-ratchets`` raises the ratchets in ``bars.json`` to
the rates measured now (``--reset-ratchets`` also lowers them: for the commit that adds cases).
Exit status 1 when a capability is below its ratchet.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tests.ingest.checklist.suite import (
    format_report,
    load_bars,
    load_cases,
    pass_rates,
    raise_ratchets,
    run_suite,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.ingest.checklist", description=__doc__)
    parser.add_argument(
        "--capability",
        help="run one capability (actions) or one case (actions/will_plain: prints its extraction)",
    )
    parser.add_argument("--write", type=Path, help="write the case files into this folder")
    parser.add_argument("--quiet", action="store_true", help="the table only, no failures")
    parser.add_argument("--json", action="store_true", help="pass counts as JSON")
    parser.add_argument(
        "--raise-ratchets",
        action="store_true",
        help="raise the ratchets in bars.json to the rates measured now (never lowers one)",
    )
    parser.add_argument(
        "--reset-ratchets",
        action="store_true",
        help="set the ratchets to the rates measured now, also lowering: only with new cases",
    )
    args = parser.parse_args(argv)
    cases = load_cases(only=args.capability)
    if not cases:
        parser.error(f"no cases for capability {args.capability!r}")
    results = run_suite(cases, args.write)
    if (args.raise_ratchets or args.reset_ratchets) and not args.capability:
        for capability, ratchet in raise_ratchets(results, lower=args.reset_ratchets).items():
            print(f"ratchet of {capability} set to {ratchet:.0%}")
    bars = load_bars()
    if len(results) == 1 and args.capability and "/" in args.capability:
        print(results[0].case.text)
        print(json.dumps(results[0].extraction, indent=1, ensure_ascii=False))
    if args.json:
        print(json.dumps({k: list(v) for k, v in pass_rates(results).items()}, indent=1))
    else:
        print(
            format_report(
                results, bars, show_failures=not args.quiet, flag_below=not args.capability
            )
        )
    below = [
        c
        for c, (ok, n) in pass_rates(results).items()
        if n and ok / n < bars.get(c, {}).get("ratchet", 0.0) and not args.capability
    ]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
