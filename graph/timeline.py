"""Time across a series of minutes: when a claim held, how an action item moved from
meeting to meeting, which decision replaced which.

Every document graph keeps its own dated statements; this module reads them all and
infers three kinds of links, each with the statements it rests on and its method:

- **claim periods** (:class:`Period`): for ownership and leadership of a thing (and
  membership of a person), a claim opens when first said and stays open through
  restatements; a later statement giving the thing a new holder with a handover cue of
  ``data/vocab/time.yaml`` ("now owns", "taking over from", "handed over to") closes
  the others (or only the one it names after "from") on its date;
- **action threads** (:class:`Thread`): an action item restated in a later meeting by
  the same assignee with the same ticket, or in other words (Dice similarity of content
  words >= :data:`SIMILAR`, score recorded), is one action with a history; a mention
  saying "done", "closed", "(done)", a tick mark ... closes it, "carried over", "still
  open", "ongoing" keep it open;
- **supersession** (:class:`Supersession`): a decision with a supersede cue ("instead
  of", "reverses", "no longer", "replaces the decision of") replaces the latest earlier
  decision sharing a subject with it.

The links are written as one derived named graph (:data:`DERIVED_GRAPH`, PROV-O and
OWL-Time) by :func:`derive`, recomputed from the whole store after each ingest, so the
result does not depend on the order documents were ingested in. A server reads it
once into a :class:`TimeIndex` (rebuilt after writes), as it does for names.

>>> from graph.store import open_store
>>> index = TimeIndex.from_store(open_store("memory"))
>>> index.periods("https://w3id.org/minutes-kg/id/component/butler")
()
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from graph.errors import CurationError
from graph.store import KnowledgeStore, Row
from ontology import PREDICATE_IRIS, SPARQL_PREFIXES
from ontology.ids import DERIVED_BASE

__all__ = [
    "DERIVED_GRAPH",
    "SIMILAR",
    "SIMILAR_UNASSIGNED",
    "Period",
    "Mention",
    "Thread",
    "Supersession",
    "TimeIndex",
    "TimeVocabulary",
    "derive",
    "undone_links",
    "link_between",
    "periods_for",
    "action_history",
    "entity_timeline",
    "edges_on",
    "compute",
    "mention_status",
    "similarity",
]

_MKG = "https://w3id.org/minutes-kg/ontology#"
_ID = "https://w3id.org/minutes-kg/id/"
#: the named graph of inferred time links (not a document's graph: no document id)
DERIVED_GRAPH = DERIVED_BASE + "time"
#: Dice similarity of content words from which two mentions are one action (and two
#: content words in common at least); when neither mention names an assignee
SIMILAR = 0.5
SIMILAR_UNASSIGNED = 0.75

_PROV = "http://www.w3.org/ns/prov#"
_TIME = "http://www.w3.org/2006/time#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"

#: relations whose claims have periods, and whether a thing (object) or a person
#: (subject) holds one claim at a time
_PERIOD_RELATIONS = {
    "responsibleFor": "object",
    "leads": "object",
    "memberOf": "subject",
}
_RELATION_OF = {iri: name for name, iri in PREDICATE_IRIS.items() if name in _PERIOD_RELATIONS}


# ------------------------------------------------------------------ vocabulary


@dataclass(frozen=True)
class TimeVocabulary:
    handover: tuple[str, ...]
    move: tuple[str, ...]
    done: tuple[str, ...]
    done_marks: tuple[str, ...]
    open: tuple[str, ...]
    supersede: tuple[str, ...]
    stopwords: frozenset[str]
    max_gap_days: int = 183

    def cue(self, text: str, cues: tuple[str, ...]) -> str | None:
        """The longest cue of ``cues`` found in ``text`` as whole words, else None."""
        found = _cue_pattern(cues).findall(text.lower())
        return max(found, key=len) if found else None


@lru_cache(maxsize=32)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + (alternatives or "(?!x)x") + r")(?!\w)")


@lru_cache(maxsize=8)
def _done_pattern(done: tuple[str, ...]) -> re.Pattern[str]:
    """A done word in parentheses anywhere, or ending the text."""
    words = "|".join(re.escape(w) for w in sorted(done, key=len, reverse=True)) or "(?!x)x"
    return re.compile(r"\(\s*(?:" + words + r")\s*\)|(?<!\w)(?:" + words + r")[\s.!,;:|*)\]]*$")


def _vocab_path() -> Path:
    env = os.environ.get("KG_VOCAB_DIR")
    base = Path(env) if env else Path(__file__).resolve().parents[1] / "data" / "vocab"
    return base / "time.yaml"


@lru_cache(maxsize=4)
def _load(path: str) -> TimeVocabulary:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        data = {}

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w).lower() for w in data.get(key) or ())

    return TimeVocabulary(
        handover=words("handover"),
        move=words("move"),
        done=words("done"),
        done_marks=tuple(str(w) for w in data.get("done_marks") or ()),
        open=words("open"),
        supersede=words("supersede"),
        stopwords=frozenset(words("stopwords")),
        max_gap_days=int(data.get("max_gap_days") or 183),
    )


def vocabulary() -> TimeVocabulary:
    return _load(str(_vocab_path()))


# ------------------------------------------------------------------ claim periods


@dataclass(frozen=True)
class Period:
    """``who`` held ``relation`` to ``thing`` from ``valid_from`` until ``valid_to``
    (exclusive; None: still holds). ``opened_by``/``closed_by`` are evidence IRIs;
    ``evidence`` every evidence IRI of the period (restatements included)."""

    thing: str
    who: str
    relation: str
    valid_from: str | None
    valid_to: str | None = None
    opened_by: str | None = None
    closed_by: str | None = None
    method: str | None = None
    evidence: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return _ID + "period/" + _digest(self.thing, self.who, self.relation, self.valid_from)

    def holds(self, on: str | None) -> bool:
        """Whether the claim held on the ISO date ``on`` (None: now)."""
        if on is None:
            return self.valid_to is None
        started = self.valid_from is None or self.valid_from[:10] <= on
        return started and (self.valid_to is None or on < self.valid_to[:10])

    def ended_by(self, on: str | None) -> bool:
        """Whether the claim had been closed by ``on`` (None: now)."""
        return self.valid_to is not None and (on is None or self.valid_to[:10] <= on)

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "method": self.method,
        }


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


_CLAIM_ROWS = (
    SPARQL_PREFIXES
    + """SELECT ?x ?who ?p ?ev ?date ?quote WHERE {
  VALUES ?p { mkg:responsibleFor mkg:leads org:memberOf }
  ?st rdf:predicate ?p ; rdf:object ?x ; rdf:subject ?who ; mkg:evidence ?ev .
  OPTIONAL { ?ev dcterms:date ?date }
  OPTIONAL { ?ev mkg:quote ?quote }
}"""
)


@dataclass(frozen=True)
class _Said:
    thing: str
    who: str
    relation: str
    date: str | None
    ev: str
    quote: str


def _names_in(quote: str, label: str) -> bool:
    low = quote.lower()
    parts = [label.lower(), *label.lower().split()[:1]]
    return any(re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", low) for p in parts if p)


def periods_of(
    said: Iterable[_Said], labels: dict[str, str], vocab: TimeVocabulary
) -> list[Period]:
    """Periods of every claim from its dated statements (any order in, one answer out)."""
    groups: dict[tuple[str, str], list[_Said]] = defaultdict(list)
    for s in said:
        holder_side = _PERIOD_RELATIONS[s.relation]
        key = (s.thing if holder_side == "object" else s.who, s.relation)
        groups[key].append(s)
    out: list[Period] = []
    for (_, relation), items in groups.items():
        by_thing = _PERIOD_RELATIONS[relation] == "object"
        cues = vocab.handover if by_thing else vocab.move
        items.sort(key=lambda s: (s.date or "", s.ev, s.who, s.thing))
        open_: dict[str, dict[str, Any]] = {}  # holder key -> period fields
        for s in items:
            held = s.who if by_thing else s.thing  # what changes hands
            slot = open_.get(held)
            if slot is None:
                open_[held] = slot = {
                    "thing": s.thing,
                    "who": s.who,
                    "from": s.date,
                    "opened": s.ev,
                    "evidence": [],
                }
            slot["evidence"].append(s.ev)
            cue = vocab.cue(s.quote, cues) if s.quote else None
            if cue is None or s.date is None:
                continue
            others = [k for k, v in open_.items() if k != held and (v["from"] or "") <= s.date]
            # "taking over from Marta": only Marta's claim ends, when the quote names one
            after = s.quote.lower().split(" from ", 1)[1] if " from " in s.quote.lower() else ""
            named = [k for k in others if after and _names_in(after, labels.get(k, ""))]
            for k in named or others:
                v = open_.pop(k)
                out.append(
                    Period(
                        v["thing"],
                        v["who"],
                        relation,
                        v["from"],
                        s.date,
                        v["opened"],
                        s.ev,
                        f"handover cue '{cue}'",
                        tuple(v["evidence"]),
                    )
                )
        for v in open_.values():
            out.append(
                Period(
                    v["thing"],
                    v["who"],
                    relation,
                    v["from"],
                    None,
                    v["opened"],
                    None,
                    "restated, not handed over",
                    tuple(v["evidence"]),
                )
            )
    return out


def periods_for(store: KnowledgeStore, thing: str) -> tuple[Period, ...]:
    """The periods of the claims about one thing (its owners and leads), from the store,
    read through the identity graph (``thing`` is a canonical IRI)."""
    from graph.identity import canonical_map, members_of

    canonical = canonical_map(store)
    rows = [
        row
        for member in members_of(canonical, thing)
        for row in store.select(_CLAIM_ROWS, {"x": ox.NamedNode(member)})
    ]
    said = [s for s in _said_rows(rows, canonical) if _PERIOD_RELATIONS[s.relation] == "object"]
    labels = _labels_of(store, {s.who for s in said}) if said else {}
    return tuple(periods_of(said, labels, vocabulary()))


def _said_rows(rows: list[Row], canonical: dict[str, str] | None = None) -> list[_Said]:
    """One :class:`_Said` per statement and evidence, its ends read through ``canonical``
    (member IRI -> canonical IRI, graph/identity.py): one person under two spellings is
    one holder."""
    c = canonical or {}
    seen: dict[tuple[str, str, str, str], _Said] = {}
    for r in rows:
        rel = _RELATION_OF.get(r["p"].value)
        if rel is None:
            continue
        x, who = r["x"].value, r["who"].value
        x, who = c.get(x, x), c.get(who, who)
        key = (x, who, rel, r["ev"].value)
        if key not in seen:
            seen[key] = _Said(
                x,
                who,
                rel,
                r["date"].value if "date" in r else None,
                r["ev"].value,
                r["quote"].value if "quote" in r else "",
            )
    return list(seen.values())


# ------------------------------------------------------------------ action threads


@dataclass(frozen=True)
class Mention:
    """One mention of an action: the item node, its meeting's date, the status it gives."""

    item: str
    date: str | None
    status: str
    text: str = ""
    due: str | None = None


@dataclass(frozen=True)
class Link:
    later: str
    earlier: str
    method: str
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.later, "to": self.earlier, "method": self.method, "score": self.score}


@dataclass(frozen=True)
class Thread:
    """One action across meetings: its mentions oldest first and the links between them."""

    id: str
    mentions: tuple[Mention, ...]
    links: tuple[Link, ...] = ()

    @property
    def status(self) -> str:
        return self.mentions[-1].status

    @property
    def due(self) -> str | None:
        dues = [m.due for m in self.mentions if m.due]
        return dues[-1] if dues else None

    def status_on(self, on: str | None) -> str | None:
        """The status as of the ISO date ``on`` (None: latest); None before the first mention."""
        found = None
        for m in self.mentions:
            if on is None or (m.date or "") <= on:
                found = m.status
        return found

    def latest(self, on: str | None = None) -> Mention | None:
        found = None
        for m in self.mentions:
            if on is None or (m.date or "") <= on:
                found = m
        return found

    def overdue(self, on: str) -> bool:
        due = self.due
        return self.status_on(on) == "open" and due is not None and due < on


_WORD = re.compile(r"[a-z0-9][a-z0-9_.+-]*[a-z0-9]|[a-z0-9]", re.I)
_TICKETISH = re.compile(r"^[a-z]+-\d+$|^#\d+$")


def _too_far(earlier: str | None, later: str | None, days: int) -> bool:
    """Whether two ISO dates are more than ``days`` apart (unknown dates are not)."""
    if not earlier or not later or days <= 0:
        return False
    try:
        gap = date.fromisoformat(later[:10]) - date.fromisoformat(earlier[:10])
    except ValueError:
        return False
    return gap.days > days


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content(text: str, vocab: TimeVocabulary, drop: frozenset[str] = frozenset()) -> set[str]:
    status_words = {w for cue in (*vocab.done, *vocab.open) for w in cue.split()}
    out = set()
    for w in _WORD.findall(text.lower().replace("-", " ")):
        if w in vocab.stopwords or w in status_words or w in drop or _TICKETISH.match(w):
            continue
        out.add(_stem(w))
    return out


def similarity(a: set[str], b: set[str]) -> float:
    """Dice coefficient of two sets of content words."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def mention_status(text: str, quote: str, extracted: str | None, vocab: TimeVocabulary) -> str:
    """What one mention says of its action: done, else open.

    A tick mark anywhere, or a done word in parentheses or ending the mention, closes it;
    an open word ("carried over", "still open", "ongoing") keeps it open; else what the
    extraction read ("unknown" counts as open: a listed action is an open one).
    """
    for body in (text, quote):
        if not body:
            continue
        if any(mark in body for mark in vocab.done_marks):
            return "done"
        if _done_pattern(vocab.done).search(body.lower()):
            return "done"
    if extracted == "done":
        return "done"
    return "open"


@dataclass
class _Item:
    iri: str
    text: str
    status: str | None
    due: str | None
    meeting: str
    date: str | None
    title: str | None = None
    quote: str = ""
    assignees: set[str] = field(default_factory=set)
    tickets: set[str] = field(default_factory=set)
    about: set[str] = field(default_factory=set)
    evidence: tuple[Any, ...] = ()  # EvidenceRef, by source and offset


_ITEM_ROWS = (
    SPARQL_PREFIXES
    + """SELECT ?n ?text ?status ?due ?m ?mdate ?title WHERE {
  ?n a mkg:ActionItem ; schema:text ?text ; mkg:recordedIn ?m .
  OPTIONAL { ?m dcterms:title ?title }
  OPTIONAL { ?n mkg:status ?status }
  OPTIONAL { ?n mkg:dueDate ?due }
  OPTIONAL { ?m schema:startDate ?mdate }
}"""
)
_ITEM_LINKS = (
    SPARQL_PREFIXES
    + """SELECT ?n ?kind ?v WHERE {
  ?n a mkg:ActionItem .
  { ?n mkg:assignedTo ?v . BIND("a" AS ?kind) }
  UNION { ?n mkg:ticket ?v . BIND("t" AS ?kind) }
  UNION { ?n mkg:about ?v . BIND("b" AS ?kind) }
  UNION { ?n mkg:evidence ?v . BIND("e" AS ?kind) }
}"""
)


def _natural(iri: str) -> tuple[str, int]:
    head, _, tail = iri.rpartition("/")
    return (head, int(tail) if tail.isdigit() else 0)


def threads_of(
    items: list[_Item],
    labels: dict[str, str],
    vocab: TimeVocabulary,
    undone: frozenset[tuple[str, str]] = frozenset(),
) -> list[Thread]:
    """Action items grouped into threads, meeting by meeting, oldest first."""
    items = sorted(items, key=lambda i: (i.date or "", i.meeting, _natural(i.iri)))
    # first names and surnames of assignees say nothing of the task
    name_words = frozenset(w for label in labels.values() for w in _WORD.findall(label.lower()))
    threads: list[dict[str, Any]] = []
    words = {i.iri: _content(i.text, vocab, name_words) for i in items}
    # open threads by what a later mention must share with them: an assignee, a ticket,
    # or (for threads nobody is assigned) a content word; so each item is compared with
    # a few threads, not all of them
    by_assignee: dict[str, set[int]] = defaultdict(set)
    by_ticket: dict[str, set[int]] = defaultdict(set)
    by_word: dict[str, set[int]] = defaultdict(set)  # every thread, by its words
    unassigned: set[int] = set()

    def forget(n: int, tickets_too: bool) -> None:
        """Thread ``n`` takes no mention by assignee or words (closed, or long quiet)."""
        for it in threads[n]["items"]:
            for a in it.assignees:
                by_assignee[a].discard(n)
            for w in words[it.iri]:
                by_word[w].discard(n)
            if tickets_too:
                for tk in it.tickets:
                    by_ticket[tk].discard(n)
        unassigned.discard(n)

    def index(n: int, item: _Item) -> None:
        for a in item.assignees:
            by_assignee[a].add(n)
        for t in item.tickets:
            by_ticket[t].add(n)
        for w in words[item.iri]:
            by_word[w].add(n)
        if item.assignees:
            unassigned.discard(n)
        else:
            unassigned.add(n)

    for item in items:
        candidates: set[int] = set()
        for a in item.assignees:
            candidates |= by_assignee.get(a, set())
        for tk in item.tickets:
            candidates |= by_ticket.get(tk, set())
        for w in words[item.iri]:
            found = by_word.get(w)
            if found:
                candidates |= found if not item.assignees else (found & unassigned)
        best: tuple[float, int, str] | None = None
        for n in sorted(candidates):
            t = threads[n]
            last: _Item = t["items"][-1]
            if last.meeting == item.meeting or t["mentions"][-1].status == "done":
                continue
            if (item.iri, last.iri) in undone:  # a curator said these are two actions
                continue
            if item.assignees and last.assignees and not (item.assignees & last.assignees):
                continue
            if item.tickets & last.tickets and (item.assignees & last.assignees):
                score, method = 1.0, "same assignee and ticket"
            elif item.tickets & last.tickets:
                score, method = 0.95, "same ticket"
            elif _too_far(last.date, item.date, vocab.max_gap_days):
                # a task said again a season later is a new action; items come in date
                # order, so this thread is too far for every later item too
                forget(n, tickets_too=False)
                continue
            else:
                mine = words[item.iri]
                score, shared = max(
                    (similarity(mine, words[i.iri]), len(mine & words[i.iri])) for i in t["items"]
                )
                method = "text similarity"
                # two words in common at least; with nobody named on either side, more alike
                wanted = SIMILAR if (item.assignees or last.assignees) else SIMILAR_UNASSIGNED
                if score < wanted or shared < 2:
                    continue
            if best is None or (score, n) > (best[0], best[1]):
                best = (score, n, method)
        status = mention_status(item.text, item.quote, item.status, vocab)
        mention = Mention(item.iri, item.date, status, item.text, item.due)
        if best is None:
            threads.append({"items": [item], "mentions": [mention], "links": []})
            n = len(threads) - 1
        else:
            n = best[1]
            t = threads[n]
            score = round(best[0], 3) if best[2] == "text similarity" else None
            t["links"].append(Link(item.iri, t["items"][-1].iri, best[2], score))
            t["items"].append(item)
            t["mentions"].append(mention)
        index(n, item)
        if status == "done":
            forget(n, tickets_too=True)  # a closed action takes no new mentions
    return [
        Thread(_digest(t["items"][0].iri), tuple(t["mentions"]), tuple(t["links"])) for t in threads
    ]


def _items(store: KnowledgeStore, canonical: dict[str, str] | None = None) -> list[_Item]:
    """Every action item with its assignees, tickets, subjects and evidence (quotes read);
    assignees and subjects read through ``canonical`` (graph/identity.py)."""
    from graph.evidence import evidence_by_node

    c = canonical or {}
    found: dict[str, _Item] = {}
    for r in store.select(_ITEM_ROWS):
        iri = r["n"].value
        if iri not in found:
            found[iri] = _Item(
                iri,
                r["text"].value,
                r["status"].value if "status" in r else None,
                r["due"].value if "due" in r else None,
                r["m"].value,
                r["mdate"].value if "mdate" in r else None,
                r["title"].value if "title" in r else None,
            )
    evidence: dict[str, list[str]] = defaultdict(list)
    for r in store.select(_ITEM_LINKS):
        item = found.get(r["n"].value)
        if item is None:
            continue
        kind, value = r["kind"].value, r["v"].value
        if kind in ("a", "b"):
            value = c.get(value, value)
        if kind == "a":
            item.assignees.add(value)
        elif kind == "t":
            item.tickets.add(value)
        elif kind == "b":
            item.about.add(value)
        elif value not in evidence[item.iri]:
            evidence[item.iri].append(value)
    quotes = evidence_by_node(store, [ev for evs in evidence.values() for ev in evs])
    for iri, evs in evidence.items():
        refs = sorted((quotes[e] for e in evs if e in quotes), key=lambda e: (e.source, e.start))
        found[iri].evidence = tuple(refs)
        found[iri].quote = "\n".join(e.quote for e in refs)
    return list(found.values())


# ------------------------------------------------------------------ decisions


@dataclass(frozen=True)
class Supersession:
    later: str
    earlier: str
    method: str
    cue: str
    subjects: tuple[str, ...]


_DECISION_ROWS = (
    SPARQL_PREFIXES
    + """SELECT ?n ?text ?m ?mdate ?about WHERE {
  ?n a mkg:Decision ; schema:text ?text ; mkg:decidedIn ?m .
  OPTIONAL { ?m schema:startDate ?mdate }
  OPTIONAL { ?n mkg:about ?about }
}"""
)


def supersessions_of(
    decisions: dict[str, tuple[str, str | None, str, set[str]]],
    vocab: TimeVocabulary,
    undone: frozenset[tuple[str, str]] = frozenset(),
) -> list[Supersession]:
    """``decisions``: IRI -> (text, date, meeting, subjects). A decision with a supersede
    cue replaces the earlier decision, not yet replaced, sharing the most subjects with it
    (then the most words, then the newest)."""
    order = sorted(decisions, key=lambda n: (decisions[n][1] or "", decisions[n][2], _natural(n)))
    words = {n: _content(decisions[n][0], vocab) for n in order}
    replaced: set[str] = set()
    out = []
    for i, n in enumerate(order):
        text, day, meeting, about = decisions[n]
        cue = vocab.cue(text, vocab.supersede)
        if cue is None or not about:
            continue
        best = None
        for m in order[:i]:
            if m in replaced or decisions[m][2] == meeting or (decisions[m][1] or "") > (day or ""):
                continue
            if (n, m) in undone:
                continue
            shared = about & decisions[m][3]
            if not shared:
                continue
            key = (len(shared), similarity(words[n], words[m]), decisions[m][1] or "", m)
            if best is None or key > best[0]:
                best = (key, m, shared)
        if best is not None:
            replaced.add(best[1])
            out.append(
                Supersession(
                    n,
                    best[1],
                    f"supersede cue '{cue}' and a shared subject",
                    cue,
                    tuple(sorted(best[2])),
                )
            )
    return out


def _decisions(
    store: KnowledgeStore, canonical: dict[str, str] | None = None
) -> dict[str, tuple[str, str | None, str, set[str]]]:
    """Every decision: text, date, meeting and subjects (read through ``canonical``)."""
    c = canonical or {}
    found: dict[str, tuple[str, str | None, str, set[str]]] = {}
    for r in store.select(_DECISION_ROWS):
        n = r["n"].value
        if n not in found:
            found[n] = (
                r["text"].value,
                r["mdate"].value if "mdate" in r else None,
                r["m"].value,
                set(),
            )
        if "about" in r:
            about = r["about"].value
            found[n][3].add(c.get(about, about))
    return found


# ------------------------------------------------------------------ the whole


@dataclass
class Derived:
    periods: list[Period]
    threads: list[Thread]
    supersessions: list[Supersession]
    items: dict[str, _Item] = field(default_factory=dict)
    #: member IRI -> canonical IRI (graph/identity.py) the links were computed through
    canonical: dict[str, str] = field(default_factory=dict)


def undone_links(path: str | os.PathLike[str] | None) -> frozenset[tuple[str, str]]:
    """Links a curator undid, from the identity work's curation file ``path``
    (``curation.json`` beside the store, or ``KG_CURATION``; see
    :func:`graph.identity.curation_path`): its ``{"op": "undo", "later": A, "earlier": B}``
    decisions. Each names two action items (one action is not the other) or two decisions
    (the later does not replace the earlier), by IRI or by ``action/document/number`` /
    ``decision/document/number``. A file that cannot be read or a malformed ``undo`` is
    one :class:`CurationError`."""
    from graph.identity import Curation

    out = set()
    for d in Curation.load(path).decisions:
        if d.get("op") != "undo":
            continue
        later, earlier = d.get("later"), d.get("earlier")
        if not (isinstance(later, str) and isinstance(earlier, str) and later and earlier):
            raise CurationError(
                f"curation file {path}: an undo names two links by 'later' and 'earlier'"
            )
        out.add((_full(later), _full(earlier)))
    return frozenset(out)


def link_between(index: TimeIndex, later: str, earlier: str) -> tuple[str, str, str] | None:
    """The inferred link from ``later`` to ``earlier`` (IRIs or ``action/DOC/N`` /
    ``decision/DOC/N``) in ``index``: (later IRI, earlier IRI, what it is), else None."""
    a, b = _full(later), _full(earlier)
    for x, y in ((a, b), (_full("decision/" + later), _full("decision/" + earlier))):
        sup = index.supersedes.get(x)
        if sup is not None and sup.earlier == y:
            return x, y, f"supersession ({sup.method})"
    thread = index.thread(a)
    if thread is not None:
        for link in thread.links:
            if (link.later, link.earlier) == (a, b):
                score = f" {link.score:.2f}" if link.score is not None else ""
                return a, b, f"one action ({link.method}{score})"
    return None


def _full(ident: str) -> str:
    if ident.startswith(("http://", "https://")):
        return ident
    kind = "decision" if ident.startswith("decision/") else "action"
    ident = ident.split("/", 1)[1] if ident.startswith(("decision/", "action/")) else ident
    return f"{_ID}{kind}/{ident}"


def compute(
    store: KnowledgeStore,
    curation: str | os.PathLike[str] | None = None,
    canonical: dict[str, str] | None = None,
) -> Derived:
    """Every inferred time link of the store, from the document graphs (not the derived one),
    less the links the curation file (``curation``, default the store's) undid
    (:func:`undone_links`).

    People, teams, components and organisations are read through the identity work's
    canonical nodes: ``canonical`` (member IRI -> canonical IRI) when given, else computed
    afresh from the documents and the curation file (the identity graph in the store may
    not be recomputed yet), so "Priya" and "Priya Raman" are one owner and one assignee.
    """
    from graph.identity import curation_path

    vocab = vocabulary()
    path = curation or curation_path(store)
    undone = undone_links(path)
    names: dict[str, str] = {}
    if canonical is None:
        from graph.identity import Curation
        from graph.identity import compute as identities

        resolution = identities(store, Curation.load(path))
        canonical = resolution.canonical()
        names = {e.iri: e.name for e in resolution.entities}
    said = _said_rows(store.select(_CLAIM_ROWS), canonical)
    # names are needed only where a handover says whom it takes over "from"
    handing = [
        s for s in said if " from " in s.quote.lower() and vocab.cue(s.quote, vocab.handover)
    ]
    things = {s.thing for s in handing}
    holders = {s.who for s in said if s.thing in things} | {s.thing for s in handing}
    labels = _names_of(store, holders, names) if holders else {}
    periods = periods_of(said, labels, vocab)
    items = _items(store, canonical)
    assignees = {a for i in items for a in i.assignees}
    # every spelling of an assignee: none of its words says anything of the task
    spellings = assignees | {m for m, k in canonical.items() if k in assignees}
    person_labels = _names_of(store, spellings, names) if assignees else {}
    threads = threads_of(items, person_labels, vocab, undone)
    supersessions = supersessions_of(_decisions(store, canonical), vocab, undone)
    return Derived(periods, threads, supersessions, {i.iri: i for i in items}, dict(canonical))


def _names_of(store: KnowledgeStore, iris: Iterable[str], names: dict[str, str]) -> dict[str, str]:
    """The label of each IRI: the identity work's canonical name first, else the store's."""
    found = _labels_of(store, iris)
    found.update((i, names[i]) for i in iris if i in names)
    return found


def _labels_of(store: KnowledgeStore, iris: Iterable[str]) -> dict[str, str]:
    from graph.evidence import values_block

    query = (
        SPARQL_PREFIXES + "SELECT DISTINCT ?x ?label WHERE { {values} ?x skos:prefLabel ?label }"
    ).replace("{values}", values_block("x", sorted(iris)))
    return {r["x"].value: r["label"].value for r in store.select(query)}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _date(value: str) -> ox.Literal:
    kind = "date" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else "string"
    return ox.Literal(value, datatype=ox.NamedNode(_XSD + kind))


def to_quads(derived: Derived) -> list[ox.Quad]:
    """The derived graph: claim periods as OWL-Time intervals with PROV-O derivations,
    action threads with their links, supersession links, each link with its method."""
    g = _n(DERIVED_GRAPH)
    out: list[ox.Quad] = []

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(_n(s), _n(p), o, g))

    a = _RDF + "type"
    for p in derived.periods:
        node = p.id
        add(node, a, _n(_MKG + "ClaimPeriod"))
        add(node, a, _n(_TIME + "Interval"))
        add(node, _RDF + "subject", _n(p.who))
        add(node, _RDF + "predicate", _n(PREDICATE_IRIS[p.relation]))
        add(node, _RDF + "object", _n(p.thing))
        if p.valid_from:
            add(node, _MKG + "validFrom", _date(p.valid_from))
            add(node, _TIME + "hasBeginning", _n(node + "/begin"))
            add(node + "/begin", a, _n(_TIME + "Instant"))
            add(node + "/begin", _TIME + "inXSDDate", _date(p.valid_from))
        if p.valid_to:
            add(node, _MKG + "validTo", _date(p.valid_to))
            add(node, _TIME + "hasEnd", _n(node + "/end"))
            add(node + "/end", a, _n(_TIME + "Instant"))
            add(node + "/end", _TIME + "inXSDDate", _date(p.valid_to))
        if p.opened_by:
            add(node, _MKG + "openedBy", _n(p.opened_by))
        if p.closed_by:
            add(node, _MKG + "closedBy", _n(p.closed_by))
            add(node, _PROV + "wasInvalidatedBy", _n(p.closed_by))
        if p.method:
            add(node, _MKG + "method", ox.Literal(p.method))
        for ev in p.evidence:
            add(node, _PROV + "wasDerivedFrom", _n(ev))
    for t in derived.threads:
        node = _ID + "thread/" + t.id
        add(node, a, _n(_MKG + "ActionThread"))
        add(node, _MKG + "status", ox.Literal(t.status))
        if t.due:
            add(node, _MKG + "dueDate", _date(t.due))
        for k, m in enumerate(t.mentions):
            add(node, _MKG + "mention", _n(m.item))
            add(m.item, _MKG + "inThread", _n(node))
            add(m.item, _MKG + "statusAfter", ox.Literal(m.status))
            add(m.item, _MKG + "position", ox.Literal(str(k), datatype=_n(_XSD + "integer")))
        for link in t.links:
            _link(add, link.later, link.earlier, _MKG + "restates", link.method, link.score)
    for s in derived.supersessions:
        node = _link(add, s.later, s.earlier, _MKG + "supersedes", s.method, None)
        # what it rests on besides the two decisions: the cue and the subjects they share
        add(node, _MKG + "cue", ox.Literal(s.cue))
        for subject in s.subjects:
            add(node, _MKG + "about", _n(subject))
    return out


def _link(add: Any, later: str, earlier: str, prop: str, method: str, score: float | None) -> str:
    """An inferred link ``later prop earlier`` and its reified node (returned): method,
    score when it rests on text similarity, and both ends as what it derives from."""
    add(later, prop, _n(earlier))
    node = _ID + "link/" + _digest(later, prop, earlier)
    add(node, _RDF + "type", _n(_MKG + "InferredLink"))
    add(node, _RDF + "subject", _n(later))
    add(node, _RDF + "predicate", _n(prop))
    add(node, _RDF + "object", _n(earlier))
    add(node, _MKG + "method", ox.Literal(method))
    if score is not None:
        add(node, _MKG + "score", ox.Literal(str(score), datatype=_n(_XSD + "double")))
    add(node, _PROV + "wasDerivedFrom", _n(later))
    add(node, _PROV + "wasDerivedFrom", _n(earlier))
    return node


def derive(
    store: KnowledgeStore,
    curation: str | os.PathLike[str] | None = None,
    canonical: dict[str, str] | None = None,
) -> Derived:
    """Recompute the derived graph from the document graphs and replace it (one transaction).

    ``canonical``: the identity links just computed (``graph.identity.resolve(...).canonical()``),
    spared from computing again; by default they are computed afresh."""
    derived = compute(store, curation, canonical)
    store.replace_graph(DERIVED_GRAPH, to_quads(derived))
    return derived


# ------------------------------------------------------------------ index


class TimeIndex:
    """The derived links of a store, in memory: periods by thing, threads by item,
    supersessions by decision."""

    def __init__(self, derived: Derived, quotes: dict[str, Any] | None = None):
        self.derived = derived
        self.items = derived.items
        #: evidence IRI -> EvidenceRef of the statements opening and closing periods
        self.quotes: dict[str, Any] = quotes or {}
        self.by_thing: dict[str, list[Period]] = defaultdict(list)
        self.by_holder: dict[str, list[Period]] = defaultdict(list)
        for p in derived.periods:
            self.by_thing[p.thing].append(p)
            self.by_holder[p.who].append(p)
        self.threads: dict[str, Thread] = {t.id: t for t in derived.threads}
        self.thread_of: dict[str, str] = {m.item: t.id for t in derived.threads for m in t.mentions}
        self.supersedes: dict[str, Supersession] = {s.later: s for s in derived.supersessions}
        self.superseded_by: dict[str, Supersession] = {s.earlier: s for s in derived.supersessions}
        self._by_status: dict[str, list[Thread]] = {}
        #: answers (JSON text) a server kept for this index, by question
        self.answers: dict[Any, str] = {}
        self._keeping = threading.Lock()
        #: threads newest mention first
        self.by_recency = sorted(
            derived.threads,
            key=lambda t: (t.mentions[-1].date or "", _natural(t.mentions[-1].item)),
            reverse=True,
        )

    @classmethod
    def from_store(cls, store: KnowledgeStore) -> TimeIndex:
        """Computed from the document graphs as :func:`derive` does (nothing written),
        through the identity graph the store holds (recomputed after every write)."""
        from graph.identity import canonical_map

        return cls.of(store, compute(store, canonical=canonical_map(store)))

    @classmethod
    def of(cls, store: KnowledgeStore, derived: Derived) -> TimeIndex:
        """The index of ``derived``, with the quotes of its periods' statements read, so an
        answer about owners (on any day) needs no query."""
        from graph.evidence import evidence_by_node

        # every statement of a period: an owner as of a past day is quoted from what had
        # been said by then, which the ownership index's newest quotes may not hold
        marks = [e for p in derived.periods for e in (*p.evidence, p.closed_by) if e]
        return cls(derived, evidence_by_node(store, marks) if marks else {})

    def periods(self, thing: str) -> tuple[Period, ...]:
        return tuple(self.by_thing.get(thing, ()))

    def thread(self, item_or_id: str) -> Thread | None:
        tid = self.thread_of.get(item_or_id, item_or_id)
        return self.threads.get(tid)

    def keep_answer(self, key: Any, text: str, most: int = 256) -> None:
        """Keep an answer for this index; the oldest kept goes when ``most`` are kept."""
        with self._keeping:
            if len(self.answers) >= most:
                self.answers.pop(next(iter(self.answers)), None)
            self.answers[key] = text

    def latest_with_status(self, status: str) -> list[Thread]:
        """The threads whose latest status is ``status``, newest mention first (kept)."""
        found = self._by_status.get(status)
        if found is None:
            found = [t for t in self.by_recency if t.status == status]
            self._by_status[status] = found
        return found


def today() -> str:
    return date.today().isoformat()


# ------------------------------------------------------------------ answers


_MENTION_DETAILS = (
    SPARQL_PREFIXES
    + """SELECT ?n ?text ?m ?title ?mdate ?ev WHERE {
  {values}
  ?n schema:text ?text ; mkg:recordedIn ?m .
  OPTIONAL { ?m dcterms:title ?title }
  OPTIONAL { ?m schema:startDate ?mdate }
  OPTIONAL { ?n mkg:evidence ?ev }
}"""
)


def action_history(
    store: KnowledgeStore, index: TimeIndex, action_id: str
) -> dict[str, Any] | None:
    """One action across meetings: each mention with its date, status and quote, oldest
    first, and the links between them with their method (and score when textual).

    ``action_id``: a history id, an action item's IRI, or its ``document/number``.
    """
    from graph.evidence import evidence_by_node, values_block

    thread = None
    for candidate in (action_id, _ID + "action/" + action_id.strip("/")):
        thread = index.thread(candidate)
        if thread is not None:
            break
    if thread is None:
        return None
    items = [m.item for m in thread.mentions]
    rows = store.select(_MENTION_DETAILS.replace("{values}", values_block("n", items)))
    detail: dict[str, dict[str, Any]] = {}
    for r in rows:
        d = detail.setdefault(
            r["n"].value,
            {
                "meeting": {
                    "id": r["m"].value,
                    "title": r["title"].value if "title" in r else None,
                    "date": r["mdate"].value if "mdate" in r else None,
                },
                "evidence": [],
            },
        )
        if "ev" in r and r["ev"].value not in d["evidence"]:
            d["evidence"].append(r["ev"].value)
    quotes = evidence_by_node(store, [e for d in detail.values() for e in d["evidence"]])
    on = today()
    return {
        "id": thread.id,
        "status": thread.status,
        "due": thread.due,
        "overdue": thread.overdue(on),
        "first_mentioned": thread.mentions[0].date,
        "last_mentioned": thread.mentions[-1].date,
        "mentions": [
            {
                "id": m.item,
                "date": m.date,
                "status": m.status,
                "text": m.text,
                "due": m.due,
                "meeting": detail.get(m.item, {}).get("meeting"),
                "evidence": [
                    quotes[e].to_dict()
                    for e in detail.get(m.item, {}).get("evidence", [])
                    if e in quotes
                ],
            }
            for m in thread.mentions
        ],
        "links": [link.to_dict() for link in thread.links],
    }


_ENTITY_EVENTS = (
    SPARQL_PREFIXES
    + """SELECT ?kind ?dir ?n ?p ?other ?text ?date ?ev WHERE {
  {
    ?n rdf:subject ?x ; rdf:predicate ?p ; rdf:object ?other ; mkg:evidence ?ev .
    ?n a mkg:Statement . ?ev dcterms:date ?date . BIND("statement" AS ?kind) BIND("out" AS ?dir)
  } UNION {
    ?n rdf:object ?x ; rdf:predicate ?p ; rdf:subject ?other ; mkg:evidence ?ev .
    ?n a mkg:Statement . ?ev dcterms:date ?date . BIND("statement" AS ?kind) BIND("in" AS ?dir)
  } UNION {
    ?n a mkg:ActionItem ; schema:text ?text ; mkg:recordedIn ?m .
    { ?n mkg:assignedTo ?x } UNION { ?n mkg:about ?x } UNION { ?n mkg:ticket ?x }
    OPTIONAL { ?m schema:startDate ?date } BIND("action" AS ?kind)
  } UNION {
    ?n a mkg:Decision ; schema:text ?text ; mkg:decidedIn ?m ; mkg:about ?x .
    OPTIONAL { ?m schema:startDate ?date } BIND("decision" AS ?kind)
  }
}"""
)


def entity_timeline(
    store: KnowledgeStore, index: TimeIndex, entity: str, names: Any = None
) -> dict[str, Any]:
    """What the minutes said about one entity, by date: the statements about it (owners,
    leads, members, dependencies), when its claims opened and closed, its action items
    (each action once, at its latest mention, with its history id) and its decisions
    (with what they replaced), oldest first. For the entity page's timeline."""
    from graph.evidence import evidence_by_node

    def name(iri: str) -> str:
        ref = names.by_id.get(iri) if names is not None else None
        return ref.name if ref is not None else iri.rsplit("/", 1)[-1]

    events: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    evs: list[str] = []
    # the entity under every spelling the identity work joined to it
    canonical = index.derived.canonical
    members = [entity] + sorted(m for m, k in canonical.items() if k == entity)
    rows = [r for m in members for r in store.select(_ENTITY_EVENTS, {"x": ox.NamedNode(m)})]
    for r in rows:
        kind, node = r["kind"].value, r["n"].value
        day = r["date"].value if "date" in r else None
        if kind == "statement":
            key = (node, r["ev"].value)
            if key in seen or r["p"].value.endswith("#attended"):
                continue
            seen.add(key)
            evs.append(r["ev"].value)
            subject_is_x = r["dir"].value == "out"
            other = canonical.get(r["other"].value, r["other"].value)
            events.append(
                {
                    "date": day,
                    "kind": "statement",
                    "relation": r["p"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                    "other": {"id": other, "name": name(other)},
                    "subject_is_entity": subject_is_x,
                    "evidence": r["ev"].value,
                }
            )
        elif kind == "action":
            thread = index.thread(node)
            if thread is not None and thread.mentions[-1].item != node:
                continue  # an action once, at its latest mention
            if (node, "") in seen:
                continue
            seen.add((node, ""))
            events.append(
                {
                    "date": day,
                    "kind": "action",
                    "id": node,
                    "text": r["text"].value,
                    "status": thread.status if thread else None,
                    "history": thread.id if thread else None,
                    "mentions": len(thread.mentions) if thread else 1,
                }
            )
        elif (node, "") not in seen:
            seen.add((node, ""))
            sup = index.supersedes.get(node)
            by = index.superseded_by.get(node)
            events.append(
                {
                    "date": day,
                    "kind": "decision",
                    "id": node,
                    "text": r["text"].value,
                    "supersedes": sup.earlier if sup else None,
                    "superseded_by": by.later if by else None,
                }
            )
    for p in [*index.by_thing.get(entity, ()), *index.by_holder.get(entity, ())]:
        other = p.who if p.thing == entity else p.thing
        base = {
            "relation": p.relation,
            "other": {"id": other, "name": name(other)},
            "method": p.method,
        }
        events.append(
            {"date": p.valid_from, "kind": "claim_opened", **base, "evidence": p.opened_by}
        )
        if p.valid_to:
            events.append(
                {"date": p.valid_to, "kind": "claim_closed", **base, "evidence": p.closed_by}
            )
        evs += [e for e in (p.opened_by, p.closed_by) if e]
    quotes = evidence_by_node(store, evs) if evs else {}
    for e in events:
        ev = e.get("evidence")
        if isinstance(ev, str):
            e["evidence"] = quotes[ev].to_dict() if ev in quotes else None
    order = {"claim_closed": 0, "claim_opened": 1, "statement": 2, "decision": 3, "action": 4}
    events.sort(key=lambda e: (e["date"] or "9999", order[e["kind"]]))
    return {"entity": {"id": entity, "name": name(entity)}, "events": events}


# ------------------------------------------------------------------ the graph on a day

#: the statements of edges from ``?s`` said by ``?on`` (or undated: when is not known)
_SAID_BY = (
    SPARQL_PREFIXES
    + """SELECT DISTINCT ?s ?p ?o WHERE {
  {values}
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; mkg:evidence ?ev .
  OPTIONAL { ?ev dcterms:date ?d }
  FILTER(!BOUND(?d) || STR(?d) <= STR(?on))
}"""
)


def edges_on(
    store: KnowledgeStore,
    edges: Iterable[tuple[str, str, str]],
    on: str,
    index: TimeIndex | None = None,
) -> list[tuple[str, str, str]]:
    """The relation edges ``(s, p, o)`` that held on the ISO date ``on``: said by then (an
    undated statement counts), and, for ownership, leadership and membership, not closed
    by a handover by then (a claim period of ``index`` holds that day). Order kept."""
    from graph.evidence import values_block

    edges = list(dict.fromkeys(edges))
    if not edges:
        return []
    subjects = sorted({s for s, _, _ in edges})
    said: set[tuple[str, str, str]] = set()
    for k in range(0, len(subjects), 2000):
        query = _SAID_BY.replace("{values}", values_block("s", subjects[k : k + 2000]))
        for r in store.select(query, {"on": ox.Literal(on)}):
            said.add((r["s"].value, r["p"].value, r["o"].value))
    kept = [e for e in edges if e in said]
    if index is None:
        return kept
    c = index.derived.canonical
    periods: dict[tuple[str, str, str], list[Period]] = defaultdict(list)
    for p in index.derived.periods:
        periods[(p.who, PREDICATE_IRIS[p.relation], p.thing)].append(p)
    out = []
    for s, p, o in kept:
        found = periods.get((c.get(s, s), p, c.get(o, o)))
        if found and not any(x.holds(on) for x in found):
            continue  # handed over by then (or not yet begun)
        out.append((s, p, o))
    return out
