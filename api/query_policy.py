"""What the SPARQL endpoint runs: a query is parsed and checked before the engine sees it.

Decisions are taken from the parsed query, never from its text by pattern matching:

1. a linear scan of the raw text measures how deep brackets and unary operators nest
   (strings, IRIs and comments skipped as the SPARQL grammar defines them); past
   :data:`MAX_DEPTH` the query is refused before any parser recurses into it (Oxigraph's
   own parser overflows its stack on a few thousand ``{``);
2. the text is parsed by rdflib's SPARQL 1.1 grammar; a query it cannot parse is refused
   with the parser's message (and a recursion error is "too deeply nested", never a crash);
3. the parse tree is walked: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP ...) is
   refused because the endpoint is read-only, ``SERVICE`` unless the operator allowed
   federation.

>>> check_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1").form
'SelectQuery'
>>> check_query("SELECT * WHERE { SERVICE <http://h/x> { ?s ?p ?o } }")
Traceback (most recent call last):
...
api.query_policy.QueryRefused: SERVICE (federated queries) is not allowed on this endpoint: ...
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graph.errors import QueryError

__all__ = [
    "MAX_DEPTH",
    "READ_ONLY_MESSAGE",
    "SERVICE_MESSAGE",
    "CheckedQuery",
    "QueryRefused",
    "check_query",
    "nesting_depth",
]

MAX_DEPTH = 32
"""How deep brackets (``{`` ``(`` ``[``) and chains of unary operators may nest."""

READ_ONLY_MESSAGE = (
    "SPARQL Update is not accepted: this endpoint is read-only. Documents are added "
    "and removed through POST and DELETE /documents (with the operator's write token)."
)
SERVICE_MESSAGE = (
    "SERVICE (federated queries) is not allowed on this endpoint: the server does "
    "not fetch other hosts. The operator can allow it with KG_ALLOW_SERVICE=1."
)


class QueryRefused(QueryError):
    """The query asks for something this endpoint does not do (updates, SERVICE)."""


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks: its form (``SelectQuery``, ``ConstructQuery``,
    ``AskQuery``, ``DescribeQuery``) and whether it calls ``SERVICE``."""

    form: str
    uses_service: bool
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


_OPEN = "{(["
_CLOSE = "})]"
_UNARY = "!^-+"
_UPDATE_FORMS = frozenset(
    {"Load", "Clear", "Drop", "Create", "Add", "Move", "Copy", "InsertData", "DeleteData"}
    | {"DeleteWhere", "Modify"}
)


def nesting_depth(query: str) -> int:
    """The deepest nesting of brackets or of consecutive unary operators in ``query``.

    Strings (all four quote forms, with escapes), IRIs (``<`` up to ``>`` with no space or
    ``<>"{}|^`\\`` inside, as the grammar's IRIREF) and ``#`` comments are skipped, so
    brackets inside them do not count and a ``#`` inside an IRI starts no comment. One
    pass, no recursion.

    >>> nesting_depth('SELECT * WHERE { ?s ?p "{{{" FILTER((?o > 1)) }')
    3
    >>> nesting_depth("ASK { FILTER(!!!!true) }")
    6
    """
    depth = best = 0
    unary = 0
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c in "\"'":
            long = query.startswith(c * 3, i)
            quote = c * 3 if long else c
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                if query[j] == "\\":
                    j += 1
                elif not long and query[j] in "\r\n":
                    break
                j += 1
            i = j + len(quote)
            unary = 0
            continue
        if c == "<":
            j = i + 1
            while j < n and query[j] not in '<>"{}|^`\\' and ord(query[j]) > 0x20:
                j += 1
            if j < n and query[j] == ">":  # an IRI; else the less-than operator
                i = j + 1
                unary = 0
                continue
        elif c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in _OPEN:
            depth += 1
            best = max(best, depth + unary)
            unary = 0
        elif c in _CLOSE:
            depth = max(0, depth - 1)
            unary = 0
        elif c in _UNARY:
            unary += 1
            best = max(best, depth + unary)
        elif not c.isspace():
            unary = 0
        i += 1
    return best


def _names(tree: Any) -> Iterator[str]:
    """Names of every node of an rdflib parse tree, without recursion."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node.name
            stack.extend(node.values())
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(node)


@lru_cache(maxsize=512)
def _parse(query: str) -> CheckedQuery:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseQuery(query)
    except RecursionError:
        raise QueryError(f"the query is nested too deeply (at most {MAX_DEPTH} levels)") from None
    except ParseBaseException as exc:
        try:
            update = parseUpdate(query)
        except (ParseBaseException, RecursionError):
            update = None
        if update is not None and any(name in _UPDATE_FORMS for name in _names(update)):
            raise QueryRefused(READ_ONLY_MESSAGE) from None
        raise QueryError(f"SPARQL syntax error (not valid SPARQL 1.1): {exc}") from None
    names = set(_names(tree))
    forms = [
        n for n in ("SelectQuery", "ConstructQuery", "AskQuery", "DescribeQuery") if n in names
    ]
    default: list[str] = []
    named: list[str] = []
    if "DatasetClause" in names:  # FROM / FROM NAMED, prefixed names resolved by the algebra
        from rdflib.plugins.sparql.algebra import translateQuery

        try:
            algebra = translateQuery(tree).algebra
        except Exception as exc:  # noqa: BLE001 - the client learns why
            raise QueryError(f"the query's dataset could not be read: {exc}") from None
        for clause in algebra["datasetClause"] if "datasetClause" in algebra else ():
            if "default" in clause:
                default.append(str(clause["default"]))
            if "named" in clause:
                named.append(str(clause["named"]))
    return CheckedQuery(
        forms[0] if forms else "", "ServiceGraphPattern" in names, tuple(default), tuple(named)
    )


def check_query(query: str, *, allow_service: bool = False) -> CheckedQuery:
    """Parse ``query`` and refuse what the endpoint does not run; see the module docs.

    Raises :class:`QueryRefused` (updates, SERVICE) or :class:`~graph.errors.QueryError`
    (too deep, not SPARQL). Results are cached per query text.
    """
    depth = nesting_depth(query)
    if depth > MAX_DEPTH:
        raise QueryError(
            f"the query nests brackets or operators {depth} levels deep; at most {MAX_DEPTH} "
            "are accepted"
        )
    checked = _parse(query)
    if checked.uses_service and not allow_service:
        raise QueryRefused(SERVICE_MESSAGE)
    return checked
