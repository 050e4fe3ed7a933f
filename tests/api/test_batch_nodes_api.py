"""Enqueuing a graph with batch nodes through the HTTP API."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from .conftest import wait_for_item


def _graph(strings: list[str]) -> dict[str, Any]:
    return {
        "nodes": {
            "words": {"id": "words", "type": "string_batch", "strings": strings},
            "shout": {"id": "shout", "type": "string_case", "case": "upper"},
        },
        "edges": [
            {
                "source": {"node_id": "words", "field": "value"},
                "destination": {"node_id": "shout", "field": "string"},
            }
        ],
    }


def test_a_string_batch_makes_one_item_per_string(client: TestClient) -> None:
    response = client.post("/api/v1/queue/enqueue", json={"graph": _graph(["red", "green", "blue"])})
    assert response.status_code == 200, response.text
    ids = response.json()["item_ids"]
    assert len(ids) == 3
    results = [wait_for_item(client, item_id, "completed")["result"]["outputs"] for item_id in ids]
    assert [outputs["shout"]["value"] for outputs in results] == ["RED", "GREEN", "BLUE"]


def test_an_empty_batch_is_refused_naming_the_node(client: TestClient) -> None:
    response = client.post("/api/v1/queue/enqueue", json={"graph": _graph([])})
    assert response.status_code == 422
    body = response.json()
    assert "no items" in body["message"]
    issues = body["details"]
    assert [(issue["code"], issue["node_id"]) for issue in issues] == [("invalid_batch", "words")]
