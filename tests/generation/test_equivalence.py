"""Our denoise loop against diffusers' own pipelines on tiny SD 1.x and SDXL models.

Both sides get the same prompt embeddings (so this checks the loop, not prompt encoding), the same
scheduler and the same initial latents. diffusers multiplies given latents by the scheduler's
``init_noise_sigma``, so it is handed ours divided by it. Stochastic schedulers get the same generator.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

from impasto.generation.noise import make_noise, step_generator
from impasto.generation.schedulers import make_scheduler
from impasto.generation.sd.cond_batch import batch_conditioning
from impasto.generation.sd.cond_data import BasicConditioning, SDXLConditioning
from impasto.generation.sd.loop import DenoiseSettings, LoopInputs, denoise
from impasto.generation.vae import decode, tensor_to_image
from tests.models.factory.folders import sd1_pipeline, sdxl_pipeline

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CPU = torch.device("cpu")
SEED = 1234
STEPS = 4


def initial(scheduler_name: str, config: Any, noise: torch.Tensor) -> torch.Tensor:
    """What diffusers must be given so that, times ``init_noise_sigma``, it starts where we start."""
    scheduler = make_scheduler(scheduler_name, config, seed=SEED)
    scheduler.set_timesteps(STEPS)
    start = scheduler.add_noise(torch.zeros_like(noise), noise, scheduler.timesteps[:1])
    result: torch.Tensor = start / scheduler.init_noise_sigma
    return result


def ours(pipe: Any, name: str, config: Any, positive: Any, negative: Any, **settings: Any) -> torch.Tensor:
    cond = batch_conditioning(positive, negative, pipe.unet.config, device=CPU, dtype=torch.float32)
    noise = make_noise(SEED, width=64, height=64)
    inputs = LoopInputs(cond, noise, None, DenoiseSettings(steps=STEPS, seed=SEED, **settings))
    scheduler = make_scheduler(name, config, seed=SEED)
    return denoise(pipe.unet, scheduler, inputs, generator=step_generator(SEED, CPU))


@pytest.fixture(scope="module")
def sd1() -> Any:
    return sd1_pipeline()


@pytest.fixture(scope="module")
def sdxl() -> Any:
    return sdxl_pipeline()


@pytest.mark.parametrize("name", ["euler", "dpmpp_2m_k", "ddim", "euler_a", "heun"])
def test_sd1_matches_stable_diffusion_pipeline(sd1: Any, name: str) -> None:
    config = dict(sd1.scheduler.config)
    positive, negative = sd1.encode_prompt("a red circle", CPU, 1, True, "blurry")
    latents = ours(sd1, name, config, BasicConditioning(positive), BasicConditioning(negative), cfg_scale=5.0)
    sd1.scheduler = make_scheduler(name, config, seed=SEED)
    theirs = sd1(
        prompt_embeds=positive, negative_prompt_embeds=negative, num_inference_steps=STEPS,
        guidance_scale=5.0, latents=initial(name, config, make_noise(SEED, width=64, height=64)),
        height=64, width=64, output_type="latent", generator=step_generator(SEED, CPU),
    ).images  # fmt: skip
    torch.testing.assert_close(latents, theirs, atol=1e-5, rtol=1e-5)
    image = np.asarray(tensor_to_image(decode(sd1.vae, latents, CPU)), dtype=np.int16)
    with torch.no_grad():
        decoded = sd1.vae.decode(theirs / sd1.vae.config.scaling_factor).sample
    their_image = sd1.image_processor.postprocess(decoded)
    assert np.abs(image - np.asarray(their_image[0], dtype=np.int16)).max() <= 1


def xl(embeds: torch.Tensor, pooled: torch.Tensor) -> SDXLConditioning:
    return SDXLConditioning(embeds, pooled, (64, 64), (0, 0), (64, 64))


@pytest.mark.parametrize("name", ["euler", "dpmpp_2m"])
def test_sdxl_matches_stable_diffusion_xl_pipeline(sdxl: Any, name: str) -> None:
    config = dict(sdxl.scheduler.config)
    pos, neg, pooled, neg_pooled = sdxl.encode_prompt("a red circle", negative_prompt="blurry", device=CPU)
    latents = ours(sdxl, name, config, xl(pos, pooled), xl(neg, neg_pooled), cfg_scale=5.0, cfg_rescale=0.5)
    sdxl.scheduler = make_scheduler(name, config, seed=SEED)
    theirs = sdxl(
        prompt_embeds=pos, negative_prompt_embeds=neg, pooled_prompt_embeds=pooled,
        negative_pooled_prompt_embeds=neg_pooled, num_inference_steps=STEPS, guidance_scale=5.0,
        guidance_rescale=0.5, latents=initial(name, config, make_noise(SEED, width=64, height=64)),
        height=64, width=64, output_type="latent",
    ).images  # fmt: skip
    torch.testing.assert_close(latents, theirs, atol=1e-5, rtol=1e-5)
    image = np.asarray(tensor_to_image(decode(sdxl.vae, latents, CPU)), dtype=np.int16)
    with torch.no_grad():
        decoded = sdxl.vae.decode(theirs / sdxl.vae.config.scaling_factor).sample
    their_image = sdxl.image_processor.postprocess(decoded)
    assert np.abs(image - np.asarray(their_image[0], dtype=np.int16)).max() <= 1


def test_sdxl_refiner_hand_off_matches_the_ensemble_of_experts(sdxl: Any) -> None:
    """Base to denoising_end 0.5, refiner from denoising_start 0.5 on the base's latents (no new noise)."""
    refiner = sdxl_pipeline(refiner=True)
    config, refiner_config = dict(sdxl.scheduler.config), dict(refiner.scheduler.config)
    pos, neg, pooled, neg_pooled = sdxl.encode_prompt("a red circle", negative_prompt="blurry", device=CPU)
    base = ours(sdxl, "euler", config, xl(pos, pooled), xl(neg, neg_pooled), cfg_scale=5.0, denoising_end=0.5)
    r_pos, r_neg, r_pooled, r_neg_pooled = refiner.encode_prompt(
        "a red circle", negative_prompt="blurry", device=CPU
    )
    cond = batch_conditioning(
        xl(r_pos, r_pooled), xl(r_neg, r_neg_pooled), refiner.unet.config, device=CPU, dtype=torch.float32
    )
    settings = DenoiseSettings(steps=STEPS, cfg_scale=5.0, denoising_start=0.5, seed=SEED)
    scheduler = make_scheduler("euler", refiner_config)
    refined = denoise(refiner.unet, scheduler, LoopInputs(cond, None, base, settings), generator=None)

    sdxl.scheduler = make_scheduler("euler", config)
    their_base = sdxl(
        prompt_embeds=pos, negative_prompt_embeds=neg, pooled_prompt_embeds=pooled,
        negative_pooled_prompt_embeds=neg_pooled, num_inference_steps=STEPS, guidance_scale=5.0,
        denoising_end=0.5, latents=initial("euler", config, make_noise(SEED, width=64, height=64)),
        height=64, width=64, output_type="latent",
    ).images  # fmt: skip
    assert type(refiner).__name__ == "StableDiffusionXLImg2ImgPipeline"
    refiner.scheduler = make_scheduler("euler", refiner_config)
    their_refined = refiner(
        prompt_embeds=r_pos, negative_prompt_embeds=r_neg, pooled_prompt_embeds=r_pooled,
        negative_pooled_prompt_embeds=r_neg_pooled, image=their_base, num_inference_steps=STEPS,
        guidance_scale=5.0, denoising_start=0.5, output_type="latent",
    ).images  # fmt: skip
    torch.testing.assert_close(base, their_base, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(refined, their_refined, atol=1e-5, rtol=1e-5)
    assert not torch.allclose(refined, base)
