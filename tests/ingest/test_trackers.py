"""Tickets and numbered documents as minutes write them (issue 11)."""

from __future__ import annotations

from ingest.extract.identifiers import hash_tickets
from ingest.extract.series import numbered_documents
from ingest.extract.trackers import one_name_per_ticket, tracker_urls, worded_tickets


def test_a_ticket_said_in_words_is_its_number() -> None:
    found = list(worded_tickets("Merged PR 42; see issue #45 and QRX Issue 121."))
    assert [(f.name, f.surface) for f in found] == [
        ("#42", "PR 42"),
        ("#45", "issue #45"),
        ("#121", "QRX Issue 121"),
    ]


def test_a_tracker_address_names_its_repository_and_number() -> None:
    text = "See https://github.com/acme/widgets/pull/77 and https://bugs.example.org/issues/901."
    assert [f.name for f in tracker_urls(text)] == ["acme/widgets#77", "#901"]


def test_a_short_number_takes_the_repository_the_minutes_give_it() -> None:
    text = "#7710 is https://github.com/acme/widgets/issues/7710"
    found = one_name_per_ticket([*hash_tickets(text), *tracker_urls(text)])
    assert {f.name for f in found} == {"acme/widgets#7710"}


def test_a_meeting_number_is_no_ticket() -> None:
    assert list(hash_tickets("Weekly Meeting #163")) == []


def test_proposals_and_standards_are_numbered_documents() -> None:
    text = "Per PEP 8, KEP-1287, BIP155 and DO-178C; pep8 again. Not Sep 2023."
    found = list(numbered_documents(text, ("PEP", "BIP", "DO")))
    assert [(f.name, f.surface) for f in found] == [
        ("PEP 8", "PEP 8"),
        ("KEP-1287", "KEP-1287"),
        ("BIP155", "BIP155"),
        ("DO-178C", "DO-178C"),
        ("PEP 8", "pep8"),
    ]
