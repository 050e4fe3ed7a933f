"""FLUX.1 transformers stored as one file: safetensors or GGUF, in BFL's or diffusers' key layout.

BFL layout (``double_blocks.0.img_attn.norm.key_norm.scale``, optionally under
``model.diffusion_model.`` as ComfyUI saves it): ``guidance_in.*`` present → dev, absent → schnell;
``img_in`` with 384 input features → Fill. The diffusers layout says the same with
``time_text_embed.guidance_embedder.*`` and ``x_embedder``. 128 input features are the Depth/Canny
control models, which are not supported.

FLUX.1 Kontext [dev] has exactly dev's tensors, so its weights cannot tell it apart: a dev-shaped file is
taken as Kontext when its name says "kontext" (BFL ship ``flux1-kontext-dev.safetensors``, GGUF
conversions keep the name) or its metadata does (safetensors ``modelspec.*`` entries, GGUF
``general.name``). A renamed file without such metadata is identified as dev; its variant can be
changed on the model's record.

ComfyUI/Forge "all in one" files add the VAE (``vae.`` / ``first_stage_model.``), CLIP-L
(``text_encoders.clip_l.transformer.``) and T5 (``text_encoders.t5xxl.transformer.``): still a main FLUX
model, with ``details["bundled"]`` naming the parts found. bitsandbytes NF4 files (keys ending in
``.quant_state.bitsandbytes__nf4``: lllyasviel's all-in-one ``flux1-dev-bnb-nf4`` files, InvokeAI's bare
quantised transformers) have format ``bnb_nf4``; Impasto dequantises them on loading. A packed weight
is a (ceil(n/2), 1) byte column holding the n values two to a byte, so the input width of ``img_in`` is
twice its rows over the length of its bias.
"""

from __future__ import annotations

from impasto.models.configs import config_name_for
from impasto.models.probe.base import Candidate, Found
from impasto.models.probe.weights import Weights
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
_BUNDLED = {  # part: key prefixes that hold it in an all-in-one file
    "vae": ("vae.", "first_stage_model."),
    "clip_l": ("text_encoders.clip_l.transformer.",),
    "t5xxl": ("text_encoders.t5xxl.transformer.",),
}
NF4_MARKER = ".quant_state.bitsandbytes__nf4"
FILL_IN_FEATURES = 384
NORMAL_IN_FEATURES = 64


def match_flux_file(candidate: Candidate) -> Found | None:
    """A FLUX.1 transformer in a single file, alone or with its VAE and text encoders."""
    weights = candidate.weights
    for layout, (marker, _, _) in _LAYOUTS.items():
        for prefix in _PREFIXES:
            if weights.has(prefix + marker) and (layout == "bfl" or weights.has_prefix(prefix + "single_")):
                return _found(candidate, weights, layout, prefix)
    return None


def _found(candidate: Candidate, weights: Weights, layout: str, prefix: str) -> Found:
    _, guidance, img_in = _LAYOUTS[layout]
    nf4 = any(key.endswith(NF4_MARKER) for key in weights.shapes)
    in_features = _in_features(weights, prefix + img_in, nf4)
    variant = _variant(candidate, weights.has(prefix + guidance), in_features)
    details: dict[str, object] = {
        "config_hint": config_name_for(BaseModelType.FLUX, variant),
        "layout": layout,
        "key_prefix": prefix,
    }
    bundled = [part for part, prefixes in _BUNDLED.items() if any(weights.has_prefix(p) for p in prefixes)]
    if bundled:
        details["bundled"] = bundled
    if nf4:
        fmt = ModelFormat.BNB_NF4
    else:
        fmt = ModelFormat.GGUF if weights.container == "gguf" else ModelFormat.CHECKPOINT
    return Found(
        base=BaseModelType.FLUX,
        type=ModelType.MAIN,
        format=fmt,
        variant=variant,
        prediction_type=PredictionType.FLOW,
        details=details,
    )


def _in_features(weights: Weights, img_in: str, nf4: bool) -> int:
    """The input width of the image projection; for a packed NF4 weight, from its byte count and bias."""
    shape = weights.shape(img_in) or (0, 0)
    if not nf4 or not weights.has(img_in + NF4_MARKER):
        return shape[-1]
    bias = weights.shape(img_in.removesuffix("weight") + "bias")
    return 2 * shape[0] // bias[0] if bias and bias[0] else NORMAL_IN_FEATURES


def _variant(candidate: Candidate, has_guidance: bool, in_features: int) -> ModelVariant:
    if in_features == FILL_IN_FEATURES:
        return ModelVariant.FLUX_FILL
    if in_features != NORMAL_IN_FEATURES:
        raise candidate.unrecognised(f"a FLUX transformer with {in_features} input features")
    if not has_guidance:
        return ModelVariant.FLUX_SCHNELL
    return ModelVariant.FLUX_KONTEXT if named_kontext(candidate) else ModelVariant.FLUX_DEV


KONTEXT_HINT = "kontext"
_NAMING_METADATA = ("general.name",)  # plus every "modelspec.*" entry


def named_kontext(candidate: Candidate) -> bool:
    """Whether the file's name or its descriptive metadata calls it a Kontext model."""
    if KONTEXT_HINT in candidate.name.lower():
        return True
    metadata = candidate.weights.metadata
    return any(
        KONTEXT_HINT in value.lower()
        for key, value in metadata.items()
        if key.startswith("modelspec.") or key in _NAMING_METADATA
    )
