"""``POST /api/v1/generate`` on a fresh root (the bundled demo model is the default model)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import torch
from fastapi.testclient import TestClient

from impasto.api import create_app
from impasto.config import load_config
from impasto.services import build_services

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
QUICK = {"prompt": "a red circle on a blue background", "steps": 2}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("generate") / "root"
    services = build_services(
        load_config(root, {"device": "cpu", "allowed_hosts": ["testserver"]}, environ={})
    )
    with TestClient(create_app(services)) as test_client:
        yield test_client
    services.db.dispose()


def completed(client: TestClient, item_id: int, timeout: float = 60) -> dict[str, Any]:
    """The item once it completed; fails at once, with its error, if it failed instead."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        item: dict[str, Any] = client.get(f"/api/v1/queue/items/{item_id}").json()
        if item["status"] == "completed":
            return item
        assert item["status"] != "failed", f"{item['error_type']}: {item['error_message']}"
        time.sleep(0.05)
    raise AssertionError(f"item {item_id} did not complete in {timeout} s")


def error_of(response: Any, status: int = 422) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"code", "message", "details"}
    assert "Traceback" not in body["message"]
    return body


def test_the_demo_model_is_the_default(client: TestClient) -> None:
    listing = client.get("/api/v1/models").json()
    demo = next(m for m in listing["models"] if m["source"] == "bundled:impasto-shapes")
    assert listing["default_key"] == demo["key"]
    assert client.get("/api/v1/models", params={"type": "vae"}).json()["default_key"] == demo["key"]


def test_generate_enqueues_one_item_per_image(client: TestClient) -> None:
    response = client.post("/api/v1/generate", json={**QUICK, "seed": 41, "count": 2})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["seeds"] == [41, 42]
    assert body["prompts"] == [QUICK["prompt"]] * 2
    assert (body["width"], body["height"], body["graph"]) == (64, 64, None)
    seeds = []
    for item_id in body["item_ids"]:
        item = completed(client, item_id)
        assert item["batch_id"] == body["batch_id"]
        name = item["result"]["outputs"]["save"]["image"]["image_name"]
        recalled = client.get(f"/api/v1/images/{name}/metadata").json()
        seeds.append(recalled["recall"]["seed"])
        record = client.get(f"/api/v1/images/{name}").json()
        assert (record["intermediate"], record["origin"]) == (False, "generated")
    assert seeds == [41, 42]


def test_a_missing_seed_is_drawn_and_reported(client: TestClient) -> None:
    body = client.post("/api/v1/generate", params={"include_graph": True}, json=QUICK).json()
    seed = body["seeds"][0]
    assert 0 <= seed < 2**32
    graph = body["graph"]
    assert graph["nodes"]["noise"]["seed"] == seed
    item = completed(client, body["item_ids"][0])
    assert item["field_values"][0] == {"node_id": "noise", "field": "seed", "value": seed}


def test_prepend_puts_the_items_first(client: TestClient) -> None:
    client.post("/api/v1/queue/pause")
    try:
        later = client.post("/api/v1/generate", json=QUICK).json()
        first = client.post("/api/v1/generate", json={**QUICK, "prepend": True}).json()
    finally:
        client.post("/api/v1/queue/resume")
    ran_later = completed(client, later["item_ids"][0])
    ran_first = completed(client, first["item_ids"][0])
    assert ran_first["started_at"] < ran_later["started_at"]


def test_graph_route_does_not_enqueue(client: TestClient) -> None:
    before = client.get("/api/v1/queue/status").json()["counts"]["total"]
    body = client.post(
        "/api/v1/generate/graph", json={**QUICK, "prompt": "a {red|green} circle", "seed": 5, "count": 2}
    ).json()
    assert client.get("/api/v1/queue/status").json()["counts"]["total"] == before
    assert [(i["prompt"], i["seed"]) for i in body["items"]] == [
        ("a red circle", 5), ("a red circle", 6), ("a green circle", 5), ("a green circle", 6),
    ]  # fmt: skip
    assert body["mode"] == "txt2img"
    enqueued = client.post(
        "/api/v1/queue/enqueue", json={"graph": body["graph"], "data": body["data"]}
    ).json()
    assert enqueued["enqueued"] == 4  # the same body the queue takes
    client.post("/api/v1/queue/batches/{}/cancel".format(enqueued["batch_id"]))


def test_bad_requests_answer_422_naming_the_field(client: TestClient) -> None:
    body = error_of(client.post("/api/v1/generate", json={**QUICK, "width": 62}))
    assert body["code"] == "invalid_request"
    assert body["message"].startswith("width: 62 is not a multiple of 4")
    assert body["details"]["field"] == "width"
    body = error_of(client.post("/api/v1/generate", json={**QUICK, "steps": 0}))
    assert (body["code"], body["details"][0]["loc"]) == ("invalid_request", ["body", "steps"])
    body = error_of(client.post("/api/v1/generate", json={**QUICK, "scheduler": "fastest"}))
    assert body["code"] == "unknown_scheduler"
    assert "euler_a" in body["message"]
    body = error_of(client.post("/api/v1/generate", json={**QUICK, "model": "missing"}))
    assert body["message"] == "model: no installed model has the key or name 'missing'"
    body = error_of(client.post("/api/v1/generate/graph", json={**QUICK, "init_image": "f" * 32 + ".png"}))
    assert body["details"]["field"] == "init_image"
    body = error_of(client.post("/api/v1/generate", json={**QUICK, "loras": [{"model": "x", "weight": "a"}]}))
    assert body["details"][0]["loc"] == ["body", "loras", 0, "weight"]
    body = error_of(client.post("/api/v1/generate", json={**QUICK, "colour": "red"}))
    assert "colour" in body["message"]


def test_init_image_and_board(client: TestClient) -> None:
    board = client.post("/api/v1/boards", json={"board_name": "shapes"}).json()
    made = client.post("/api/v1/generate", json={**QUICK, "seed": 3, "board": board["board_id"]}).json()
    item = completed(client, made["item_ids"][0])
    name = item["result"]["outputs"]["save"]["image"]["image_name"]
    assert client.get(f"/api/v1/images/{name}").json()["board_id"] == board["board_id"]
    too_few = error_of(client.post("/api/v1/generate", json={**QUICK, "init_image": name, "strength": 0.4}))
    assert too_few["details"]["field"] == "strength"  # 2 steps x 0.4 is no whole step
    again = client.post("/api/v1/generate", json={**QUICK, "init_image": name, "strength": 0.5}).json()
    item = completed(client, again["item_ids"][0])
    image = item["result"]["outputs"]["save"]["image"]["image_name"]
    metadata = json.loads(client.get(f"/api/v1/images/{image}/metadata").json()["chunks"]["impasto_metadata"])
    assert (metadata["mode"], metadata["init_image"], metadata["strength"]) == ("img2img", name, 0.5)
