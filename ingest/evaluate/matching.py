"""Scoring of extractions against hand-written gold files (``kg eval``).

A gold file (see ``tests/gold/README.md``) lists, for one minutes document, the
entities, relations, action items and decisions a careful reader finds in it,
by name. :func:`score` compares one ``kg extract`` dict with one gold dict:

- entities match one-to-one when the types agree and a name or alias of one equals
  a name or alias of the other (case, accents and runs of whitespace ignored);
- relations match when the predicates are equal and subject and object each match
  the gold entity named in the gold relation;
- action items are paired by text similarity (best pairs first, one-to-one), then
  their assignees are compared as ``(action, assignee)`` pairs; due dates, status
  and tickets are accuracies over the paired actions where the gold states them;
- decisions are paired by text similarity;
- every evidence quote is checked against the source file's text at its offsets.

>>> gold = {"document": "m.txt", "entities": [{"type": "Person", "name": "Ada Lovelace",
...         "aliases": ["Ada"]}], "relations": [], "action_items": [], "decisions": []}
>>> ext = {"meeting": {"id": "m", "title": None}, "entities": [{"id": "p/ada", "type": "Person",
...        "name": "Ada", "aliases": []}], "relations": [], "action_items": [], "decisions": []}
>>> score(ext, gold, source_text="").entities["all"].f1
1.0
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, utils

from ingest.evaluate.scores import PRF, Accuracy, Scores, combine, format_report

__all__ = [
    "PRF",
    "Accuracy",
    "Scores",
    "TEXT_THRESHOLD",
    "normalize",
    "score",
    "combine",
    "format_report",
    "main",
]

TEXT_THRESHOLD = 70.0
"""Least ``token_set_ratio`` (0-100) for two action or decision texts to be paired."""

_SPACE = re.compile(r"\s+")


def normalize(name: str) -> str:
    """Comparison key of a name: accents dropped, case folded, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _SPACE.sub(" ", folded).strip()


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _Ent:
    type: str
    name: str
    keys: frozenset[str]


#: entity types scored as one class (../shared/ANNOTATION.md: the choice between them costs nothing)
_CLASS = {"Team": "Team/Organization", "Organization": "Team/Organization"}

MEETING_REF = "<meeting>"
"""How corpus gold names the document's own meeting as a relation object (``attended``)."""


def _entity(type_: str, name: str, aliases: Iterable[str] = ()) -> _Ent:
    keys = frozenset(k for k in (normalize(n) for n in (name, *aliases)) if k)
    return _Ent(_CLASS.get(type_, type_), name, keys)


def _match_one_to_one(
    left: Sequence[Any], right: Sequence[Any], weight: Any, threshold: float = 0.0
) -> dict[int, int]:
    """Greedy best-first one-to-one pairing ``{left index: right index}``.

    ``weight(a, b)`` gives a score; pairs scoring below ``threshold`` or 0 never pair.
    """
    pairs = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            w = weight(a, b)
            if w > 0 and w >= threshold:
                pairs.append((-w, i, j))
    pairs.sort()
    used_left: dict[int, int] = {}
    used_right: set[int] = set()
    for _, i, j in pairs:
        if i not in used_left and j not in used_right:
            used_left[i] = j
            used_right.add(j)
    return used_left


def _entity_weight(pred: _Ent, gold: _Ent) -> float:
    if pred.type != gold.type or not pred.keys & gold.keys:
        return 0.0
    return 2.0 if normalize(pred.name) in gold.keys else 1.0


def _text_weight(a: str, b: str) -> float:
    return float(fuzz.token_set_ratio(normalize(a), normalize(b), processor=utils.default_process))


def _prf(matched: int, n_pred: int, n_gold: int) -> PRF:
    return PRF(matched, n_pred - matched, n_gold - matched)


def _per_key(pred: list[str], gold: list[str], pairs: dict[int, int]) -> dict[str, PRF]:
    """P/R/F1 per key (entity type, predicate) of paired lists, and ``"all"``."""
    out = {
        k: _prf(sum(1 for i in pairs if pred[i] == k), pred.count(k), gold.count(k))
        for k in sorted(set(pred) | set(gold))
    }
    out["all"] = _prf(len(pairs), len(pred), len(gold))
    return out


# --------------------------------------------------------------------------- scoring


@dataclass
class _Index:
    """Entities of both sides, and the lookups from relation/assignee references to them."""

    pred: list[_Ent]
    gold: list[_Ent]
    by_iri: dict[str, _Ent]
    gold_by_key: dict[str, _Ent]

    @classmethod
    def build(cls, extraction: dict[str, Any], gold: dict[str, Any]) -> _Index:
        raw = extraction.get("entities", [])
        pred = [_entity(e["type"], e["name"], e.get("aliases", ())) for e in raw]
        by_iri = {e["id"]: p for e, p in zip(raw, pred, strict=True)}
        meeting = extraction.get("meeting") or {}
        golds = [_entity(e["type"], e["name"], e.get("aliases", ())) for e in gold["entities"]]
        if not any(g.type == "Meeting" for g in golds):
            # gold that lists no meeting entity names the document's meeting "<meeting>"
            # (../shared/ANNOTATION.md); the meeting is then no entity to score
            pred = [p for p in pred if p.type != "Meeting"]
            m = _entity("Meeting", MEETING_REF)
            by_iri = {k: (m if v.type == "Meeting" else v) for k, v in by_iri.items()}
            by_iri[meeting.get("id") or ""] = m
            by_key: dict[str, _Ent] = {MEETING_REF: m}
        else:
            by_key = {}
            if meeting.get("title") and meeting.get("id") not in by_iri:
                # the meeting of the document is an entity even when not listed in "entities"
                m = _entity("Meeting", meeting["title"])
                if not any(e.type == "Meeting" and e.keys & m.keys for e in pred):
                    pred.append(m)
                by_iri[meeting.get("id") or ""] = m
        for g in golds:
            for k in g.keys:
                by_key.setdefault(k, g)
        return cls(pred, golds, by_iri, by_key)

    def gold_ref(self, name: str) -> _Ent:
        return self.gold_by_key.get(normalize(name)) or _entity("", name)

    def pred_ref(self, ref: str) -> _Ent:
        return self.by_iri.get(ref) or _entity("", ref)

    def pred_ticket(self, key: str) -> _Ent:
        """The predicted ticket entity an action item's ticket key names (by its name or an
        alias), or the bare key."""
        k = normalize(key)
        return next(
            (e for e in self.pred if e.type == "Ticket" and k in e.keys), _entity("Ticket", key)
        )


_Found = tuple[dict[str, PRF], list[str], list[str]]

CORE_PREDICATES = frozenset({"responsibleFor", "dependsOn", "memberOf", "leads", "requests"})
"""The relations scored together as "core": who owns, leads or belongs to what, and what
depends on or is requested of what (attendance is scored apart)."""


def _score_entities(ix: _Index) -> _Found:
    pairs = _match_one_to_one(ix.pred, ix.gold, _entity_weight)
    out = _per_key([e.type for e in ix.pred], [e.type for e in ix.gold], pairs)
    hit = set(pairs.values())
    misses = [f"{g.type}: {g.name}" for j, g in enumerate(ix.gold) if j not in hit]
    false_hits = [f"{p.type}: {p.name}" for i, p in enumerate(ix.pred) if i not in pairs]
    return out, misses, false_hits


def _score_relations(extraction: dict[str, Any], gold: dict[str, Any], ix: _Index) -> _Found:
    refs = sorted(
        {(r["subject"], r["predicate"], r["object"]) for r in extraction.get("relations", [])}
    )
    pred = [(ix.pred_ref(s), p, ix.pred_ref(o)) for s, p, o in refs]
    golds = [
        (ix.gold_ref(r["subject"]), r["predicate"], ix.gold_ref(r["object"]))
        for r in gold["relations"]
    ]

    def weight(a: tuple[_Ent, str, _Ent], b: tuple[_Ent, str, _Ent]) -> float:
        return float(a[1] == b[1] and bool(a[0].keys & b[0].keys) and bool(a[2].keys & b[2].keys))

    pairs = _match_one_to_one(pred, golds, weight)
    out = _per_key([r[1] for r in pred], [r[1] for r in golds], pairs)
    core = [i for i, r in enumerate(pred) if r[1] in CORE_PREDICATES]
    out["core"] = _prf(
        sum(1 for i in core if i in pairs),
        len(core),
        sum(1 for r in golds if r[1] in CORE_PREDICATES),
    )
    hit = set(pairs.values())
    misses = [
        f"{r['subject']} {r['predicate']} {r['object']}"
        for j, r in enumerate(gold["relations"])
        if j not in hit
    ]
    false_hits = [f"{s.name} {p} {o.name}" for i, (s, p, o) in enumerate(pred) if i not in pairs]
    return out, misses, false_hits


def _gold_spans(item: dict[str, Any], text: str | None) -> list[tuple[int, int]]:
    quote = item.get("evidence")
    if not text or not isinstance(quote, str) or not quote.strip():
        return []
    spans, at = [], text.find(quote)
    while at >= 0:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return spans


def _evidence_weight(pred: dict[str, Any], gold_spans: list[tuple[int, int]]) -> float:
    """How much of the shorter of the two quotes overlaps the other, 0..1."""
    best = 0.0
    for ev in pred.get("evidence", []):
        s, e = ev.get("start"), ev.get("end")
        if s is None or e is None or e <= s:
            continue
        for gs, ge in gold_spans:
            overlap = min(e, ge) - max(s, gs)
            if overlap > 0:
                best = max(best, overlap / min(e - s, ge - gs))
    return best


def _pair_texts(
    pred: list[dict[str, Any]], gold: list[dict[str, Any]], text: str | None = None
) -> dict[int, int]:
    """Pairs by text similarity; with the source ``text`` (``--pair quote``) also by a
    quote that overlaps the gold's evidence by half the shorter of the two or more."""
    if text is None:
        return _match_one_to_one(
            pred, gold, lambda a, b: _text_weight(a["text"], b["text"]), TEXT_THRESHOLD
        )
    spans = {id(g): _gold_spans(g, text) for g in gold}

    def weight(a: dict[str, Any], b: dict[str, Any]) -> float:
        w = _text_weight(a["text"], b["text"])
        over = _evidence_weight(a, spans[id(b)])
        return max(w, 70.0 + 30.0 * over if over >= 0.5 else 0.0)

    return _match_one_to_one(pred, gold, weight, TEXT_THRESHOLD)


def _score_actions(
    extraction: dict[str, Any],
    gold: dict[str, Any],
    ix: _Index,
    misses: dict[str, list[str]],
    false_hits: dict[str, list[str]],
    text: str | None = None,
) -> tuple[PRF, PRF, dict[str, Accuracy]]:
    pred, golds = extraction.get("action_items", []), gold["action_items"]
    pairs = _pair_texts(pred, golds, text)
    paired = {j: i for i, j in pairs.items()}
    for key in ("actions", "assignees", "due", "status", "tickets"):
        misses[key], false_hits[key] = [], []
    assignees = PRF()
    accuracy = {"due": Accuracy(), "status": Accuracy(), "tickets": Accuracy()}
    for i, p in enumerate(pred):
        if i not in pairs:
            false_hits["actions"].append(p["text"])
            names = [ix.pred_ref(x).name for x in p.get("assignees", [])]
            assignees += PRF(fp=len(names))
            false_hits["assignees"] += [f"{n} <- {p['text'][:60]}" for n in names]
    for j, g in enumerate(golds):
        label = g["text"][:60]
        if j not in paired:
            misses["actions"].append(g["text"])
            assignees += PRF(fn=len(g["assignees"]))
            misses["assignees"] += [f"{x} <- {label}" for x in g["assignees"]]
            continue
        p = pred[paired[j]]
        pa = [ix.pred_ref(x) for x in p.get("assignees", [])]
        ga = [ix.gold_ref(x) for x in g["assignees"]]
        m = _match_one_to_one(pa, ga, lambda a, b: float(bool(a.keys & b.keys)))
        assignees += _prf(len(m), len(pa), len(ga))
        hit = set(m.values())
        misses["assignees"] += [f"{x.name} <- {label}" for k, x in enumerate(ga) if k not in hit]
        false_hits["assignees"] += [f"{x.name} <- {label}" for k, x in enumerate(pa) if k not in m]
        got_tickets, want_tickets = _same_tickets(p.get("tickets", []), g.get("tickets", []), ix)
        checks = (
            ("due", p.get("due"), g.get("due")),
            ("status", p.get("status"), g.get("status")),
            ("tickets", got_tickets, want_tickets),
        )
        for key, got, want in checks:  # scored where the gold states a value
            if want:
                accuracy[key] += Accuracy(int(got == want), 1)
                if got != want:
                    misses[key].append(f"{want} (got {got}) <- {label}")
    return _prf(len(pairs), len(pred), len(golds)), assignees, accuracy


def _same_tickets(
    pred: Sequence[str], gold: Sequence[str], ix: _Index
) -> tuple[list[str], list[str]]:
    """The two sides' tickets as comparable lists: a predicted ticket that names the same
    ticket entity as a gold one (any of the spellings either side lists: ``#12``,
    ``org/repo#12``, ``PR 12``) is written as the gold's name, so equal lists mean the same
    tickets."""
    ga = [ix.gold_ref(t) for t in gold]
    pa = [ix.pred_ticket(t) for t in pred]
    pairs = _match_one_to_one(pa, ga, lambda a, b: float(bool(a.keys & b.keys)))
    got = sorted(
        normalize(ga[pairs[i]].name) if i in pairs else normalize(p.name) for i, p in enumerate(pa)
    )
    return got, sorted(normalize(g.name) for g in ga)


def _source_text(gold: dict[str, Any], extraction: dict[str, Any], root: Path | None) -> str | None:
    base = root if root is not None else Path.cwd()
    for candidate in (gold.get("document"), extraction.get("source")):
        if candidate:
            path = Path(candidate)
            path = path if path.is_absolute() else base / path
            if path.is_file():
                return path.read_bytes().decode("utf-8")
    return None


def _quote_violations(extraction: dict[str, Any], text: str | None) -> list[str]:
    if text is None:
        return ["source text not found: quotes were not checked"]
    out = []
    for kind in ("relations", "action_items", "decisions"):
        for n, item in enumerate(extraction.get(kind, [])):
            for ev in item.get("evidence", []):
                start, end, quote = ev.get("start"), ev.get("end"), ev.get("quote")
                in_range = (
                    isinstance(start, int)
                    and isinstance(end, int)
                    and 0 <= start <= end <= len(text)
                )
                found = text[start:end] if in_range else None
                if not quote or found != quote:
                    out.append(f"{kind}[{n}] [{start}:{end}] quote {quote!r} != text {found!r}")
    return out


def score(
    extraction: dict[str, Any],
    gold: dict[str, Any],
    source_text: str | None = None,
    root: Path | None = None,
    pair: str = "text",
) -> Scores:
    """Score one ``kg extract`` dict against one gold dict.

    ``pair``: how action items and decisions are paired with the gold's: ``text`` (their
    texts' similarity, the default and the figure README reports) or ``quote`` (that, or
    a quote overlapping the gold's evidence: the gold's text is a paraphrase, its
    evidence exact, so this counts items found in the minutes' own words).

    ``source_text`` is the decoded minutes file the quotes must come from; when it is
    ``None`` the file ``gold["document"]`` (relative to ``root``, default the working
    directory) is read, then ``extraction["source"]``.
    """
    ix = _Index.build(extraction, gold)
    misses: dict[str, list[str]] = {}
    false_hits: dict[str, list[str]] = {}
    entities, misses["entities"], false_hits["entities"] = _score_entities(ix)
    relations, misses["relations"], false_hits["relations"] = _score_relations(extraction, gold, ix)
    text = source_text if source_text is not None else _source_text(gold, extraction, root)
    by_quote = text if pair == "quote" else None
    actions, assignees, accuracy = _score_actions(
        extraction, gold, ix, misses, false_hits, by_quote
    )
    pred_dec, gold_dec = extraction.get("decisions", []), gold["decisions"]
    dpairs = _pair_texts(pred_dec, gold_dec, by_quote)
    hit = set(dpairs.values())
    misses["decisions"] = [d["text"] for j, d in enumerate(gold_dec) if j not in hit]
    false_hits["decisions"] = [d["text"] for i, d in enumerate(pred_dec) if i not in dpairs]
    return Scores(
        document=gold.get("document", ""),
        entities=entities,
        relations=relations,
        actions=actions,
        assignees=assignees,
        **accuracy,
        decisions=_prf(len(dpairs), len(pred_dec), len(gold_dec)),
        quote_violations=tuple(_quote_violations(extraction, text)),
        misses={k: tuple(v) for k, v in misses.items()},
        false_hits={k: tuple(v) for k, v in false_hits.items()},
    )


def _find_root(gold_path: Path, document: str) -> Path:
    """The working directory if it holds ``document``, else the nearest parent of the gold file."""
    for base in (Path.cwd(), *gold_path.resolve().parents):
        if (base / document).is_file():
            return base
    raise FileNotFoundError(f"{document} (named by {gold_path}) not found; pass --root DIR")


_HELD_OUT_ITEM = re.compile(r"^\s*[-*]\s+`([^`]+)`")


def corpus_gold(corpus: Path, split: str = "dev") -> list[Path]:
    """The gold files of a corpus folder (``gold/<stem>.gold.json`` beside the documents) for
    one split: ``dev`` (every document not held out), ``heldout`` or ``all``.

    The held-out documents are the backticked file names listed under the "Held-out" heading
    of the corpus's ``README.md``; the held-out files themselves are never opened here.
    """
    if split not in ("dev", "heldout", "all"):
        raise ValueError(f"unknown split {split!r}: use dev, heldout or all")
    held: set[str] = set()
    readme = corpus / "README.md"
    if readme.is_file():
        in_section = False
        for line in readme.read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("held-out"):
                in_section = True
            elif in_section and line.startswith("#"):
                break
            elif in_section and (m := _HELD_OUT_ITEM.match(line)):
                held.add(m.group(1))
    out = []
    for gold in sorted((corpus / "gold").glob("*.gold.json")):
        document = gold.name[: -len(".gold.json")]
        is_held = any(Path(h).stem == document or h == document for h in held)
        if split == "all" or (split == "heldout") == is_held:
            out.append(gold)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``kg eval GOLD.json... [--json] [--root DIR]``: extract each gold's document and score it."""
    parser = argparse.ArgumentParser(prog="kg eval", description=main.__doc__)
    parser.add_argument("gold", nargs="*", type=Path, help="gold JSON files")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="a corpus folder (documents + gold/<stem>.gold.json + README.md naming the"
        " held-out split), e.g. ../shared/corpus",
    )
    parser.add_argument(
        "--split",
        choices=("dev", "heldout", "all"),
        default="dev",
        help="with --corpus: which documents to score (default: dev)",
    )
    parser.add_argument("--json", action="store_true", help="print scores as JSON")
    parser.add_argument(
        "--pair",
        choices=("text", "quote"),
        default="text",
        help="pair action items and decisions with the gold's by text similarity (default)"
        " or also by a quote overlapping the gold's evidence",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="directory gold 'document' paths are relative to (default: the working directory,"
        " else the nearest parent directory of the gold file that holds the document)",
    )
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    golds = list(args.gold)
    if args.corpus is not None:
        golds += corpus_gold(args.corpus, args.split)
    if not golds:
        parser.error("give gold JSON files or --corpus DIR")

    from ingest.pipeline import extract_file  # lazy: loads spaCy

    results = []
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        root = args.root or _find_root(gold_path, gold["document"])
        extraction = extract_file(str(root / gold["document"])).to_dict()
        results.append(score(extraction, gold, root=root, pair=args.pair))
    total = combine(results)
    if args.json:
        print(
            json.dumps(
                {"documents": [r.to_dict() for r in results], "total": total.to_dict()},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for r in results:
            print(format_report(r))
            print()
        print(format_report(total, details=False))
    return 0
