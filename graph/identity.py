"""Who is who across documents: one resolution pass over every document's people, teams
and components, written as its own named graph of identity links.

Extraction resolves names inside one document only (it never reads the store). This
module reads what all documents name and decides which nodes are the same entity, on
evidence only:

- the same full name is already one node (IRIs come from type and canonical name);
- a person named by one word, initials or a username is the person of the same meeting
  series (:func:`series_of`) whose full name exactly one accounts for: the first name
  ("Frossie"), the initials ("FE"), a username made of the names ("feconomou",
  "frossie.economou", "economou") or an alias a document recorded for that person;
- a team, component or organisation named by an acronym or alias that exactly one other
  node of its type has as an alias defined in a document ("Data Management (DM)").

Two full names are never merged by the automatic pass, however similar: only a curation
decision (:class:`Curation`) merges them. A short name that two or more people account
for stays apart and is listed as ambiguous. The result depends on the set of documents
only, never on the order they came in, and is written as :data:`IDENTITY_GRAPH`:

    <member> skos:exactMatch <canonical> .          # member -> canonical, one way
    <canonical> skos:prefLabel "..." ; skos:altLabel "..." .
    <link> a mkg:IdentityLink ; rdf:subject <member> ; rdf:object <canonical> ;
           mkg:method "first name" ; rdfs:comment "the evidence" ; prov:wasDerivedFrom <doc> .
    <short> mkg:ambiguousWith <candidate> .

The graph is dropped and recomputed after every ingest, forget and server write
(:func:`resolve`), and by ``kg resolve``; curation decisions live in a file the user
keeps (``curation.json`` in the store folder by default) and win over the automatic pass.

>>> from graph.store import open_store
>>> resolve(open_store("memory")).links
()
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import pyoxigraph as ox

from graph.errors import CurationError
from graph.store import KnowledgeStore
from ontology import SPARQL_PREFIXES
from ontology.ids import BASE, DERIVED_BASE, document_iri, entity_iri

__all__ = [
    "IDENTITY_GRAPH",
    "RESOLVED_TYPES",
    "Node",
    "Link",
    "Entity",
    "Resolution",
    "Curation",
    "CurationError",
    "series_of",
    "read_nodes",
    "compute",
    "resolve",
    "canonical_map",
    "curation_path",
    "curate",
    "members_of",
]

#: the named graph of identity links (derived: recomputed from the documents' graphs)
IDENTITY_GRAPH = DERIVED_BASE + "identity"
#: the types whose mentions are resolved across documents
RESOLVED_TYPES = ("Person", "Team", "Component", "Organization")

_MKG = "https://w3id.org/minutes-kg/ontology#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_PROV = "http://www.w3.org/ns/prov#"
_GRAPH_PREFIX = BASE + "graph/"

_NODES_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?g ?e ?class ?name WHERE {
  GRAPH ?g { ?e a ?class ; skos:prefLabel ?name }
  FILTER(?class IN (mkg:Person, mkg:Team, mkg:Component, mkg:Organization))
}"""
)
_ALIASES_QUERY = SPARQL_PREFIXES + "SELECT ?g ?e ?alt WHERE { GRAPH ?g { ?e skos:altLabel ?alt } }"
_PATHS_QUERY = (
    SPARQL_PREFIXES
    + "SELECT ?g ?path WHERE { GRAPH ?g { ?d a mkg:SourceDocument ; mkg:path ?path } }"
)
_LINKS_QUERY = SPARQL_PREFIXES + "SELECT ?m ?c WHERE { GRAPH ?ig { ?m skos:exactMatch ?c } }"

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*", re.UNICODE)
_SEP = re.compile(r"[/_\-.\s]+")
_INITIALS = re.compile(r"^[A-Z]{2,4}$")
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{2,}$")
_FULL_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$", re.UNICODE)


def series_of(path: str) -> str:
    """The meeting series of a document: its path inside the ingest folder without the
    words holding digits (dates, numbers, hashes) nor the suffix.

    >>> series_of("apache-board_1999-07-13.txt"), series_of("2024-05-07/README.md")
    ('apache-board', 'readme')
    >>> series_of("001_ff838e8b1bca4eb2.txt") == series_of("002_aa.txt")
    False
    """
    stem = PurePath(path).with_suffix("").as_posix().casefold()
    words = [w for w in _SEP.split(stem) if w and not any(c.isdigit() for c in w)]
    return "-".join(words)


@dataclass
class Node:
    """One entity node as the documents name it."""

    iri: str
    type: str
    labels: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)  # document graph IRIs

    @property
    def label(self) -> str:
        return min(self.labels, key=lambda s: (s.casefold(), s)) if self.labels else self.iri

    @property
    def full(self) -> bool:
        """A person's full name: two words or more, each starting with a letter."""
        words = self.label.split()
        return len(words) >= 2 and all(_FULL_WORD.match(w) for w in words)


@dataclass(frozen=True)
class Link:
    """``member`` is the same entity as ``canonical``, by ``method`` (with ``evidence``)."""

    member: str
    canonical: str
    method: str
    evidence: str
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A canonical entity: its name, aliases, member nodes and documents."""

    iri: str
    type: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    documents: tuple[str, ...]
    ambiguous: tuple[str, ...] = ()  # short names of it that other entities also account for

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.iri,
            "type": self.type,
            "name": self.name,
            "aliases": list(self.aliases),
            "members": list(self.members),
            "documents": list(self.documents),
            "ambiguous": list(self.ambiguous),
        }


@dataclass(frozen=True)
class Resolution:
    links: tuple[Link, ...]
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...]  # short node -> candidates
    entities: tuple[Entity, ...]
    nodes: dict[str, Node] = field(default_factory=dict, compare=False)

    def canonical(self) -> dict[str, str]:
        return {link.member: link.canonical for link in self.links}


# ------------------------------------------------------------------ reading


def read_nodes(store: KnowledgeStore) -> tuple[dict[str, Node], dict[str, str]]:
    """Every person, team, component and organisation node of the documents' graphs,
    and each document graph's source path."""
    nodes: dict[str, Node] = {}
    for row in store.select(_NODES_QUERY):
        g = row["g"].value
        if not g.startswith(_GRAPH_PREFIX):
            continue
        iri = row["e"].value
        kind = row["class"].value.rsplit("#", 1)[-1]
        node = nodes.get(iri)
        if node is None:
            node = nodes[iri] = Node(iri, kind)
        node.labels.add(row["name"].value)
        node.documents.add(g)
    for row in store.select(_ALIASES_QUERY):
        node = nodes.get(row["e"].value)
        if node is not None and row["g"].value.startswith(_GRAPH_PREFIX):
            node.aliases.add(row["alt"].value)
    paths = {
        row["g"].value: row["path"].value
        for row in store.select(_PATHS_QUERY)
        if row["g"].value.startswith(_GRAPH_PREFIX)
    }
    return nodes, paths


# ------------------------------------------------------------------ matching


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _person_keys(node: Node) -> dict[str, str]:
    """Short forms a full-named person accounts for -> how (the method)."""
    keys: dict[str, str] = {}
    words = [w for w in node.label.split()]
    letters = [w.strip(".'’") for w in words]
    first, last = letters[0].casefold(), letters[-1].casefold()
    initials = "".join(w[0] for w in letters if w).upper()
    keys.setdefault(first, "first name")
    keys.setdefault(initials.casefold(), "initials")
    if len(letters) > 2:
        keys.setdefault((letters[0][0] + letters[-1][0]).casefold(), "initials")
    plain_last = re.sub(r"[^a-z]", "", last)
    plain_first = re.sub(r"[^a-z]", "", first)
    for username in (
        first[0] + plain_last,
        plain_first + plain_last,
        plain_first + "." + plain_last,
        plain_first + "_" + plain_last,
        plain_first + plain_last[:1],
    ):
        if len(username) >= 3:
            keys.setdefault(username, "username")
    for alias in node.aliases:
        keys.setdefault(_fold(alias), "alias recorded by a document")
    return keys


def _short_form(node: Node) -> str | None:
    """The form of a person's name that a full-named person may account for: one word,
    initials, or a username; ``None`` for a full name."""
    label = node.label.strip()
    if node.full:
        return None
    if " " in label:
        return None
    if _INITIALS.match(label) or _USERNAME.match(label) or label[:1].isupper():
        return label.casefold()
    return None


def compute(store: KnowledgeStore, curation: Curation | None = None) -> Resolution:
    """Decide which nodes are the same entity (nothing written; see :func:`resolve`)."""
    nodes, paths = read_nodes(store)
    return compute_nodes(nodes, paths, curation)


def compute_nodes(
    nodes: dict[str, Node], paths: dict[str, str], curation: Curation | None = None
) -> Resolution:
    series = {g: series_of(p) for g, p in paths.items()}
    target: dict[str, Link] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}

    # ---- people: short forms accounted for by exactly one full name of the same series
    by_series: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for node in nodes.values():
        if node.type != "Person" or not node.full:
            continue
        keys = _person_keys(node)
        for g in node.documents:
            table = by_series[series.get(g, "")]
            for key, method in keys.items():
                table[key].setdefault(node.iri, method)
    for node in sorted(nodes.values(), key=lambda n: n.iri):
        if node.type != "Person":
            continue
        short = _short_form(node)
        if short is None:
            continue
        found: dict[str, str] = {}
        per_series: dict[str, frozenset[str]] = {}
        for g in node.documents:
            s = series.get(g, "")
            fits = {
                iri: method
                for iri, method in by_series.get(s, {}).get(short, {}).items()
                if iri != node.iri
            }
            per_series[s] = frozenset(fits)
            for iri, method in fits.items():
                found.setdefault(iri, method)
        # the same IRI names the short form in every document: merged only when every
        # series it appears in accounts for it by the same one person
        if len(found) == 1 and all(len(c) == 1 for c in per_series.values()):
            ((iri, method),) = found.items()
            other = nodes[iri]
            docs = sorted(node.documents | other.documents)
            target[node.iri] = Link(
                node.iri,
                iri,
                method,
                f"{node.label!r} is the {method} of {other.label!r}, the only full-named "
                f"person of the meeting series {', '.join(sorted(per_series)) or '(none)'} "
                "it fits",
                tuple(docs),
            )
        elif len(found) > 1:
            ambiguous[node.iri] = tuple(sorted(found))

    # ---- teams, components, organisations: an alias defined in a document
    alias_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for node in nodes.values():
        if node.type == "Person":
            continue
        for alias in node.aliases:
            if _fold(alias) not in {_fold(x) for x in node.labels}:
                alias_of[(node.type, _fold(alias))].add(node.iri)
    for node in sorted(nodes.values(), key=lambda n: n.iri):
        if node.type == "Person":
            continue
        owners = sorted(alias_of.get((node.type, _fold(node.label)), set()) - {node.iri})
        if len(owners) == 1:
            other = nodes[owners[0]]
            docs = sorted(node.documents | other.documents)
            target[node.iri] = Link(
                node.iri,
                other.iri,
                "alias defined in a document",
                f"{node.label!r} is an alias of {other.label!r} in "
                + ", ".join(d.rsplit("/", 1)[-1] for d in sorted(other.documents)),
                tuple(docs),
            )
        elif len(owners) > 1:
            ambiguous[node.iri] = tuple(owners)

    # a node that is itself merged into another is no canonical node: no chains
    target = {m: link for m, link in target.items() if link.canonical not in target}

    if curation is not None:
        target, ambiguous, renamed = curation.apply(nodes, target, ambiguous)
    else:
        renamed = {}
    return _entities(nodes, target, ambiguous, renamed)


def _entities(
    nodes: dict[str, Node],
    target: dict[str, Link],
    ambiguous: dict[str, tuple[str, ...]],
    renamed: dict[str, tuple[str, str]],
) -> Resolution:
    groups: dict[str, list[str]] = defaultdict(list)
    for iri in nodes:
        canonical = target[iri].canonical if iri in target else iri
        groups[canonical].append(iri)
    for new_iri, (_old, _name) in renamed.items():
        groups.setdefault(new_iri, [])
    entities = []
    for canonical, members in groups.items():
        head = nodes.get(canonical)
        if head is None:  # a renamed entity: its name comes from the curation
            kind = nodes[members[0]].type if members else "Person"
            name = next((n for iri, (_o, n) in renamed.items() if iri == canonical), canonical)
        else:
            kind, name = head.type, head.label
        aliases: set[str] = set()
        docs: set[str] = set()
        for m in members:
            aliases |= nodes[m].labels | nodes[m].aliases
            docs |= nodes[m].documents
        aliases.discard(name)
        entities.append(
            Entity(
                canonical,
                kind,
                name,
                tuple(sorted(aliases, key=str.casefold)),
                tuple(sorted(members)),
                tuple(sorted(d.rsplit("/", 1)[-1] for d in docs)),
                tuple(
                    sorted(nodes[a].label for a, cands in ambiguous.items() if canonical in cands)
                ),
            )
        )
    entities.sort(key=lambda e: (e.type, e.name.casefold(), e.iri))
    return Resolution(
        links=tuple(sorted(target.values(), key=lambda link: link.member)),
        ambiguous=tuple(sorted(ambiguous.items())),
        entities=tuple(entities),
        nodes=nodes,
    )


# ------------------------------------------------------------------ curation


def curation_path(store: Any) -> Path | None:
    """The curation file: ``KG_CURATION``, else ``curation.json`` in the store's folder
    (none for an in-memory or remote store unless ``KG_CURATION`` names one)."""
    env = os.environ.get("KG_CURATION")
    if env:
        return Path(env)
    folder = getattr(store, "path", None)
    return Path(folder) / "curation.json" if folder else None


@dataclass
class Curation:
    """The user's decisions, in the order made: ``merge`` (A B), ``split`` (A ALIAS),
    ``rename`` (A NEW). Names are matched case-insensitively against node labels.

    The same file keeps the time links a user undid (``undo``: ``later`` / ``earlier``,
    read by :func:`graph.timeline.undone_links`; no identity decision)."""

    decisions: list[dict[str, str]] = field(default_factory=list)
    path: Path | None = None

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None) -> Curation:
        if path is None or not Path(path).exists():
            return cls([], Path(path) if path else None)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            decisions = data["decisions"] if isinstance(data, dict) else data
            if not isinstance(decisions, list) or not all(
                isinstance(d, dict) and d.get("op") in ("merge", "split", "rename", "undo")
                for d in decisions
            ):
                raise ValueError("'decisions' must be a list of {op: merge|split|rename|undo, ...}")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CurationError(f"cannot read the curation file {path}: {exc}") from exc
        return cls([dict(d) for d in decisions], Path(path))

    def save(self) -> None:
        if self.path is None:
            raise CurationError("no curation file (set KG_CURATION or use an on-disk store)")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"decisions": self.decisions}, indent=2, ensure_ascii=False) + "\n"
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(self.path)

    def add(self, op: str, a: str, b: str) -> None:
        key = {"merge": "other", "split": "alias", "rename": "name"}[op]
        self.decisions.append({"op": op, "entity": a, key: b})

    def apply(
        self,
        nodes: dict[str, Node],
        target: dict[str, Link],
        ambiguous: dict[str, tuple[str, ...]],
    ) -> tuple[dict[str, Link], dict[str, tuple[str, ...]], dict[str, tuple[str, str]]]:
        """The automatic links with the decisions applied in order (they win)."""
        target = dict(target)
        renamed: dict[str, tuple[str, str]] = {}
        by_label: dict[str, list[str]] = defaultdict(list)
        for node in nodes.values():
            for label in node.labels:
                by_label[_fold(label)].append(node.iri)

        def canonical_of(iri: str) -> str:
            return target[iri].canonical if iri in target else iri

        def find(name: str) -> list[str]:
            """The canonical entities a name means: a node's label, a canonical name or
            a renamed entity's new name."""
            found = [canonical_of(i) for i in by_label.get(_fold(name), [])]
            found += [iri for iri, (_o, n) in renamed.items() if _fold(n) == _fold(name)]
            return sorted(set(found))

        for d in self.decisions:
            op, name = d.get("op"), d.get("entity", "")
            heads = find(name)
            if len(heads) != 1:
                continue  # names nothing (yet) or more than one entity: kept, not applied
            head = heads[0]
            if op == "merge":
                for other in find(d.get("other", "")):
                    if other == head:
                        continue
                    for iri in list(nodes) + list(renamed):
                        if canonical_of(iri) == other or iri == other:
                            if iri == head:
                                continue
                            target[iri] = Link(
                                iri,
                                head,
                                "curation: merge",
                                f"merged by the user: {name} = {d.get('other')}",
                            )
                    ambiguous.pop(other, None)
            elif op == "split":
                alias = _fold(d.get("alias", ""))
                for iri in by_label.get(alias, []):
                    if canonical_of(iri) == head and iri != head:
                        target.pop(iri, None)
                    elif iri == head:  # splitting the head off: its members stay apart
                        for m in [m for m, link in target.items() if link.canonical == head]:
                            target.pop(m, None)
            elif op == "rename":
                new_name = d.get("name", "").strip()
                if not new_name:
                    continue
                kind = nodes[head].type if head in nodes else "Person"
                new_iri = entity_iri(kind, new_name)
                if new_iri == head:
                    continue
                members = [i for i in nodes if canonical_of(i) == head] + [head]
                renamed[new_iri] = (head, new_name)
                renamed.pop(head, None)
                for m in members:
                    if m in nodes or m in renamed:
                        target[m] = Link(
                            m,
                            new_iri,
                            "curation: rename",
                            f"renamed by the user: {name} -> {new_name}",
                        )
        # a node merged into itself (rename back to a member's own IRI) is no link
        target = {m: link for m, link in target.items() if m != link.canonical}
        return target, ambiguous, renamed


# ------------------------------------------------------------------ writing


def to_quads(resolution: Resolution) -> list[ox.Quad]:
    g = ox.NamedNode(IDENTITY_GRAPH)
    out: dict[ox.Quad, None] = {}

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        out[ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, g)] = None

    linked = {link.canonical for link in resolution.links}
    for entity in resolution.entities:
        if entity.iri not in linked:
            continue
        add(entity.iri, _RDF + "type", ox.NamedNode(_MKG + entity.type))
        add(entity.iri, _SKOS + "prefLabel", ox.Literal(entity.name))
        for alias in entity.aliases:
            add(entity.iri, _SKOS + "altLabel", ox.Literal(alias))
    for link in resolution.links:
        add(link.member, _SKOS + "exactMatch", ox.NamedNode(link.canonical))
        node = f"{BASE}id/identity/{_key(link.member)}"
        add(node, _RDF + "type", ox.NamedNode(_MKG + "IdentityLink"))
        add(node, _RDF + "subject", ox.NamedNode(link.member))
        add(node, _RDF + "predicate", ox.NamedNode(_SKOS + "exactMatch"))
        add(node, _RDF + "object", ox.NamedNode(link.canonical))
        add(node, _MKG + "method", ox.Literal(link.method))
        add(node, _RDFS + "comment", ox.Literal(link.evidence))
        for doc in link.documents:
            add(node, _PROV + "wasDerivedFrom", ox.NamedNode(document_iri(doc.rsplit("/", 1)[-1])))
    for short, candidates in resolution.ambiguous:
        for c in candidates:
            add(short, _MKG + "ambiguousWith", ox.NamedNode(c))
    return list(out)


def _key(iri: str) -> str:
    import hashlib

    return hashlib.sha1(iri.encode("utf-8")).hexdigest()[:16]


def resolve(store: KnowledgeStore, curation: Curation | None = None) -> Resolution:
    """Recompute the identity links from every document and replace the identity graph
    (one transaction). The curation file of the store is read unless one is given."""
    if curation is None:
        curation = Curation.load(curation_path(store))
    resolution = compute(store, curation)
    store.replace_graph(IDENTITY_GRAPH, to_quads(resolution))
    return resolution


def curate(
    store: KnowledgeStore, curation: Curation, op: str, entity: str, other: str
) -> Resolution:
    """Record one decision (``merge`` ENTITY OTHER, ``split`` ENTITY ALIAS, ``rename``
    ENTITY NAME) in the curation file and recompute the identity graph with it.

    Raises :class:`CurationError` (nothing recorded) when a name is unknown or empty."""
    if op not in ("merge", "split", "rename"):
        raise CurationError(f"unknown decision {op!r}; accepted: merge, split, rename")
    if not entity.strip() or not other.strip():
        raise CurationError("a decision needs two names")
    before = compute(store, curation)
    names = {e.name.casefold() for e in before.entities} | {
        label.casefold() for n in before.nodes.values() for label in n.labels | n.aliases
    }
    if entity.casefold() not in names:
        raise CurationError(f"no entity named {entity!r} (see kg people)")
    if op != "rename" and other.casefold() not in names:
        raise CurationError(f"no entity or alias named {other!r} (see kg people)")
    curation.add(op, entity, other)
    curation.save()
    return resolve(store, curation)


def canonical_map(store: KnowledgeStore) -> dict[str, str]:
    """member IRI -> canonical IRI, as the identity graph says (empty when not resolved)."""
    return {
        row["m"].value: row["c"].value
        for row in store.select(_LINKS_QUERY, {"ig": ox.NamedNode(IDENTITY_GRAPH)})
    }


def members_of(canonical: dict[str, str], iri: str) -> list[str]:
    """``iri`` and every node resolved to it."""
    return [iri] + sorted(m for m, c in canonical.items() if c == iri)
