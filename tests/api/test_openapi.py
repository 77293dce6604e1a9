"""The OpenAPI document says what the API answers: schemathesis calls every operation
with what the schema allows and checks status codes, media types and bodies against it;
the error responses and the bearer scheme for writes are documented."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.settings import Settings
from graph.store import open_store
from ingest.emit import write
from tests.helpers import team_sync


def _app() -> Any:
    store = open_store("memory")
    write(store, team_sync())
    return create_app(store, Settings(query_timeout=2.0, max_results=1000))


SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", _app())
OPERATIONS = {
    f"{op.method.upper()} {op.path}": op
    for op in (result.ok() for result in SCHEMA.get_all_operations())
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_every_operation_answers_as_its_schema_says(label: str) -> None:
    operation = OPERATIONS[label]

    @settings(
        max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    run()


def test_errors_and_the_write_scheme_are_documented() -> None:
    doc = _app().openapi()
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"400", "404", "409", "503"} <= codes, (method, path)
            if method in ("post", "delete") and path.startswith("/documents"):
                assert operation["security"] == [{"bearer": []}]
                assert {"401", "403"} <= codes
    upload = doc["paths"]["/documents"]["post"]["responses"]
    assert "413" in upload and "415" in upload
