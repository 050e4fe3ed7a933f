"""An NF4 FLUX file installed through the model manager makes an image with ``POST /api/v1/generate`` on
the CPU, close to the image of the unquantised all-in-one file holding the same weights."""

from __future__ import annotations

import io
from collections.abc import Iterator

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient
from PIL import Image

from impasto.api import create_app
from impasto.config import load_config
from impasto.services import build_services
from tests.api.test_generate_flow import Studio, generate, install
from tests.models.factory import write_flux_all_in_one, write_flux_diffusers, write_flux_nf4

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    root = tmp_path_factory.mktemp("nf4-flow") / "root"
    files = tmp_path_factory.mktemp("nf4-models")
    services = build_services(
        load_config(root, {"device": "cpu", "allowed_hosts": ["testserver"]}, environ={})
    )
    dev = write_flux_diffusers(files / "flux-dev")
    nf4 = write_flux_nf4(files / "flux1-dev-bnb-nf4.safetensors", source=dev)
    install(services, nf4, "Tiny FLUX NF4", dev)
    install(services, write_flux_all_in_one(files / "flux1-dev-aio.safetensors", source=dev), "Tiny AIO", dev)
    with TestClient(create_app(services)) as client:
        yield Studio(client, services)
    services.db.dispose()


def pixels(studio: Studio, name: str) -> np.ndarray:
    response = studio.client.get(f"/api/v1/images/{name}/full")
    assert response.status_code == 200, response.text
    return np.asarray(Image.open(io.BytesIO(response.content)).convert("RGB"), dtype=np.float32)


def test_nf4_file_generates_close_to_the_unquantised_file(studio: Studio) -> None:
    record = next(r for r in studio.services.models.list() if r.name == "Tiny FLUX NF4")
    assert (record.format, record.variant, record.details["bundled"]) == (
        "bnb_nf4",
        "dev",
        ["vae", "clip_l", "t5xxl"],
    )
    quantised, recall = generate(studio, model="Tiny FLUX NF4", guidance=3.5)
    assert recall["model"]["name"] == "Tiny FLUX NF4"
    full, _ = generate(studio, model="Tiny AIO", guidance=3.5)
    got, expected = pixels(studio, quantised), pixels(studio, full)
    difference = np.abs(got - expected)
    spread = np.abs(expected - expected.mean()).mean()  # how much the image's pixels vary at all
    assert difference.max() > 0  # 4-bit weights do change the image...
    assert difference.mean() < 0.2 * spread  # ...but little (about 0.1 here; another image: about 1)
