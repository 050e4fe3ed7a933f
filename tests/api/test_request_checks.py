"""What every route does with requests that break the documented contract (found by fuzzing the API):
a 405 names every allowed method, an unreadable body and a mistyped JSON value are a 422 in the usual
error shape, and integers that would reach the database are bounded."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from impasto.api.json_types import type_errors
from impasto.api.operations import OperationIndex
from impasto.api.params import MAX_INT

GRAPH: dict[str, Any] = {"nodes": {}, "edges": []}


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/api/v1/boards", "GET, HEAD, POST"),  # one route per method at this path
        ("TRACE", "/api/v1/boards/some-board", "DELETE, GET, HEAD, PATCH"),
        ("PATCH", "/api/v1/images/delete", "POST"),  # not an image named "delete"
        ("OPTIONS", "/api/v1/health", "GET, HEAD"),
    ],
)
def test_405_names_every_method_of_the_path(client: TestClient, method: str, path: str, allow: str) -> None:
    response = client.request(method, path)
    assert (response.status_code, response.json()["code"]) == (405, "http_405")
    assert response.headers["allow"] == allow


def test_undocumented_routes_keep_their_own_405(client: TestClient) -> None:
    response = client.post("/docs")
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD"}  # Starlette's order varies


def test_a_body_that_cannot_be_read_is_a_422_in_the_error_shape(client: TestClient) -> None:
    not_utf8 = client.post(
        "/api/v1/boards", content=b'{"board_name": "\xff"}', headers={"content-type": "application/json"}
    )
    no_boundary = client.post(
        "/api/v1/images/upload", content=b"--x\r\n", headers={"content-type": "multipart/form-data"}
    )
    for response in (not_utf8, no_boundary):
        assert (response.status_code, response.json()["code"]) == (422, "invalid_request")
        assert "the body cannot be read" in response.json()["message"]
    assert client.get("/api/v1/boards").json() == []


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("/api/v1/queue/cancel", {"item_ids": [True]}, "body.item_ids.0: expected integer, got boolean"),
        ("/api/v1/queue/cancel", {"item_ids": ["1"]}, "body.item_ids.0: expected integer, got string"),
        ("/api/v1/queue/cancel", {"item_ids": [1.5]}, "body.item_ids.0: expected integer, got number"),
        (
            "/api/v1/queue/enqueue",
            {"graph": GRAPH, "prepend": 0},
            "body.prepend: expected boolean, got integer",
        ),
        ("/api/v1/queue/enqueue", {"graph": GRAPH, "runs": "2"}, "body.runs: expected integer, got string"),
        (
            "/api/v1/queue/enqueue",
            {"batch": {"graph": GRAPH, "runs": "2"}},
            "body.batch.runs: expected integer, got string",
        ),
        ("/api/v1/prompts/dynamic", {"prompt": "a", "seed": False}, "expected integer or null, got boolean"),
        ("/api/v1/generate", {"prompt": "a", "loras": [{"model": "x", "weight": "1"}]}, "loras.0.weight"),
        ("/api/v1/boards", {"board_name": 5}, "body.board_name: expected string, got integer"),
    ],
)
def test_json_values_of_the_wrong_type_are_refused_not_converted(
    client: TestClient, path: str, body: dict[str, Any], message: str
) -> None:
    response = client.post(path, json=body)
    assert (response.status_code, response.json()["code"]) == (422, "invalid_request")
    assert message in response.json()["message"]
    assert client.get("/api/v1/queue/status").json()["counts"]["pending"] == 0


def test_whole_numbers_written_as_floats_are_integers(client: TestClient) -> None:
    assert client.post("/api/v1/queue/cancel", json={"item_ids": [1.0]}).json() == {"canceled": []}
    expanded = client.post("/api/v1/prompts/dynamic", json={"prompt": "{a|b}", "max_prompts": 1.0})
    assert expanded.json()["prompts"] == ["a"]


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", f"/api/v1/queue/items/{2**63}", None),
        ("GET", "/api/v1/queue/items/0", None),
        ("POST", f"/api/v1/queue/items/{2**70}/cancel", None),
        ("POST", f"/api/v1/queue/items/{-(2**64)}/retry", None),
        ("GET", f"/api/v1/queue/items?offset={2**64}", None),
        ("GET", f"/api/v1/images?offset={2**64}", None),
        ("POST", "/api/v1/queue/cancel", {"item_ids": [2**70]}),
        ("POST", "/api/v1/queue/retry", {"item_ids": [MAX_INT + 1]}),
    ],
)
def test_integers_beyond_the_database_are_refused(
    client: TestClient, method: str, url: str, body: dict[str, Any] | None
) -> None:
    response = client.request(method, url, json=body)
    assert (response.status_code, response.json()["code"]) == (422, "invalid_request")


def test_the_largest_id_is_valid_and_documented_exactly(client: TestClient) -> None:
    assert client.get(f"/api/v1/queue/items/{MAX_INT}").status_code == 404
    assert client.get(f"/api/v1/images?offset={MAX_INT}").json()["items"] == []
    document = client.get("/openapi.json").json()
    item_id = document["paths"]["/api/v1/queue/items/{item_id}"]["get"]["parameters"][0]["schema"]
    assert item_id["maximum"] == MAX_INT == float(MAX_INT)  # a float bound that still says exactly this


def test_every_integer_a_request_carries_is_bounded(client: TestClient) -> None:
    """Fuzzing rarely draws an integer past 2^63, so the bounds are checked on the document itself."""
    document = client.get("/openapi.json").json()
    components = document["components"]["schemas"]
    unbounded: list[str] = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            schemas = [(p["name"], p["schema"]) for p in operation.get("parameters", [])]
            content = operation.get("requestBody", {}).get("content", {})
            schemas += [("body", media["schema"]) for media in content.values()]
            for name, schema in schemas:
                for where, number in _integers(schema, components, name, set()):
                    low, high = number.get("minimum", -(2**64)), number.get("maximum", 2**64)
                    if not -MAX_INT <= low <= high <= MAX_INT:
                        unbounded.append(f"{method.upper()} {path}: {where}")
    assert unbounded == []


def _integers(
    schema: dict[str, Any], components: dict[str, Any], where: str, seen: set[str]
) -> list[tuple[str, dict[str, Any]]]:
    """Every integer schema inside ``schema`` with where it is, following references once."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return [] if name in seen else _integers(components[name], components, where, seen | {name})
    found = [(where, schema)] if schema.get("type") == "integer" else []
    for option in [*schema.get("anyOf", []), *schema.get("oneOf", []), *schema.get("allOf", [])]:
        found += _integers(option, components, where, seen)
    for key, sub in schema.get("properties", {}).items():
        found += _integers(sub, components, f"{where}.{key}", seen)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found += _integers(schema[key], components, f"{where}[]", seen)
    return found


COMPONENTS: dict[str, Any] = {
    "Lora": {"type": "object", "properties": {"weight": {"type": "number"}}},
    "Request": {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "seed": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
            "loras": {"type": "array", "items": {"$ref": "#/components/schemas/Lora"}},
            "extra": {"type": "object", "additionalProperties": {"type": "boolean"}},
            "free": {"type": "object", "additionalProperties": True},
        },
    },
}


def test_type_errors_walk_references_unions_arrays_and_maps() -> None:
    schema = {"$ref": "#/components/schemas/Request"}
    valid = {"count": 2.0, "seed": None, "loras": [{"weight": 1}], "extra": {"a": True}, "free": {"x": "1"}}
    assert type_errors(valid, schema, COMPONENTS, ("body",)) == []
    invalid = {"count": True, "seed": "3", "loras": [{"weight": "1"}], "extra": {"a": 0}, "unknown": 1}
    found = {(e["loc"], e["msg"]) for e in type_errors(invalid, schema, COMPONENTS, ("body",))}
    assert found == {
        (("body", "count"), "expected integer, got boolean"),
        (("body", "seed"), "expected integer or null, got string"),
        (("body", "loras", 0, "weight"), "expected number, got string"),
        (("body", "extra", "a"), "expected boolean, got integer"),
    }


def test_the_first_matching_path_template_is_the_operation() -> None:
    index = OperationIndex(
        {"paths": {"/images/names": {"get": {"x": 1}}, "/images/{name}": {"get": {"x": 2}, "delete": {}}}}
    )
    assert index.operation("GET", "/images/names") == {"x": 1}
    assert index.operation("DELETE", "/images/names") == {}
    assert index.operation("GET", "/images/a.png") == {"x": 2}
    assert index.operation("GET", "/images/a/b") is None
    assert index.methods("/images/names") == {"GET", "HEAD"}
