"""Stable Diffusion 1.x / 2.x / SDXL / SDXL-refiner main models stored as one original-layout file.

The base follows from the UNet's cross-attention width (the in-features of ``attn2.to_k``): 768 SD 1.x,
1024 SD 2.x, 2048 SDXL, 1280 the SDXL refiner. The variant from the UNet's input channels: 4 normal,
9 inpaint, 5 depth (SD 2.x only). The prediction type, when the file does not state it in its metadata
(``modelspec.prediction_type``, or a ``v_pred`` marker tensor): SD 2.x is v-prediction unless its
``global_step`` is 220000 (the 512 px epsilon base); SD 2.x inpaint and depth models, and everything
else, are epsilon.
"""

from __future__ import annotations

from impasto.models.probe.base import CROSS_ATTENTION_BASES, Candidate, Found, declared_prediction
from impasto.models.probe.weights import Weights
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, ModelVariant, PredictionType

UNET = "model.diffusion_model."
_REFERENCE_KEYS = (  # where the original models keep their first cross-attention
    UNET + "input_blocks.2.1.transformer_blocks.0.attn2.to_k.weight",
    UNET + "input_blocks.4.1.transformer_blocks.0.attn2.to_k.weight",
)
_VARIANTS = {4: ModelVariant.NORMAL, 9: ModelVariant.INPAINT, 5: ModelVariant.DEPTH}
SD2_EPSILON_STEP = "220000"
_TEXT_ENCODERS = {
    BaseModelType.SD1: {"text_encoder": "cond_stage_model.transformer."},
    BaseModelType.SD2: {"text_encoder": "cond_stage_model.model."},
    BaseModelType.SDXL: {
        "text_encoder": "conditioner.embedders.0.",
        "text_encoder_2": "conditioner.embedders.1.",
    },
    BaseModelType.SDXL_REFINER: {"text_encoder_2": "conditioner.embedders.0."},
}
_HINT_BASES = {
    BaseModelType.SD1: "sd1",
    BaseModelType.SD2: "sd2",
    BaseModelType.SDXL: "sdxl",
    BaseModelType.SDXL_REFINER: "sdxl-refiner",
}


def cross_attention_width(weights: Weights, pattern: str) -> int | None:
    """In-features of the reference ``attn2.to_k`` weights, else of the first one ``pattern`` matches."""
    for key in _REFERENCE_KEYS:
        shape = weights.shape(key)
        if shape is not None and len(shape) == 2:
            return shape[1]
    found = weights.find(pattern)
    return found[1][-1] if found else None


def match_sd_checkpoint(candidate: Candidate) -> Found | None:
    """An original-layout SD checkpoint: UNet under ``model.diffusion_model.`` with ``input_blocks``."""
    weights = candidate.weights
    conv_in = weights.shape(UNET + "input_blocks.0.0.weight")
    if conv_in is None or len(conv_in) != 4:
        return None
    width = cross_attention_width(weights, r"model\.diffusion_model\..*attn2\.to_k\.weight")
    base = CROSS_ATTENTION_BASES.get(width or 0)
    if base is None:
        raise candidate.unrecognised(f"a Stable Diffusion UNet with cross-attention width {width}")
    variant = _VARIANTS.get(conv_in[1])
    if variant is None or (variant is ModelVariant.DEPTH and base is not BaseModelType.SD2):
        raise candidate.unrecognised(f"a {base} UNet with {conv_in[1]} input channels")
    return Found(
        base=base,
        type=ModelType.MAIN,
        format=ModelFormat.CHECKPOINT,
        variant=variant,
        prediction_type=_prediction(base, variant, weights),
        details={
            "config_hint": config_hint(base, variant, weights),
            "components": _components(base, weights),
        },
    )


def _prediction(base: BaseModelType, variant: ModelVariant, weights: Weights) -> PredictionType:
    declared = declared_prediction(weights.metadata)
    if declared is not None:
        return declared
    if weights.has("v_pred"):
        return PredictionType.V_PREDICTION
    if base is BaseModelType.SD2 and variant is ModelVariant.NORMAL:
        epsilon = weights.metadata.get("global_step") == SD2_EPSILON_STEP
        return PredictionType.EPSILON if epsilon else PredictionType.V_PREDICTION
    return PredictionType.EPSILON


def config_hint(base: BaseModelType, variant: ModelVariant, weights: Weights) -> str:
    """Which published architecture the file follows (names as the shipped config folders)."""
    hint = _HINT_BASES[base]
    if variant is not ModelVariant.NORMAL:
        return f"{hint}-{variant.value}"
    if base is BaseModelType.SD2 and _prediction(base, variant, weights) is PredictionType.V_PREDICTION:
        return "sd2-v"
    return hint


def _components(base: BaseModelType, weights: Weights) -> list[str]:
    """The parts the file holds: some checkpoints leave out the VAE or the text encoders."""
    parts = ["unet"]
    if weights.has_prefix("first_stage_model."):
        parts.append("vae")
    parts += [name for name, prefix in _TEXT_ENCODERS[base].items() if weights.has_prefix(prefix)]
    return parts
