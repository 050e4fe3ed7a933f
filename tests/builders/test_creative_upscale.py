"""The creative upscale's graph: the upscaler's result refined in tiles by an SD-family main model."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image

from impasto.builders.checks import GenerateRequestError
from impasto.builders.families.sd_creative import denoising_start
from impasto.builders.sources import GenerationSources
from impasto.builders.upscale import UpscalePlan, UpscaleRequest, plan_upscale
from impasto.graph import prepare
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import BaseModelType
from tests.builders.conftest import Models
from tests.generation.helpers import Studio


def planned(studio: Studio, models: Models, size: tuple[int, int] = (40, 20), **creative: Any) -> UpscalePlan:
    name = studio.services.images.save(Image.new("RGB", size, (0, 90, 200)), intermediate=False)
    request = UpscaleRequest(image=name, model=models.upscaler.key, scale=2, creative=creative)
    plan = plan_upscale(request, studio.services.generation_sources())
    prepare(plan.graph, studio.services.registry)  # every node and edge is valid
    return plan


def edges(plan: UpscalePlan) -> set[tuple[str, str, str, str]]:
    return {
        (e.source.node_id, e.source.field, e.destination.node_id, e.destination.field)
        for e in plan.graph.edges
    }


def types(plan: UpscalePlan) -> dict[str, str]:
    return {node_id: node["type"] for node_id, node in plan.graph.nodes.items()}


def test_an_sd1_model_refines_the_enlargement_in_tiles(studio: Studio, models: Models) -> None:
    plan = planned(studio, models, main_model="Tiny SD1", prompt="a lake", seed=7, creativity=0.5)
    assert types(plan) == {
        "image": "load_image", "upscale": "upscale_image", "resize": "image_resize",
        "model": "main_model_loader", "positive": "compel", "negative": "compel", "encode": "i2l",
        "noise": "noise", "denoise": "tiled_multi_diffusion_denoise_latents", "decode": "l2i",
        "metadata": "generation_metadata", "save": "save_image",
    }  # fmt: skip
    assert {
        ("image", "image", "upscale", "image"), ("upscale", "image", "resize", "image"),
        ("resize", "image", "encode", "image"), ("model", "vae", "encode", "vae"),
        ("model", "clip", "positive", "clip"), ("model", "clip", "negative", "clip"),
        ("model", "vae", "noise", "vae"), ("encode", "latents", "denoise", "latents"),
        ("noise", "latents", "denoise", "noise"), ("model", "unet", "denoise", "unet"),
        ("positive", "conditioning", "denoise", "positive_conditioning"),
        ("negative", "conditioning", "denoise", "negative_conditioning"),
        ("denoise", "latents", "decode", "latents"), ("model", "vae", "decode", "vae"),
        ("decode", "image", "save", "image"), ("metadata", "metadata", "save", "metadata"),
    } == edges(plan)  # fmt: skip
    nodes = plan.graph.nodes
    assert (plan.width, plan.height) == (80, 40)
    assert (nodes["resize"]["width"], nodes["resize"]["height"]) == (80, 40)
    assert (nodes["noise"]["seed"], nodes["noise"]["width"], nodes["noise"]["height"]) == (7, 80, 40)
    assert nodes["encode"]["tiled"]
    assert nodes["decode"]["tiled"]
    denoise = nodes["denoise"]
    assert (denoise["tile_width"], denoise["tile_height"], denoise["tile_overlap"]) == (768, 768, 128)
    assert (denoise["denoising_start"], denoise["steps"], denoise["scheduler"]) == (0.55, 20, "euler")
    assert nodes["positive"]["prompt"] == "a lake"
    metadata = nodes["metadata"]["base"]
    assert (metadata["mode"], metadata["seed"], metadata["width"], metadata["strength"]) == (
        "upscale",
        7,
        80,
        0.45,
    )
    assert metadata["extra"]["upscaler"]["key"] == models.upscaler.key


def test_sdxl_with_a_tile_controlnet_holds_the_structure(studio: Studio, models: Models) -> None:
    plan = planned(
        studio, models, size=(21, 13), main_model="Tiny XL", tile_controlnet=models.controlnet_xl.key,
        structure=0.8, tile_overlap=64,
    )  # fmt: skip
    nodes = plan.graph.nodes
    assert (plan.width, plan.height) == (40, 24)  # 42x26 to multiples of the VAE's 8
    assert types(plan)["model"] == "sdxl_model_loader"
    assert nodes["positive"]["type"] == nodes["negative"]["type"] == "sdxl_compel_prompt"
    assert (nodes["positive"]["target_width"], nodes["positive"]["target_height"]) == (40, 24)
    assert (nodes["control"]["type"], nodes["control"]["control_weight"]) == ("controlnet", 0.8)
    assert {("resize", "image", "control", "image"), ("control", "control", "denoise", "control")} <= edges(
        plan
    )
    assert (nodes["denoise"]["tile_width"], nodes["denoise"]["tile_overlap"]) == (1024, 64)
    assert nodes["denoise"]["denoising_start"] == denoising_start(0.35) == 0.625
    assert nodes["metadata"]["base"]["control"][0]["weight"] == 0.8


def test_without_creative_the_graph_is_the_plain_upscale(studio: Studio, models: Models) -> None:
    name = studio.services.images.save(Image.new("RGB", (8, 8)), intermediate=False)
    plan = plan_upscale(
        UpscaleRequest(image=name, model=models.upscaler.key), studio.services.generation_sources()
    )
    assert types(plan) == {"image": "load_image", "upscale": "upscale_image", "save": "save_image"}


def test_an_unseeded_request_draws_one_seed_for_noise_and_metadata(studio: Studio, models: Models) -> None:
    nodes = planned(studio, models, main_model="Tiny SD1").graph.nodes
    assert nodes["noise"]["seed"] == nodes["metadata"]["base"]["seed"]


class AsFlux:
    """The studio's sources, with the named model's base changed to FLUX."""

    def __init__(self, sources: GenerationSources, base: BaseModelType) -> None:
        self.sources, self.base = sources, base

    def models(self, ref: str) -> list[ModelRecord]:
        found = self.sources.models(ref)
        if ref == "Tiny SD1":
            return [record.model_copy(update={"base": self.base}) for record in found]
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self.sources, name)


@pytest.mark.parametrize("base", [BaseModelType.FLUX, BaseModelType.SD3])
def test_a_flux_or_sd3_main_model_is_refused(studio: Studio, models: Models, base: BaseModelType) -> None:
    name = studio.services.images.save(Image.new("RGB", (8, 8)), intermediate=False)
    request = UpscaleRequest(image=name, model=models.upscaler.key, creative={"main_model": "Tiny SD1"})
    sources: Any = AsFlux(studio.services.generation_sources(), base)
    with pytest.raises(GenerateRequestError) as caught:
        plan_upscale(request, sources)
    assert caught.value.details["field"] == "creative.main_model"
    assert "creative upscaling needs an SD 1.x/2.x/SDXL model" in caught.value.message
