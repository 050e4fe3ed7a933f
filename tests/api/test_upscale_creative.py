"""``POST /api/v1/upscale`` with ``creative``: the demo model refines the upscaler's enlargement in tiles."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient
from PIL import Image

from impasto.api import create_app
from impasto.config import load_config
from impasto.services import build_services
from tests.api.conftest import wait_for_item
from tests.api.test_upscale_api import error_of, install, stored
from tests.models.factory import write_esrgan

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A fresh root (the bundled demo model installed) with a tiny x4 upscaler named ``x4``."""
    root = tmp_path_factory.mktemp("creative") / "root"
    services = build_services(
        load_config(
            root,
            {"device": "cpu", "allowed_hosts": ["testserver"], "model_dirs": [str(root.parent)]},
            environ={},
        )
    )
    with TestClient(create_app(services)) as test_client:
        install(test_client, write_esrgan(root.parent / "x4.safetensors", scale=4), "x4")
        yield test_client
    services.db.dispose()


def demo_key(client: TestClient) -> str:
    listing = client.get("/api/v1/models").json()
    key: str = next(m["key"] for m in listing["models"] if m["source"] == "bundled:impasto-shapes")
    return key


def result_image(client: TestClient, request: dict[str, Any]) -> tuple[dict[str, Any], Image.Image]:
    response = client.post("/api/v1/upscale", json=request)
    assert response.status_code == 200, response.text
    item = wait_for_item(client, response.json()["item_id"], "completed", timeout=120)
    name = item["result"]["outputs"]["save"]["image"]["image_name"]
    full = client.get(f"/api/v1/images/{name}/full").content
    return client.get(f"/api/v1/images/{name}/metadata").json(), Image.open(io.BytesIO(full)).convert("RGB")


def test_a_creative_upscale_redraws_the_enlargement_at_the_announced_size(client: TestClient) -> None:
    source = stored(client, (16, 16))
    creative = {
        "main_model": demo_key(client), "prompt": "a red circle on a blue background", "creativity": 0.6,
        "seed": 3, "steps": 6, "tile_size": 256, "tile_overlap": 16,
    }  # fmt: skip
    response = client.post("/api/v1/upscale", json={"image": source, "model": "x4", "creative": creative})
    assert (response.json()["width"], response.json()["height"]) == (64, 64)
    metadata, refined = result_image(client, {"image": source, "model": "x4", "creative": creative})
    _, plain = result_image(client, {"image": source, "model": "x4"})
    assert refined.size == plain.size == (64, 64)
    difference = np.abs(np.asarray(refined, dtype=np.int16) - np.asarray(plain, dtype=np.int16)).mean()
    assert difference > 5  # the model redrew it, not just passed the upscaler's pixels through
    recall = metadata["recall"]
    assert (recall["mode"], recall["seed"], recall["strength"]) == ("upscale", 3, 0.5)
    assert (recall["positive_prompt"], recall["model"]["base"]) == (creative["prompt"], "sd-1")
    assert recall["extra"]["upscaler"]["name"] == "x4"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"main_model": "x4"}, "creative.main_model"),
        ({"main_model": "nothing installed"}, "creative.main_model"),
        ({"scheduler": "no-such-sampler"}, "creative.scheduler"),
        ({"tile_size": 256, "tile_overlap": 256}, "creative.tile_overlap"),
        ({"structure": 0.5}, "creative.structure"),
        ({"tile_controlnet": "x4"}, "creative.tile_controlnet"),
    ],
)
def test_bad_creative_requests_name_the_field(client: TestClient, change: dict[str, Any], field: str) -> None:
    creative = {"main_model": demo_key(client), **change}
    request = {"image": stored(client, (8, 8)), "model": "x4", "creative": creative}
    body = error_of(client.post("/api/v1/upscale", json=request))
    assert body["details"]["field"] == field
    assert body["message"].startswith(f"{field}: ")
    assert client.get("/api/v1/queue/status").json()["counts"]["pending"] == 0


def test_a_non_sd_main_model_is_refused_with_the_reason(client: TestClient) -> None:
    request = {"image": stored(client, (8, 8)), "model": "x4", "creative": {"main_model": "x4"}}
    body = error_of(client.post("/api/v1/upscale", json=request))
    assert body["details"]["field"] == "creative.main_model"
    assert "creative upscaling needs an SD 1.x/2.x/SDXL model; 'x4' is a" in body["message"]
