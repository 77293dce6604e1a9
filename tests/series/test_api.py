"""The time questions over HTTP, through a real uvicorn server on the Pikestaff series."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from tests.api.conftest import serve_app
from tests.series.score import build_store


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve_app(create_app(build_store())) as url:
        yield url


def test_owners_as_of_a_date_with_the_superseded_apart(base: str) -> None:
    body = httpx.get(f"{base}/owners", params={"of": "tollgate", "as_of": "2025-01-20"}).json()
    assert [o["name"] for o in body["owners"]] == ["Marta Kowalczyk"]
    # she held it that day; the period says when it ended, as far as the minutes know now
    assert body["owners"][0]["valid_to"] == "2025-01-28" and body["superseded"] == []
    now = httpx.get(f"{base}/owners", params={"of": "tollgate"}).json()
    assert [o["name"] for o in now["owners"]] == ["Tomasz Wren"]
    (marta,) = now["superseded"]
    assert (marta["valid_from"], marta["valid_to"]) == ("2025-01-07", "2025-01-28")
    assert "Tomasz now owns tollgate" in marta["closed_by"]["quote"]
    assert marta["method"].startswith("handover cue")


def test_a_bad_date_is_one_clear_message(base: str) -> None:
    answer = httpx.get(f"{base}/owners", params={"of": "tollgate", "as_of": "last spring"})
    assert answer.status_code == 422
    assert "as_of" in answer.text
