"""The vocabulary is data: users edit files under data/vocab, the extractor reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.resolve.vocab import DEFAULT_DOCUMENT_PREFIXES, Term, VocabularyError, load_vocabulary


def test_the_shipped_vocabulary_knows_teams_by_their_aliases() -> None:
    vocabulary = load_vocabulary()
    data_access = next(t for t in vocabulary.terms if t.name == "Data Access")
    assert data_access.type == "Team"
    assert "DAX" in data_access.aliases


def test_cue_phrases_come_from_cues_yaml_with_their_voice() -> None:
    cues = {(c.predicate, c.phrase, c.voice) for c in load_vocabulary().relation_cues}
    assert ("responsibleFor", "is responsible for", "active") in cues
    assert ("responsibleFor", "handled by", "passive") in cues
    assert ("dependsOn", "depends on", "active") in cues


def test_decision_cues_and_sections_come_from_decision_words_yaml(tmp_path: Path) -> None:
    (tmp_path / "cues.yaml").write_text("relations:\n  responsibleFor:\n    active: [steers]\n")
    (tmp_path / "decision_words.yaml").write_text(
        "decision_cues: [Beschlossen]\nnot_decision_cues: [nicht beschlossen]\n"
        "decision_sections: [beschlüsse]\ngeneric_sections: [sonstiges]\n",
        encoding="utf-8",
    )
    vocabulary = load_vocabulary(tmp_path)
    assert [c.phrase for c in vocabulary.relation_cues] == ["steers"]
    assert vocabulary.decision_cues == ("beschlossen",)
    assert vocabulary.not_decision_cues == ("nicht beschlossen",)
    assert vocabulary.decision_sections == ("beschlüsse",)
    assert vocabulary.generic_sections == ("sonstiges",)


def test_a_users_own_vocabulary_directory_replaces_the_default(tmp_path: Path) -> None:
    (tmp_path / "teams.yaml").write_text("- name: Storage Squad\n  aliases: [SSQ]\n")
    (tmp_path / "components.yaml").write_text("components:\n  - name: kvstore\n    match: lower\n")
    vocabulary = load_vocabulary(tmp_path)
    assert Term("Team", "Storage Squad", ("SSQ",)) in vocabulary.terms
    assert Term("Component", "kvstore", (), lower=True) in vocabulary.terms
    assert not any(t.name == "Data Access" for t in vocabulary.terms)


def test_missing_files_mean_an_empty_vocabulary_not_an_error(tmp_path: Path) -> None:
    vocabulary = load_vocabulary(tmp_path)
    assert vocabulary.terms == ()
    assert vocabulary.relation_cues == ()
    assert vocabulary.document_prefixes == DEFAULT_DOCUMENT_PREFIXES


def test_kg_vocab_dir_points_the_default_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "organizations.yaml").write_text("- name: Acme Labs\n")
    monkeypatch.setenv("KG_VOCAB_DIR", str(tmp_path))
    assert [t.name for t in load_vocabulary().terms] == ["Acme Labs"]


def test_decision_words_left_in_an_old_cues_yaml_are_an_error_saying_where_they_go(
    tmp_path: Path,
) -> None:
    (tmp_path / "cues.yaml").write_text("relations: {}\ndecisions: [beschlossen]\n")
    with pytest.raises(VocabularyError, match=r"cues\.yaml.*decision_words\.yaml.*decision_cues"):
        load_vocabulary(tmp_path)


def test_a_malformed_entry_names_the_file_and_the_expected_shape(tmp_path: Path) -> None:
    (tmp_path / "teams.yaml").write_text("- aliases: [X]\n")
    with pytest.raises(VocabularyError, match=r"teams\.yaml.*name"):
        load_vocabulary(tmp_path)


def test_the_same_team_in_two_entries_is_one_term_with_all_aliases(tmp_path: Path) -> None:
    (tmp_path / "teams.yaml").write_text(
        "- name: Ops\n  aliases: [Operations]\n- name: Ops\n  aliases: [OPS team]\n"
    )
    (term,) = load_vocabulary(tmp_path).terms
    assert term.aliases == ("Operations", "OPS team")
