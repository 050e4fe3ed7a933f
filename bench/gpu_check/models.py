"""The architectures under test, built with random weights, and random inputs of the right shapes.

Speed does not depend on the weights, so nothing is read from disk: each denoiser is built from the
config Impasto ships for it (the published architecture) and initialised at random, seeded. For the
UNets the dry run builds the same block structure with a tenth of the channels and an eighth of the text
widths (FLUX: :mod:`bench.gpu_check.flux`). The VAE is built too (full size in both modes: it is small)
because the denoise path reads its config to pick the latent preview map, as it does for a real model;
it never runs.
"""

from __future__ import annotations

import math
from typing import Any

import torch
from diffusers import UNet2DConditionModel
from diffusers.models.attention_processor import AttnProcessor2_0

from bench.gpu_check.architecture import (
    WIDTH_DIVISOR,
    Architecture,
    BuiltModel,
    latent_noise,
    random_module,
    shipped_scheduler,
    shipped_vae,
)
from bench.gpu_check.flux import build_flux
from bench.gpu_check.paths import SDWorkload
from impasto.generation.sd.cond_data import BasicConditioning, Conditioning, SDXLConditioning
from impasto.models.configs import config_folder
from impasto.models.loaders.base import SubModel
from impasto.models.taxonomy import BaseModelType, PredictionType

TOKENS = 77  # one CLIP window, as a short prompt is encoded
SDXL_TIME_IDS = 6  # original size, crop top-left, target size
CHANNEL_DIVISOR = 10  # dry run: 320 → 32 channels


ARCHITECTURES = {
    "sd1.5": Architecture("sd1.5", "sd1", BaseModelType.SD1, 512, 32),
    "sdxl": Architecture("sdxl", "sdxl", BaseModelType.SDXL, 1024, 32),
    "flux": Architecture(
        "flux",
        "flux-dev",
        BaseModelType.FLUX,
        1024,
        64,
        part=SubModel.TRANSFORMER,
        label="transformer",
        prediction=PredictionType.FLOW,
        cuda_dtype=torch.bfloat16,
        cpu_dtype=torch.bfloat16,
        variants=("eager", "compile"),  # channels-last changes only 4-D weights, and FLUX has none
        partial_fraction=0.5,
        compile_reserve_s=240.0,
        compare_latents=True,
    ),
}


def build(arch: Architecture, *, tiny: bool, device: torch.device) -> BuiltModel:
    """Build the model on ``device`` (fast random init) in its dtype there, and leave it in RAM."""
    if arch.base == BaseModelType.FLUX:
        return build_flux(arch, tiny=tiny, device=device)
    return build_unet(arch, tiny=tiny, device=device)


def unet_config(arch: Architecture, *, tiny: bool) -> dict[str, Any]:
    """The shipped UNet config, or its scaled-down copy for the dry run."""
    config = dict(UNet2DConditionModel.load_config(config_folder(arch.config) / "unet"))
    return shrink(config) if tiny else config


def shrink(config: dict[str, Any]) -> dict[str, Any]:
    """The same blocks and layer counts with fewer channels: block widths / 10 (rounded up to whole norm
    groups), head counts that divide them, and the text and added-conditioning widths / 8."""
    tiny = dict(config)
    groups = int(config["norm_num_groups"])
    channels = [math.ceil(c / CHANNEL_DIVISOR / groups) * groups for c in config["block_out_channels"]]
    heads = config["attention_head_dim"]  # diffusers reads this as the number of heads
    heads = [heads] * len(channels) if isinstance(heads, int) else list(heads)
    tiny["block_out_channels"] = channels
    tiny["attention_head_dim"] = [math.gcd(h, c) for h, c in zip(heads, channels, strict=True)]
    for key in ("cross_attention_dim", "addition_time_embed_dim", "projection_class_embeddings_input_dim"):
        if config.get(key) is not None:
            if config[key] % WIDTH_DIVISOR:
                raise ValueError(f"{key}={config[key]} is not a multiple of {WIDTH_DIVISOR}")
            tiny[key] = config[key] // WIDTH_DIVISOR
    return tiny


def build_unet(arch: Architecture, *, tiny: bool, device: torch.device) -> BuiltModel:
    """A Stable Diffusion UNet, its VAE and scheduler, and random CFG conditioning and noise."""
    config = unet_config(arch, tiny=tiny)
    dtype = arch.dtype(device)
    size = arch.dry_image_size if tiny else arch.image_size
    unet = random_module(UNet2DConditionModel, config, device, dtype)
    unet.set_attn_processor(AttnProcessor2_0())  # type: ignore[no-untyped-call]  # diffusers' default with torch 2: SDPA
    vae = shipped_vae(arch, device, dtype)
    workload = SDWorkload(*random_conditioning(config, size), latent_noise(size))
    return BuiltModel(arch, unet, vae, shipped_scheduler(arch), size, dtype, workload)


def random_conditioning(config: dict[str, Any], image_size: int) -> tuple[Conditioning, Conditioning]:
    """Random (positive, negative) prompt embeddings of the shapes this UNet takes, seeded."""
    generator = torch.Generator().manual_seed(1)
    width = int(config["cross_attention_dim"])
    embeds = [torch.randn(1, TOKENS, width, generator=generator) for _ in range(2)]  # (1, tokens, width)
    if config.get("addition_embed_type") != "text_time":
        return BasicConditioning(embeds[0]), BasicConditioning(embeds[1])
    pooled_width = int(config["projection_class_embeddings_input_dim"]) - SDXL_TIME_IDS * int(
        config["addition_time_embed_dim"]
    )
    size = (image_size, image_size)
    positive, negative = (
        SDXLConditioning(
            embeds=e,
            pooled=torch.randn(1, pooled_width, generator=generator),  # (1, 1280) at full size
            original_size=size,
            crop_top_left=(0, 0),
            target_size=size,
        )
        for e in embeds
    )
    return positive, negative
