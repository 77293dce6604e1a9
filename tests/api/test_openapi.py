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


def test_every_answer_is_typed_down_to_its_nested_records() -> None:
    """No JSON answer is a bare object, and no record inside one is either (issue 15: a
    client generated from the document gets owners, evidence, actions... as types)."""
    doc = _app().openapi()
    bare: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and not node.get("properties"):
                if node.get("additionalProperties") in (None, True, {}):
                    bare.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    schemas = doc["components"]["schemas"]
    walk(
        {
            k: v
            for k, v in schemas.items()
            if k not in ("Error", "HTTPValidationError", "ValidationError")
        },
        "",
    )
    assert bare == []
    for path, item in doc["paths"].items():
        answer = item.get("get", item.get("post", {})).get("responses", {}).get("200", {})
        json_body = answer.get("content", {}).get("application/json", {}).get("schema", {})
        if path != "/sparql" and json_body:
            assert "$ref" in json_body, path
    owners = schemas["OwnersOut"]["properties"]["owners"]["items"]["$ref"]
    evidence = schemas[owners.rsplit("/", 1)[-1]]["properties"]["evidence"]["items"]["$ref"]
    assert set(schemas[evidence.rsplit("/", 1)[-1]]["required"]) == {
        "quote",
        "source",
        "date",
        "start",
        "end",
    }


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
