"""What an SD-family denoise run receives: the UNet with its LoRAs, control units and inpainting inputs.

Plain dataclasses mirroring the denoise node's references; the node builds a :class:`DenoiseRequest` and
calls :func:`impasto.generation.sd.denoise.run_denoise`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch
from PIL import Image

from impasto.generation.runtime import InpaintInputs, LoraUse, Part
from impasto.generation.sd.tiled import Tiling


@dataclass(frozen=True)
class UNetSpec:
    """The denoiser to run: UNet and scheduler config, LoRAs, seamless axes."""

    unet: Part
    scheduler: Part
    loras: tuple[LoraUse, ...] = ()
    seamless_axes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ControlSpec:
    """A ControlNet or T2I-Adapter unit with its (already preprocessed) control image."""

    model_key: str
    image: Image.Image
    weight: float
    begin: float = 0.0
    end: float = 1.0
    control_mode: str = "balanced"
    resize_mode: str = "just_resize"


@dataclass(frozen=True)
class IPAdapterSpec:
    """An IP-Adapter unit: the adapter, its image encoder, the reference images (used together) and how it
    applies."""

    model_key: str
    image_encoder_key: str
    images: tuple[Image.Image, ...]
    weight: float = 1.0
    begin: float = 0.0
    end: float = 1.0
    method: str = "full"  # full / style / composition
    mask: Image.Image | None = None  # any size; its luminance: white = apply, black = not


@dataclass
class DenoiseRequest:
    """Everything one denoise run uses."""

    unet: UNetSpec
    positive: Any  # Conditioning (cond_data), or a list of them for regional prompts
    negative: Any
    scheduler: str
    settings: Any  # DenoiseSettings (loop)
    noise: torch.Tensor | None = None
    latents: torch.Tensor | None = None
    inpaint: InpaintInputs | None = None
    controlnets: list[ControlSpec] = field(default_factory=list)
    adapters: list[ControlSpec] = field(default_factory=list)
    tiling: Tiling | None = None  # denoise in blended tiles of this size (tiled diffusion)
    ip_adapters: list[IPAdapterSpec] = field(default_factory=list)
