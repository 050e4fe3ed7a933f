"""FLUX.1 transformers stored as one file: safetensors or GGUF, in BFL's or diffusers' key layout.

BFL layout (``double_blocks.0.img_attn.norm.key_norm.scale``, optionally under
``model.diffusion_model.`` as ComfyUI saves it): ``guidance_in.*`` present → dev, absent → schnell;
``img_in`` with 384 input features → Fill. The diffusers layout says the same with
``time_text_embed.guidance_embedder.*`` and ``x_embedder``. 128 input features are the Depth/Canny
control models, which are not supported.
"""

from __future__ import annotations

from impasto.models.probe.base import Candidate, Found
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, ModelVariant, PredictionType

_LAYOUTS = {  # layout: (marker key, guidance key, input projection)
    "bfl": ("double_blocks.0.img_attn.norm.key_norm.scale", "guidance_in.in_layer.weight", "img_in.weight"),
    "diffusers": (
        "transformer_blocks.0.attn.norm_added_k.weight",
        "time_text_embed.guidance_embedder.linear_1.weight",
        "x_embedder.weight",
    ),
}
_PREFIXES = ("", "model.diffusion_model.")
FILL_IN_FEATURES = 384
NORMAL_IN_FEATURES = 64


def match_flux_file(candidate: Candidate) -> Found | None:
    """A FLUX.1 transformer in a single file."""
    weights = candidate.weights
    for layout, (marker, guidance, img_in) in _LAYOUTS.items():
        for prefix in _PREFIXES:
            if weights.has(prefix + marker) and (layout == "bfl" or weights.has_prefix(prefix + "single_")):
                in_shape = weights.shape(prefix + img_in) or (0, 0)
                variant = _variant(candidate, weights.has(prefix + guidance), in_shape[-1])
                return Found(
                    base=BaseModelType.FLUX,
                    type=ModelType.MAIN,
                    format=ModelFormat.GGUF if weights.container == "gguf" else ModelFormat.CHECKPOINT,
                    variant=variant,
                    prediction_type=PredictionType.FLOW,
                    details={"config_hint": f"flux-{variant.value}", "layout": layout, "key_prefix": prefix},
                )
    return None


def _variant(candidate: Candidate, has_guidance: bool, in_features: int) -> ModelVariant:
    if in_features == FILL_IN_FEATURES:
        return ModelVariant.FLUX_FILL
    if in_features != NORMAL_IN_FEATURES:
        raise candidate.unrecognised(f"a FLUX transformer with {in_features} input features")
    return ModelVariant.FLUX_DEV if has_guidance else ModelVariant.FLUX_SCHNELL
