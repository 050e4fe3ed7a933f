"""Upscaling with a model: tiles that cover the image and blend without seams, and the node with a tiny
real ESRGAN installed through the model manager."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from impasto.generation.upscale import Span, ramp, spans, upscale_image, upscale_pixels
from impasto.graph import NodeError
from impasto.models.identity import ModelRecord
from tests.generation.helpers import Studio, make_services, pattern
from tests.graph.stubs import GraphBuilder
from tests.models.factory import write_esrgan, write_vae

torch.set_num_threads(1)
CPU = torch.device("cpu")


def nearest(x: torch.Tensor) -> torch.Tensor:
    """A stand-in x2 model whose output at a pixel depends on that pixel only: tiling must not change it."""
    return torch.nn.functional.interpolate(x, scale_factor=2, mode="nearest")


@pytest.mark.parametrize(("length", "tile", "overlap"), [(100, 40, 8), (64, 64, 8), (65, 16, 0), (7, 0, 0)])
def test_spans_cover_the_axis_with_full_size_tiles(length: int, tile: int, overlap: int) -> None:
    found = spans(length, tile, overlap)
    assert found[0].start == 0
    assert found[-1].end == length
    assert all(s.end - s.start == min(tile or length, length) for s in found)
    assert all(a.end >= b.start for a, b in pairwise(found))  # no gaps


def test_blend_weights_are_positive_and_ramp_across_overlaps() -> None:
    weights = ramp(Span(32, 72), Span(0, 40), Span(64, 104), scale=2)
    assert weights.shape == (80,)
    assert (weights > 0).all()
    assert weights[0] < weights[8] < weights[15] < 1.0  # rising across the 8-pixel overlap (16 out)
    assert (weights[16:64] == 1.0).all()
    assert weights[79] < weights[70] < 1.0  # falling into the next tile


@pytest.mark.parametrize(("tile", "overlap"), [(16, 4), (24, 0), (10, 9)])
def test_tiling_gives_what_the_model_gives_on_the_whole_image(tile: int, overlap: int) -> None:
    pixels = np.random.default_rng(0).random((37, 53, 3), dtype=np.float32)
    run = partial(upscale_pixels, nearest, pixels, scale=2, device=CPU, dtype=torch.float32)
    whole = run(tile=0, overlap=0)
    calls: list[tuple[int, int]] = []
    tiled = run(tile=tile, overlap=overlap, on_tile=lambda done, total: calls.append((done, total)))
    np.testing.assert_allclose(tiled, whole, atol=1e-5)  # weights sum to 1 up to rounding
    assert calls[-1][0] == calls[-1][1] > 1


def test_alpha_and_grey_images_keep_their_kind() -> None:
    image = pattern(16, seed=1).convert("RGBA")
    image.putalpha(Image.linear_gradient("L").resize((16, 16)))
    run = partial(upscale_image, nearest, scale=2, tile=0, overlap=0, device=CPU, dtype=torch.float32)
    result = run(image, input_channels=3)
    assert (result.mode, result.size) == ("RGBA", (32, 32))
    alpha = np.asarray(result.getchannel("A"))
    assert alpha[0, 0] < alpha[31, 0]
    grey = run(image.convert("L"), input_channels=1)
    assert (grey.mode, grey.size) == ("L", (32, 32))
    assert np.array_equal(np.asarray(grey)[::2, ::2], np.asarray(image.convert("L")))


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("upscale") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def esrgan(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> ModelRecord:
    return studio.install(write_esrgan(tmp_path_factory.mktemp("esrgan") / "x4.safetensors", scale=4))


def upscale(studio: Studio, image: Image.Image, **inputs: object) -> Image.Image:
    name = studio.save_image(image).image_name
    graph = (
        GraphBuilder()
        .add("source", "image", image={"image_name": name})
        .add("up", "upscale_image", **inputs)
        .edge("source.image", "up.image")
    )
    output = studio.run(graph)["up"]
    result = studio.image(output["image"])
    assert (output["width"], output["height"]) == result.size
    return result


def test_the_node_upscales_with_the_model_in_tiles(studio: Studio, esrgan: ModelRecord) -> None:
    assert esrgan.details["scale"] == 4
    image = pattern(40, seed=3).crop((0, 0, 40, 24))
    whole = upscale(studio, image, model={"key": esrgan.key}, tile_size=0)
    assert whole.size == (160, 96)
    assert not np.array_equal(np.asarray(whole), np.asarray(image.resize((160, 96))))
    studio.progress.clear()
    tiled = upscale(studio, image, model={"key": esrgan.key}, tile_size=16, tile_overlap=8)
    difference = np.abs(np.asarray(tiled, dtype=np.int16) - np.asarray(whole, dtype=np.int16))
    assert difference.mean() < 2.0  # seams blended away: nearly what the whole image gives
    messages = [p.message for kind, p in studio.progress if kind == "upscale_image"]
    assert messages[-1] == "tile 8 of 8"  # 4 columns x 2 rows of 16 px, 8 px shared


def test_scale_resizes_to_the_factor_asked_for(studio: Studio, esrgan: ModelRecord) -> None:
    assert upscale(studio, pattern(24), model={"key": esrgan.key}, scale=2).size == (48, 48)
    assert upscale(studio, pattern(24).crop((0, 0, 24, 15)), model={"key": esrgan.key}, scale=1.5).size == (
        36,
        22,
    )


def test_other_models_and_missing_keys_are_refused_by_name(
    studio: Studio, esrgan: ModelRecord, tmp_path: Path
) -> None:
    vae = studio.install(write_vae(tmp_path / "vae.safetensors"))
    with pytest.raises(NodeError, match="not an upscaler"):
        upscale(studio, pattern(16), model={"key": vae.key})
    with pytest.raises(NodeError, match="no installed model has the key 'nope'"):
        upscale(studio, pattern(16), model={"key": "nope"})
    with pytest.raises(NodeError, match="each side must be"):
        upscale(studio, Image.new("RGB", (1100, 8)), model={"key": esrgan.key}, scale=16)
