"""Canvas requests through ``POST /api/v1/generate`` with the bundled demo model: the init image's
transparency decides the mode, outpainting infills and keeps the opaque pixels, inpainting keeps the
unmasked pixels, scaling before processing generates at the native size, and bad canvas fields are 422s."""

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
from tests.api.test_generate_api import completed, error_of

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
QUICK = {"prompt": "a red circle on a blue background", "steps": 2, "seed": 5}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("canvas") / "root"
    services = build_services(
        load_config(root, {"device": "cpu", "allowed_hosts": ["testserver"]}, environ={})
    )
    with TestClient(create_app(services)) as test_client:
        yield test_client
    services.db.dispose()


def upload(client: TestClient, image: Image.Image) -> str:
    data = io.BytesIO()
    image.save(data, format="PNG")
    response = client.post("/api/v1/images/upload", files={"file": ("x.png", data.getvalue(), "image/png")})
    assert response.status_code == 201, response.text
    name: str = response.json()["image_name"]
    return name


def picture(size: int = 64) -> Image.Image:
    """An opaque image with structure (a gradient and a square), so changes show."""
    ramp = np.linspace(0, 255, size, dtype=np.float32)
    rgb = np.stack([np.tile(ramp, (size, 1)), np.tile(ramp[:, None], (1, size)), np.full((size, size), 90.0)])
    array = rgb.transpose(1, 2, 0).astype(np.uint8)
    array[size // 4 : size // 2, size // 4 : size // 2] = (250, 20, 20)
    return Image.fromarray(array, mode="RGB")


def canvas(inner: int = 64, outer: int = 96) -> Image.Image:
    """``picture(inner)`` in the middle of a transparent ``outer`` square."""
    result = Image.new("RGBA", (outer, outer), (0, 0, 0, 0))
    offset = (outer - inner) // 2
    result.paste(picture(inner).convert("RGBA"), (offset, offset))
    return result


def centre_mask(size: int = 64) -> Image.Image:
    mask = Image.new("L", (size, size), 0)
    mask.paste(255, (size // 4, size // 4, 3 * size // 4, 3 * size // 4))
    return mask


def plan(client: TestClient, **fields: Any) -> dict[str, Any]:
    response = client.post("/api/v1/generate/graph", json={**QUICK, **fields})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def generated(client: TestClient, **fields: Any) -> tuple[dict[str, Any], np.ndarray]:
    response = client.post("/api/v1/generate", json={**QUICK, **fields})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    item = completed(client, body["item_ids"][0], timeout=120)
    name = item["result"]["outputs"]["save"]["image"]["image_name"]
    full = client.get(f"/api/v1/images/{name}/full")
    with Image.open(io.BytesIO(full.content)) as image:
        return body, np.asarray(image.convert("RGB"), dtype=np.int16)


@pytest.fixture(scope="module")
def images(client: TestClient) -> dict[str, str]:
    return {
        "empty": upload(client, Image.new("RGBA", (64, 64), (0, 0, 0, 0))),
        "canvas": upload(client, canvas()),
        "opaque": upload(client, picture()),
        "mask": upload(client, centre_mask()),
        "small": upload(client, picture(32)),
        "small_mask": upload(client, centre_mask(32)),
        "wide_mask": upload(client, Image.new("L", (96, 64), 255)),
    }


def types(graph: dict[str, Any]) -> set[str]:
    return {node["type"] for node in graph["nodes"].values()}


def test_the_init_image_transparency_decides_the_mode(client: TestClient, images: dict[str, str]) -> None:
    empty = plan(client, init_image=images["empty"])
    assert (empty["mode"], empty["width"], empty["height"]) == ("txt2img", 64, 64)
    assert "i2l" not in types(empty["graph"])
    outpaint = plan(client, init_image=images["canvas"])
    assert (outpaint["mode"], outpaint["width"]) == ("outpaint", 96)
    assert {"mask_from_alpha", "create_gradient_mask", "expand_mask_with_fade"} <= types(outpaint["graph"])
    assert "infill_patchmatch" in types(outpaint["graph"])
    assert plan(client, init_image=images["opaque"])["mode"] == "img2img"
    inpaint = plan(client, init_image=images["opaque"], mask=images["mask"])
    assert inpaint["mode"] == "inpaint"
    assert "create_denoise_mask" in types(inpaint["graph"])
    response = client.post("/api/v1/generate", json={**QUICK, "init_image": images["empty"]})
    assert response.json()["mode"] == "txt2img"


def test_inpainting_changes_only_the_masked_area(client: TestClient, images: dict[str, str]) -> None:
    body, result = generated(client, init_image=images["opaque"], mask=images["mask"])
    assert body["mode"] == "inpaint"
    source = np.asarray(picture(), dtype=np.int16)
    outside = np.asarray(centre_mask()) == 0
    assert np.array_equal(result[outside], source[outside])
    assert np.abs(result[~outside] - source[~outside]).mean() > 2


@pytest.mark.parametrize(
    "infill",
    [
        {"method": "color", "options": {"color": {"r": 40, "g": 200, "b": 40, "a": 255}}},
        {"method": "cv2", "options": {"method": "navier_stokes", "radius": 3}},
        {"method": "tile", "options": {"tile_size": 8}},
        {"method": "patchmatch", "options": {"patch_size": 3}},
    ],
)
def test_outpainting_a_canvas_fills_its_border(
    client: TestClient, images: dict[str, str], infill: dict[str, Any]
) -> None:
    body, result = generated(client, init_image=images["canvas"], infill=infill)
    assert (body["mode"], body["width"], body["height"], result.shape) == ("outpaint", 96, 96, (96, 96, 3))
    source = np.asarray(canvas().convert("RGB"), dtype=np.int16)
    # Beyond the seam band (16 px inside the opaque square) every pixel is exactly the source's.
    assert np.array_equal(result[40:56, 40:56], source[40:56, 40:56])
    border = np.concatenate([result[:12].reshape(-1, 3), result[-12:].reshape(-1, 3)])
    assert border.std() > 1  # painted, not the transparent black
    assert border.mean() > 10


def test_scaling_before_processing_generates_at_the_native_size(
    client: TestClient, images: dict[str, str]
) -> None:
    fields = {"init_image": images["small"], "mask": images["small_mask"], "scale_before_processing": "auto"}
    planned = plan(client, **fields)
    assert (planned["width"], planned["height"]) == (32, 32)
    noise = planned["graph"]["nodes"]["noise"]
    assert (noise["width"], noise["height"]) == (64, 64)
    assert planned["graph"]["nodes"]["scaled_back"]["width"] == 32
    body, result = generated(client, **fields)
    assert (body["width"], body["height"], result.shape) == (32, 32, (32, 32, 3))
    outside = np.asarray(centre_mask(32)) == 0
    assert np.array_equal(result[outside], np.asarray(picture(32), dtype=np.int16)[outside])
    manual = plan(
        client, **{**fields, "scale_before_processing": "manual", "scaled_width": 48, "scaled_height": 40}
    )
    assert (manual["graph"]["nodes"]["noise"]["width"], manual["graph"]["nodes"]["noise"]["height"]) == (
        48,
        40,
    )


def test_noise_level_and_denoise_limit(client: TestClient, images: dict[str, str]) -> None:
    """Noise changes what a partial-strength pass starts from (a mask gets 0.15 unless told otherwise, 0
    is none); the limit caps each masked pixel's strength (so below the request's strength it holds the
    pixels to the source for longer)."""
    fields: dict[str, Any] = {"init_image": images["opaque"], "mask": images["mask"], "noise_level": 0}
    _, plain = generated(client, **fields, strength=0.5)
    _, noised = generated(client, **{**fields, "noise_level": 0.5}, strength=0.5)
    assert np.abs(noised - plain).mean() > 1
    _, default = generated(client, **{**fields, "noise_level": None}, strength=0.5)
    assert not np.array_equal(default, plain)
    fields["steps"] = 6  # holding a pixel for the first step alone changes nothing
    _, full = generated(client, **fields)
    _, limited = generated(client, **fields, denoise_limit=0.5)
    assert np.abs(limited - full).mean() > 1
    _, kept = generated(client, **fields, denoise_limit=0)
    inside = np.asarray(centre_mask()) > 0
    source = np.asarray(picture(), dtype=np.int16)
    # The masked latents stay the source's; what is left is the tiny demo VAE's lossy round trip.
    assert np.abs(kept[inside] - source[inside]).mean() < 0.6 * np.abs(full[inside] - source[inside]).mean()
    _, kept_again = generated(client, **fields, denoise_limit=0, seed=99)
    assert np.array_equal(kept, kept_again)  # no seed reaches a pixel that may not change


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"init_image": "opaque", "mask": "wide_mask", "denoise_limit": 0.5}, "mask"),
        ({"init_image": "canvas", "mask": "mask"}, "mask"),
        ({"init_image": "opaque", "mask": "no-such-image.png"}, "mask"),
        ({"mask": "mask"}, "mask"),
        ({"init_image": "opaque", "noise_level": 0.2}, "noise_level"),
        (
            {"init_image": "canvas", "infill": {"method": "cv2", "options": {"size": 3}}},
            "infill.options.size",
        ),
        (
            {"init_image": "canvas", "infill": {"method": "cv2", "options": {"radius": -1}}},
            "infill.options.radius",
        ),
        ({"init_image": "canvas", "infill": {"method": "lama"}}, "infill.options.model"),
        ({"init_image": "opaque", "infill": {"method": "tile"}}, "infill"),
        ({"scale_before_processing": "manual", "scaled_width": 64}, "scaled_height"),
        ({"scaled_width": 64, "scaled_height": 64}, "scaled_width"),
        ({"scale_before_processing": "manual", "scaled_width": 66, "scaled_height": 64}, "scaled_width"),
    ],
)
def test_bad_canvas_fields_are_422s_naming_the_field(
    client: TestClient, images: dict[str, str], fields: dict[str, Any], field: str
) -> None:
    named = {k: images.get(v, v) if k in ("init_image", "mask") else v for k, v in fields.items()}
    body = error_of(client.post("/api/v1/generate", json={**QUICK, **named}))
    assert body["message"].startswith(f"{field}:") or body["details"].get("field") == field, body
