"""The notebooks run top to bottom on a fresh kernel, draw offline views, and are kept clean.

Each notebook is executed once per test session by nbclient with the project's
``python3`` kernel, in the ``notebooks/`` folder as Jupyter would, with no store,
API URL or minutes folder in the environment: it must build what it needs itself.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
EXPECTED = ("01_quickstart.ipynb", "02_graph.ipynb", "03_api.ipynb")
#: settings a notebook reads; unset so it runs as on a fresh checkout
ENVIRONMENT = ("KG_STORE", "KG_API_URL", "KG_MINUTES", "KG_UPDATE_URL", "KG_WRITE_TOKEN")


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(scope="session")
def executed() -> Iterator[Callable[[str], nbformat.NotebookNode]]:
    """Execute a notebook (once per session) and return it with its outputs."""
    done: dict[str, nbformat.NotebookNode] = {}

    def run(name: str) -> nbformat.NotebookNode:
        if name not in done:
            nb = nbformat.read(NOTEBOOKS / name, as_version=4)
            client = NotebookClient(
                nb,
                kernel_name="python3",
                timeout=300,
                resources={"metadata": {"path": str(NOTEBOOKS)}},
            )
            with pytest.MonkeyPatch.context() as mp:
                for var in ENVIRONMENT:
                    mp.delenv(var, raising=False)
                try:
                    client.execute()
                except CellExecutionError as exc:
                    pytest.fail(f"{name} failed:\n{exc}", pytrace=False)
            done[name] = nb
        return done[name]

    yield run


def test_every_expected_notebook_is_there() -> None:
    assert [p.name for p in _notebooks()] == list(EXPECTED)


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs != [] or cell.execution_count is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; strip them before committing"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs_top_to_bottom(name: str, executed: Callable[[str], nbformat.NotebookNode]):
    nb = executed(name)
    errors = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert not errors
    assert all(c.execution_count is not None for c in nb.cells if c.cell_type == "code")


# ------------------------------------------------------------------ offline graph views


class _Resources(HTMLParser):
    """Scripts and stylesheets of an HTML page, following iframes' ``srcdoc`` documents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.external: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False
        self._chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "script":
            if values.get("src"):
                self.external.append(values["src"])
            self._in_script, self._chunks = True, []
        if tag == "link" and values.get("href"):
            rel = values.get("rel", "")
            if "stylesheet" in rel or "preload" in rel or "modulepreload" in rel:
                self.external.append(values["href"])
        if tag == "iframe" and values.get("srcdoc"):
            inner = _Resources()
            inner.feed(values["srcdoc"])  # the parser already unescaped the attribute
            self.external += inner.external
            self.inline_scripts += inner.inline_scripts
        if tag == "iframe" and values.get("src", "").startswith(("http:", "https:", "//")):
            self.external.append(values["src"])

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._chunks.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script:
            self.inline_scripts.append("".join(self._chunks))
            self._in_script = False


def _html_outputs(nb: nbformat.NotebookNode) -> list[str]:
    return [
        out["data"]["text/html"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type in ("display_data", "execute_result") and "text/html" in out["data"]
    ]


def _graph_views(nb: nbformat.NotebookNode) -> list[_Resources]:
    views = []
    for page in _html_outputs(nb):
        text = page if isinstance(page, str) else "".join(page)
        if "vis.Network" not in html.unescape(text):
            continue
        parsed = _Resources()
        parsed.feed(text)
        views.append(parsed)
    return views


@pytest.mark.slow
def test_graph_views_inline_vis_network_and_load_nothing_from_the_network(
    executed: Callable[[str], nbformat.NotebookNode],
) -> None:
    views = _graph_views(executed("02_graph.ipynb"))
    assert len(views) >= 3, "expected the butler, people-team-component and filtered views"
    for view in views:
        assert not [u for u in view.external if "://" in u or u.startswith("//")], view.external
        library = [s for s in view.inline_scripts if "vis-network" in s and len(s) > 100_000]
        assert library, "the vis-network library is not inlined in the view"
