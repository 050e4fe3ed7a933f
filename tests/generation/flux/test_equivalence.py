"""Our FLUX prompt encoding and denoise loop against diffusers' own FLUX pipelines on tiny models.

Both sides get the same prompt embeddings (so the loop is checked, not prompt encoding) and the same
initial noise; latents are compared unpacked, (1, 16, h, w).
"""

from __future__ import annotations

from typing import Any

import pytest
import torch
from diffusers import FluxImg2ImgPipeline
from PIL import Image

from impasto.generation.flux.conditioning import FluxConditioning
from impasto.generation.flux.loop import FluxLoopInputs, FluxSettings, denoise_flux
from impasto.generation.flux.packing import pack, unpack
from impasto.generation.flux.schedule import make_flow_scheduler
from impasto.generation.flux.text import encode_flux_prompt
from impasto.generation.noise import make_noise
from impasto.generation.vae import image_to_tensor
from tests.models.factory.folders import flux_pipeline

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CPU = torch.device("cpu")
SEED = 1234
STEPS = 4
SIZE = 64
SEQ = 32  # T5 tokens: enough for the test prompts


def evaluating(pipe: Any) -> Any:
    """The pipeline with every module in eval mode (no dropout), as the model loader prepares them."""
    for part in pipe.components.values():
        if isinstance(part, torch.nn.Module):
            part.eval()
    return pipe


@pytest.fixture(scope="module")
def dev() -> Any:
    return evaluating(flux_pipeline("dev"))


@pytest.fixture(scope="module")
def schnell() -> Any:
    return evaluating(flux_pipeline("schnell"))


def encoded(pipe: Any, prompt: str) -> FluxConditioning:
    embeds, pooled, _ = pipe.encode_prompt(prompt, None, device=CPU, max_sequence_length=SEQ)
    return FluxConditioning(t5_embeds=embeds, clip_pooled=pooled)


def noise() -> torch.Tensor:
    return make_noise(SEED, width=SIZE, height=SIZE, channels=16)


def ours(pipe: Any, inputs: FluxLoopInputs, scheduler: str = "euler") -> torch.Tensor:
    config = dict(pipe.scheduler.config)
    return denoise_flux(pipe.transformer, make_flow_scheduler(scheduler, config), config, inputs)


def theirs(pipe: Any, cond: FluxConditioning, **kwargs: Any) -> torch.Tensor:
    packed = pipe(
        prompt_embeds=cond.t5_embeds, pooled_prompt_embeds=cond.clip_pooled, latents=pack(noise()),
        height=SIZE, width=SIZE, num_inference_steps=STEPS, output_type="latent", **kwargs,
    ).images  # fmt: skip
    return unpack(packed, SIZE // 8, SIZE // 8)


def test_prompt_encoding_matches_flux_pipeline(dev: Any) -> None:
    prompt = "a red circle on a blue square"
    ours_ = encode_flux_prompt(
        (dev.tokenizer, dev.text_encoder), (dev.tokenizer_2, dev.text_encoder_2), prompt, SEQ, CPU
    )
    embeds, pooled, _ = dev.encode_prompt(prompt, None, device=CPU, max_sequence_length=SEQ)
    assert ours_.t5_embeds.shape == (1, SEQ, embeds.shape[-1])
    torch.testing.assert_close(ours_.t5_embeds, embeds, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(ours_.clip_pooled, pooled, atol=1e-5, rtol=1e-5)


def test_dev_with_guidance_matches_flux_pipeline(dev: Any) -> None:
    cond = encoded(dev, "a red circle")
    settings = FluxSettings(steps=STEPS, guidance=5.0, seed=SEED)
    latents = ours(dev, FluxLoopInputs(cond, settings, noise=noise()))
    torch.testing.assert_close(latents, theirs(dev, cond, guidance_scale=5.0), atol=1e-4, rtol=1e-4)
    other = ours(dev, FluxLoopInputs(cond, FluxSettings(steps=STEPS, guidance=1.0), noise=noise()))
    assert not torch.allclose(latents, other)


def test_schnell_matches_flux_pipeline_and_ignores_guidance(schnell: Any) -> None:
    cond = encoded(schnell, "a red circle")
    latents = ours(schnell, FluxLoopInputs(cond, FluxSettings(steps=STEPS, guidance=9.0), noise=noise()))
    torch.testing.assert_close(latents, theirs(schnell, cond, guidance_scale=0.0), atol=1e-4, rtol=1e-4)
    plain = ours(schnell, FluxLoopInputs(cond, FluxSettings(steps=STEPS, guidance=1.0), noise=noise()))
    assert torch.equal(latents, plain)


def test_true_cfg_matches_flux_pipeline(dev: Any) -> None:
    cond, negative = encoded(dev, "a red circle"), encoded(dev, "blurry")
    settings = FluxSettings(steps=STEPS, guidance=3.5, cfg_scale=2.5)
    latents = ours(dev, FluxLoopInputs(cond, settings, noise=noise(), negative=negative))
    expected = theirs(
        dev, cond, guidance_scale=3.5, true_cfg_scale=2.5,
        negative_prompt_embeds=negative.t5_embeds, negative_pooled_prompt_embeds=negative.clip_pooled,
    )  # fmt: skip
    torch.testing.assert_close(latents, expected, atol=1e-4, rtol=1e-4)
    off = ours(dev, FluxLoopInputs(cond, FluxSettings(steps=STEPS), noise=noise(), negative=negative))
    assert torch.equal(off, ours(dev, FluxLoopInputs(cond, FluxSettings(steps=STEPS), noise=noise())))


def test_image_to_image_matches_flux_img2img_pipeline(dev: Any) -> None:
    image = Image.new("RGB", (SIZE, SIZE), (200, 40, 40))
    cond = encoded(dev, "a red circle")
    generator = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        sampled = dev.vae.encode(image_to_tensor(image)).latent_dist.sample(generator)
    source = (sampled - dev.vae.config.shift_factor) * dev.vae.config.scaling_factor
    start_noise = torch.randn(source.shape, generator=generator)
    settings = FluxSettings(steps=STEPS, denoising_start=0.5)
    latents = ours(dev, FluxLoopInputs(cond, settings, noise=start_noise, latents=source))
    img2img: Any = FluxImg2ImgPipeline(**dev.components)  # type: ignore[no-untyped-call]
    packed = img2img(
        image=image, strength=0.5, prompt_embeds=cond.t5_embeds, pooled_prompt_embeds=cond.clip_pooled,
        height=SIZE, width=SIZE, num_inference_steps=STEPS, guidance_scale=3.5, output_type="latent",
        generator=torch.Generator().manual_seed(SEED),
    ).images  # fmt: skip
    torch.testing.assert_close(latents, unpack(packed, SIZE // 8, SIZE // 8), atol=1e-4, rtol=1e-4)


@pytest.mark.parametrize("name", ["heun", "lcm"])
def test_other_flow_schedulers_run(dev: Any, name: str) -> None:
    cond = encoded(dev, "a red circle")
    settings = FluxSettings(steps=STEPS, seed=SEED)
    latents = ours(dev, FluxLoopInputs(cond, settings, noise=noise()), name)
    assert latents.shape == (1, 16, SIZE // 8, SIZE // 8)
    assert torch.isfinite(latents).all()
    assert not torch.allclose(latents, ours(dev, FluxLoopInputs(cond, settings, noise=noise())))


def test_cancellation_is_checked_before_every_step(dev: Any) -> None:
    class StopError(Exception):
        pass

    checks: list[int] = []

    def check() -> None:
        checks.append(1)
        if len(checks) == 3:
            raise StopError

    calls: list[int] = []
    handle = dev.transformer.register_forward_pre_hook(lambda *_: calls.append(1))
    inputs = FluxLoopInputs(
        encoded(dev, "a red circle"), FluxSettings(steps=STEPS), noise=noise(), check_cancel=check
    )
    try:
        with pytest.raises(StopError):
            ours(dev, inputs)
    finally:
        handle.remove()
    assert len(calls) == 2
