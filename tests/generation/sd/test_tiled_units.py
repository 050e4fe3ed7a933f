"""Tiled (MultiDiffusion) denoising with what guides or limits the UNet, with tiny real models:
T2I-Adapters run on each tile's crop of their image, inpainting masks (an ordinary and a 9-channel model)
are cut per tile, and SDXL's crop conditioning tells each tile where it lies. One covering tile is the
untiled run every time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from PIL import Image

from impasto.errors import InvalidInputError
from impasto.generation.inpaint import latent_mask
from impasto.generation.sd.cond_batch import ConditioningBatch
from impasto.generation.sd.cond_data import BasicConditioning, SDXLConditioning
from impasto.generation.sd.control import image_tensor, resize_control_image
from impasto.generation.sd.tiled import Tile, check_tiled_request, tile_conditioning
from impasto.models.identity import ModelRecord
from impasto.nodes.latents import CreateDenoiseMaskNode, ImageToLatentsNode, NoiseNode
from impasto.nodes.refs import (
    ConditioningField,
    DenoiseMaskField,
    LatentsField,
    ModelRef,
    T2IAdapterField,
    VAEField,
)
from impasto.nodes.sd.control import T2IAdapterNode
from impasto.nodes.sd.denoise import DenoiseLatentsNode
from impasto.nodes.sd.models import MainModelLoaderNode, SDXLModelLoaderNode
from impasto.nodes.sd.tiled import TiledMultiDiffusionDenoiseLatentsNode
from tests.generation.helpers import Studio, make_services, pattern
from tests.models.factory import write_sd1_diffusers, write_sdxl_diffusers, write_t2i_adapter

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

WIDE = (96, 64)  # 12 x 8 latents: two 64 px tiles overlapping by 32 px, or one covering tile
TWO_TILES = {"tile_width": 64, "tile_height": 64, "tile_overlap": 32}
ONE_TILE = {"tile_width": 96, "tile_height": 64}


class Models:
    def __init__(self, studio: Studio, folder: Path) -> None:
        self.sd1 = studio.install(write_sd1_diffusers(folder / "sd1"))
        self.inpaint = studio.install(write_sd1_diffusers(folder / "sd1-inpaint", variant="inpaint"))
        self.adapter = studio.install(write_t2i_adapter(folder / "adapter"))
        self.sdxl = studio.install(write_sdxl_diffusers(folder / "sdxl"))


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("tiled-units") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def models(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> Models:
    return Models(studio, tmp_path_factory.mktemp("models"))


def noise(studio: Studio) -> LatentsField:
    field: LatentsField = studio.invoke(NoiseNode(id="n", seed=7, width=WIDE[0], height=WIDE[1])).latents
    return field


def sd1_inputs(studio: Studio, record: ModelRecord, **values: Any) -> dict[str, Any]:
    unet = studio.invoke(MainModelLoaderNode(id="m", model=ModelRef(key=record.key))).unet
    found: dict[str, Any] = {
        "positive_conditioning": studio.conditioning(record.key, "a red circle"),
        "negative_conditioning": studio.conditioning(record.key, ""),
        "unet": unet, "steps": 3, "cfg_scale": 4.0, "scheduler": "euler", "denoising_start": 0.0,
        "noise": noise(studio),
    }  # fmt: skip
    return found | values


def tiled(studio: Studio, inputs: dict[str, Any]) -> torch.Tensor:
    node = TiledMultiDiffusionDenoiseLatentsNode(id="t", **inputs)
    return studio.latents(studio.invoke(node).latents)


def untiled(studio: Studio, inputs: dict[str, Any]) -> torch.Tensor:
    return studio.latents(studio.invoke(DenoiseLatentsNode(id="d", **inputs)).latents)


def pre_hook(module: Any, seen: list[Any], pick: Any) -> Any:
    """Record ``pick(args, kwargs)`` of every call of ``module``; returns the handle (remove it!)."""
    return module.register_forward_pre_hook(
        lambda _m, args, kwargs: seen.append(pick(args, kwargs)), with_kwargs=True
    )


# -- T2I-Adapters -----------------------------------------------------------------------------------
def adapter_image() -> Image.Image:
    image = Image.new("RGB", WIDE, (0, 0, 0))
    image.paste((255, 255, 255), (0, 0, 40, 64))
    image.paste((255, 0, 0), (60, 10, 90, 50))
    return image


def adapter(studio: Studio, models: Models, weight: float = 1.5) -> T2IAdapterField:
    node = T2IAdapterNode(
        id="a", image=studio.save_image(adapter_image()), t2i_adapter_model=ModelRef(key=models.adapter.key),
        weight=weight,
    )  # fmt: skip
    field: T2IAdapterField = studio.invoke(node).t2i_adapter
    return field


def test_one_tile_with_a_t2i_adapter_is_the_untiled_run(studio: Studio, models: Models) -> None:
    inputs = sd1_inputs(studio, models.sd1, t2i_adapter=adapter(studio, models))
    plain = untiled(studio, sd1_inputs(studio, models.sd1))
    with_adapter = untiled(studio, inputs)
    assert not torch.allclose(with_adapter, plain, atol=1e-4)
    assert torch.equal(tiled(studio, inputs | ONE_TILE), with_adapter)


def test_the_adapter_runs_once_per_tile_on_its_crop(studio: Studio, models: Models) -> None:
    images: list[torch.Tensor] = []
    net = studio.services.resources.models.load(models.adapter.key).model
    handle = pre_hook(net, images, lambda args, _kwargs: args[0].clone())
    try:
        result = tiled(
            studio, sd1_inputs(studio, models.sd1, t2i_adapter=adapter(studio, models)) | TWO_TILES
        )
    finally:
        handle.remove()
    full = image_tensor(
        resize_control_image(adapter_image(), *WIDE, "just_resize"), torch.device("cpu"), torch.float32
    )
    assert len(images) == 2  # once per tile for the three steps, never on the whole image
    assert torch.equal(images[0], full[..., 0:64])
    assert torch.equal(images[1], full[..., 32:96])
    assert bool(torch.isfinite(result).all())
    assert not torch.allclose(result, tiled(studio, sd1_inputs(studio, models.sd1) | TWO_TILES), atol=1e-4)
    weightless = sd1_inputs(studio, models.sd1, t2i_adapter=adapter(studio, models, weight=0.0))
    assert torch.equal(
        tiled(studio, weightless | TWO_TILES), tiled(studio, sd1_inputs(studio, models.sd1) | TWO_TILES)
    )


# -- inpainting masks -------------------------------------------------------------------------------
def band_mask() -> Image.Image:
    """White (regenerate) in a band from x = 40 to 80, across both tiles' overlap."""
    mask = Image.new("L", WIDE, 0)
    mask.paste(255, (40, 0, 80, 64))
    return mask


def source(studio: Studio, record: ModelRecord) -> LatentsField:
    vae = VAEField(vae=ModelRef(key=record.key, submodel="vae"))
    image = studio.save_image(pattern(size=96).crop((0, 0, *WIDE)))
    field: LatentsField = studio.invoke(ImageToLatentsNode(id="e", image=image, vae=vae)).latents
    return field


def mask_field(studio: Studio, record: ModelRecord | None = None) -> DenoiseMaskField:
    extra: dict[str, Any] = {}
    if record is not None:  # an inpainting model also takes the masked image's latents
        image = studio.save_image(pattern(size=96).crop((0, 0, *WIDE)))
        extra = {"image": image, "vae": VAEField(vae=ModelRef(key=record.key, submodel="vae"))}
    node = CreateDenoiseMaskNode(id="k", mask=studio.save_image(band_mask()), **extra)
    field: DenoiseMaskField = studio.invoke(node).denoise_mask
    return field


def test_an_inpainting_mask_keeps_the_outside_exactly_in_tiles(studio: Studio, models: Models) -> None:
    start = source(studio, models.sd1)
    inputs = sd1_inputs(studio, models.sd1, latents=start, denoise_mask=mask_field(studio))
    original = studio.latents(start)
    result = tiled(studio, inputs | TWO_TILES)
    assert torch.equal(result[..., :5], original[..., :5])  # left of the band: kept
    assert torch.equal(result[..., 10:], original[..., 10:])  # right of it: kept
    assert (result[..., 5:10] - original[..., 5:10]).abs().mean() > 0.1  # the band: redrawn
    assert torch.equal(tiled(studio, inputs | ONE_TILE), untiled(studio, inputs))


def test_a_9_channel_model_gets_each_tiles_mask_and_masked_image(studio: Studio, models: Models) -> None:
    start = source(studio, models.inpaint)
    inputs = sd1_inputs(
        studio, models.inpaint, latents=start, denoise_mask=mask_field(studio, models.inpaint)
    )
    extra: list[torch.Tensor] = []
    unet = studio.services.resources.models.load(models.inpaint.key, "unet").model
    handle = pre_hook(unet, extra, lambda args, _kwargs: args[0][:1, 4:].clone())
    try:
        result = tiled(studio, inputs | TWO_TILES)
    finally:
        handle.remove()
    mask = latent_mask(studio.tensor(inputs["denoise_mask"].mask_name), (8, 12))
    masked = studio.tensor(inputs["denoise_mask"].masked_latents_name)
    assert [tuple(e.shape) for e in extra] == [(1, 5, 8, 8)] * 6  # two tiles, three steps
    assert torch.equal(extra[0], torch.cat([mask, masked], dim=1)[..., 0:8])
    assert torch.equal(extra[1], torch.cat([mask, masked], dim=1)[..., 4:12])
    original = studio.latents(start)
    assert torch.equal(result[..., :5], original[..., :5])
    assert torch.equal(tiled(studio, inputs | ONE_TILE), untiled(studio, inputs))


# -- SDXL size conditioning -------------------------------------------------------------------------
def sdxl_prompt(studio: Studio, key: str, prompt: str) -> ConditioningField:
    """The prompt conditioned on the whole image's size: 64 x 96 (h, w), uncropped."""
    first, _ = studio.encode(key, prompt, "")
    second, pooled = studio.encode(key, prompt, "_2")
    stored = SDXLConditioning(torch.cat([first, second], dim=-1), pooled, (64, 96), (0, 0), (64, 96))
    return ConditioningField(conditioning_name=studio.services.resources.tensors.save(stored.to_dict()))


def sdxl_inputs(studio: Studio, models: Models) -> dict[str, Any]:
    key = models.sdxl.key
    return {
        "positive_conditioning": sdxl_prompt(studio, key, "a red circle"),
        "negative_conditioning": sdxl_prompt(studio, key, ""),
        "unet": studio.invoke(SDXLModelLoaderNode(id="m", model=ModelRef(key=key))).unet,
        "steps": 2, "cfg_scale": 4.0, "scheduler": "euler", "denoising_start": 0.0, "noise": noise(studio),
    }  # fmt: skip


def test_each_sdxl_tile_is_conditioned_on_its_place_in_the_picture(studio: Studio, models: Models) -> None:
    inputs = sdxl_inputs(studio, models)
    seen: list[list[list[float]]] = []
    unet = studio.services.resources.models.load(models.sdxl.key, "unet").model
    handle = pre_hook(unet, seen, lambda _args, kwargs: kwargs["added_cond_kwargs"]["time_ids"].tolist())
    try:
        result = tiled(studio, inputs | TWO_TILES | {"steps": 1})
    finally:
        handle.remove()
    assert bool(torch.isfinite(result).all())
    # (original h, w, crop top, left, target h, w) for the negative and the positive row
    assert seen == [[[64, 96, 0, 0, 64, 64]] * 2, [[64, 96, 0, 32, 64, 64]] * 2]
    assert torch.equal(tiled(studio, inputs | ONE_TILE), untiled(studio, inputs))


def test_tile_conditioning_scales_to_the_size_the_prompt_describes() -> None:
    embeds = torch.zeros(2, 3, 4)
    base = torch.tensor([[512, 768, 0, 0, 256, 384], [1024, 1536, 8, 16, 256, 384]], dtype=torch.float32)
    cond = ConditioningBatch(embeds, None, {"text_embeds": torch.zeros(2, 5), "time_ids": base})
    tile = Tile(top=16, left=8, height=16, width=16)  # latents of 32 x 48
    ids = tile_conditioning(cond, tile, (32, 48)).added_cond
    assert ids is not None
    assert ids["time_ids"].tolist() == [[512, 768, 128, 64, 128, 128], [1024, 1536, 136, 80, 128, 128]]
    assert torch.equal(base[0], torch.tensor([512, 768, 0, 0, 256, 384], dtype=torch.float32))  # untouched
    refiner = ConditioningBatch(embeds, None, {"time_ids": torch.tensor([[320, 480, 0, 0, 6.0]] * 2)})
    moved = tile_conditioning(refiner, tile, (32, 48)).added_cond
    assert moved is not None
    assert moved["time_ids"].tolist() == [[320, 480, 160, 80, 6.0]] * 2
    covering = tile_conditioning(cond, Tile(0, 0, 32, 48), (32, 48)).added_cond
    assert covering is not None
    assert torch.equal(covering["time_ids"], base)
    plain = ConditioningBatch(embeds, None, None)
    assert tile_conditioning(plain, tile, (32, 48)) is plain


def test_regional_prompts_are_refused_by_tiled_denoise() -> None:
    plain = BasicConditioning(embeds=torch.zeros(1, 4, 8))
    regional = BasicConditioning(embeds=torch.zeros(1, 4, 8), mask=torch.ones(1, 1, 8, 8))
    check_tiled_request((), (plain, plain))
    with pytest.raises(InvalidInputError, match="takes no regional prompts"):
        check_tiled_request((), ([plain, regional], plain))
