"""Every response carries security headers; guessing the write token is slowed down."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from api.guards import FREE_FAILURES
from api.settings import Settings
from tests.graph.conftest import build_store


def test_html_pages_forbid_loading_from_other_hosts_and_framing() -> None:
    with TestClient(create_app(build_store())) as client:
        for path in ("/", "/sparql", "/graph?focus=butler"):
            r = client.get(path, headers={"Accept": "text/html"})
            assert r.status_code == 200, path
            csp = r.headers["content-security-policy"]
            assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
            assert r.headers["x-frame-options"] == "DENY"
            assert r.headers["x-content-type-options"] == "nosniff"


def test_json_answers_are_not_sniffed() -> None:
    with TestClient(create_app(build_store())) as client:
        r = client.get("/owners", params={"of": "butler"})
        assert r.headers["x-content-type-options"] == "nosniff"


def test_failed_tokens_are_rate_limited_per_client_and_the_right_one_still_works() -> None:
    app = create_app(build_store(), Settings(write_token="right-token"))
    with TestClient(app) as client:
        wrong = {"Authorization": "Bearer wrong"}
        codes = [
            client.delete("/documents/nothing", headers=wrong).status_code
            for _ in range(FREE_FAILURES + 2)
        ]
        assert codes[:FREE_FAILURES] == [401] * FREE_FAILURES
        assert codes[-1] == 429
        blocked = client.delete("/documents/nothing", headers=wrong)
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1
        # another address is not held up by this one's failures
        other = TestClient(app, client=("192.0.2.7", 5000))
        right = {"Authorization": "Bearer right-token"}
        assert other.delete("/documents/nothing", headers=right).status_code == 404
