"""The size and memory guard on the standard graphs: what it forecasts, and what it refuses on a machine
with little memory (the machine's memory is the one thing given here; the models and graphs are real)."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image

from impasto.builders.upscale import UpscaleRequest, plan_upscale
from impasto.builders.workload import WorkloadGuard, stored_image_sizes
from impasto.graph import Graph, prepare
from impasto.graph.passes import forecast
from impasto.models.cache.devices import DeviceMemory
from impasto.models.limits import TooLargeError
from tests.builders.conftest import Models, plan
from tests.generation.helpers import Studio

GIB = 1024**3


def guard(studio: Studio, total_gib: float, free_gib: float | None = None) -> WorkloadGuard:
    """The guard of a machine with this much RAM (and this much of it free)."""
    memory = DeviceMemory("cpu", int(total_gib * GIB), int((free_gib or total_gib) * GIB))
    services = studio.services
    return WorkloadGuard(
        services.config, services.models, stored_image_sizes(services.images), memory=lambda: memory
    )


def passes(studio: Studio, **request: Any) -> set[tuple[str, str, int, int]]:
    prepared = prepare(plan(studio, prompt="x", **request).graph, studio.services.registry)
    found = forecast(prepared, image_sizes=stored_image_sizes(studio.services.images)).passes
    return {(str(p.kind), p.node_id, p.extent.width, p.extent.height) for p in found}


def test_the_forecast_follows_the_sizes_of_a_hires_fix(studio: Studio, models: Models) -> None:
    assert passes(studio, model=models.demo.key, hires_fix={"scale": 2}) == {
        ("denoise", "denoise", 64, 64),
        ("denoise", "hires_denoise", 128, 128),
        ("decode", "l2i", 128, 128),
    }
    upscaled = passes(studio, model=models.demo.key, hires_fix={"scale": 2, "upscaler": models.upscaler.key})
    assert {("decode", "hires_decode", 64, 64), ("upscale", "hires_upscale", 64, 64)} < upscaled
    assert ("encode", "hires_encode", 128, 128) in upscaled


def test_image_to_image_is_forecast_at_the_stored_images_size(studio: Studio, models: Models) -> None:
    name = studio.services.images.save(Image.new("RGB", (96, 48), (0, 0, 200)), intermediate=False)
    found = passes(studio, model=models.demo.key, init_image=name, strength=0.5)
    assert ("encode", "i2l", 96, 48) in found


def test_a_denoise_beyond_the_machines_memory_is_refused(studio: Studio, models: Models) -> None:
    small = guard(studio, total_gib=1, free_gib=0.5)
    big = prepare(
        plan(studio, prompt="x", model=models.demo.key, width=2048, height=2048).graph,
        studio.services.registry,
    )
    with pytest.raises(TooLargeError) as info:
        small.check(big)
    message = info.value.message
    assert message.startswith("node 'denoise' would denoise 2048x2048 needs about ")
    assert "of working memory, more than the 1.0 GiB of RAM this machine has" in message
    assert info.value.details["node_id"] == "noise"
    assert info.value.status_code == 422
    # 1024x1024 denoises in that memory; its decode would not fit in the free half at once, so it is
    # estimated (and run) in tiles, which fit
    fits = plan(studio, prompt="x", model=models.demo.key, width=1024, height=1024)
    small.check(prepare(fits.graph, studio.services.registry))


def test_an_untiled_upscale_too_large_for_the_machine_asks_for_tiles(studio: Studio, models: Models) -> None:
    name = studio.services.images.save(Image.new("RGB", (1024, 1024), (0, 0, 200)), intermediate=False)
    machine = guard(studio, total_gib=8)

    def check(tile_size: int) -> None:
        request = UpscaleRequest(image=name, model=models.upscaler.key, tile_size=tile_size)
        graph = plan_upscale(request, studio.services.generation_sources()).graph
        machine.check(prepare(graph, studio.services.registry))

    check(512)
    with pytest.raises(
        TooLargeError, match=r"upscale 1024x1024 needs about .*upscale in tiles \(tile_size 512\)"
    ):
        check(0)


def test_graphs_without_heavy_passes_need_no_model_lookup(studio: Studio) -> None:
    graph = {"nodes": {"blank": {"id": "blank", "type": "blank_image", "width": 8192, "height": 8192}}}
    guard(studio, total_gib=0.1).check(prepare(Graph.model_validate(graph), studio.services.registry))
