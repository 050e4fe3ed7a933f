"""Single-component folders: a ``config.json`` beside weights, as diffusers and transformers save them.

diffusers configs name their class in ``_class_name``: ``AutoencoderKL`` (a VAE: 16 latent channels →
FLUX; otherwise the scaling factor, 0.13025 → SDXL, else SD 1.x), ``ControlNetModel`` (base from
``cross_attention_dim``), ``FluxControlNetModel``, ``T2IAdapter`` (``full_adapter_xl`` → SDXL).
transformers configs list ``architectures``: CLIP vision encoders (for IP-Adapters), T5 encoders and
CLIP text encoders.
"""

from __future__ import annotations

from typing import Any

from impasto.models.probe.base import CROSS_ATTENTION_BASES, Candidate, Found
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

SDXL_VAE_SCALING = 0.13025
_TRANSFORMERS = {
    "CLIPVisionModelWithProjection": ModelType.CLIP_VISION,
    "CLIPVisionModel": ModelType.CLIP_VISION,
    "T5EncoderModel": ModelType.T5_ENCODER,
    "CLIPTextModel": ModelType.CLIP_EMBED,
    "CLIPTextModelWithProjection": ModelType.CLIP_EMBED,
}


def match_component_folder(candidate: Candidate) -> Found | None:
    """A VAE, ControlNet, T2I-Adapter or encoder saved on its own."""
    config = candidate.json("config.json")
    if config is None:
        return None
    name = str(config.get("_class_name", ""))
    if name == "AutoencoderKL":
        return _vae(config)
    if name in ("ControlNetModel", "FluxControlNetModel"):
        return _controlnet(candidate, config, flux=name.startswith("Flux"))
    if name == "T2IAdapter":
        xl = str(config.get("adapter_type", "")).endswith("_xl")
        base = BaseModelType.SDXL if xl else BaseModelType.SD1
        return Found(base, ModelType.T2I_ADAPTER, ModelFormat.DIFFUSERS)
    for architecture in config.get("architectures") or []:
        if architecture in _TRANSFORMERS:
            kind = _TRANSFORMERS[architecture]
            details = _vision_details(config) if kind is ModelType.CLIP_VISION else {}
            return Found(BaseModelType.ANY, kind, ModelFormat.TRANSFORMERS, details=details)
    return None


def _vision_details(config: dict[str, Any]) -> dict[str, Any]:
    """The widths an IP-Adapter's projection is matched against (see probe.ip_adapter)."""
    return {
        "hidden_size": config.get("hidden_size"),
        "projection_dim": config.get("projection_dim"),
        "image_size": config.get("image_size"),
    }


def _vae(config: dict[str, Any]) -> Found:
    if config.get("latent_channels") == 16:
        base = BaseModelType.FLUX
    elif config.get("scaling_factor") == SDXL_VAE_SCALING:
        base = BaseModelType.SDXL
    else:
        base = BaseModelType.SD1
    return Found(
        base, ModelType.VAE, ModelFormat.DIFFUSERS, details={"latent_channels": config.get("latent_channels")}
    )


def _controlnet(candidate: Candidate, config: dict[str, Any], *, flux: bool) -> Found:
    if flux:
        return Found(BaseModelType.FLUX, ModelType.CONTROLNET, ModelFormat.DIFFUSERS)
    width = config.get("cross_attention_dim")
    base = CROSS_ATTENTION_BASES.get(width if isinstance(width, int) else 0)
    if base is None or base is BaseModelType.SDXL_REFINER:
        raise candidate.unrecognised(f"a ControlNet with cross_attention_dim {width}")
    return Found(base, ModelType.CONTROLNET, ModelFormat.DIFFUSERS)
