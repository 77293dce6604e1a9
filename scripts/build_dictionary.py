"""Build data/vocab/dictionary.txt: an English dictionary's words, as it writes them.

    python scripts/build_dictionary.py [/usr/share/dict/american-english] [--out FILE]

Input: the word list of Debian's ``wamerican`` package (SCOWL; free to copy and ship), one
word a line. Kept: the entries made of letters only (no possessives), written either all in
lower case (``update``, ``mark``) or with one initial capital (``Mark``, ``Baker``,
``Python``). Extraction (``ingest/resolve/people.py``) uses it to tell a capitalised
common word (``Update``, ``Quick Start``, ``Schema Bundling``), which names no person, from
a given name or surname that is also a word (``Mark``, ``Will Baker``): the dictionary writes
those capitalised too. Sorted, one word a line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = (
    "# An English dictionary's words as it writes them: lower case for common words, one\n"
    "# initial capital for proper nouns (given names, surnames, places, brands). From Debian's\n"
    "# wamerican word list; built by scripts/build_dictionary.py.\n"
)


def entries(lines: list[str]) -> list[str]:
    """The entries of ``lines`` in lower case or with one initial capital, letters only."""
    words = {w.strip() for w in lines}
    return sorted(
        w for w in words if len(w) >= 2 and w.isalpha() and (w.islower() or w[1:].islower())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path,
                        default=Path("/usr/share/dict/american-english"))
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "vocab" / "dictionary.txt")
    args = parser.parse_args()
    found = entries(args.source.read_text(encoding="utf-8").splitlines())
    args.out.write_text(HEADER + "".join(w + "\n" for w in found), encoding="utf-8")
    print(f"{args.out}: {len(found)} words")


if __name__ == "__main__":
    main()
