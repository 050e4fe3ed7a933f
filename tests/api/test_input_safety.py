"""Hostile input through the real app: image references outside the store."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from .conftest import wait_for_item

MISSING_IMAGE = "f" * 32 + ".png"


def error_of(response: Any, code: str) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    return body


def one_node(node_id: str, node_type: str, **inputs: Any) -> dict[str, Any]:
    return {"nodes": {node_id: {"id": node_id, "type": node_type, **inputs}}, "edges": []}


@pytest.mark.parametrize(
    "name", ["../secret.png", "/etc/passwd", "..\\..\\boot.ini", MISSING_IMAGE + "/../x.png"]
)
def test_image_references_outside_the_store_are_refused_at_enqueue(client: TestClient, name: str) -> None:
    graph = one_node("load", "load_image", image={"image_name": name})
    body = error_of(client.post("/api/v1/queue/enqueue", json={"graph": graph}), "invalid_graph")
    (issue,) = body["details"]
    assert set(issue) == {"code", "node_id", "field", "message"}
    assert (issue["code"], issue["node_id"], issue["field"]) == ("invalid_value", "load", "image")
    assert f"{name!r} is not a valid image name" in issue["message"]
    checked = client.post("/api/v1/graphs/validate", json={"graph": graph}).json()
    assert (checked["valid"], checked["issues"]) == (False, body["details"])
    assert client.get("/api/v1/queue/status").json()["counts"]["total"] == 0


def test_batch_data_cannot_smuggle_an_image_path(client: TestClient) -> None:
    graph = one_node("pick", "image", image={"image_name": MISSING_IMAGE})
    data = [[{"node_id": "pick", "field": "image", "items": [{"image_name": "../../etc/passwd"}]}]]
    body = error_of(
        client.post("/api/v1/queue/enqueue", json={"graph": graph, "data": data}), "invalid_graph"
    )
    assert [(i["code"], i["node_id"], i["field"]) for i in body["details"]] == [
        ("invalid_batch", "pick", "image")
    ]
    assert "is not a valid image name" in body["details"][0]["message"]


def test_a_well_formed_name_passes_validation_and_fails_only_when_missing(client: TestClient) -> None:
    graph = one_node("load", "load_image", image={"image_name": MISSING_IMAGE})
    response = client.post("/api/v1/queue/enqueue", json={"graph": graph})
    assert response.status_code == 200, response.text
    item = wait_for_item(client, response.json()["item_ids"][0], "failed")
    assert item["error_type"] == "NotFoundError"
