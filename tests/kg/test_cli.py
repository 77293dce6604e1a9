"""The kg command line, run as a user runs it: a subprocess over a store folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from graph.store import OxigraphStore
from ingest.emit import write
from tests.helpers import team_sync

ROOT = Path(__file__).resolve().parents[2]


def kg(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_STORE": str(store)}
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "kg"
    store = OxigraphStore(path)
    write(store, team_sync())
    store.close()
    return path


def test_owners_prints_the_owner_and_the_sentence(store_dir):
    out = kg("owners", "Scheduler", store=store_dir)
    assert out.returncode == 0, out.stderr
    assert "Ada Lovelace (Person)" in out.stdout
    assert '"Ada Lovelace is responsible for the scheduler."' in out.stdout
    assert "minutes/team-sync.txt, 2021-03-04" in out.stdout


def test_owners_json_and_unknown_names(store_dir):
    out = kg("owners", "scheduler", "--json", store=store_dir)
    data = json.loads(out.stdout)
    assert data["owners"][0]["evidence"][0]["quote"].startswith("Ada Lovelace is")
    missing = kg("owners", "schedulr-xyz-unknown", store=store_dir)
    assert missing.returncode == 1
    assert "no entity named" in missing.stderr


def test_owners_without_an_owner_names_who_is_involved(tmp_path):
    """No owner is stated for the queue, but Grace Hopper is assigned work about it: the
    answer says so, as involvement, and points to kg show (issue 15)."""
    doc = team_sync()
    item = replace(doc.action_items[0], text="review DM-42 and the queue")
    path = tmp_path / "kg"
    store = OxigraphStore(path)
    write(store, replace(doc, action_items=(item,)))
    store.close()
    out = kg("owners", "queue", store=path)
    assert out.returncode == 0, out.stderr
    assert "no owner recorded in the minutes" in out.stdout
    assert "most involved (not ownership)" in out.stdout
    assert "Grace Hopper (Person) -- assignee of 1 action item about it" in out.stdout
    assert "kg show queue" in out.stdout
    # the JSON stays the API's answer: no owners, nothing invented
    assert json.loads(kg("owners", "queue", "--json", store=path).stdout)["owners"] == []


def test_query_formats(store_dir):
    q = (
        "SELECT ?n WHERE { ?p a <https://w3id.org/minutes-kg/ontology#Person> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?n } ORDER BY ?n"
    )
    table = kg("query", q, store=store_dir)
    assert table.returncode == 0, table.stderr
    assert "Ada Lovelace" in table.stdout and "(2 rows)" in table.stdout
    as_json = json.loads(kg("query", q, "--format", "json", store=store_dir).stdout)
    assert [b["n"]["value"] for b in as_json["results"]["bindings"]] == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    bad = kg("query", "SELEKT nothing", store=store_dir)
    assert bad.returncode == 1 and "SPARQL syntax error" in bad.stderr


def test_validate_export_and_forget(store_dir, tmp_path):
    assert kg("validate", store=store_dir).returncode == 0
    out = tmp_path / "dump.nq"
    assert kg("export", "--format", "nq", "-o", str(out), store=store_dir).returncode == 0
    assert out.read_text().count("\n") > 20
    assert kg("forget", "nope", store=store_dir).returncode == 1
    gone = kg("forget", "team-sync", store=store_dir)
    assert gone.returncode == 0, gone.stderr
    assert kg("export", "--format", "nq", store=store_dir).stdout == ""


def test_query_commands_do_not_load_spacy(store_dir):
    code = (
        "import sys\n"
        "from kg.cli import main\n"
        "main(['owners', 'scheduler'])\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
        "print('CLEAN')\n"
    )
    env = {**os.environ, "KG_STORE": str(store_dir)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert "CLEAN" in out.stdout, out.stderr


@pytest.mark.slow
def test_ingest_with_two_processes_writes_the_same_graph(tmp_path):
    def ingest(processes: str) -> set[str]:
        store = tmp_path / f"kg{processes}"
        out = kg("ingest", "--processes", processes, "data/minutes", "tests/fixtures", store=store)
        assert out.returncode == 0, out.stderr
        dump = kg("export", "--format", "nq", store=store).stdout
        return {line for line in dump.splitlines() if "generatedAtTime" not in line}

    one, two = ingest("1"), ingest("2")
    assert len(one) > 1000
    assert one == two


def test_forget_takes_the_id_the_file_name_or_the_path(tmp_path):
    for spelling in ("team-sync", "team_sync", "minutes/team-sync.txt", "team-sync.txt"):
        path = tmp_path / spelling.replace("/", "_")
        store = OxigraphStore(path)
        write(store, team_sync())
        store.close()
        out = kg("forget", spelling, store=path)
        assert out.returncode == 0, (spelling, out.stderr)
        assert "forgot team-sync" in out.stdout


def test_same_file_name_in_two_folders_keeps_both_documents(tmp_path):
    """Folder-per-meeting layouts (2024-05-07/README.md) and a/notes.txt beside b/notes.txt:
    a document is named by its path inside the ingested folder, so none overwrites another."""
    sample = (ROOT / "tests" / "fixtures").glob("*.txt")
    text = next(iter(sorted(sample))).read_text(encoding="utf-8")
    root = tmp_path / "minutes"
    for folder in ("2024-05-07", "2024-05-14"):
        (root / folder).mkdir(parents=True)
        (root / folder / "README.md").write_text(text.replace("2016", folder[:4]), "utf-8")
    store = tmp_path / "kg"
    out = kg("ingest", str(root), store=store)
    assert out.returncode == 0, out.stderr
    assert "2 of 2 documents ingested" in out.stdout
    graphs = kg(
        "query",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--format",
        "csv",
        store=store,
    ).stdout
    assert "graph/2024-05-07-readme" in graphs and "graph/2024-05-14-readme" in graphs

    again = kg("ingest", str(root), store=store)  # re-ingesting the same paths replaces them
    assert again.returncode == 0, again.stderr
    assert "2 of 2 documents ingested" in again.stdout


def test_two_files_naming_one_document_are_never_silently_merged(tmp_path):
    text = next(iter(sorted((ROOT / "tests" / "fixtures").glob("*.txt")))).read_text("utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "notes.txt").write_text(text, "utf-8")
    (tmp_path / "b" / "notes.txt").write_text(text + "\nExtra line.\n", "utf-8")
    # in one batch, two files that name the same document: the second is refused, naming both
    both = kg(
        "ingest",
        str(tmp_path / "a" / "notes.txt"),
        str(tmp_path / "b" / "notes.txt"),
        store=tmp_path / "kg",
    )
    assert both.returncode == 1
    assert str(tmp_path / "a" / "notes.txt") in both.stderr
    assert str(tmp_path / "b" / "notes.txt") in both.stderr
    assert "1 of 2 documents ingested" in both.stdout
    # given alone later, a file of the same name is a new version of it: said, not silent
    again = kg("ingest", str(tmp_path / "b" / "notes.txt"), store=tmp_path / "kg")
    assert again.returncode == 0, again.stderr
    assert "replaces the earlier version" in again.stdout


def test_same_content_at_two_paths_is_reported(tmp_path):
    text = next(iter(sorted((ROOT / "tests" / "fixtures").glob("*.txt")))).read_text("utf-8")
    root = tmp_path / "m"
    (root / "x").mkdir(parents=True)
    (root / "y").mkdir(parents=True)
    (root / "x" / "notes.txt").write_text(text, "utf-8")
    (root / "y" / "copy.txt").write_text(text, "utf-8")
    out = kg("ingest", str(root), store=tmp_path / "kg")
    assert out.returncode == 0, out.stderr
    assert "same content as x/notes.txt" in out.stdout


def test_global_options_go_before_or_after_the_command(store_dir, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "KG_STORE"}
    for args in (
        ["--store", str(store_dir), "owners", "Scheduler"],
        ["owners", "Scheduler", "--store", str(store_dir)],
    ):
        out = subprocess.run(
            [sys.executable, "-m", "kg.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert out.returncode == 0, (args, out.stderr)
        assert "Ada Lovelace (Person)" in out.stdout


def test_version_and_one_line_errors(store_dir, tmp_path):
    version = kg("--version", store=store_dir)
    assert version.returncode == 0 and version.stdout.startswith("kg ")
    missing = kg("query", "--file", str(tmp_path / "no-such.rq"), store=store_dir)
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    assert "no-such.rq" in missing.stderr
    unknown = kg("owners", store=store_dir)  # a missing argument: usage and one error line
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
    assert "kg owners: error:" in unknown.stderr


def test_help_names_defaults_and_environment(store_dir):
    top = kg("--help", store=store_dir).stdout
    assert "KG_STORE" in top and "KG_WRITE_TOKEN" in top
    owners = kg("owners", "--help", store=store_dir).stdout
    assert "default 3" in owners and "GET /owners" in owners


def test_listings_mirror_the_api_as_tables_or_json(store_dir):
    entities = kg("entities", "--type", "Person", store=store_dir)
    assert entities.returncode == 0, entities.stderr
    assert "Ada Lovelace" in entities.stdout and "(2 rows)" in entities.stdout
    as_json = json.loads(kg("entities", "ada", "--json", store=store_dir).stdout)
    assert as_json["entities"][0]["name"] == "Ada Lovelace"
    documents = kg("documents", store=store_dir)
    assert documents.returncode == 0 and "team-sync" in documents.stdout
    assert json.loads(kg("documents", "--json", store=store_dir).stdout)["documents"][0]["triples"]
    decisions = kg("decisions", "--json", store=store_dir)
    assert decisions.returncode == 0, decisions.stderr
    assert json.loads(decisions.stdout)["count"] == len(json.loads(decisions.stdout)["decisions"])
    assert kg("decisions", store=store_dir).stdout.startswith("date")


def test_show_an_entity_and_one_line_for_an_unknown_one(store_dir):
    shown = kg("show", "schedulr", store=store_dir)  # a typo still finds it
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.lower().startswith("scheduler (component)")
    assert "Ada Lovelace is responsible for the scheduler." in shown.stdout
    data = json.loads(kg("show", "Scheduler", "--json", store=store_dir).stdout)
    assert data["entity"]["name"].lower() == "scheduler" and "in" in data
    missing = kg("show", "zzzz-nothing", store=store_dir)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1


def test_actions_mirror_get_actions(store_dir):
    listed = kg("actions", "--json", store=store_dir)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert data["count"] == len(data["actions"]) > 0
    table = kg("actions", "--assignee", "Grace Hopper", store=store_dir)
    assert table.returncode == 0, table.stderr
    assert table.stdout.startswith("date") and "Grace Hopper" in table.stdout
    missing = kg("actions", "--history", "no-such-action", store=store_dir)
    assert missing.returncode == 1 and "no action" in missing.stderr
