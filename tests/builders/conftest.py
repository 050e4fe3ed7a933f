"""A studio with the demo model and the factory's tiny models installed, shared by the graph tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import torch
from PIL import Image

from impasto.builders import GenerateRequest, GenerationPlan, plan_generation
from impasto.models.identity import ModelRecord
from impasto.models.starters import install_bundled
from impasto.queue.batch import expand
from impasto.queue.models import Batch
from tests.generation.helpers import DEMO_MODEL, Studio, make_services
from tests.models.factory import (
    write_controlnet,
    write_esrgan,
    write_lora,
    write_sd1_diffusers,
    write_sdxl_diffusers,
    write_t2i_adapter,
    write_vae,
)

torch.set_num_threads(1)


@dataclass
class Models:
    """The installed models, by role."""

    demo: ModelRecord
    sd1: ModelRecord
    sd1_inpaint: ModelRecord
    sdxl: ModelRecord
    refiner: ModelRecord
    lora: ModelRecord
    lora_xl: ModelRecord
    controlnet: ModelRecord
    controlnet_xl: ModelRecord
    adapter: ModelRecord
    vae: ModelRecord
    vae_xl: ModelRecord
    upscaler: ModelRecord


@pytest.fixture(scope="package")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("graphs") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="package")
def models(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> Models:
    folder = tmp_path_factory.mktemp("graph-models")
    return Models(
        demo=install_bundled(studio.services.models, DEMO_MODEL),  # as a fresh root has it
        sd1=studio.install(write_sd1_diffusers(folder / "sd1"), name="Tiny SD1"),
        sd1_inpaint=studio.install(write_sd1_diffusers(folder / "sd1-inpaint", variant="inpaint")),
        sdxl=studio.install(write_sdxl_diffusers(folder / "xl"), name="Tiny XL"),
        refiner=studio.install(write_sdxl_diffusers(folder / "refiner", refiner=True), name="Tiny Refiner"),
        lora=studio.install(write_lora(folder / "lora.safetensors", seed=3), name="Tiny LoRA"),
        lora_xl=studio.install(write_lora(folder / "lora-xl.safetensors", base="sdxl"), name="XL LoRA"),
        controlnet=studio.install(write_controlnet(folder / "controlnet"), name="Tiny ControlNet"),
        controlnet_xl=studio.install(write_controlnet(folder / "controlnet-xl", base="sdxl")),
        adapter=studio.install(write_t2i_adapter(folder / "adapter"), name="Tiny Adapter"),
        vae=studio.install(write_vae(folder / "vae"), name="Tiny VAE"),
        vae_xl=studio.install(write_vae(folder / "vae-xl", base="sdxl"), name="XL VAE"),
        upscaler=studio.install(write_esrgan(folder / "x4.safetensors", scale=4), name="Tiny ESRGAN"),
    )


def plan(studio: Studio, **fields: Any) -> GenerationPlan:
    """The checked plan of a request over the studio's installation."""
    services = studio.services
    return plan_generation(GenerateRequest(**fields), services.generation_sources(), services.registry)


def run(studio: Studio, generation: GenerationPlan, item: int = 0) -> dict[str, Any]:
    """Run one item of a plan through the engine (with the node cache) and return its outputs."""
    services = studio.services
    batch = Batch.model_validate(
        {"graph": generation.graph, "data": [[d.model_dump() for d in g] for g in generation.data]}
    )
    values = list(expand(batch))[item]
    graph = generation.graph.with_values(values)
    result = services.executor.run(graph, services.execution_services(graph=graph))
    outputs: dict[str, Any] = result.to_json()
    return outputs


def saved(studio: Studio, outputs: dict[str, Any]) -> Image.Image:
    """The image the save node stored."""
    return studio.services.images.load(outputs["outputs"]["save"]["image"]["image_name"])
