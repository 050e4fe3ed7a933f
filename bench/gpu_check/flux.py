"""FLUX.1 dev's transformer, and the two ways of running its text-to-image denoising.

The transformer is built from the shipped FLUX dev config (19 double and 38 single blocks, 24 heads of
128: about 12 billion parameters) with random bfloat16 weights made on the device, never in float32 and
never downloaded. The conditioning is random and of the real shapes: 512 T5 tokens of 4096 values and
CLIP-L's pooled 768, as the FLUX text encoder node stores them. The dry run keeps the block counts and
shrinks the widths (2 heads of 16, text widths / 8).

The diffusers loop is what ``FluxPipeline`` does per step with dev's distilled guidance and no true CFG
(pack the latents, shift the sigmas for the image's token count, one transformer call, Euler step),
using the pipeline's own packing, position ids and shift. Impasto's path is
:func:`impasto.generation.flux.run.run_flux_denoise`, called as the ``flux_denoise`` node calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import torch
from diffusers import FlowMatchEulerDiscreteScheduler, FluxTransformer2DModel
from diffusers.pipelines.flux.pipeline_flux import FluxPipeline, calculate_shift

from bench.gpu_check.architecture import (
    WIDTH_DIVISOR,
    Architecture,
    BuiltModel,
    default_dtype,
    latent_noise,
    random_module,
    shipped_scheduler,
    shipped_vae,
)
from bench.gpu_check.paths import MODEL_KEY, SEED, CachedModels, node_hooks
from impasto.generation.flux.conditioning import FluxConditioning
from impasto.generation.flux.loop import FluxSettings
from impasto.generation.flux.run import run_flux_denoise
from impasto.generation.flux.specs import FluxDenoiseRequest, TransformerSpec
from impasto.generation.runtime import Part
from impasto.models.configs import config_folder
from impasto.models.loaders.base import SubModel

GUIDANCE = 3.5  # dev's distilled guidance, the flux_denoise node's default
SCHEDULER = "euler"
T5_TOKENS = 512  # FLUX dev's maximum T5 sequence length
LATENT_CHANNELS = 16
VAE_FACTOR = 8
TINY_HEADS = 2
TINY_HEAD_DIM = 16
TINY_ROPE_AXES = [4, 6, 6]  # sums to the head dim; each even, as the rotary embedding needs


def transformer_config(*, tiny: bool) -> dict[str, Any]:
    """The shipped FLUX dev transformer config, or the dry run's narrow copy with the same block counts."""
    config = dict(FluxTransformer2DModel.load_config(config_folder("flux-dev") / "transformer"))
    if not tiny:
        return config
    for key in ("joint_attention_dim", "pooled_projection_dim"):
        if config[key] % WIDTH_DIVISOR:
            raise ValueError(f"{key}={config[key]} is not a multiple of {WIDTH_DIVISOR}")
        config[key] //= WIDTH_DIVISOR
    config.update(
        num_attention_heads=TINY_HEADS, attention_head_dim=TINY_HEAD_DIM, axes_dims_rope=TINY_ROPE_AXES
    )
    return config


def build_flux(arch: Architecture, *, tiny: bool, device: torch.device) -> BuiltModel:
    """The transformer (made in its dtype on ``device``, then kept in RAM), the VAE, the scheduler, and
    random conditioning and noise."""
    config = transformer_config(tiny=tiny)
    dtype = arch.dtype(device)
    size = arch.dry_image_size if tiny else arch.image_size
    with default_dtype(dtype):
        transformer = random_module(FluxTransformer2DModel, config, device, dtype)
        vae = shipped_vae(arch, device, dtype)
    tokens = T5_TOKENS // WIDTH_DIVISOR if tiny else T5_TOKENS
    workload = FluxWorkload(random_conditioning(config, tokens), latent_noise(size, LATENT_CHANNELS))
    return BuiltModel(arch, transformer, vae, shipped_scheduler(arch), size, dtype, workload)


def random_conditioning(config: dict[str, Any], tokens: int) -> FluxConditioning:
    """A random prompt of the shapes this transformer takes, on the CPU in float32 as the node stores it."""
    generator = torch.Generator().manual_seed(1)
    return FluxConditioning(
        t5_embeds=torch.randn(1, tokens, int(config["joint_attention_dim"]), generator=generator),
        clip_pooled=torch.randn(1, int(config["pooled_projection_dim"]), generator=generator),
    )


class FluxWorkload:
    """A FLUX dev text-to-image run: one prompt (no negative, no true CFG), distilled guidance, noise."""

    def __init__(self, positive: FluxConditioning, noise: torch.Tensor) -> None:
        self.positive = positive
        self.noise = noise  # (1, 16, h, w) on the CPU, float32, as the noise node makes it for FLUX

    def diffusers(
        self, denoiser: Any, scheduler_config: Any, device: torch.device, dtype: torch.dtype
    ) -> Callable[[int], torch.Tensor]:
        inputs = RawFluxInputs(self.positive, self.noise, device, dtype)
        return partial(run_flux_diffusers, denoiser, scheduler_config, inputs)

    def impasto(self, models: CachedModels, device: torch.device) -> Callable[[int], torch.Tensor]:
        def run(steps: int) -> torch.Tensor:
            return run_flux_denoise(
                models, flux_request(self.positive, self.noise, steps), node_hooks(device)
            )

        return run


def flux_request(positive: FluxConditioning, noise: torch.Tensor, steps: int) -> FluxDenoiseRequest:
    """Text to image from ``noise``, as the flux_denoise node asks for it."""
    return FluxDenoiseRequest(
        transformer=TransformerSpec(
            Part(MODEL_KEY, SubModel.TRANSFORMER), Part(MODEL_KEY, SubModel.SCHEDULER)
        ),
        positive=positive,
        settings=FluxSettings(steps=steps, guidance=GUIDANCE, seed=SEED),
        scheduler=SCHEDULER,
        noise=noise,
    )


class RawFluxInputs:
    """The prompt, ids and noise as ``FluxPipeline`` prepares them: on the device, latents packed."""

    def __init__(
        self, positive: FluxConditioning, noise: torch.Tensor, device: torch.device, dtype: torch.dtype
    ) -> None:
        _, channels, height, width = noise.shape
        self.embeds = positive.t5_embeds.to(device, dtype)  # (1, 512, 4096)
        self.pooled = positive.clip_pooled.to(device, dtype)  # (1, 768)
        self.text_ids = torch.zeros(self.embeds.shape[1], 3, device=device, dtype=dtype)  # (512, 3)
        prepare_ids: Any = FluxPipeline._prepare_latent_image_ids
        self.image_ids = prepare_ids(1, height // 2, width // 2, device, dtype)  # (h/2 · w/2, 3)
        pack: Any = FluxPipeline._pack_latents
        self.latents = pack(noise.to(device, dtype), 1, channels, height, width)  # (1, h/2 · w/2, 64)
        self.image_size = (height * VAE_FACTOR, width * VAE_FACTOR)


def run_flux_diffusers(
    transformer: Any, scheduler_config: Any, inputs: RawFluxInputs, steps: int
) -> torch.Tensor:
    """``FluxPipeline``'s denoising loop, nothing else; the final latents (1, 16, h, w) on the device."""
    scheduler: Any = FlowMatchEulerDiscreteScheduler.from_config(scheduler_config)  # type: ignore[no-untyped-call]
    latents = inputs.latents
    mu = calculate_shift(
        latents.shape[1],
        scheduler.config.get("base_image_seq_len", 256),
        scheduler.config.get("max_image_seq_len", 4096),
        scheduler.config.get("base_shift", 0.5),
        scheduler.config.get("max_shift", 1.15),
    )
    sigmas = np.linspace(1.0, 1 / steps, steps)
    scheduler.set_timesteps(sigmas=sigmas, mu=mu, device=latents.device)
    scheduler.set_begin_index(0)
    guidance = torch.full([1], GUIDANCE, device=latents.device, dtype=torch.float32).expand(1)
    with torch.no_grad():
        for t in scheduler.timesteps:
            timestep = t.expand(latents.shape[0]).to(latents.dtype)
            velocity = transformer(
                hidden_states=latents,
                timestep=timestep / 1000,
                guidance=guidance,
                pooled_projections=inputs.pooled,
                encoder_hidden_states=inputs.embeds,
                txt_ids=inputs.text_ids,
                img_ids=inputs.image_ids,
                return_dict=False,
            )[0]
            latents = scheduler.step(velocity, t, latents, return_dict=False)[0]
    unpack: Any = FluxPipeline._unpack_latents
    return unpack(latents, *inputs.image_size, VAE_FACTOR)  # type: ignore[no-any-return]
