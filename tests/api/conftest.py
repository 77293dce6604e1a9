"""A TestClient over a fresh in-memory store holding the hand-made fixture extractions.

The extractions (tests/graph/conftest.py) are built by hand and written through
``ingest.emit.write``: the API tests never run the spaCy pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import OxigraphStore
from tests.graph.conftest import build_store


@pytest.fixture
def store() -> OxigraphStore:
    return build_store()


@pytest.fixture
def client(store: OxigraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(store, Settings())) as c:
        yield c
