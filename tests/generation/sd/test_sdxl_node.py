"""SDXL through the nodes: base text to image, the refiner hand-off, and conditioning checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import torch

from impasto.errors import InvalidInputError
from impasto.generation.sd.cond_batch import ConditioningMismatchError
from impasto.nodes.latents import LatentsToImageNode, NoiseNode
from impasto.nodes.refs import ModelRef
from impasto.nodes.sd.denoise import DenoiseLatentsNode
from impasto.nodes.sd.models import MainModelLoaderNode, SDXLModelLoaderNode, SDXLRefinerModelLoaderNode
from tests.generation.helpers import Studio, make_services
from tests.models.factory import write_sd1_diffusers, write_sdxl_diffusers

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("sdxl") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def keys(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("models")
    return {
        "base": studio.install(write_sdxl_diffusers(folder / "xl")).key,
        "refiner": studio.install(write_sdxl_diffusers(folder / "refiner", refiner=True)).key,
        "sd1": studio.install(write_sd1_diffusers(folder / "sd1")).key,
    }


def run(studio: Studio, **inputs: Any) -> Any:
    values = {"steps": 4, "cfg_scale": 5.0, "scheduler": "euler", **inputs}
    return studio.invoke(DenoiseLatentsNode(id="d", **values))


def test_base_and_refiner_hand_off(studio: Studio, keys: dict[str, str]) -> None:
    base = studio.invoke(SDXLModelLoaderNode(id="m", model=ModelRef(key=keys["base"])))
    assert base.clip2.text_encoder.submodel == "text_encoder_2"
    noise = studio.invoke(NoiseNode(id="n", seed=3, width=64, height=64)).latents
    positive = studio.conditioning(keys["base"], "a red circle", sdxl=True)
    negative = studio.conditioning(keys["base"], "", sdxl=True)
    full = run(
        studio, unet=base.unet, noise=noise, positive_conditioning=positive, negative_conditioning=negative
    )
    handed = run(
        studio, unet=base.unet, noise=noise, positive_conditioning=positive, negative_conditioning=negative,
        denoising_end=0.5,
    )  # fmt: skip
    refiner = studio.invoke(SDXLRefinerModelLoaderNode(id="r", model=ModelRef(key=keys["refiner"])))
    refined = run(
        studio, unet=refiner.unet, latents=handed.latents, denoising_start=0.5,
        positive_conditioning=studio.conditioning(keys["refiner"], "a red circle", refiner=True),
        negative_conditioning=studio.conditioning(keys["refiner"], "", refiner=True),
    )  # fmt: skip
    assert refined.latents.seed == 3
    results = [studio.latents(out.latents) for out in (full, handed, refined)]
    assert all(r.shape == (1, 4, 8, 8) for r in results)
    assert not torch.allclose(results[0], results[1])
    assert not torch.allclose(results[1], results[2])
    image = studio.invoke(LatentsToImageNode(id="i", latents=refined.latents, vae=refiner.vae))
    assert (image.width, image.height) == (64, 64)


def test_loaders_refuse_other_bases(studio: Studio, keys: dict[str, str]) -> None:
    with pytest.raises(InvalidInputError, match="use the sdxl_model_loader node"):
        studio.invoke(MainModelLoaderNode(id="m", model=ModelRef(key=keys["base"])))
    with pytest.raises(InvalidInputError, match="use the sdxl_refiner_model_loader node"):
        studio.invoke(SDXLModelLoaderNode(id="m", model=ModelRef(key=keys["refiner"])))
    with pytest.raises(InvalidInputError, match="use the main_model_loader node"):
        studio.invoke(SDXLRefinerModelLoaderNode(id="m", model=ModelRef(key=keys["sd1"])))


def test_conditioning_of_the_wrong_kind_is_refused(studio: Studio, keys: dict[str, str]) -> None:
    sd1 = studio.invoke(MainModelLoaderNode(id="m", model=ModelRef(key=keys["sd1"])))
    noise = studio.invoke(NoiseNode(id="n", seed=3, width=64, height=64)).latents
    xl = studio.conditioning(keys["base"], "a red circle", sdxl=True)
    with pytest.raises(ConditioningMismatchError, match="not an SDXL UNet"):
        run(studio, unet=sd1.unet, noise=noise, positive_conditioning=xl, negative_conditioning=xl)
    base = studio.invoke(SDXLModelLoaderNode(id="m", model=ModelRef(key=keys["base"])))
    plain = studio.conditioning(keys["sd1"], "a red circle")
    with pytest.raises(ConditioningMismatchError, match="needs"):
        run(studio, unet=base.unet, noise=noise, positive_conditioning=plain, negative_conditioning=plain)
