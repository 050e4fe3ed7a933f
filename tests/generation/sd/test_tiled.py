"""Tiled (MultiDiffusion) denoising: the tile plan and blending weights, and the node with a tiny real SD 1.x
UNet and ControlNet: one covering tile is the untiled run, several tiles blend, control images are cut per
tile, cancellation and bad tile sizes, and the inputs it shares with the denoise node."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from PIL import Image

from impasto.errors import InvalidInputError
from impasto.generation.sd.control import image_tensor, resize_control_image
from impasto.generation.sd.tiled import Tiling, blend_weights, plan_tiles, tile_starts, tiling_from_pixels
from impasto.graph import CanceledError, CancelToken
from impasto.graph.forecast import Extent, ForecastInputs
from impasto.models.identity import ModelRecord
from impasto.nodes.latents import NoiseNode
from impasto.nodes.refs import ControlField, LatentsField, ModelRef
from impasto.nodes.sd.control import ControlNetNode
from impasto.nodes.sd.denoise import DenoiseLatentsNode
from impasto.nodes.sd.models import MainModelLoaderNode, SeamlessNode
from impasto.nodes.sd.tiled import TiledMultiDiffusionDenoiseLatentsNode
from tests.generation.helpers import Studio, make_services
from tests.models.factory import write_controlnet, write_sd1_diffusers

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


# -- the plan ---------------------------------------------------------------------------------------
def test_tiles_start_every_stride_and_the_last_one_ends_at_the_edge() -> None:
    assert tile_starts(12, 8, 4) == [0, 4]
    assert tile_starts(20, 8, 2) == [0, 6, 12]
    assert tile_starts(8, 8, 4) == [0]
    assert tile_starts(6, 8, 4) == [0]
    tiles = plan_tiles(6, 20, Tiling(height=8, width=8, overlap=2))
    assert [(t.top, t.left, t.height, t.width) for t in tiles] == [(0, 0, 6, 8), (0, 6, 6, 8), (0, 12, 6, 8)]


@pytest.mark.parametrize(
    ("height", "width", "tiling"),
    [
        (8, 12, Tiling(8, 8, 4)),
        (21, 37, Tiling(8, 10, 3)),
        (16, 16, Tiling(8, 8, 0)),
        (9, 30, Tiling(6, 7, 5)),
    ],
)
def test_blend_weights_add_up_to_one_everywhere(height: int, width: int, tiling: Tiling) -> None:
    tiles = plan_tiles(height, width, tiling)
    weights = blend_weights(tiles, height, width, tiling.overlap, dtype=torch.float64)
    total = torch.zeros(height, width, dtype=torch.float64)
    for tile, weight in zip(tiles, weights, strict=True):
        assert weight.shape == (tile.height, tile.width)
        assert bool((weight > 0).all())
        tile.crop(total).add_(weight)
    torch.testing.assert_close(total, torch.ones(height, width, dtype=torch.float64), rtol=0, atol=1e-12)


def test_weights_ramp_across_the_overlap_and_are_one_outside() -> None:
    tiles = plan_tiles(8, 12, Tiling(8, 8, 4))
    left, right = blend_weights(tiles, 8, 12, 4, dtype=torch.float64)
    assert bool((left[:, :4] == 1).all())
    assert bool((right[:, 4:] == 1).all())
    overlap = left[0, 4:]
    assert bool((overlap[1:] < overlap[:-1]).all())  # the left tile fades out towards its right edge


def test_bad_tile_sizes_name_the_setting() -> None:
    assert tiling_from_pixels(64, 96, 16, 8) == Tiling(8, 12, 2)
    with pytest.raises(InvalidInputError, match=r"tile_width \(100\) must be a positive multiple of 8"):
        tiling_from_pixels(64, 100, 16, 8)
    with pytest.raises(InvalidInputError, match=r"tile_overlap \(12\) must be 0 or a positive multiple of 8"):
        tiling_from_pixels(64, 64, 12, 8)
    with pytest.raises(InvalidInputError, match=r"tile_overlap \(64\) must be smaller than the tiles"):
        tiling_from_pixels(128, 64, 64, 8)


def test_the_forecast_denoises_at_the_tile_size() -> None:
    image = Extent(2048, 1024, "noise", ("width", "height"))
    values = {"tile_width": 512, "tile_height": 2048}
    defaults = {
        name: field.default for name, field in TiledMultiDiffusionDenoiseLatentsNode.model_fields.items()
    }
    inputs = ForecastInputs("t", defaults, values, {"noise": image}, None, set())
    forecast = TiledMultiDiffusionDenoiseLatentsNode.work_forecast(inputs)
    assert forecast.extent == image
    assert [(p.extent.width, p.extent.height) for p in forecast.passes] == [(512, 1024)]


# -- the node ---------------------------------------------------------------------------------------
class Models:
    def __init__(self, studio: Studio, folder: Path) -> None:
        self.sd1 = studio.install(write_sd1_diffusers(folder / "sd1"))
        self.controlnet = studio.install(write_controlnet(folder / "controlnet"))


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("tiled") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def models(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> Models:
    return Models(studio, tmp_path_factory.mktemp("models"))


def noise(studio: Studio, width: int = 64, height: int = 64) -> LatentsField:
    field: LatentsField = studio.invoke(NoiseNode(id="n", seed=7, width=width, height=height)).latents
    return field


def inputs(studio: Studio, record: ModelRecord, **values: Any) -> dict[str, Any]:
    unet = studio.invoke(MainModelLoaderNode(id="m", model=ModelRef(key=record.key))).unet
    found: dict[str, Any] = {
        "positive_conditioning": studio.conditioning(record.key, "a red circle"),
        "negative_conditioning": studio.conditioning(record.key, ""),
        "unet": unet,
        "steps": 3,
        "cfg_scale": 4.0,
        "scheduler": "euler",
        "denoising_start": 0.0,
        "noise": noise(studio),
    }
    found.update(values)
    return found


def tiled(studio: Studio, record: ModelRecord, **values: Any) -> torch.Tensor:
    node = TiledMultiDiffusionDenoiseLatentsNode(id="t", **inputs(studio, record, **values))
    return studio.latents(studio.invoke(node).latents)


def untiled(studio: Studio, record: ModelRecord, **values: Any) -> torch.Tensor:
    return studio.latents(
        studio.invoke(DenoiseLatentsNode(id="d", **inputs(studio, record, **values))).latents
    )


def unet_calls(studio: Studio, record: ModelRecord) -> tuple[list[tuple[int, ...]], Any]:
    shapes: list[tuple[int, ...]] = []
    unet = studio.services.resources.models.load(record.key, "unet").model
    handle = unet.register_forward_pre_hook(lambda _m, args: shapes.append(tuple(args[0].shape)))
    return shapes, handle


def control_image() -> Image.Image:
    image = Image.new("RGB", (96, 64), (0, 0, 0))
    image.paste((255, 255, 255), (0, 0, 40, 64))
    image.paste((255, 0, 0), (60, 10, 90, 50))
    return image


def control(studio: Studio, models: Models) -> ControlField:
    node = ControlNetNode(
        id="c", image=studio.save_image(control_image()), control_model=ModelRef(key=models.controlnet.key)
    )
    field: ControlField = studio.invoke(node).control
    return field


def test_one_tile_covering_the_image_is_the_untiled_run(studio: Studio, models: Models) -> None:
    plain = untiled(studio, models.sd1)
    assert torch.equal(tiled(studio, models.sd1, tile_width=64, tile_height=64, tile_overlap=16), plain)
    assert torch.equal(tiled(studio, models.sd1), plain)  # 1024 tiles shrink to the image


def test_one_tile_with_a_controlnet_is_the_untiled_run(studio: Studio, models: Models) -> None:
    unit = control(studio, models)
    size = {"noise": noise(studio, 96, 64), "control": unit}
    assert torch.equal(
        tiled(studio, models.sd1, tile_width=96, tile_height=64, **size), untiled(studio, models.sd1, **size)
    )


def test_several_tiles_blend_into_one_latent(studio: Studio, models: Models) -> None:
    wide = noise(studio, 96, 64)
    shapes, handle = unet_calls(studio, models.sd1)
    try:
        result = tiled(studio, models.sd1, noise=wide, tile_width=64, tile_height=64, tile_overlap=32)
    finally:
        handle.remove()
    assert shapes == [(2, 4, 8, 8)] * 6  # two tiles, three steps
    assert result.shape == (1, 4, 8, 12)
    assert bool(torch.isfinite(result).all())
    whole = untiled(studio, models.sd1, noise=wide)
    assert not torch.equal(result, whole)
    assert (result - whole).abs().mean() < whole.abs().mean()  # the same picture, seen in tiles


def test_each_tile_gets_its_part_of_the_control_image(studio: Studio, models: Models) -> None:
    conds: list[torch.Tensor] = []
    net = studio.services.resources.models.load(models.controlnet.key).model
    handle = net.register_forward_pre_hook(
        lambda _m, _args, kwargs: conds.append(kwargs["controlnet_cond"].clone()), with_kwargs=True
    )
    try:
        result = tiled(
            studio, models.sd1, noise=noise(studio, 96, 64), control=control(studio, models),
            tile_width=64, tile_height=64, tile_overlap=32, steps=1,
        )  # fmt: skip
    finally:
        handle.remove()
    assert bool(torch.isfinite(result).all())
    full = image_tensor(
        resize_control_image(control_image(), 96, 64, "just_resize"), torch.device("cpu"), torch.float32
    )
    assert len(conds) == 2
    assert torch.equal(conds[0][:1], full[..., 0:64])
    assert torch.equal(conds[1][:1], full[..., 32:96])


def test_cancelling_stops_between_tiles(studio: Studio, models: Models) -> None:
    shapes: list[tuple[int, ...]] = []
    unet = studio.services.resources.models.load(models.sd1.key, "unet").model

    def cancel_after_the_first_tile(_module: Any, args: Any) -> None:
        shapes.append(tuple(args[0].shape))
        studio.cancel.cancel()

    handle = unet.register_forward_pre_hook(cancel_after_the_first_tile)
    try:
        with pytest.raises(CanceledError):
            tiled(studio, models.sd1, noise=noise(studio, 96, 64), tile_width=64, tile_height=64)
    finally:
        handle.remove()
        studio.cancel = CancelToken()
    assert len(shapes) == 1


def test_the_node_refuses_bad_tiles_and_seamless_unets(studio: Studio, models: Models) -> None:
    with pytest.raises(InvalidInputError, match="tile_width"):
        tiled(studio, models.sd1, tile_width=100)
    with pytest.raises(InvalidInputError, match="tile_overlap"):
        tiled(studio, models.sd1, tile_width=64, tile_overlap=64)
    loaded = studio.invoke(MainModelLoaderNode(id="m", model=ModelRef(key=models.sd1.key)))
    seamless = studio.invoke(SeamlessNode(id="s", unet=loaded.unet, seamless_x=True)).unet
    with pytest.raises(InvalidInputError, match="seamless"):
        tiled(studio, models.sd1, unet=seamless)


def test_the_nodes_share_their_inputs_in_one_order() -> None:
    shared = ["positive_conditioning", "negative_conditioning", "noise", "latents", "unet"]
    schedule = [
        "steps",
        "cfg_scale",
        "cfg_rescale_multiplier",
        "scheduler",
        "denoising_start",
        "denoising_end",
    ]
    assert list(DenoiseLatentsNode.spec.inputs) == [
        *shared,
        *schedule,
        "denoise_mask",
        "control",
        "t2i_adapter",
        "ip_adapter",
    ]
    assert list(TiledMultiDiffusionDenoiseLatentsNode.spec.inputs) == [
        *shared,
        "tile_height",
        "tile_width",
        "tile_overlap",
        *schedule,
        "control",
        "denoise_mask",
        "t2i_adapter",
    ]
    tiled_defaults = {
        name: TiledMultiDiffusionDenoiseLatentsNode.spec.inputs[name].default for name in schedule
    }
    assert tiled_defaults == {
        "steps": 18, "cfg_scale": 6.5, "cfg_rescale_multiplier": 0.0, "scheduler": "euler",
        "denoising_start": 0.65, "denoising_end": 1.0,
    }  # fmt: skip
