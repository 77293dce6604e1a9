"""The meeting page shows its source as text, with what was read from it highlighted in place.

An HTML minutes file goes through the real ``kg ingest``; the store keeps a copy of it
(``sources/<sha256>``), and the meeting page shows that copy escaped inside a ``<pre>``:
its markup is text, never rendered, and every ``<mark>`` covers the exact characters a
statement, action item or decision was read from (at the evidence's offsets).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.store import open_store
from tests.api.conftest import KG, ROOT

HTML = ROOT / "tests" / "fixtures" / "quarry_tsc_2024-05-07.html"
DOC = "quarry-tsc-2024-05-07"


def kg(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KG), "--store", str(store), *args], capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def html_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html-minutes")
    shutil.copy(HTML, folder / HTML.name)
    store = folder / "kg"
    done = kg(store, "ingest", str(folder / HTML.name))
    assert done.returncode == 0, done.stderr
    return store


def meeting(store: Path, accept: str) -> tuple[str, dict]:
    with TestClient(create_app(open_store(str(store), read_only=True))) as c:
        page = c.get(f"/meetings/{DOC}", headers={"Accept": "text/html"})
        data = c.get(f"/meetings/{DOC}", headers={"Accept": "application/json"}).json()
    assert page.status_code == 200
    return page.text, data


def test_the_ingested_file_is_kept_by_its_content_hash(html_store: Path) -> None:
    digest = hashlib.sha256(HTML.read_bytes()).hexdigest()
    assert (html_store / "sources" / digest).read_bytes() == HTML.read_bytes()


def test_the_html_source_is_text_with_every_passage_highlighted_at_its_offsets(
    html_store: Path,
) -> None:
    page, data = meeting(html_store, "text/html")
    assert data["text"] is True
    source = re.search(r'<pre class="minutes" id="source">(.*?)</pre>', page, re.S)
    assert source, "the meeting page shows no source"
    body = source.group(1)
    # the file's markup is escaped text: no tag of the minutes is an element of the page
    assert "&lt;h2&gt;1. Security release 4.1.2&lt;/h2&gt;" in body
    assert not re.search(r"<(?!/?(mark|a)\b)", body), "markup of the source was rendered"
    # with the page's own tags taken out, the text is the file, character for character
    text = HTML.read_text(encoding="utf-8")
    assert unescape(re.sub(r"</?(mark|a)\b[^>]*>", "", body)) == text
    # every passage is highlighted; each highlight starts at a passage's offset
    passages = data["passages"]
    assert passages and all(p["in_source"] for p in passages)
    for p in passages:
        assert text[p["start"] : p["end"]] == p["quote"]
    anchors = set(re.findall(r'<mark id="c(\d+)"', body))
    assert anchors == {str(p["start"]) for p in passages}
    # a highlight links to the statement read from it, which links back into the source
    for p in passages:
        assert f'href="#{p["key"]}"' in body
        assert f'id="{p["key"]}"' in page
    decision = next(d for d in data["decisions"] if "QEP-12" in d["text"])
    start = decision["evidence"][0]["start"]
    assert f'href="#c{start}"' in page  # from the decision's row to its place in the source


def test_a_store_without_the_copy_lists_the_passages_alone(
    html_store: Path, tmp_path: Path
) -> None:
    bare = tmp_path / "kg"
    shutil.copytree(html_store, bare)
    shutil.rmtree(bare / "sources")
    page, data = meeting(bare, "text/html")
    assert data["text"] is False
    assert '<pre class="minutes"' not in page
    assert page.count('class="passage"') == len(data["passages"]) >= 1


def test_forgetting_the_document_drops_its_copy(html_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "kg"
    shutil.copytree(html_store, store)
    assert kg(store, "forget", DOC).returncode == 0
    assert list((store / "sources").iterdir()) == []


def test_an_upload_to_the_server_is_kept_and_shown_too(tmp_path: Path) -> None:
    from api.settings import Settings

    store = open_store(str(tmp_path / "kg"))
    app = create_app(store, Settings(write_token="secret"))
    with TestClient(app) as c:
        done = c.post(
            "/documents",
            params={"filename": HTML.name},
            content=HTML.read_bytes(),
            headers={"Authorization": "Bearer secret"},
        )
        assert done.status_code in (200, 201), done.text
        page = c.get(f"/meetings/{DOC}", headers={"Accept": "text/html"}).text
        assert '<pre class="minutes"' in page and "<mark" in page
        assert c.delete(f"/documents/{DOC}", headers={"Authorization": "Bearer secret"}).is_success
    assert list((tmp_path / "kg" / "sources").iterdir()) == []
