"""``POST /api/v1/queue/enqueue`` with InvokeAI's enqueue body: its graph is mapped and runs (demo model)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from fastapi.testclient import TestClient

from impasto.api import create_app
from impasto.config import load_config
from impasto.graph.node import default_registry
from impasto.nodes import load_builtin_nodes
from impasto.queue.invokeai import InvokeAIEnqueue, as_batch
from impasto.services import build_services
from impasto.workflows.invokeai import RecordCatalog

from .test_generate_api import completed

torch.set_num_threads(1)
WORKFLOWS = Path(__file__).parents[1] / "workflows" / "invokeai_files"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("invokeai") / "root"
    services = build_services(
        load_config(root, {"device": "cpu", "allowed_hosts": ["testserver"]}, environ={})
    )
    with TestClient(create_app(services)) as test_client:
        yield test_client
    services.db.dispose()


def text_to_image(model: dict[str, Any]) -> dict[str, Any]:
    """InvokeAI's SD 1.x text-to-image graph as its linear UI builds it (the last image kept)."""
    nodes: dict[str, dict[str, Any]] = {
        "model": {"type": "main_model_loader", "model": model},
        "positive": {"type": "compel", "prompt": "a red circle on a blue background"},
        "negative": {"type": "compel", "prompt": ""},
        "noise": {"type": "noise", "seed": 3, "width": 64, "height": 64, "use_cpu": True},
        "denoise": {
            "type": "denoise_latents",
            "steps": 2,
            "cfg_scale": 7.5,
            "scheduler": "euler",
            "denoising_start": 0,
            "denoising_end": 1,
        },
        "decode": {"type": "l2i", "fp32": True, "is_intermediate": False, "use_cache": False},
    }
    for key, node in nodes.items():
        node.setdefault("is_intermediate", True)
        node["id"] = key
    links = [
        ("model", "clip", "positive", "clip"),
        ("model", "clip", "negative", "clip"),
        ("model", "unet", "denoise", "unet"),
        ("model", "vae", "decode", "vae"),
        ("positive", "conditioning", "denoise", "positive_conditioning"),
        ("negative", "conditioning", "denoise", "negative_conditioning"),
        ("noise", "noise", "denoise", "noise"),
        ("denoise", "latents", "decode", "latents"),
    ]
    edges = [
        {"source": {"node_id": a, "field": b}, "destination": {"node_id": c, "field": d}}
        for a, b, c, d in links
    ]
    return {"id": "invokeai-t2i", "nodes": nodes, "edges": edges}


@pytest.fixture(scope="module")
def demo(client: TestClient) -> dict[str, Any]:
    """The demo model as InvokeAI names a model (its key here is unknown to InvokeAI; its hash is not)."""
    listing = client.get("/api/v1/models").json()["models"]
    record = next(m for m in listing if m["source"] == "bundled:impasto-shapes")
    return {
        "key": "invokeai-key",
        "hash": record["hash"],
        "name": record["name"],
        "base": "sd-1",
        "type": "main",
    }


def test_an_invokeai_batch_runs(client: TestClient, demo: dict[str, Any]) -> None:
    body = {
        "prepend": False,
        "batch": {
            "graph": text_to_image(demo),
            "runs": 1,
            "data": [[{"node_path": "noise", "field_name": "seed", "items": [5, 6]}]],
            "origin": "workflows",
        },
    }
    response = client.post("/api/v1/queue/enqueue", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["enqueued"] == 2
    for item_id, seed in zip(response.json()["item_ids"], (5, 6), strict=True):
        item = completed(client, item_id)
        assert item["field_values"] == [{"node_id": "noise", "field": "seed", "value": seed}]
        assert item["graph"]["nodes"]["noise"]["type"] == "noise"
        name = item["result"]["outputs"]["decode-gallery"]["image"]["image_name"]
        record = client.get(f"/api/v1/images/{name}").json()
        assert (record["intermediate"], record["origin"]) == (False, "generated")
        assert record["width"] == record["height"] > 0  # the demo VAE scales by 4, not InvokeAI's 8


def test_an_unmappable_node_is_refused_naming_it(client: TestClient, demo: dict[str, Any]) -> None:
    graph = text_to_image(demo)
    graph["nodes"]["extra"] = {"id": "extra", "type": "face_identifier", "is_intermediate": True}
    response = client.post("/api/v1/queue/enqueue", json={"batch": {"graph": graph}})
    assert (response.status_code, response.json()["code"]) == (422, "unmappable_graph")
    assert response.json()["message"] == (
        "the InvokeAI graph cannot run here: extra: no Impasto node for 'face_identifier'"
    )
    assert response.json()["details"] == [
        {
            "part": "node",
            "reason": "no Impasto node for 'face_identifier'",
            "node_id": "extra",
            "node_type": "face_identifier",
        }
    ]


def test_a_model_not_installed_is_refused(client: TestClient, demo: dict[str, Any]) -> None:
    graph = text_to_image({**demo, "hash": "blake3:00", "name": "Dreamshaper"})
    response = client.post("/api/v1/queue/enqueue", json={"batch": {"graph": graph}})
    assert response.status_code == 422
    assert "the model 'Dreamshaper' (sd-1) is not installed here" in response.json()["message"]


def test_the_workflow_sent_with_a_batch_goes_into_its_images(
    client: TestClient, demo: dict[str, Any]
) -> None:
    workflow = json.loads((WORKFLOWS / "text_to_image_v3.json").read_text())
    body = {"batch": {"graph": text_to_image(demo), "workflow": workflow, "origin": "workflows"}}
    response = client.post("/api/v1/queue/enqueue", json=body)
    assert response.status_code == 200, response.text
    item = completed(client, response.json()["item_ids"][0])
    name = item["result"]["outputs"]["decode-gallery"]["image"]["image_name"]
    chunks = client.get(f"/api/v1/images/{name}/metadata").json()["chunks"]
    carried = json.loads(chunks["impasto_workflow"])
    assert carried["name"] == workflow["name"]
    assert carried["graph"]["nodes"]["seed"]["type"] == "random_int"  # mapped, as on import
    assert "decode-gallery" in carried["graph"]["nodes"]


def test_a_batch_over_a_flux_seed_sets_the_added_noise_node() -> None:
    load_builtin_nodes()
    graph = {
        "nodes": {"denoise": {"id": "denoise", "type": "flux_denoise", "num_steps": 2}},
        "edges": [],
    }
    datum = {"node_path": "denoise", "field_name": "seed", "items": [1, 2]}
    body = InvokeAIEnqueue.model_validate({"batch": {"graph": graph, "data": [[datum]]}})
    batch = as_batch(body, default_registry, RecordCatalog(list))
    assert [(d.node_id, d.field) for d in batch.data[0]] == [("denoise-noise", "seed")]
    assert batch.graph.nodes["denoise-noise"]["type"] == "noise"
