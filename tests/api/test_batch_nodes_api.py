"""Enqueuing a graph with batch nodes through the HTTP API."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_boards_api import create
from tests.api.test_images_api import uploaded
from tests.images.helpers import png_bytes

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
    assert [(issue["code"], issue["node_id"], issue["field"]) for issue in issues] == [
        ("invalid_batch", "words", "strings")
    ]


def test_an_image_batch_over_a_board_runs_once_per_image(client: TestClient) -> None:
    board = create(client, "Sources")
    names = {uploaded(client, png_bytes(size=(8 + index, 6)), board_id=board) for index in range(3)}
    graph = {
        "nodes": {
            "pictures": {"id": "pictures", "type": "image_batch", "board_id": board},
            "info": {"id": "info", "type": "image_info"},
        },
        "edges": [
            {
                "source": {"node_id": "pictures", "field": "image"},
                "destination": {"node_id": "info", "field": "image"},
            }
        ],
    }
    response = client.post("/api/v1/queue/enqueue", json={"graph": graph})
    assert response.status_code == 200, response.text
    ids = response.json()["item_ids"]
    items = [wait_for_item(client, item_id, "completed") for item_id in ids]
    assert {item["field_values"][0]["value"]["image_name"] for item in items} == names
    assert sorted(item["result"]["outputs"]["info"]["width"] for item in items) == [8, 9, 10]
