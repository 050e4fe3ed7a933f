"""``POST /api/v1/upscale``: a stored image enlarged by an installed upscaler, through the queue."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import torch
from fastapi.testclient import TestClient
from PIL import Image

from tests.api.conftest import wait_for_item
from tests.api.test_models_api import wait_job
from tests.images.helpers import png_bytes
from tests.models.factory import write_esrgan, write_lora

torch.set_num_threads(1)


def install(client: TestClient, path: Path, name: str) -> str:
    job = client.post("/api/v1/models/install", json={"source": str(path), "name": name, "inplace": True})
    done = wait_job(client, job.json()["id"])
    assert done["state"] == "completed", done
    key: str = done["model_key"]
    return key


def stored(client: TestClient, size: tuple[int, int]) -> str:
    response = client.post(
        "/api/v1/images/upload", files={"file": ("x.png", png_bytes(size=size), "image/png")}
    )
    name: str = response.json()["image_name"]
    return name


def error_of(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    body: dict[str, Any] = response.json()
    return body


def test_an_upscale_lands_on_the_board_at_the_size_announced(client: TestClient, tmp_path: Path) -> None:
    install(client, write_esrgan(tmp_path / "RealESRGAN_x4.safetensors", scale=4), "Real-ESRGAN x4")
    board = client.post("/api/v1/boards", json={"board_name": "big"}).json()["board_id"]
    source = stored(client, (24, 16))
    request = {"image": source, "model": "Real-ESRGAN x4", "scale": 2, "tile_size": 16, "board_id": board}
    response = client.post("/api/v1/upscale", json=request)
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["width"], result["height"]) == (48, 32)
    item = wait_for_item(client, result["item_id"], "completed", timeout=60)
    name = item["result"]["outputs"]["save"]["image"]["image_name"]
    record = client.get(f"/api/v1/images/{name}").json()
    assert (record["width"], record["height"], record["board_id"]) == (48, 32, board)
    full = Image.open(io.BytesIO(client.get(f"/api/v1/images/{name}/full").content))
    assert full.size == (48, 32)
    native = client.post("/api/v1/upscale", json={"image": source, "model": result["model_key"]}).json()
    assert (native["width"], native["height"]) == (96, 64)  # the model's own factor


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"image": "0" * 32 + ".png"}, "image"),
        ({"model": "nothing installed"}, "model"),
        ({"model": "A LoRA"}, "model"),
        ({"board_id": "no-such-board"}, "board_id"),
        ({"scale": 16}, "scale"),
    ],
)
def test_bad_requests_name_the_field(
    client: TestClient, tmp_path: Path, change: dict[str, Any], field: str
) -> None:
    install(client, write_esrgan(tmp_path / "x4.safetensors", scale=4), "x4")
    install(client, write_lora(tmp_path / "lora.safetensors"), "A LoRA")
    request = {"image": stored(client, (1100, 8)), "model": "x4", **change}
    body = error_of(client.post("/api/v1/upscale", json=request))
    assert body["details"]["field"] == field
    assert body["message"].startswith(f"{field}: ")
    assert client.get("/api/v1/queue/status").json()["counts"]["pending"] == 0


def test_a_model_whose_own_output_is_too_large_is_refused_before_running(
    client: TestClient, tmp_path: Path
) -> None:
    install(client, write_esrgan(tmp_path / "x4.safetensors", scale=4), "x4")
    request = {"image": stored(client, (5000, 4)), "model": "x4", "scale": 1}
    body = error_of(client.post("/api/v1/upscale", json=request))
    assert body["details"]["field"] == "model"
    assert body["message"] == (
        "model: the x4 output of 'x4' would be 20000x16 pixels; "
        "at most 16384 a side and 67108864 in all are allowed"
    )
