"""The HTTP API against the real app on a temporary root."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from impasto import __version__

from .conftest import until, wait_for_item

EXAMPLE = json.loads((Path(__file__).parents[2] / "examples/graphs/counting.json").read_text())


def enqueue(client: TestClient, graph: dict[str, Any], **extra: Any) -> list[int]:
    response = client.post("/api/v1/queue/enqueue", json={"graph": graph, **extra})
    assert response.status_code == 200, response.text
    ids: list[int] = response.json()["item_ids"]
    return ids


def wait_graph(seconds: float) -> dict[str, Any]:
    return {"nodes": {"w": {"id": "w", "type": "test_wait", "seconds": seconds}}, "edges": []}


def test_health_and_root_page(client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok", "version": __version__}
    page = client.get("/")
    assert page.status_code == 200
    assert "/docs" in page.text


def test_openapi_and_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/v1/queue/enqueue" in schema["paths"]
    assert client.get("/docs").status_code == 200


def test_node_schemas(client: TestClient) -> None:
    nodes = {n["type"]: n for n in client.get("/api/v1/nodes").json()}
    assert {"iterate", "collect", "add", "string_join", "test_wait"} <= set(nodes)
    add = nodes["add"]
    assert add["inputs"]["a"]["type"] == "int"
    assert add["outputs"]["value"]["type"] == "int"
    assert add["inputs"]["a"]["description"]
    assert client.get("/api/v1/nodes/add").json()["title"] == add["title"]
    missing = client.get("/api/v1/nodes/nope")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_custom_pack_is_reported(client: TestClient) -> None:
    packs = client.get("/api/v1/nodes/packs").json()
    assert [(p["name"], p["loaded"], p["nodes"]) for p in packs] == [
        ("testing_nodes", True, ["test_explode", "test_stubborn", "test_wait"])
    ]


def test_validate_graph(client: TestClient) -> None:
    good = client.post("/api/v1/graphs/validate", json={"graph": EXAMPLE}).json()
    assert good == {"valid": True, "issues": []}
    broken = copy.deepcopy(EXAMPLE)
    broken["nodes"]["times"]["b"] = "lots"
    broken["nodes"]["ghost"] = {"id": "ghost", "type": "no_such_node"}
    result = client.post("/api/v1/graphs/validate", json={"graph": broken}).json()
    assert result["valid"] is False
    assert {(i["code"], i["node_id"]) for i in result["issues"]} == {("unknown_node_type", "ghost")}
    assert client.get("/api/v1/queue/status").json()["counts"]["total"] == 0


def test_enqueue_runs_and_reruns_only_what_changed(client: TestClient) -> None:
    (first,) = enqueue(client, EXAMPLE)
    item = wait_for_item(client, first, "completed")
    assert item["result"]["outputs"]["labels"] == {"collection": ["item 10", "item 20", "item 30"]}
    changed = copy.deepcopy(EXAMPLE)
    changed["nodes"]["label"]["string_left"] = "value "
    (second,) = enqueue(client, changed)
    result = wait_for_item(client, second, "completed")["result"]
    assert result["outputs"]["labels"] == {"collection": ["value 10", "value 20", "value 30"]}
    assert result["executed_nodes"] == ["label", "labels"]
    assert set(result["cached_nodes"]) == {"numbers", "factor", "times", "as_text"}


def test_invalid_graph_is_422_with_structured_issues(client: TestClient) -> None:
    broken = copy.deepcopy(EXAMPLE)
    del broken["nodes"]["numbers"]
    response = client.post("/api/v1/queue/enqueue", json={"graph": broken})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_graph"
    assert body["details"][0] == {
        "code": "unknown_node",
        "node_id": "numbers",
        "field": None,
        "message": "edge source refers to missing node 'numbers'",
    }


def test_malformed_request_uses_the_error_shape(client: TestClient) -> None:
    response = client.post("/api/v1/queue/enqueue", json={"graph": EXAMPLE, "runs": 0})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_request"
    assert "runs" in body["message"]


def test_batch_data_and_runs(client: TestClient) -> None:
    data = [[{"node_id": "factor", "field": "value", "items": [1, 2]}]]
    ids = enqueue(client, EXAMPLE, data=data, runs=2)
    assert len(ids) == 4
    outputs = [
        wait_for_item(client, i, "completed")["result"]["outputs"]["labels"]["collection"] for i in ids
    ]
    assert outputs[0] == ["item 1", "item 2", "item 3"]
    assert outputs[1] == ["item 2", "item 4", "item 6"]
    assert outputs[2] == outputs[0]


def test_failed_item_reports_node_error(client: TestClient) -> None:
    graph = {"nodes": {"x": {"id": "x", "type": "test_explode", "message": "no luck"}}, "edges": []}
    (item_id,) = enqueue(client, graph)
    item = wait_for_item(client, item_id, "failed")
    assert item["error_type"] == "RuntimeError"
    assert "no luck" in item["error_message"]
    assert "Traceback" in item["error_traceback"]
    retried = client.post(f"/api/v1/queue/items/{item_id}/retry")
    assert retried.json() == {"retried": [item_id]}
    assert wait_for_item(client, item_id, "failed")["attempts"] == 2


def test_cancel_running_item_and_conflicts(client: TestClient) -> None:
    (item_id,) = enqueue(client, wait_graph(30))
    wait_for_item(client, item_id, "in_progress")
    assert client.post(f"/api/v1/queue/items/{item_id}/cancel").json() == {"canceled": [item_id]}
    until(lambda: client.get("/api/v1/queue/status").json()["current_item_id"] is None)
    again = client.post(f"/api/v1/queue/items/{item_id}/cancel")
    assert again.status_code == 409
    assert again.json()["code"] == "conflict"
    (done,) = enqueue(client, wait_graph(0))
    wait_for_item(client, done, "completed")
    assert client.post(f"/api/v1/queue/items/{done}/retry").status_code == 409
    assert client.post("/api/v1/queue/items/999999/cancel").status_code == 404


def test_pause_resume_cancel_batch_and_all(client: TestClient) -> None:
    assert client.post("/api/v1/queue/pause").json()["paused"] is True
    batch = client.post("/api/v1/queue/enqueue", json={"graph": wait_graph(0), "runs": 3}).json()
    others = enqueue(client, wait_graph(0), runs=2)
    status = client.get("/api/v1/queue/status").json()
    assert status["counts"]["pending"] == 5
    canceled = client.post(f"/api/v1/queue/batches/{batch['batch_id']}/cancel").json()
    assert canceled == {"canceled": batch["item_ids"]}
    assert client.post("/api/v1/queue/cancel", json={"item_ids": others[:1]}).json() == {
        "canceled": others[:1]
    }
    assert client.post("/api/v1/queue/resume").json()["paused"] is False
    wait_for_item(client, others[1], "completed")
    assert client.post("/api/v1/queue/cancel_all").json() == {"canceled": []}


def test_list_items_with_filters(client: TestClient) -> None:
    client.post("/api/v1/queue/pause")
    ids = enqueue(client, wait_graph(0), runs=3)
    client.post("/api/v1/queue/cancel", json={"item_ids": [ids[0]]})
    page = client.get("/api/v1/queue/items", params={"status": ["pending"], "limit": 1}).json()
    assert page["total"] == 2
    assert [i["item_id"] for i in page["items"]] == [ids[1]]
    assert "graph" not in page["items"][0]
    newest = client.get("/api/v1/queue/items", params={"newest_first": True}).json()
    assert newest["items"][0]["item_id"] == ids[-1]
    bad = client.get("/api/v1/queue/items", params={"status": ["sleeping"]})
    assert bad.status_code == 422


def test_prune_and_clear(client: TestClient) -> None:
    (done,) = enqueue(client, wait_graph(0))
    wait_for_item(client, done, "completed")
    client.post("/api/v1/queue/pause")
    enqueue(client, wait_graph(0), runs=2)
    assert client.post("/api/v1/queue/prune").json() == {"deleted": 1}
    assert client.get(f"/api/v1/queue/items/{done}").status_code == 404
    assert client.post("/api/v1/queue/clear").json() == {"deleted": 2}
    assert client.get("/api/v1/queue/status").json()["counts"]["total"] == 0


def test_queue_full_is_409(root: Path) -> None:
    from impasto.api import create_app
    from impasto.config import load_config
    from impasto.services import build_services

    services = build_services(load_config(root, {"max_queue_size": 3}, environ={}))
    with TestClient(create_app(services, start_worker=False)) as client:
        response = client.post("/api/v1/queue/enqueue", json={"graph": EXAMPLE, "runs": 4})
        assert response.status_code == 409
        assert response.json()["code"] == "queue_full"
        assert response.json()["details"]["requested"] == 4
    services.db.dispose()
