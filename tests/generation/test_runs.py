"""Whole runs with the bundled demo model: progress with previews, cancellation through the queue worker,
out-of-memory handling, and the same image from the same seed in separate processes."""

from __future__ import annotations

import base64
import hashlib
import io
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image

from impasto.events import Event
from impasto.generation.memory import OutOfDeviceMemoryError
from impasto.generation.previews import fit_preview
from impasto.generation.vae import encode, image_to_tensor
from impasto.nodes.latents import NoiseNode
from impasto.nodes.refs import ModelRef
from impasto.nodes.sd.denoise import DenoiseLatentsNode
from impasto.nodes.sd.models import MainModelLoaderNode
from impasto.queue.events import NodeProgress
from impasto.queue.models import Batch, ItemStatus
from tests.generation.helpers import DEMO_MODEL, Studio, make_services, pattern, solid, unet_hook
from tests.graph.stubs import GraphBuilder

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
REPO = Path(__file__).parents[2]
PROMPT = "a red circle on a blue background"


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("runs") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def demo(studio: Studio) -> str:
    return studio.install(DEMO_MODEL).key


def text_to_image(key: str, *, steps: int = 8, seed: int = 42) -> GraphBuilder:
    """The standard text-to-image graph, with the prompt nodes."""
    return (
        GraphBuilder()
        .add("model", "main_model_loader", model={"key": key})
        .add("positive", "compel", prompt=PROMPT)
        .add("negative", "compel", prompt="")
        .add("noise", "noise", seed=seed, width=64, height=64)
        .add("denoise", "denoise_latents", steps=steps, cfg_scale=5.0, scheduler="dpmpp_2m")
        .add("decode", "l2i")
        .edge("model.clip", "positive.clip")
        .edge("model.clip", "negative.clip")
        .edge("model.vae", "noise.vae")
        .edge("model.unet", "denoise.unet")
        .edge("model.vae", "decode.vae")
        .edge("positive.conditioning", "denoise.positive_conditioning")
        .edge("negative.conditioning", "denoise.negative_conditioning")
        .edge("noise.latents", "denoise.noise")
        .edge("denoise.latents", "decode.latents")
    )


def test_progress_is_reported_every_step_with_a_preview(studio: Studio, demo: str) -> None:
    studio.progress.clear()
    outputs = studio.run(text_to_image(demo, steps=6))
    reports = [p for node_type, p in studio.progress if node_type == "denoise_latents"]
    assert [round(p.percentage or 0) for p in reports] == [17, 33, 50, 67, 83, 100]
    assert reports[-1].message == "denoising: step 6 of 6"
    last = reports[-1].preview
    assert last is not None
    assert (last["width"], last["height"]) == (16, 16)
    preview = Image.open(io.BytesIO(base64.b64decode(last["data_url"].split(",", 1)[1]))).convert("RGB")
    final = studio.image(outputs["decode"]["image"]).resize((16, 16), Image.Resampling.BOX)
    shown, drawn = np.asarray(preview, dtype=float), np.asarray(final, dtype=float)
    circle = drawn[..., 0] - drawn[..., 2] > 100  # red on blue
    assert 0 < circle.sum() < circle.size, "the demo model should draw a red circle on blue"
    redness = shown[..., 0] - shown[..., 2]
    assert redness[circle].mean() > redness[~circle].mean() + 100  # the preview shows it too


def test_a_fitted_preview_map_approximates_the_colors(studio: Studio, demo: str) -> None:
    """The demo VAE gets a fitted map: far better than guessing grey (64 levels off on random colors)."""
    loaded = studio.services.resources.models.load(demo, "vae")
    cpu = torch.device("cpu")
    with loaded.lock() as vae:
        preview = fit_preview(vae, cpu)
        assert fit_preview(vae, cpu) == preview  # seeded
        shown = preview.image(encode(vae, image_to_tensor(pattern(seed=5)), cpu))
        red = np.asarray(preview.image(encode(vae, image_to_tensor(solid((200, 30, 30), 32)), cpu)))[4, 4]
        blue = np.asarray(preview.image(encode(vae, image_to_tensor(solid((30, 30, 200), 32)), cpu)))[4, 4]
    expected = np.asarray(pattern(seed=5).resize(shown.size, Image.Resampling.BOX), dtype=float)
    assert np.abs(np.asarray(shown, dtype=float) - expected).mean() < 45
    assert red.argmax() == 0
    assert blue.argmax() == 2


def test_cancel_stops_the_running_item_within_a_step(studio: Studio, demo: str) -> None:
    services = studio.services
    steps_seen: list[float] = []
    item: dict[str, int] = {}
    canceled = threading.Event()

    def on_event(event: Event) -> None:
        if isinstance(event, NodeProgress) and event.node_type == "denoise_latents":
            steps_seen.append(event.percentage or 0)
            if len(steps_seen) == 3:
                services.queue.cancel([item["id"]])
                canceled.set()

    unsubscribe = services.events.subscribe(on_event)
    services.worker.start()
    try:
        (item["id"],) = services.queue.enqueue(Batch(graph=text_to_image(demo, steps=200).build())).item_ids
        assert canceled.wait(60)
        services.worker.stop(30)
    finally:
        unsubscribe()
    assert services.queue.get(item["id"]).status is ItemStatus.CANCELED
    assert len(steps_seen) == 3  # the next step checked and stopped


def test_out_of_memory_empties_the_cache_and_says_what_to_do(studio: Studio, demo: str) -> None:
    def exhaust(module: Any, args: Any, output: Any) -> None:
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB")

    model = studio.invoke(MainModelLoaderNode(id="m", model=ModelRef(key=demo)))
    noise = studio.invoke(NoiseNode(id="n", seed=1, width=64, height=64, vae=model.vae)).latents
    node = DenoiseLatentsNode(
        id="d", unet=model.unet, noise=noise, steps=2,
        positive_conditioning=studio.conditioning(demo, PROMPT),
        negative_conditioning=studio.conditioning(demo, ""),
    )  # fmt: skip
    handle = unet_hook(studio, demo, exhaust)
    try:
        with pytest.raises(OutOfDeviceMemoryError) as info:
            studio.invoke(node)
    finally:
        handle.remove()
    assert "smaller image size" in info.value.message
    assert "partial loading" in info.value.message
    assert info.value.status_code == 507
    assert studio.services.model_cache.stats().entries == []
    assert studio.invoke(node).latents.latents_name  # works again, from freshly loaded models


_RENDER = """
import hashlib, sys
from pathlib import Path
import torch
torch.set_num_threads(1)
sys.path.insert(0, {repo!r})
from tests.generation.helpers import DEMO_MODEL, Studio, make_services
from tests.generation.test_runs import text_to_image
studio = Studio(make_services(Path({root!r})))
key = studio.install(DEMO_MODEL).key
outputs = studio.run(text_to_image(key))
image = studio.image(outputs["decode"]["image"])
print(hashlib.sha256(image.tobytes()).hexdigest())
studio.services.close()
"""


def test_the_same_seed_renders_the_same_pixels_in_separate_processes(
    studio: Studio, demo: str, tmp_path: Path
) -> None:
    """A fresh process (its own root, model load, caches) renders exactly what this one renders."""
    code = _RENDER.format(repo=str(REPO), root=str(tmp_path / "root"))
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=240, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    here = studio.image(studio.run(text_to_image(demo))["decode"]["image"])
    assert run.stdout.strip().splitlines()[-1] == hashlib.sha256(here.tobytes()).hexdigest()
