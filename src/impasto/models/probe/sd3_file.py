"""Stable Diffusion 3.5 main models: single files in Stability AI's layout, and the variant of a folder.

A single file has its MMDiT under ``model.diffusion_model.`` (or bare, as the transformer-only
releases), marked by ``joint_blocks.0.x_block.attn.qkv.weight``; it may also hold the VAE
(``first_stage_model.``) and the text encoders (``text_encoders.clip_l`` / ``clip_g`` / ``t5xxl``).

Variant, from the architecture: SD 3.5 Medium has dual-attention blocks (``x_block.attn2``; diffusers'
``dual_attention_layers``) and 24 of them; Large has 38 blocks and no second attention. Large Turbo is
Large distilled to few steps: its weights have the same shapes, so it is told only by "turbo" in its
name or in the file's ``modelspec`` metadata. SD 3.0 files (no query/key norms, ``ln_q``) are refused:
only SD 3.5's architectures are shipped as configs; their diffusers folders load all the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from impasto.models.probe.base import Candidate, Found
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, ModelVariant, PredictionType

MARKER = "joint_blocks.0.x_block.attn.qkv.weight"
_PREFIXES = ("model.diffusion_model.", "")
MEDIUM_DEPTH = 24
ENCODER_PREFIXES = {
    "text_encoder": "text_encoders.clip_l.",
    "text_encoder_2": "text_encoders.clip_g.",
    "text_encoder_3": "text_encoders.t5xxl.",
}
_HINTS = {ModelVariant.SD3_MEDIUM: "sd35-medium"}


def sd3_variant(*, dual_attention: bool, depth: int, turbo: bool) -> ModelVariant:
    """Medium (dual attention, or SD 3.0 Medium's 24 blocks), else Large; Turbo only by its name."""
    if dual_attention or depth == MEDIUM_DEPTH:
        return ModelVariant.SD3_MEDIUM
    return ModelVariant.SD3_LARGE_TURBO if turbo else ModelVariant.SD3_LARGE


def named_turbo(name: str, metadata: Mapping[str, str] | None = None) -> bool:
    """Whether the name, or the SAI model spec's title or architecture, says "turbo"."""
    texts = [name, *(v for k, v in (metadata or {}).items() if k.startswith("modelspec."))]
    return any("turbo" in text.lower() for text in texts)


def match_sd3_file(candidate: Candidate) -> Found | None:
    """An SD 3.5 main model in one file (transformer, optionally with VAE and text encoders)."""
    weights = candidate.weights
    prefix = next((p for p in _PREFIXES if weights.has(p + MARKER)), None)
    if prefix is None:
        return None
    keys = [k[len(prefix) :] for k in weights.shapes if k.startswith(prefix + "joint_blocks.")]
    if not any(".ln_q." in k for k in keys):
        raise candidate.unrecognised(
            "an SD 3.0 transformer (no query/key norms): only SD 3.5 single files are supported; "
            "install its diffusers folder instead"
        )
    depth = len({k.split(".")[1] for k in keys})
    dual = any(".x_block.attn2." in k for k in keys)
    variant = sd3_variant(
        dual_attention=dual, depth=depth, turbo=named_turbo(candidate.name, weights.metadata)
    )
    components = ["transformer", "scheduler"]
    if weights.has_prefix("first_stage_model."):
        components.append("vae")
    components += [name for name, p in ENCODER_PREFIXES.items() if weights.has_prefix(p)]
    return Found(
        base=BaseModelType.SD3,
        type=ModelType.MAIN,
        format=ModelFormat.CHECKPOINT,
        variant=variant,
        prediction_type=PredictionType.FLOW,
        details={
            "config_hint": _HINTS.get(variant, "sd35-large"),
            "key_prefix": prefix,
            "depth": depth,
            "components": components,
        },
    )


def sd3_folder(candidate: Candidate, transformer: dict[str, Any]) -> Found:
    """The identity of an SD 3.x diffusers folder from its transformer config and model index."""
    dual = bool(transformer.get("dual_attention_layers"))
    depth = int(transformer.get("num_layers", 0))
    variant = sd3_variant(dual_attention=dual, depth=depth, turbo=named_turbo(candidate.name))
    index = candidate.json("model_index.json") or {}
    t5 = index.get("text_encoder_3")
    has_t5 = (
        isinstance(t5, list) and t5[:1] == ["transformers"] and (candidate.path / "text_encoder_3").is_dir()
    )
    found = Found(BaseModelType.SD3, ModelType.MAIN, ModelFormat.DIFFUSERS, variant, PredictionType.FLOW)
    found.details.update({"depth": depth, "t5": has_t5})
    return found
