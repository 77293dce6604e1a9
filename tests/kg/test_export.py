"""Exports other tools load: each format is written by ``kg export`` (a subprocess, as a
user runs it) and read back by the library people load it with."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph

from api.app import create_app
from api.settings import Settings
from graph.store import OxigraphStore
from ingest.emit import write
from tests.graph.conftest import build_store
from tests.helpers import team_sync

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "kg"
    store = OxigraphStore(path)
    write(store, team_sync())
    store.close()
    return path


def kg_export(store: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "KG_STORE": str(store)}
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "export", *args], capture_output=True, env=env, cwd=ROOT
    )


def test_turtle_and_trig_use_the_ontology_prefixes(store_dir: Path) -> None:
    ttl = kg_export(store_dir, "--format", "ttl").stdout.decode()
    assert "@prefix mkg: <https://w3id.org/minutes-kg/ontology#> ." in ttl
    assert "skos:prefLabel" in ttl and "a mkg:Person" in ttl
    graph = Graph().parse(data=ttl, format="turtle")
    assert len(graph) > 20
    trig = kg_export(store_dir, "--format", "trig").stdout.decode()
    assert "@prefix skos:" in trig
    dataset = Dataset().parse(data=trig, format="trig")
    assert len(list(dataset.graphs())) >= 2


def test_json_ld_is_compacted_with_a_context(store_dir: Path) -> None:
    doc = json.loads(kg_export(store_dir, "--format", "jsonld").stdout)
    assert doc["@context"]["mkg"] == "https://w3id.org/minutes-kg/ontology#"
    text = json.dumps(doc)
    assert "skos:prefLabel" in text and "https://w3id.org/minutes-kg/ontology#Person" not in text
    dataset = Dataset().parse(data=json.dumps(doc), format="json-ld")
    assert len(dataset) > 20


def test_graphml_loads_in_networkx(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    done = kg_export(store_dir, "--format", "graphml", "-o", str(out))
    assert done.returncode == 0, done.stderr
    G = nx.read_graphml(out)
    labels = {data["label"] for _, data in G.nodes(data=True)}
    assert "Ada Lovelace" in labels
    relations = {data["relation"] for *_, data in G.edges(data=True)}
    assert "responsibleFor" in relations
    # every attribute is a scalar: what Gephi and nx.write_graphml accept
    nx.write_graphml(G, tmp_path / "again.graphml")


def test_gexf_loads_in_networkx_with_labels(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.gexf"
    done = kg_export(store_dir, "--format", "gexf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert b'xmlns="http://www.gexf.net/1.2draft"' in out.read_bytes()
    G = nx.read_gexf(out)
    people = {d["label"] for _, d in G.nodes(data=True) if d["type"] == "Person"}
    assert "Ada Lovelace" in people
    edges = {
        (G.nodes[s]["label"], d["label"], G.nodes[o]["label"]) for s, o, d in G.edges(data=True)
    }
    assert ("Ada Lovelace", "responsibleFor", "scheduler") in edges


def test_csv_nodes_and_edges_for_gephi_and_neo4j(store_dir: Path, tmp_path: Path) -> None:
    refused = kg_export(store_dir, "--format", "csv")
    assert refused.returncode == 2 and b"--output DIR" in refused.stderr
    assert b"Traceback" not in refused.stderr
    done = kg_export(store_dir, "--format", "csv", "-o", str(tmp_path / "csv"))
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "csv" / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with open(tmp_path / "csv" / "edges.csv", newline="", encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    G = nx.from_edgelist(((e["Source"], e["Target"]) for e in edges), create_using=nx.DiGraph)
    assert G.number_of_edges() > 0
    assert any(n["Label"] == "Ada Lovelace" and n["Type"] == "Person" for n in nodes)


def test_graph_endpoint_serves_graphml() -> None:
    with TestClient(create_app(build_store(), Settings())) as client:
        r = client.get("/graph", params={"focus": "butler", "format": "graphml"})
        assert r.status_code == 200 and r.headers["content-type"].startswith(
            "application/graphml+xml"
        )
        G = nx.read_graphml(io.BytesIO(r.content))
        assert "butler" in {d["label"] for _, d in G.nodes(data=True)}
        r = client.get("/graph", params={"focus": "butler", "format": "gexf"})
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/gexf+xml")
        assert "butler" in {
            d["label"] for _, d in nx.read_gexf(io.BytesIO(r.content)).nodes(data=True)
        }
