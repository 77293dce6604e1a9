"""Golden compare: proof that a change to the code leaves every extraction byte for byte as it was.

    # the JSON of every document, from the code on PYTHONPATH (e.g. main, then your worktree)
    PYTHONPATH=/tmp/before python scripts/golden_compare.py snapshot /tmp/golden_before --corpus C
    PYTHONPATH=$PWD        python scripts/golden_compare.py snapshot /tmp/golden_after --corpus C
    python scripts/golden_compare.py compare /tmp/golden_before /tmp/golden_after

``snapshot`` writes, for every document of the development split of the corpus (never the
held-out split: its files are not opened), the sources of the ``tests/gold`` samples and
``data/minutes``, the ``kg extract`` JSON (``extract_file``, one document at a time) as
``<name>.json``, and the JSON of the same document extracted in one batch with all the others
(``extract_files``, the path of ``kg ingest``) as ``batched/<name>.json``; a document that fails
is written as its error. ``compare`` prints every file that differs and exits 1 if any does
(a batched file is compared with the one-at-a-time file of the other snapshot too, so batching
must not change an extraction either).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def documents(corpus: Path) -> list[Path]:
    """The dev split of ``corpus``, the tests/gold samples' sources and data/minutes, once each."""
    from ingest.evaluate.matching import corpus_gold

    paths = []
    for gold in corpus_gold(corpus, "dev"):
        paths.append(corpus / json.loads(gold.read_text(encoding="utf-8"))["document"])
    for gold in sorted((ROOT / "tests" / "gold").glob("*.json")):
        paths.append(ROOT / json.loads(gold.read_text(encoding="utf-8"))["document"])
    paths += sorted((ROOT / "data" / "minutes").glob("*.txt"))
    seen: dict[Path, None] = {}
    for p in paths:
        seen.setdefault(p.resolve(), None)
    return list(seen)


def _key(path: Path) -> str:
    """A file name for ``path``'s JSON, unique across the three folders."""
    return f"{path.parent.name}__{path.name}.json"


def _text(result: object) -> str:
    """What ``kg extract`` prints for an extraction; the error's type and text for a failure."""
    if isinstance(result, Exception):
        return f"error: {type(result).__name__}: {result}\n"
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"  # type: ignore[attr-defined]


def snapshot(out: Path, corpus: Path) -> int:
    from ingest.pipeline import extract_file, extract_files, load_resources

    resources = load_resources()
    paths = documents(corpus)
    (out / "batched").mkdir(parents=True, exist_ok=True)
    for path in paths:
        try:
            result: object = extract_file(path, resources)
        except Exception as exc:  # noqa: BLE001 - written as the document's result
            result = exc
        (out / _key(path)).write_text(_text(result), encoding="utf-8")
    for path, result in extract_files(paths, resources):
        (out / "batched" / _key(Path(path))).write_text(_text(result), encoding="utf-8")
    print(f"{len(paths)} documents -> {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    names = sorted(p.name for p in before.glob("*.json"))
    if not names:
        print(f"no snapshot in {before}", file=sys.stderr)
        return 2
    differ = []
    checks = 0
    for name in names:
        want = (before / name).read_bytes()
        for got in (after / name, after / "batched" / name, before / "batched" / name):
            checks += 1
            if not got.is_file() or got.read_bytes() != want:
                differ.append(str(got))
    extra = {p.name for p in after.glob("*.json")} - set(names)
    differ += sorted(str(after / n) for n in extra)
    for d in differ:
        print(f"differs: {d}")
    verdict = "byte-identical" if not differ else f"{len(differ)} differ"
    print(f"{len(names)} documents, {checks} files compared: {verdict}")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("snapshot", help="write the JSON of every document to a folder")
    p.add_argument("out", type=Path)
    p.add_argument("--corpus", type=Path, required=True, help="the corpus folder")
    p = sub.add_parser("compare", help="compare two snapshots byte for byte")
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        return snapshot(args.out, args.corpus)
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
