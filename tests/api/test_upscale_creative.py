"""``POST /api/v1/upscale`` with ``creative``: the demo model refines the upscaler's enlargement in tiles,
alone or held to it by a tile ControlNet."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient
from PIL import Image

from impasto.api import create_app
from impasto.config import load_config
from impasto.services import Services, build_services
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


def demo_tile_controlnet(client: TestClient, folder: Path) -> str:
    """A tiny ControlNet shaped like the demo model's UNet, recorded as an SD 1.x ControlNet.

    The demo UNet's cross-attention is 64 wide, which no released model is, so identification (which
    tells SD 1.x from 2.x and SDXL by the released widths) cannot name the base of a ControlNet made
    from it; the folder is recorded as an install records what identification found.
    """
    from diffusers import UNet2DConditionModel

    from impasto.models.identity import ModelIdentity
    from impasto.models.records import new_record
    from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType
    from tests.generation.helpers import DEMO_MODEL
    from tests.models.factory import components

    components.seeded(21)
    load: Any = UNet2DConditionModel.from_pretrained
    unet = load(DEMO_MODEL / "unet")
    components.controlnet_for(unet).save_pretrained(folder, safe_serialization=True)
    identity = ModelIdentity(
        base=BaseModelType.SD1, type=ModelType.CONTROLNET, format=ModelFormat.DIFFUSERS,
        name="demo-tile", path=folder, size=sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()),
    )  # fmt: skip
    record = new_record(
        identity, path=str(folder), owned=False, hash="", source=str(folder), source_type="path"
    )
    services: Services = cast(Any, client.app).state.services
    return services.models.add(record).key


def test_the_tile_controlnet_holds_each_tile_to_the_enlargement(client: TestClient, tmp_path: Path) -> None:
    control = demo_tile_controlnet(client, tmp_path / "demo-tile")
    source = stored(client, (72, 64))
    creative = {
        "main_model": demo_key(client), "prompt": "a red circle on a blue background", "creativity": 0.6,
        "seed": 3, "steps": 4, "tile_size": 256, "tile_overlap": 128,
    }  # fmt: skip
    with_control = creative | {"tile_controlnet": control, "structure": 2.0}
    response = client.post("/api/v1/upscale", json={"image": source, "model": "x4", "creative": with_control})
    assert response.status_code == 200, response.text
    assert (response.json()["width"], response.json()["height"]) == (288, 256)
    item = wait_for_item(client, response.json()["item_id"], "completed", timeout=120)
    held = Image.open(io.BytesIO(client.get(f"/api/v1/images/{image_name(item)}/full").content))
    metadata = client.get(f"/api/v1/images/{image_name(item)}/metadata").json()
    _, free = result_image(client, {"image": source, "model": "x4", "creative": creative})
    assert held.size == free.size == (288, 256)  # two tiles: x from 0 to 256 and from 32 to 288
    difference = np.abs(np.asarray(held.convert("RGB"), dtype=np.int16) - np.asarray(free, dtype=np.int16))
    assert difference[:, :32].mean() > 5  # only the first tile's
    assert difference[:, 256:].mean() > 5  # only the second tile's
    (unit,) = metadata["recall"]["control"]
    assert (unit["model"]["key"], unit["weight"]) == (control, 2.0)


def image_name(item: dict[str, Any]) -> str:
    name: str = item["result"]["outputs"]["save"]["image"]["image_name"]
    return name
