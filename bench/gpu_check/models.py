"""The architectures under test, built with random weights, and random inputs of the right shapes.

Speed does not depend on the weights, so nothing is read from disk: each UNet is built from the config
Impasto ships for it (the published architecture) and initialised at random, seeded. The dry run builds
the same block structure with a tenth of the channels and an eighth of the text widths. The VAE is built
too (full size in both modes: it is small) because the denoise path reads its config to pick the latent
preview map, as it does for a real model; it never runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import diffusers
import torch
from diffusers import AutoencoderKL, EulerDiscreteScheduler, UNet2DConditionModel
from diffusers.models.attention_processor import AttnProcessor2_0

from impasto.generation.sd.cond_data import BasicConditioning, Conditioning, SDXLConditioning
from impasto.models.cache.sizes import object_bytes
from impasto.models.configs import config_folder
from impasto.models.taxonomy import BaseModelType

TOKENS = 77  # one CLIP window, as a short prompt is encoded
SDXL_TIME_IDS = 6  # original size, crop top-left, target size
CHANNEL_DIVISOR = 10  # dry run: 320 → 32 channels
WIDTH_DIVISOR = 8  # dry run: text widths 768 → 96, 2048 → 256, pooled 1280 → 160


@dataclass(frozen=True)
class Architecture:
    """One model family under test: its shipped config folder and the image size it is made for."""

    name: str
    config: str
    base: BaseModelType
    image_size: int
    dry_image_size: int


ARCHITECTURES = {
    "sd1.5": Architecture("sd1.5", "sd1", BaseModelType.SD1, 512, 32),
    "sdxl": Architecture("sdxl", "sdxl", BaseModelType.SDXL, 1024, 32),
}


@dataclass
class BuiltModel:
    """A UNet (in RAM, where the model cache keeps it), its VAE and scheduler config, and the inputs."""

    arch: Architecture
    unet: Any
    vae: Any
    scheduler: Any  # the class the shipped config names, as the model loader builds it
    image_size: int
    positive: Conditioning
    negative: Conditioning
    noise: torch.Tensor  # (1, 4, size/8, size/8) on the CPU, float32, as Impasto's noise node makes it

    @property
    def unet_bytes(self) -> int:
        return object_bytes(self.unet)


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


def build(arch: Architecture, *, tiny: bool, device: torch.device, dtype: torch.dtype) -> BuiltModel:
    """Build the model on ``device`` (fast random init), cast it, and leave it in RAM."""
    config = unet_config(arch, tiny=tiny)
    size = arch.dry_image_size if tiny else arch.image_size
    unet = _random_module(UNet2DConditionModel, config, device, dtype)
    unet.set_attn_processor(AttnProcessor2_0())  # type: ignore[no-untyped-call]  # diffusers' default with torch 2: SDPA
    vae_config = AutoencoderKL.load_config(config_folder(arch.config) / "vae")
    vae = _random_module(AutoencoderKL, dict(vae_config), device, dtype)
    positive, negative = random_conditioning(config, size)
    return BuiltModel(arch, unet, vae, shipped_scheduler(arch), size, positive, negative, latent_noise(size))


def shipped_scheduler(arch: Architecture) -> Any:
    """The scheduler the shipped config describes (PNDM for SD 1.5, Euler for SDXL)."""
    # any scheduler class reads the folder's scheduler_config.json; the class it names is built
    config = EulerDiscreteScheduler.load_config(config_folder(arch.config) / "scheduler")
    return getattr(diffusers, config["_class_name"]).from_config(config)


def _random_module(cls: Any, config: dict[str, Any], device: torch.device, dtype: torch.dtype) -> Any:
    torch.manual_seed(0)
    with torch.device(device):
        module = cls.from_config(config)
    return module.to(dtype=dtype).to("cpu").eval().requires_grad_(False)


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


def latent_noise(image_size: int) -> torch.Tensor:
    """Impasto's seeded initial noise for a square image of ``image_size`` pixels."""
    from impasto.generation.noise import make_noise

    return make_noise(0, width=image_size, height=image_size)
