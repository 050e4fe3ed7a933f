"""Every shipped workflow beyond text to image runs end to end through the queue with tiny real models,
once its open inputs (models and images) are filled in as a user would in its form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import torch
from fastapi.testclient import TestClient

from impasto.api import create_app
from impasto.config import load_config
from impasto.services import build_services
from tests.api.conftest import wait_for_item
from tests.api.test_generate_flow import install
from tests.images.helpers import png_bytes
from tests.models.factory import (
    write_controlnet,
    write_esrgan,
    write_flux_diffusers,
    write_sd1_diffusers,
    write_sdxl_diffusers,
)

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SIDE = 64
"""Every size of a workflow is brought down to this for the tiny models (the recipes say 512 to 1024)."""
LOADERS = {
    "main_model_loader": "sd1",
    "sdxl_model_loader": "sdxl",
    "sdxl_refiner_model_loader": "refiner",
    "flux_model_loader": "flux-fill",
    "controlnet": "controlnet",
    "upscale_image": "upscaler",
}
"""Which tiny model fills the model input of each node type a workflow leaves open."""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    root = tmp_path_factory.mktemp("defaults-run") / "root"
    files = tmp_path_factory.mktemp("defaults-models")
    services = build_services(
        load_config(root, {"device": "cpu", "allowed_hosts": ["testserver"]}, environ={})
    )
    keys = {
        "sd1": install(services, write_sd1_diffusers(files / "sd1"), "Tiny SD1"),
        "sdxl": install(services, write_sdxl_diffusers(files / "sdxl"), "Tiny SDXL"),
        "refiner": install(services, write_sdxl_diffusers(files / "refiner", refiner=True), "Tiny refiner"),
        "flux-fill": install(services, write_flux_diffusers(files / "fill", variant="fill"), "Tiny Fill"),
        "controlnet": install(services, write_controlnet(files / "controlnet"), "Tiny ControlNet"),
        "upscaler": install(services, write_esrgan(files / "x4.safetensors", scale=4), "Tiny x4"),
    }
    with TestClient(create_app(services)) as test_client:
        yield test_client, keys
    services.db.dispose()


def filled_in(client: TestClient, keys: dict[str, str], record: dict[str, Any]) -> dict[str, Any]:
    """The workflow's graph with its open inputs filled in, at :data:`SIDE` pixels and two steps."""
    graph: dict[str, Any] = record["workflow"]["graph"]
    upload = client.post(
        "/api/v1/images/upload", files={"file": ("x.png", png_bytes(size=(SIDE, SIDE)), "image/png")}
    )
    image = upload.json()["image_name"]
    for entry in record["open_inputs"]:
        node = graph["nodes"][entry["node_id"]]
        if entry["field"] == "image":
            node["image"] = {"image_name": image}
        else:
            node[entry["field"]] = {"key": keys[LOADERS[node["type"]]]}
    for node in graph["nodes"].values():
        for name in ("width", "height"):
            if isinstance(node.get(name), int) and node[name] > SIDE:
                node[name] = SIDE
        if isinstance(node.get("steps"), int):
            node["steps"] = 2
    return graph


@pytest.mark.parametrize(
    ("slug", "images"),
    [
        ("sdxl-refiner", 1),
        ("multi-controlnet-sd1", 1),
        ("upscale-model", 1),
        ("creative-upscale-sd1", 1),
        ("dynamic-prompt-sd1", 2),
        ("prompts-from-file-sd1", 2),
        ("regional-prompts-sd1", 1),
        ("inpaint-flux-fill", 1),
    ],
)
def test_a_shipped_workflow_runs_once_filled_in(
    client: tuple[TestClient, dict[str, str]], slug: str, images: int
) -> None:
    http, keys = client
    record = http.get(f"/api/v1/workflows/default-{slug}").json()
    assert record["issues"] == []
    graph = filled_in(http, keys, record)
    if slug == "dynamic-prompt-sd1":
        graph["nodes"]["dynamic_prompt"]["max_prompts"] = images
    batch = {"graph": graph, "workflow": record["workflow"]}
    response = http.post("/api/v1/queue/enqueue", json=batch)
    assert response.status_code == 200, response.text
    item = wait_for_item(http, response.json()["item_ids"][0], "completed", timeout=300)
    saved = item["result"]["outputs"]["save"]
    assert len(saved if isinstance(saved, list) else [saved]) == images


def test_the_prompt_file_workflow_reads_a_file_of_the_prompt_files_folder(
    client: tuple[TestClient, dict[str, str]],
) -> None:
    http, keys = client
    folder = http.app.state.services.config.prompt_files_path  # type: ignore[attr-defined]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "prompts.txt").write_text("a red lighthouse\na blue boat\na green hill\n", encoding="utf-8")
    record = http.get("/api/v1/workflows/default-prompts-from-file-sd1").json()
    graph = filled_in(http, keys, record)
    prompts = graph["nodes"]["prompt_file"]
    prompts["file_path"] = "prompts.txt"
    del prompts["text"]
    response = http.post("/api/v1/queue/enqueue", json={"graph": graph, "workflow": record["workflow"]})
    assert response.status_code == 200, response.text
    item = wait_for_item(http, response.json()["item_ids"][0], "completed", timeout=300)
    assert len(item["result"]["outputs"]["save"]) == 3
