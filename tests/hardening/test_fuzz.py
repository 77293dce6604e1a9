"""Property tests: any text never crashes cleaning, structure or extraction, and offsets hold.

``source.text[start:end] == quote`` for every piece of evidence, whatever the
input; clean offsets stay inside the source. Then schemathesis drives the app
from its OpenAPI schema: no request it can make gives a 500.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from api.app import create_app
from api.settings import Settings
from graph.store import open_store
from ingest.emit import write
from ingest.model import CleanText, SourceText
from ingest.read.clean import clean, clean_traced
from ingest.structure.document import parse_structure
from tests.helpers import team_sync

# Pieces minutes are made of, and the debris exports leave in them.
FRAGMENTS = [
    "\n",
    "\r\n",
    "\t",
    " ",
    "  ",
    "\n\n",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "Attendees: ",
    "Present: ",
    "Action: ",
    "Action items",
    "Decision: ",
    "Agreed: ",
    "Ada Lovelace",
    "Grace Hopper",
    "K-T",
    "KTL",
    "Unknown User (npease)",
    "Frossie",
    "butler",
    "Qserv",
    "pipe_base",
    "the Middleware team",
    "SQuaRE",
    "AURA",
    "DM-6663",
    "DM-6663 - Getting issue details... STATUS",
    "RFC-42",
    "2016-02-22",
    "Feb 22-24, 2016",
    "12 May 2020",
    "10:00",
    "9:30-10:15",
    "is responsible for ",
    "depends on ",
    "leads ",
    "will ",
    " to review ",
    " by ",
    "Error rendering macro 'toc'",
    "·",
    "°",
    "◦",
    "•",
    "✓",
    "☐",
    "☑",
    "- [ ] ",
    "- [x] ",
    "* ",
    "# ",
    "## ",
    "| a | b |",
    "|---|---|",
    "[link](#)",
    "**bold**",
    "_x_",
    "\\(",
    "<ul>",
    "<li>",
    "</li>",
    "</ul>",
    "<br>",
    "<br/>",
    "<p>",
    "</p>",
    "<td>",
    "</td>",
    "<tr>",
    "</tr>",
    "<table>",
    "<h2>",
    "</h2>",
    '<input type="checkbox"/>',
    '<input type="checkbox" checked/>',
    "<script>x()</script>",
    "<!-- c -->",
    "&amp;",
    "&lt;",
    "&#8217;",
    "&nbsp;",
    "&bogus;",
    "<",
    ">",
    "&",
    '"',
    "'",
    "`",
    "{",
    "}",
    "?s",
    ". ",
    ", ",
    "; ",
    ": ",
    "(",
    ")",
    "e\u0301",
    "\U0001f600",
    "ß",
    "İ",
    "ﬁ",
]

minutes_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60
).map("".join)
any_text = st.one_of(st.text(max_size=300), minutes_text)
formats = st.sampled_from(["text", "markdown", "html"])


def _source(text: str, fmt: str) -> SourceText:
    return SourceText(
        path=f"fuzz.{ {'text': 'txt', 'markdown': 'md'}.get(fmt, 'html') }", text=text, format=fmt
    )


def _check_clean(ct: CleanText) -> None:
    n = len(ct.source.text)
    assert len(ct.offsets) == len(ct.text) + 1
    assert ct.offsets[-1] == n
    assert all(0 <= o <= n for o in ct.offsets)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, fmt=formats)
def test_clean_never_crashes_and_offsets_stay_in_the_source(text: str, fmt: str) -> None:
    ct, copied = clean_traced(_source(text, fmt))
    _check_clean(ct)
    assert len(copied) == len(ct.text)
    for i, was_copied in enumerate(copied):
        if was_copied:
            assert ct.source.text[ct.offsets[i]] == ct.text[i]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, fmt=formats, data=st.data())
def test_evidence_of_any_clean_span_is_a_source_span(text: str, fmt: str, data: Any) -> None:
    ct = clean(_source(text, fmt))
    start = data.draw(st.integers(0, len(ct.text)))
    end = data.draw(st.integers(start, len(ct.text)))
    ev = ct.evidence(start, end)
    assert 0 <= ev.start <= ev.end <= len(text)
    assert text[ev.start : ev.end] == ev.quote


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, fmt=formats)
def test_structure_never_crashes_and_spans_stay_in_the_clean_text(text: str, fmt: str) -> None:
    structure = parse_structure(clean(_source(text, fmt)))
    n = len(structure.clean.text)
    for block in structure.blocks:
        assert 0 <= block.start <= block.end <= n
        for s, e in block.cells:
            assert 0 <= s <= e <= n
    mentions = list(structure.attendees)
    for row in structure.agenda:
        assert 0 <= row.start <= row.end <= n
        mentions += list(row.coordinators) + ([row.moderator] if row.moderator else [])
    for action in structure.actions:
        assert 0 <= action.start <= action.end <= n
        mentions += list(action.assignees)
    for mention in mentions:
        assert 0 <= mention.start <= mention.end <= n
    if structure.title_span:
        s, e = structure.title_span
        assert 0 <= s <= e <= n


@pytest.fixture(scope="module")
def resources() -> Any:
    from ingest.pipeline import load_resources

    return load_resources()


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=minutes_text.filter(str.strip), fmt=formats)
def test_extraction_never_crashes_and_every_quote_is_its_span(
    text: str, fmt: str, resources: Any
) -> None:
    from ingest.pipeline import extract_source

    extraction = extract_source(_source(text, fmt), resources)
    evidence = [ev for rel in extraction.relations for ev in rel.evidence]
    evidence += [ev for item in extraction.action_items for ev in item.evidence]
    evidence += [ev for decision in extraction.decisions for ev in decision.evidence]
    for ev in evidence:
        assert 0 <= ev.start <= ev.end <= len(text)
        assert text[ev.start : ev.end] == ev.quote


# ------------------------------------------------------------------ schemathesis


def _api_schema() -> Any:
    """The app over a small store; writes are off (no token), so fuzzing cannot change it."""
    store = open_store("memory")
    write(store, team_sync())
    app = create_app(store, Settings(query_timeout=2.0, max_results=1000))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


SCHEMA = _api_schema()
OPERATIONS = {
    f"{op.method.upper()} {op.path}": op
    for op in (result.ok() for result in SCHEMA.get_all_operations())
}


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_no_request_the_schema_allows_gives_a_500(label: str) -> None:
    operation = OPERATIONS[label]

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    run()


def test_uploads_the_schema_allows_never_give_a_500() -> None:
    """``POST /documents`` with the token: odd names and bodies are refused, never a crash."""
    store = open_store("memory")
    app = create_app(store, Settings(write_token="fuzz", max_upload_bytes=4096))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operation = next(
        op
        for op in (r.ok() for r in schema.get_all_operations())
        if op.method.upper() == "POST" and op.path == "/documents"
    )

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        case.call_and_validate(
            headers={"Authorization": "Bearer fuzz"}, checks=[not_a_server_error]
        )

    run()
