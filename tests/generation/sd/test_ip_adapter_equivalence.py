"""IP-Adapter attention against diffusers' own IP-Adapter path (``pipeline.load_ip_adapter``) on a tiny
SD 1.x pipeline: same adapter file, same image encoder, same prompt embeddings and initial latents; one
reference image, and several used together by one adapter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from PIL import Image
from safetensors.torch import load_file
from transformers import CLIPImageProcessor

from impasto.generation.noise import make_noise
from impasto.generation.schedulers import make_scheduler
from impasto.generation.sd.cond_batch import batch_conditioning
from impasto.generation.sd.cond_data import BasicConditioning
from impasto.generation.sd.ip_adapter import ip_adapter_attention, make_unit
from impasto.generation.sd.loop import DenoiseSettings, LoopInputs, denoise
from tests.generation.helpers import pattern
from tests.models.factory.folders import sd1_pipeline
from tests.models.factory.ip_adapters import (
    ENCODER_IMAGE_SIZE,
    adapter_parts,
    clip_vision_encoder,
    write_ip_adapter_for,
)

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CPU = torch.device("cpu")
SEED = 99
STEPS = 3
WEIGHT = 0.8


def ours(
    pipe: Any,
    path: Path,
    encoder: Any,
    image: Image.Image | list[Image.Image],
    embeds: tuple[torch.Tensor, ...],
) -> Any:
    cond = batch_conditioning(
        BasicConditioning(embeds[0]), BasicConditioning(embeds[1]), pipe.unet.config, device=CPU,
        dtype=torch.float32,
    )  # fmt: skip
    unit = make_unit(
        adapter_parts(load_file(str(path))), encoder, image, device=CPU, dtype=torch.float32, weight=WEIGHT
    )
    settings = DenoiseSettings(steps=STEPS, cfg_scale=5.0, seed=SEED)
    scheduler = make_scheduler("euler", dict(pipe.scheduler.config))
    with ip_adapter_attention(pipe.unet, [unit], (8, 8), sdxl=False) as extension:
        inputs = LoopInputs(
            cond, make_noise(SEED, width=64, height=64), None, settings, extensions=[extension]
        )
        return denoise(pipe.unet, scheduler, inputs, generator=None)


def theirs(
    pipe: Any,
    path: Path,
    encoder: Any,
    image: Image.Image | list[Image.Image],
    embeds: tuple[torch.Tensor, ...],
) -> Any:
    """diffusers' pipeline; a list of images is given as the one adapter's images (``[[a, b]]``)."""
    config = dict(pipe.scheduler.config)
    scheduler = make_scheduler("euler", config)
    scheduler.set_timesteps(STEPS)
    noise = make_noise(SEED, width=64, height=64)
    start = (
        scheduler.add_noise(torch.zeros_like(noise), noise, scheduler.timesteps[:1])
        / scheduler.init_noise_sigma
    )
    pipe.scheduler = make_scheduler("euler", config)
    pipe.load_ip_adapter(
        str(path.parent),
        subfolder="",
        weight_name=path.name,
        image_encoder_folder=None,
        low_cpu_mem_usage=False,
    )
    size = {"shortest_edge": ENCODER_IMAGE_SIZE}
    crop = {"height": ENCODER_IMAGE_SIZE, "width": ENCODER_IMAGE_SIZE}
    pipe.register_modules(
        image_encoder=encoder, feature_extractor=CLIPImageProcessor(size=size, crop_size=crop)
    )
    pipe.set_ip_adapter_scale(WEIGHT)
    return pipe(
        prompt_embeds=embeds[0], negative_prompt_embeds=embeds[1], num_inference_steps=STEPS,
        guidance_scale=5.0, latents=start, height=64, width=64, output_type="latent",
        ip_adapter_image=[image] if isinstance(image, list) else image,
    ).images  # fmt: skip


@pytest.mark.parametrize("kind", ["plain", "plus", "full"])
def test_matches_diffusers_ip_adapter(kind: str, tmp_path: Path) -> None:
    pipe = sd1_pipeline()
    encoder = clip_vision_encoder()
    path = write_ip_adapter_for(tmp_path / f"ip-{kind}.safetensors", pipe.unet, kind)  # type: ignore[arg-type]
    image = pattern(ENCODER_IMAGE_SIZE, seed=3)
    embeds = pipe.encode_prompt("a red circle", CPU, 1, True, "blurry")
    plain_run = ours(pipe, path, encoder, image, embeds)
    with_ip = ours(pipe, path, encoder, image, embeds)
    assert torch.equal(plain_run, with_ip)  # deterministic, and the processors were restored in between
    result = theirs(pipe, path, encoder, image, embeds)
    torch.testing.assert_close(with_ip, result, atol=1e-4, rtol=1e-4)


@pytest.mark.parametrize("kind", ["plain", "plus", "full"])
def test_several_images_of_one_adapter_match_diffusers(kind: str, tmp_path: Path) -> None:
    pipe = sd1_pipeline()
    encoder = clip_vision_encoder()
    path = write_ip_adapter_for(tmp_path / f"ip-{kind}.safetensors", pipe.unet, kind)  # type: ignore[arg-type]
    images = [pattern(ENCODER_IMAGE_SIZE, seed=3), pattern(ENCODER_IMAGE_SIZE, seed=8)]
    embeds = pipe.encode_prompt("a red circle", CPU, 1, True, "blurry")
    together = ours(pipe, path, encoder, images, embeds)
    assert not torch.allclose(together, ours(pipe, path, encoder, images[0], embeds), atol=1e-3)
    torch.testing.assert_close(together, theirs(pipe, path, encoder, images, embeds), atol=1e-4, rtol=1e-4)
