"""What FLUX runs receive from the node layer: the parts to load and the settings, as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from impasto.generation.runtime import InpaintInputs, LoraUse, Part

if TYPE_CHECKING:
    import torch

    from impasto.generation.flux.conditioning import FluxConditioning
    from impasto.generation.flux.loop import FluxSettings
    from impasto.generation.flux.regional import TextSegment


@dataclass(frozen=True)
class TransformerSpec:
    """The FLUX transformer, the main model's scheduler config and the LoRAs to apply while denoising."""

    transformer: Part
    scheduler: Part
    loras: tuple[LoraUse, ...] = ()


@dataclass(frozen=True)
class FluxTextSpec:
    """CLIP-L (pooled) and T5 (per token), their tokenizers, CLIP's LoRAs and T5's sequence length."""

    clip_tokenizer: Part
    clip_encoder: Part
    t5_tokenizer: Part
    t5_encoder: Part
    max_seq_len: int
    clip_loras: tuple[LoraUse, ...] = ()


@dataclass
class FluxDenoiseRequest:
    """Everything one FLUX denoise run uses; latents unpacked (1, 16, h, w)."""

    transformer: TransformerSpec
    positive: FluxConditioning | list[FluxConditioning]
    settings: FluxSettings
    scheduler: str = "euler"
    negative: FluxConditioning | list[FluxConditioning] | None = None
    noise: torch.Tensor | None = None
    latents: torch.Tensor | None = None
    inpaint: InpaintInputs | None = None
    kontext: torch.Tensor | None = None  # (1, 16, h', w'): a Kontext reference image's latents
    redux: tuple[TextSegment, ...] = ()  # FLUX Redux image tokens, with their regions
