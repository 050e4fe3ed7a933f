"""The FLUX nodes with a tiny FLUX.1 folder installed through the model manager: a text-to-image graph
through the engine and through the queue worker, image to image, inpainting (ordinary and Fill), LoRAs,
cancellation and the checks on what is connected."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from impasto.graph import CancelToken
from impasto.graph.executor import NodeError
from impasto.graph.validation import GraphValidationError
from impasto.queue.models import Batch, ItemStatus
from tests.generation.helpers import Studio, make_services
from tests.graph.stubs import GraphBuilder
from tests.models.factory import write_flux_diffusers
from tests.models.factory.lora import write_lora

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SIZE = 32


class Models:
    def __init__(self, studio: Studio, folder: Path) -> None:
        self.dev = studio.install(write_flux_diffusers(folder / "flux-dev"))
        self.fill = studio.install(write_flux_diffusers(folder / "flux-fill", variant="fill"))
        self.lora = studio.install(
            write_lora(folder / "flux-lora.safetensors", style="kohya", base="flux", seed=2)
        )


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("flux") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def models(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> Models:
    return Models(studio, tmp_path_factory.mktemp("models"))


def fails(match: str) -> Any:
    """The error a graph run raises for a bad input (validation, or the node's own check)."""
    return pytest.raises((NodeError, GraphValidationError), match=match)


def txt2img(key: str, prompt: str = "a red circle", **denoise: Any) -> GraphBuilder:
    """flux_model_loader → flux_text_encoder → flux_denoise (noise from the FLUX VAE) → flux_vae_decode."""
    settings = {"num_steps": 2, **denoise}
    return (
        GraphBuilder()
        .add("model", "flux_model_loader", model={"key": key})
        .add("prompt", "flux_text_encoder", prompt=prompt, t5_max_seq_len=16)
        .add("noise", "noise", seed=5, width=SIZE, height=SIZE)
        .add("denoise", "flux_denoise", **settings)
        .add("decode", "flux_vae_decode")
        .edge("model.clip", "prompt.clip")
        .edge("model.t5_encoder", "prompt.t5_encoder")
        .edge("model.vae", "noise.vae")
        .edge("model.transformer", "denoise.transformer")
        .edge("prompt.conditioning", "denoise.positive_text_conditioning")
        .edge("noise.latents", "denoise.noise")
        .edge("denoise.latents", "decode.latents")
        .edge("model.vae", "decode.vae")
    )


def pixels(studio: Studio, output: dict[str, Any]) -> np.ndarray:
    return np.asarray(studio.image(output["image"]), dtype=np.int16)


def test_text_to_image_graph_runs_and_is_reproducible(studio: Studio, models: Models) -> None:
    studio.progress.clear()
    outputs = studio.run(txt2img(models.dev.key))
    assert outputs["model"]["max_seq_len"] == 512
    latents = studio.latents(outputs["denoise"]["latents"])
    assert latents.shape == (1, 16, SIZE // 8, SIZE // 8)
    first = pixels(studio, outputs["decode"])
    assert first.shape == (SIZE, SIZE, 3)
    assert np.array_equal(first, pixels(studio, studio.run(txt2img(models.dev.key))["decode"]))
    other = studio.run(txt2img(models.dev.key, prompt="a blue square", guidance=7.0))["decode"]
    assert not np.array_equal(first, pixels(studio, other))
    previews = [p for kind, p in studio.progress if kind == "flux_denoise" and p.preview is not None]
    assert len(previews) == 6  # three runs of two steps


def test_the_graph_runs_through_the_queue_worker(studio: Studio, models: Models) -> None:
    services = studio.services
    (item_id,) = services.queue.enqueue(Batch(graph=txt2img(models.dev.key).build())).item_ids
    services.worker.start()
    try:
        deadline = time.monotonic() + 120
        while services.queue.get(item_id).status in (ItemStatus.PENDING, ItemStatus.IN_PROGRESS):
            assert time.monotonic() < deadline, "the queue item did not finish"
            time.sleep(0.1)
    finally:
        services.worker.stop(10)
    item = services.queue.get(item_id)
    assert item.status == ItemStatus.COMPLETED, item.error_message
    direct = studio.run(txt2img(models.dev.key))["decode"]
    assert item.result is not None
    assert np.array_equal(pixels(studio, item.result["outputs"]["decode"]), pixels(studio, direct))


def with_image(studio: Studio, graph: GraphBuilder, target: str, image: Image.Image) -> GraphBuilder:
    """``image`` stored and fed to the input ``target`` (node.field) through an image node."""
    node_id = "image_" + target.replace(".", "_")
    graph.add(node_id, "image", image=studio.save_image(image).model_dump())
    return graph.edge(f"{node_id}.image", target)


def source_image() -> Image.Image:
    image = Image.new("RGB", (SIZE, SIZE), (30, 120, 200))
    ImageDraw.Draw(image).ellipse((6, 6, 26, 26), fill=(220, 40, 40))
    return image


def with_source(studio: Studio, graph: GraphBuilder) -> GraphBuilder:
    """The source image encoded by the FLUX VAE into the denoise node's latents."""
    graph.add("encode", "flux_vae_encode").edge("model.vae", "encode.vae")
    graph.edge("encode.latents", "denoise.latents")
    return with_image(studio, graph, "encode.image", source_image())


def test_image_to_image_stays_closer_to_the_source(studio: Studio, models: Models) -> None:
    graph = with_source(studio, txt2img(models.dev.key, num_steps=4, denoising_start=0.5))
    outputs = studio.run(graph)
    result = studio.latents(outputs["denoise"]["latents"])
    text_only = studio.latents(studio.run(txt2img(models.dev.key, num_steps=4))["denoise"]["latents"])
    original = studio.latents(outputs["encode"]["latents"])
    assert (result - original).abs().mean() < (text_only - original).abs().mean()


def mask_image() -> Image.Image:
    mask = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(mask).rectangle((0, 0, SIZE // 2 - 1, SIZE - 1), fill=255)  # regenerate the left half
    return mask


def inpaint(studio: Studio, key: str, with_vae: bool, **denoise: Any) -> dict[str, Any]:
    graph = txt2img(key, num_steps=3, **denoise)
    graph.add("mask", "create_denoise_mask")
    with_image(studio, graph, "mask.mask", mask_image())
    graph.edge("mask.denoise_mask", "denoise.denoise_mask")
    if with_vae:
        with_image(studio, graph, "mask.image", source_image())
        graph.edge("model.vae", "mask.vae")
    else:
        with_source(studio, graph)
    return studio.run(graph)


def test_inpainting_keeps_the_unmasked_half(studio: Studio, models: Models) -> None:
    """The mask regenerates the left half: the right half's latents stay the source's (the tiny VAE's
    decoder mixes a 32-pixel image's halves too much to compare pixels)."""
    outputs = inpaint(studio, models.dev.key, with_vae=False)
    result = studio.latents(outputs["denoise"]["latents"])
    source = studio.latents(outputs["encode"]["latents"])
    half = SIZE // 16
    torch.testing.assert_close(result[..., half:], source[..., half:], atol=1e-6, rtol=0)
    assert (result[..., :half] - source[..., :half]).abs().mean() > 0.05
    assert pixels(studio, outputs["decode"]).shape == (SIZE, SIZE, 3)


def test_fill_models_take_the_mask_and_masked_image(studio: Studio, models: Models) -> None:
    with fails("FLUX Fill model"):
        studio.run(txt2img(models.fill.key))
    first = pixels(studio, inpaint(studio, models.fill.key, with_vae=True, guidance=30.0)["decode"])
    assert first.shape == (SIZE, SIZE, 3)
    other = pixels(studio, inpaint(studio, models.fill.key, with_vae=True, guidance=5.0)["decode"])
    assert not np.array_equal(first, other)


def test_lora_loader_changes_the_image(studio: Studio, models: Models) -> None:
    plain = studio.latents(studio.run(txt2img(models.dev.key))["denoise"]["latents"])
    graph = txt2img(models.dev.key)
    graph.add("lora", "flux_lora_loader", lora={"key": models.lora.key}, weight=1.0)
    graph.edges = [e for e in graph.edges if e.destination.field not in ("transformer", "clip")]
    graph.edge("model.transformer", "lora.transformer").edge("model.clip", "lora.clip")
    graph.edge("lora.transformer", "denoise.transformer").edge("lora.clip", "prompt.clip")
    adapted = studio.latents(studio.run(graph)["denoise"]["latents"])
    assert not torch.allclose(plain, adapted, atol=1e-4)
    again = studio.latents(studio.run(txt2img(models.dev.key))["denoise"]["latents"])
    assert torch.equal(plain, again)  # the cached transformer is left as it was


def test_cancellation_stops_the_run(studio: Studio, models: Models) -> None:
    from impasto.graph import CanceledError

    studio.cancel.cancel()
    try:
        with pytest.raises(CanceledError):
            studio.run(txt2img(models.dev.key))
    finally:
        studio.cancel = CancelToken()


def test_wrong_inputs_are_refused(studio: Studio, models: Models) -> None:
    with fails(r"unknown scheduler 'dpmpp_2m'.*euler"):
        studio.run(txt2img(models.dev.key, scheduler="dpmpp_2m"))
    graph = txt2img(models.dev.key)
    graph.edges = [e for e in graph.edges if e.destination.node_id != "noise"]
    with fails("16-channel latents"):
        studio.run(graph)
    with fails("connect the 'latents' input"):
        studio.run(txt2img(models.dev.key, denoising_start=0.5))


def test_lora_collection_loader_attaches_each_lora_once(studio: Studio, models: Models) -> None:
    graph = (
        GraphBuilder().add("model", "flux_model_loader", model={"key": models.dev.key}).add("all", "collect")
    )
    for index, weight in enumerate((0.5, 0.9)):
        graph.add(f"pick{index}", "lora_selector", lora={"key": models.lora.key}, weight=weight)
        graph.edge(f"pick{index}.lora", "all.item")
    graph.add("loras", "flux_lora_collection_loader").edge("all.collection", "loras.loras")
    graph.edge("model.transformer", "loras.transformer").edge("model.clip", "loras.clip")
    out = studio.run(graph)["loras"]
    assert [(lora["lora"]["key"], lora["weight"]) for lora in out["transformer"]["loras"]] == [
        (models.lora.key, 0.5)
    ]
    assert out["clip"]["loras"] == out["transformer"]["loras"]
