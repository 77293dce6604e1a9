"""The text index behind q=: words, prefixes, ranking, typos, and rebuilding from a store."""

from __future__ import annotations

from graph.search import Document, TextIndex, tokenize
from graph.store import OxigraphStore


def _index() -> TextIndex:
    return TextIndex(
        [
            Document("urn:a:1", "action", "Write the butler migration plan (DM-1234)"),
            Document("urn:a:2", "action", "Review the butler test suite"),
            Document("urn:d:1", "decision", "Adopt butler as the data access layer"),
            Document("urn:e:1", "entity", "butler"),
        ]
    )


def test_every_word_must_match_and_prefixes_count() -> None:
    assert [h.id for h in _index().search("migr butler")] == ["urn:a:1"]


def test_ticket_keys_are_found_by_their_parts() -> None:
    assert tokenize("DM-1234") == ["dm", "1234"]
    assert [h.id for h in _index().search("dm-1234")] == ["urn:a:1"]


def test_kinds_narrow_the_hits() -> None:
    hits = _index().search("butler", kinds=["decision"])
    assert [h.id for h in hits] == ["urn:d:1"]


def test_a_typo_still_finds_the_text() -> None:
    assert _index().search("migraton")[0].id == "urn:a:1"


def test_nothing_for_nonsense_or_empty_queries() -> None:
    assert _index().search("zzqxv") == []
    assert _index().search("  ") == []


def test_rarer_word_ranks_its_text_first() -> None:
    hits = _index().search("review butler")
    assert hits[0].id == "urn:a:2"


def test_index_from_a_store_holds_actions_decisions_and_names(store: OxigraphStore) -> None:
    index = TextIndex.from_store(store)
    kinds = {h.kind for h in index.search("butler")}
    assert kinds == {"action", "decision", "entity"}
    assert index.search("TJ")[0].text == "TJ"  # aliases are searchable
