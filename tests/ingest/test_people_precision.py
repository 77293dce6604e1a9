"""People read in prose are people: capitalised common words, code and product names are not.

Unseen text (package descriptions, changelogs, minutes of other projects) is full of
capitalised phrases the statistical model calls persons: headings ("Quick Start"), sentence
openers ("Update the docs", "Default is ..."), code (``[varLib.instancer] Add ...``,
``HTMLRenderer can ...``). The documents here were written for these tests.
"""

from __future__ import annotations

import pytest

from ingest.model import SourceText
from ingest.resolve.people import PROSE, People, code_shaped, not_a_prose_name


@pytest.mark.parametrize(
    "phrase",
    ["Quick Start", "Getting Started", "Pure Python", "Update", "Default", "Token Sort Ratio",
     "Focus Node Filtering", "Schema Bundling", "Typehint", "Exitcode", "Don Libes' Expect",
     "Restyle", "Keycloak", "Memory Profiler",
     "Convert Python", "Kube Proxy", "Interop Call", "Config Attributes", "Pager Link",
     "Noto Sans", "Hotfix Installer"],
)
def test_phrases_of_common_words_are_no_names(phrase: str) -> None:
    assert not_a_prose_name(phrase)


@pytest.mark.parametrize(
    "name",
    ["Mark Baker", "Will", "Max", "Tony Lopes", "Rose Judge", "Saber Quennell", "Ganesh",
     "Sam Ruby", "Arwel", "Tamsin", "Yaw Darko", "Şule Kaya", "Nguyễn Văn An",
     "Sanne van der Linden", "Jonathan Sick", "Mark Fine", "Stan Lo", "Luke Gruber",
     "Agustín Paredes", "Ada Brooks", "Ben Fields"],
)
def test_names_that_are_also_words_stay_names(name: str) -> None:
    assert not not_a_prose_name(name)


@pytest.mark.parametrize(
    "word", ["varLib.instancer", "misc.psLib", "py2.py3", "fontBuilder", "HTMLRenderer",
             "DecomposedTransform", "UTF-7", "CFF2", "jos_tagged_model"],
)
def test_code_is_no_person(word: str) -> None:
    assert code_shaped(word)
    assert People().add_owner(word, PROSE) is None


@pytest.mark.parametrize("word", ["jdoe", "jdoe_42", "MarcoF", "McCool", "br1an67", "Kent"])
def test_handles_and_names_are_owners(word: str) -> None:
    assert not code_shaped(word)
    assert People().add_owner(word, PROSE) is not None


def test_a_roll_call_keeps_a_name_that_is_a_common_word() -> None:
    people = People()
    assert people.add("Till Okafor", 1) == "Till Okafor"
    assert People().add("Quick Start", PROSE) is None


_README = """\
# Widgetry sync

## Quick Start

Update the docs before the release. Default is the old layout.
Pure Python wheels are built for every platform.

## Changes

- [varLib.instancer] Add support for instancing fonts.
- [misc.psLib] Fix tokenizing of escaped parentheses.
- HTMLRenderer can now run preprocessors on the input.

## Credits

Mark Baker will review the layout code. Thanks to Saber Quennell for the fonts.
"""


def test_a_description_yields_only_its_people() -> None:
    from ingest.pipeline import extract_source

    extraction = extract_source(SourceText("readme.md", _README))
    persons = {e.name for e in extraction.entities if e.type == "Person"}
    assert persons == {"Mark Baker", "Saber Quennell"}


def test_a_one_word_name_owning_a_review_or_saying_something_is_a_person(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ingest.pipeline import extract_file

    path = tmp_path / "m.md"
    path.write_text(
        "# Loam sync 2024-03-04\n\nPresent: Ana Lima, Bo Chen\n\n## Notes\n"
        "- The crash may be related to Reinhold's commits from last week.\n"
        "- Ready for release by Tuesday, pending Zofia's review.\n"
        "- Python's packaging story and Grafana's dashboards were discussed.\n",
        encoding="utf-8",
    )
    persons = {e.name for e in extract_file(path).entities if e.type == "Person"}
    assert {"Reinhold", "Zofia"} <= persons
    assert not persons & {"Python", "Grafana"}


def test_thanks_name_a_person_and_a_place_preposition_names_a_thing() -> None:
    from ingest.pipeline import extract_source

    text = (
        "# Loam sync 2024-03-04\n\nPresent: Ana Lima, Bo Chen\n\n## Notes\n"
        "- [Fix locale handling, thanks Émile Girard](https://git.example.org/loam/pull/9)\n"
        "- The cache stays on Memcached for the next release.\n"
        "- Thanks Release Engineering for the quick turnaround.\n"
    )
    extraction = extract_source(SourceText("m.md", text))
    persons = {e.name for e in extraction.entities if e.type == "Person"}
    assert "Émile Girard" in persons
    assert not persons & {"Memcached", "Release Engineering"}


def test_a_handle_alone_in_a_roll_call_is_an_attendee() -> None:
    from ingest.pipeline import extract_source

    text = "# Pipit 2024-11-26\n\nAttendees: Priscila, @mira-s\n\n## Notes\n- @plasma_x fixed it.\n"
    extraction = extract_source(SourceText("m.md", text))
    persons = {e.name for e in extraction.entities if e.type == "Person"}
    assert {"Priscila", "mira-s"} <= persons


def test_accounts_mentioned_in_prose_are_people_and_code_is_not() -> None:
    from ingest.pipeline import extract_source

    text = (
        "# Sync\n\n| Name | Org | GitHub |\n|---|---|---|\n| Mirela Stan | Acme | @mstan |\n\n"
        "## Notes\n\n- As [@quillfeather][qf] proposed, @tessvane will draft it; @mstan agreed.\n"
        "- Propose Idris Okonkwo (@idrisok) as a committer.\n"
        "- Wrap it in `@cache`, pin left-pad@1.3, bump @types/node, use @media queries.\n"
        "- Thanks @Acme Bank for hosting.\n\n[qf]: https://example.org\n"
    )
    people = {
        e.name: e.aliases
        for e in extract_source(SourceText("m.md", text)).entities
        if e.type == "Person"
    }
    assert {"quillfeather", "tessvane", "Mirela Stan", "Idris Okonkwo"} <= set(people)
    assert "@mstan" in people["Mirela Stan"] and "@idrisok" in people["Idris Okonkwo"]
    assert not {"mstan", "idrisok", "cache", "types", "media", "Acme"} & set(people)
