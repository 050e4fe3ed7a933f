"""A shipped workflow, given the demo model, runs end to end through the queue; its images carry it."""

from __future__ import annotations

import io
import json

import torch
from fastapi.testclient import TestClient
from PIL import Image

from impasto.images.metadata.chunks import read_chunks
from impasto.models.starters import install_bundled
from impasto.services import Services

from ..generation.helpers import DEMO_MODEL
from .conftest import wait_for_item

torch.set_num_threads(1)


def test_the_demo_workflow_runs_with_the_demo_model(client: TestClient) -> None:
    services: Services = client.app.state.services  # type: ignore[attr-defined]
    demo = install_bundled(services.models, DEMO_MODEL)
    record = client.get("/api/v1/workflows/default-impasto-shapes").json()
    assert record["open_inputs"] == [{"node_id": "model", "field": "model"}]
    workflow = record["workflow"]
    graph = workflow["graph"]
    graph["nodes"]["model"]["model"] = {"key": demo.key}
    graph["nodes"]["denoise"]["steps"] = 2
    graph["nodes"]["prompt_text"]["value"] = "a green square on a white background"  # the form's prompt
    graph["nodes"]["seed_value"]["value"] = 7
    batch = {"graph": graph, "workflow": workflow}
    item_id = client.post("/api/v1/queue/enqueue", json=batch).json()["item_ids"][0]
    item = wait_for_item(client, item_id, "completed", timeout=120)
    image_name = item["result"]["outputs"]["save"]["image"]["image_name"]
    image = client.get(f"/api/v1/images/{image_name}").json()
    assert (image["width"], image["height"], image["has_workflow"]) == (64, 64, True)
    chunks = read_chunks(Image.open(io.BytesIO(client.get(f"/api/v1/images/{image_name}/full").content)))
    assert json.loads(chunks["impasto_workflow"])["name"] == "Text to Image - Impasto Shapes (demo)"
    metadata = json.loads(chunks["impasto_metadata"])
    # the prompt and seed are typed once: the image records what the prompt node read
    assert (metadata["positive_prompt"], metadata["seed"]) == ("a green square on a white background", 7)
