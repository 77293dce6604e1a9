"""Build data/vocab/software_names.txt: widely used software names from public package indexes.

    python scripts/build_software_names.py PYPI.tsv NPM.tsv [--out data/vocab/software_names.txt]

Inputs are the index listings of this workplace's package registries (tab-separated, with a
header): PyPI with a ``rank_among_15000_most_downloaded`` column, npm with
``downloads_a_month``. A name is kept when it is among the most used (PyPI rank <= --pypi-rank,
npm downloads >= --npm-downloads, unscoped), at least three characters, starts with a letter,
and is not an ordinary English word (the spaCy model's lemma tables and stop words, plus
data/vocab/common_words.txt): ``requests``, ``six`` or ``black`` are never made software by
this list. Names of platforms and services that no package index lists (GitHub, Slack, Linux)
live in data/vocab/software_extra.txt, written by hand. The output is sorted, one name per
line, lower case; extraction matches it case-insensitively (ingest/extract/software.py).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = (
    "# Widely used software names from the PyPI and npm download rankings, English words\n"
    "# removed. Built by scripts/build_software_names.py; edit software_extra.txt by hand.\n"
)


def _rows(path: Path) -> csv.DictReader[str]:
    csv.field_size_limit(sys.maxsize)
    return csv.DictReader(path.open(encoding="utf-8", newline=""), delimiter="\t")


def candidates(pypi: Path, npm: Path, pypi_rank: int, npm_downloads: int) -> set[str]:
    names: set[str] = set()
    for row in _rows(pypi):
        rank = (row.get("rank_among_15000_most_downloaded") or "").strip()
        if rank.isdigit() and 0 < int(rank) <= pypi_rank:
            names.add(row["name"].strip().lower())
    for row in _rows(npm):
        name = (row.get("name") or "").strip().lower()
        downloads = (row.get("downloads_a_month") or "").strip()
        if name.startswith("@") or not downloads.isdigit() or int(downloads) < npm_downloads:
            continue
        names.add(name)
    return names


def keep(name: str, english: object) -> bool:
    if len(name) < 3 or not name[0].isalpha() or not name.isascii():
        return False
    if any(c not in "abcdefghijklmnopqrstuvwxyz0123456789-_." for c in name):
        return False
    parts = [p for p in name.replace("_", "-").replace(".", "-").split("-") if p]
    if len(parts) > 3:
        return False  # lodash.merge-like internals, not names people write in minutes
    return not (len(parts) == 1 and name in english)  # type: ignore[operator]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pypi", type=Path)
    parser.add_argument("npm", type=Path)
    parser.add_argument("--pypi-rank", type=int, default=5000)
    parser.add_argument("--npm-downloads", type=int, default=5_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "vocab" / "software_names.txt")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from ingest.extract.naming import load_lexicon
    from ingest.extract.nlp import load_language
    from ingest.resolve.vocab import load_vocabulary

    english = load_lexicon(load_language(), load_vocabulary().common_words)
    names = sorted(
        n
        for n in candidates(args.pypi, args.npm, args.pypi_rank, args.npm_downloads)
        if keep(n, english)
    )
    args.out.write_text(HEADER + "".join(n + "\n" for n in names), encoding="utf-8")
    print(f"{len(names)} names written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
