"""Regional prompts and reference images through ``POST /api/v1/generate``: with the bundled demo model
(which draws "a <colour> <shape> on a <colour> background") a red prompt on the left half and a blue one on
the right draw red on the left and blue on the right; a tiny IP-Adapter's reference image changes the
image of a tiny SD 1.x model; bad regions and adapters are 422s naming the field."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient
from PIL import Image

from impasto.api import create_app
from impasto.config import load_config
from impasto.models.install.place import SilentSink, install_files
from impasto.services import Services, build_services
from tests.api.test_generate_api import completed, error_of
from tests.models.factory import write_sd1_diffusers
from tests.models.factory.folders import sd1_pipeline
from tests.models.factory.ip_adapters import write_image_encoder, write_ip_adapter_for

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
RED = "a red circle on a white background"
BLUE = "a blue square on a white background"
SHAPES = {"width": 64, "height": 64, "steps": 12, "cfg_scale": 5.0, "scheduler": "dpmpp_2m"}


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    root = tmp_path_factory.mktemp("regions") / "root"
    built = build_services(load_config(root, {"device": "cpu", "allowed_hosts": ["testserver"]}, environ={}))
    yield built
    built.db.dispose()


@pytest.fixture(scope="module")
def client(services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(services)) as test_client:
        yield test_client


def upload(client: TestClient, image: Image.Image) -> str:
    data = io.BytesIO()
    image.save(data, format="PNG")
    response = client.post("/api/v1/images/upload", files={"file": ("x.png", data.getvalue(), "image/png")})
    assert response.status_code == 201, response.text
    name: str = response.json()["image_name"]
    return name


def half(left: bool, size: int = 64) -> Image.Image:
    """A mask whose left (or right) half is white."""
    image = Image.new("L", (size, size), 0)
    image.paste(255, (0, 0, size // 2, size) if left else (size // 2, 0, size, size))
    return image


@pytest.fixture(scope="module")
def masks(client: TestClient) -> dict[str, str]:
    return {
        "left": upload(client, half(True)),
        "right": upload(client, half(False)),
        "small": upload(client, half(True, 32)),
    }


def generated(client: TestClient, **fields: Any) -> tuple[dict[str, Any], list[np.ndarray]]:
    """The answer to a generate request and the images of its items, in order."""
    response = client.post("/api/v1/generate", json=fields)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    images = []
    for item_id in body["item_ids"]:
        item = completed(client, item_id, timeout=180)
        name = item["result"]["outputs"]["save"]["image"]["image_name"]
        with Image.open(io.BytesIO(client.get(f"/api/v1/images/{name}/full").content)) as image:
            images.append(np.asarray(image.convert("RGB"), dtype=np.int64))
    return body, images


def counts(pixels: np.ndarray) -> dict[str, tuple[int, int]]:
    """(red, blue) pixel counts in the left and right halves."""
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    red = (r > g + 60) & (r > b + 60)
    blue = (b > r + 60) & (b > g + 60)
    width = pixels.shape[1] // 2
    return {
        "left": (int(red[:, :width].sum()), int(blue[:, :width].sum())),
        "right": (int(red[:, width:].sum()), int(blue[:, width:].sum())),
    }


def test_each_region_draws_its_prompt_in_its_half(client: TestClient, masks: dict[str, str]) -> None:
    regions = [{"mask": masks["left"], "prompt": RED}, {"mask": masks["right"], "prompt": BLUE}]
    _, images = generated(
        client, prompt="a shape on a white background", regions=regions, seed=0, count=3, **SHAPES
    )
    assert len(images) == 3
    totals = {"left": np.zeros(2, dtype=np.int64), "right": np.zeros(2, dtype=np.int64)}
    for pixels in images:
        for side, found in counts(pixels).items():
            totals[side] += found
    (left_red, left_blue), (right_red, right_blue) = totals["left"], totals["right"]
    assert left_red > 500, totals
    assert left_red > 10 * left_blue, totals
    assert right_blue > 500, totals
    assert right_blue > 10 * right_red, totals
    graph = client.post("/api/v1/generate/graph", json={"prompt": "x", "regions": regions}).json()["graph"]
    recorded = graph["nodes"]["metadata"]["base"]["extra"]["regions"]
    assert [region["prompt"] for region in recorded] == [RED, BLUE]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"regions": [{"mask": "small", "prompt": RED}]}, "regions[0].mask"),
        ({"regions": [{"mask": "left", "prompt": RED}, {"mask": "missing.png", "prompt": BLUE}]},
         "regions[1].mask"),
    ],
)  # fmt: skip
def test_bad_region_masks_are_422s(
    client: TestClient, masks: dict[str, str], fields: dict[str, Any], field: str
) -> None:
    for region in fields["regions"]:
        region["mask"] = masks.get(region["mask"], region["mask"])
    body = error_of(client.post("/api/v1/generate", json={"prompt": "x", **SHAPES, **fields}))
    assert body["details"]["field"] == field
    assert body["message"].startswith(f"{field}: ")


def test_a_main_model_is_no_ip_adapter(client: TestClient, masks: dict[str, str]) -> None:
    demo = client.get("/api/v1/models").json()["default_key"]
    references = [{"image": masks["left"], "model": demo}]
    body = error_of(client.post("/api/v1/generate", json={"prompt": "x", "reference_images": references}))
    assert body["details"]["field"] == "reference_images[0].model"
    assert "not an IP-Adapter" in body["message"]


@pytest.fixture(scope="module")
def tiny(services: Services, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Keys of a tiny SD 1.x model, an IP-Adapter made for its UNet and a CLIP-vision encoder."""
    folder = tmp_path_factory.mktemp("tiny-models")

    def install(path: Path) -> str:
        record = install_files(
            services.models,
            path,
            placement="inplace",
            source=str(path),
            source_type="path",
            sink=SilentSink(),
        )
        return record.key

    return {
        "model": install(write_sd1_diffusers(folder / "sd1")),
        "adapter": install(write_ip_adapter_for(folder / "ip.safetensors", sd1_pipeline().unet, "plain")),
        "encoder": install(write_image_encoder(folder / "encoder")),
    }


def test_reference_images_steer_the_image(
    client: TestClient, masks: dict[str, str], tiny: dict[str, str]
) -> None:
    rng = np.random.default_rng(3)
    reference = upload(client, Image.fromarray(rng.integers(0, 256, (48, 48, 3), dtype=np.uint8)))
    request = {"prompt": "a cat", "model": tiny["model"], "width": 64, "height": 64, "steps": 3, "seed": 4}
    _, (plain,) = generated(client, **request)
    ref = {"image": reference, "model": tiny["adapter"], "weight": 2.0}
    _, (steered,) = generated(client, **request, reference_images=[ref])
    region = {"mask": masks["left"], "prompt": "a dog", "reference_images": [ref]}
    _, (regional,) = generated(client, **request, regions=[region])
    assert np.abs(steered - plain).mean() > 1
    assert np.abs(regional - steered).mean() > 1
    refused = {**ref, "model": tiny["model"]}
    body = error_of(client.post("/api/v1/generate", json={**request, "reference_images": [refused]}))
    assert body["details"]["field"] == "reference_images[0].model"
