"""Work too large for ``max_image_pixels`` or for the machine is refused with 422 before it is queued:
through ``POST /api/v1/generate`` (naming the request field) and through raw graphs at
``POST /api/v1/queue/enqueue`` (naming the node and input that set the size)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
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


def app_client(root: Path, yaml: str = "") -> Iterator[TestClient]:
    root.mkdir(parents=True)
    (root / "impasto.yaml").write_text(yaml)
    services = build_services(
        load_config(root, {"device": "cpu", "allowed_hosts": ["testserver"]}, environ={})
    )
    with TestClient(create_app(services)) as client:
        client.post("/api/v1/queue/pause")  # nothing accepted here needs to run
        yield client
        client.post("/api/v1/queue/cancel")
    services.db.dispose()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    yield from app_client(tmp_path_factory.mktemp("limits") / "root")


@pytest.fixture(scope="module")
def raised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A root whose impasto.yaml raises the limit of SD 1.x models only."""
    yield from app_client(tmp_path_factory.mktemp("raised") / "root", "max_image_pixels: {sd-1: 3072x3072}\n")


def refusal(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == "too_large"
    assert "Traceback" not in body["message"]
    return body


def pending(client: TestClient) -> int:
    count: int = client.get("/api/v1/queue/status").json()["counts"]["pending"]
    return count


def demo_graph(client: TestClient, **sizes: int) -> dict[str, Any]:
    """The generate route's graph for the demo model, its noise node set to ``sizes``."""
    plan = client.post("/api/v1/generate/graph", json={**QUICK, "seed": 1}).json()
    graph: dict[str, Any] = copy.deepcopy(plan["graph"])
    graph["nodes"]["noise"].update(sizes)
    return graph


def edge(source: str, destination: str) -> dict[str, Any]:
    """A latents edge."""
    return {
        "source": {"node_id": source, "field": "latents"},
        "destination": {"node_id": destination, "field": "latents"},
    }


def test_8192_squared_on_the_demo_model_is_refused_naming_the_setting(client: TestClient) -> None:
    before = pending(client)
    body = refusal(client.post("/api/v1/generate", json={**QUICK, "width": 8192, "height": 8192}))
    assert body["message"] == (
        "width: the image would be 8192x8192 = 67,108,864 pixels, more than max_image_pixels allows for "
        "sd-1 models (4,194,304 pixels, e.g. 2048x2048); make it smaller, or raise it in impasto.yaml "
        "(`max_image_pixels: {sd-1: 8192x8192}`)"
    )
    details = body["details"]
    assert (details["field"], details["setting"], details["limit"]) == (
        "width",
        "max_image_pixels.sd-1",
        2048**2,
    )
    assert pending(client) == before


def test_a_hires_pass_beyond_the_limit_names_its_scale(client: TestClient) -> None:
    request = {**QUICK, "width": 1024, "height": 1024, "hires_fix": {"scale": 4}}
    body = refusal(client.post("/api/v1/generate", json=request))
    assert body["message"].startswith("hires_fix.scale: the hires pass would make 4096x4096 = ")
    assert "max_image_pixels" in body["message"]


def test_a_raw_graph_is_refused_naming_the_node_that_set_the_size(client: TestClient) -> None:
    before = pending(client)
    graph = demo_graph(client, width=8192, height=8192)
    body = refusal(client.post("/api/v1/queue/enqueue", json={"graph": graph}))
    assert body["message"].startswith(
        "node 'denoise' would denoise 8192x8192 = 67,108,864 pixels (size set by node 'noise' (width, "
        "height)), more than max_image_pixels allows for sd-1 models"
    )
    assert (body["details"]["node_id"], body["details"]["field"]) == ("noise", "width")
    assert body["details"]["setting"] == "max_image_pixels.sd-1"
    assert pending(client) == before


def test_sizes_set_by_batch_data_are_checked_too(client: TestClient) -> None:
    graph = demo_graph(client)
    sides = [64, 4096]  # zipped: 64x64, then 4096x4096
    sizes = [{"node_id": "noise", "field": field, "items": sides} for field in ("width", "height")]
    body = refusal(client.post("/api/v1/queue/enqueue", json={"graph": graph, "data": [sizes]}))
    assert body["message"].startswith("node 'denoise' would denoise 4096x4096")
    sides[1] = 128
    assert client.post("/api/v1/queue/enqueue", json={"graph": graph, "data": [sizes]}).status_code == 200


def test_sizes_after_a_latent_upscale_are_followed(client: TestClient) -> None:
    graph = demo_graph(client, width=1024, height=1024)
    graph["nodes"]["scale"] = {"id": "scale", "type": "lscale", "scale_factor": 4}
    graph["edges"] = [e for e in graph["edges"] if e["destination"] != {"node_id": "l2i", "field": "latents"}]
    graph["edges"] += [edge("denoise", "scale"), edge("scale", "l2i")]
    body = refusal(client.post("/api/v1/queue/enqueue", json={"graph": graph}))
    assert body["message"].startswith("node 'l2i' would decode 4096x4096")
    assert (body["details"]["node_id"], body["details"]["field"]) == ("scale", "scale_factor")


def test_normal_and_hires_sizes_are_accepted(client: TestClient) -> None:
    for request in (
        {"width": 512, "height": 768},
        {"width": 2048, "height": 2048},  # at the limit
        {"width": 512, "height": 512, "hires_fix": {"scale": 4}},
    ):
        response = client.post("/api/v1/generate", json={**QUICK, **request})
        assert response.status_code == 200, response.text
    graph = demo_graph(client, width=1024, height=1024)
    assert client.post("/api/v1/queue/enqueue", json={"graph": graph}).status_code == 200


def test_a_limit_raised_in_the_config_applies_to_its_base_only(raised: TestClient) -> None:
    config = raised.get("/api/v1/config").json()
    assert config["max_image_pixels"]["sd-1"] == 3072**2
    assert config["max_image_pixels"]["sdxl"] == 4096**2  # the bases left out keep their default
    accepted = raised.post("/api/v1/generate", json={**QUICK, "width": 3072, "height": 3072})
    assert accepted.status_code == 200, accepted.text
    body = refusal(raised.post("/api/v1/generate", json={**QUICK, "width": 4096, "height": 3072}))
    assert "(9,437,184 pixels, e.g. 3072x3072)" in body["message"]
