"""The event WebSocket, and the documentation of every event type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from impasto.events import event_types

EXAMPLE = json.loads((Path(__file__).parents[2] / "examples/graphs/counting.json").read_text())


def receive_until(ws: Any, predicate: Any, limit: int = 200) -> list[dict[str, Any]]:
    events = []
    for _ in range(limit):
        event = ws.receive_json()
        events.append(event)
        if predicate(event):
            return events
    raise AssertionError("expected event did not arrive")


def is_done(event: dict[str, Any]) -> bool:
    return bool(event["type"] == "queue_item_status_changed" and event["status"] == "completed")


def test_events_of_a_run_arrive_in_order(client: TestClient) -> None:
    with client.websocket_connect("/api/v1/events") as ws:
        item_id = client.post("/api/v1/queue/enqueue", json={"graph": EXAMPLE}).json()["item_ids"][0]
        events = receive_until(ws, is_done)
    types = [e["type"] for e in events]
    assert types[0] == "batch_enqueued"
    assert types[1] == "queue_item_status_changed"
    assert events[1]["status"] == "in_progress"
    assert events[1]["counts"]["in_progress"] == 1
    completed = [e for e in events if e["type"] == "node_completed"]
    assert {e["item_id"] for e in completed} == {item_id}
    assert [e["iteration"] for e in completed if e["node_id"] == "times"] == [[0], [1], [2]]
    assert all(e["cached"] is False for e in completed)
    assert events[-1]["counts"]["completed"] == 1


def test_cached_nodes_are_reported_as_cached(client: TestClient) -> None:
    client.post("/api/v1/queue/enqueue", json={"graph": EXAMPLE})
    with client.websocket_connect(
        "/api/v1/events?types=node_completed,node_started,queue_item_status_changed"
    ) as ws:
        client.post("/api/v1/queue/enqueue", json={"graph": EXAMPLE})
        events = receive_until(ws, lambda e: is_done(e) and e["counts"]["completed"] == 2)
    assert "batch_enqueued" not in {e["type"] for e in events}
    runs = [e for e in events if e["type"] == "node_completed" and e["counts" if False else "cached"]]
    started = [e for e in events if e["type"] == "node_started"]
    assert runs
    assert not started or all(e["item_id"] != runs[0]["item_id"] for e in started)


def test_progress_events(client: TestClient) -> None:
    graph = {"nodes": {"w": {"id": "w", "type": "test_wait", "seconds": 0.3}}, "edges": []}
    with client.websocket_connect("/api/v1/events?types=node_progress,queue_item_status_changed") as ws:
        client.post("/api/v1/queue/enqueue", json={"graph": graph})
        events = receive_until(ws, is_done)
    progress = [e for e in events if e["type"] == "node_progress"]
    assert progress[-1]["percentage"] == 100
    assert progress[0]["message"].startswith("waited")


def test_every_event_type_is_documented(client: TestClient) -> None:
    docs = {d["type"]: d for d in client.get("/api/v1/events/types").json()}
    schema = client.get("/openapi.json").json()
    components = schema["components"]["schemas"]
    assert set(docs) == set(event_types())
    for type_id, cls in event_types().items():
        assert docs[type_id]["description"], f"event {type_id} has no docstring"
        assert cls.__name__ in components
        for name, field in cls.model_fields.items():
            assert field.description, f"event {type_id} field {name} has no description"
        assert schema["x-impasto-events"]["events"][type_id] == cls.__name__
