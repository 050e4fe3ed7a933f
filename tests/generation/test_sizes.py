"""Sizes at run time: VAE passes tile above ``vae_tile_above_pixels`` or when they would not fit in the
free memory (and are refused when they would not fit at all), and nodes refuse passes over
``max_image_pixels`` whose size was only known once the graph ran."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from impasto.generation import memory
from impasto.generation.runtime import Part, StepHooks, VAESpec
from impasto.generation.vae import decode, tensor_to_image
from impasto.generation.vae_runs import run_decode, run_encode
from impasto.models.cache import devices
from impasto.models.limits import TooLargeError
from impasto.nodes.latents import LatentsToImageNode, NoiseNode
from impasto.nodes.refs import ModelRef
from impasto.nodes.sd.denoise import DenoiseLatentsNode
from impasto.nodes.sd.models import MainModelLoaderNode
from tests.generation.helpers import DEMO_MODEL, Studio, make_services

torch.set_num_threads(1)
SIDE = 256  # 16 tiles of the demo VAE's 64 px, overlapping
WHOLE = StepHooks(vae_tile_above_pixels=SIDE * SIDE)  # at the threshold: in one go
TILED = StepHooks(vae_tile_above_pixels=SIDE * SIDE - 1)  # just above it: in tiles


@contextmanager
def studio_with(root: Path, **overrides: object) -> Iterator[Studio]:
    services = make_services(root, **overrides)
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    with studio_with(tmp_path_factory.mktemp("sizes") / "root") as made:
        yield made


@pytest.fixture(scope="module")
def demo(studio: Studio) -> VAESpec:
    return VAESpec(Part(studio.install(DEMO_MODEL).key, "vae"))


@pytest.fixture(scope="module")
def latents(studio: Studio, demo: VAESpec) -> torch.Tensor:
    image = Image.new("RGB", (SIDE, SIDE), (30, 60, 200))  # flat shapes, as the demo VAE knows them
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 30, 140, 150), fill=(220, 40, 40))
    draw.rectangle((150, 100, 230, 220), fill=(240, 220, 40))
    return run_encode(studio.services.resources.models, demo, image, tiled=False, fp32=False, hooks=WHOLE)


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.float64)


def test_tiled_decoding_above_the_threshold_is_close_to_decoding_at_once(
    studio: Studio, demo: VAESpec, latents: torch.Tensor
) -> None:
    models = studio.services.resources.models
    whole = run_decode(models, demo, latents, tiled=False, fp32=False, hooks=WHOLE)
    tiled = run_decode(models, demo, latents, tiled=False, fp32=False, hooks=TILED)
    assert whole.size == tiled.size == (SIDE, SIDE)
    difference = np.abs(pixels(whole) - pixels(tiled))
    assert difference.max() > 0  # it did tile
    assert difference.mean() < 4  # blended tiles: close to decoding it whole
    with models.load(demo.vae.key, "vae").lock() as vae:  # below the threshold nothing changes
        plain = decode(vae, latents, torch.device("cpu"))
    assert whole == tensor_to_image(plain)


def test_a_pass_that_would_not_fit_in_the_free_memory_is_tiled(
    studio: Studio, demo: VAESpec, latents: torch.Tensor, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = studio.services.resources.models
    tiled = run_decode(models, demo, latents, tiled=False, fp32=False, hooks=TILED)
    monkeypatch.setattr(memory, "free_bytes", lambda device: 64 * 1024**2)  # a busy machine
    assert run_decode(models, demo, latents, tiled=False, fp32=False, hooks=WHOLE) == tiled


def test_a_pass_that_would_not_fit_even_in_tiles_is_refused(
    studio: Studio, demo: VAESpec, latents: torch.Tensor, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny = devices.DeviceMemory("cpu", total=64 * 1024**2, free=32 * 1024**2)
    monkeypatch.setattr(devices, "device_memory", lambda device: tiny)
    with pytest.raises(
        TooLargeError, match=r"decoding in tiles at 256x256 needs about .* more than the 0\.1 GiB"
    ):
        run_decode(studio.services.resources.models, demo, latents, tiled=False, fp32=False, hooks=WHOLE)


def test_the_threshold_is_the_vae_tile_above_pixels_setting(
    tmp_path: Path, studio: Studio, demo: VAESpec, latents: torch.Tensor
) -> None:
    tiled = run_decode(studio.services.resources.models, demo, latents, tiled=False, fp32=False, hooks=TILED)
    with studio_with(tmp_path / "low", vae_tile_above_pixels=SIDE * SIDE - 1) as low:
        key = low.install(DEMO_MODEL).key
        vae = low.invoke(MainModelLoaderNode(id="m", model=ModelRef(key=key))).vae
        stored = low.store_latents(latents, factor=4)
        image = low.image(low.invoke(LatentsToImageNode(id="d", latents=stored, vae=vae)).image)
        assert np.array_equal(pixels(image), pixels(tiled))


def test_nodes_refuse_sizes_over_the_limit_when_they_run(tmp_path: Path) -> None:
    with studio_with(tmp_path / "strict", max_image_pixels={"sd-1": "64x64"}) as strict:
        key = strict.install(DEMO_MODEL).key
        model = strict.invoke(MainModelLoaderNode(id="m", model=ModelRef(key=key)))
        noise = strict.invoke(NoiseNode(id="n", seed=1, width=128, height=64, vae=model.vae)).latents
        node = DenoiseLatentsNode(
            id="d", unet=model.unet, noise=noise, steps=1,
            positive_conditioning=strict.conditioning(key, "a red circle"),
            negative_conditioning=strict.conditioning(key, ""),
        )  # fmt: skip
        with pytest.raises(
            TooLargeError, match=r"node 'node' would denoise 128x64 = 8,192 pixels, more than"
        ):
            strict.invoke(node)
        with pytest.raises(TooLargeError, match="would decode 128x64"):
            strict.invoke(LatentsToImageNode(id="l", latents=noise, vae=model.vae))
