"""LoRA and LyCORIS files: kohya (``lora_down``/``lora_up``), PEFT/diffusers (``lora_A``/``lora_B``),
LoHa (``hada_w1_a``...), LoKr (``lokr_w1``...) and XLabs' FLUX LoRAs
(``double_blocks.0.processor.qkv_lora1.down.weight``: ``lora1`` adapts the image stream, ``lora2`` the text).

kohya-style files, LoHa, LoKr and XLabs have format ``lycoris``; PEFT/diffusers files ``diffusers``. The base
is read from the width of what the UNet's cross-attention keys project from (768 SD 1.x, 1024 SD 2.x,
2048 SDXL, 1280 refiner); FLUX LoRAs name FLUX's blocks (``double_blocks``, ``single_transformer_blocks``).
Without cross-attention layers, text-encoder keys decide (``lora_te2_``/``text_encoder_2`` → SDXL, else
their width).
"""

from __future__ import annotations

import re

from impasto.models.probe.base import CROSS_ATTENTION_BASES, TEXT_WIDTH_BASES, Candidate, Found
from impasto.models.probe.weights import Shape, Weights
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

# style: (key suffix marking it, suffix of the tensor whose dim 1 is the input width)
_STYLES = {
    "kohya": (".lora_down.weight", ".lora_down.weight"),
    "peft": (".lora_A.weight", ".lora_A.weight"),
    "diffusers": ("_lora.down.weight", "_lora.down.weight"),
    "loha": (".hada_w1_a", ".hada_w1_b"),
    "lokr": (".lokr_w1", ".lokr_w1"),
    "xlabs": ("_lora1.down.weight", "_lora1.down.weight"),  # FLUX: double_blocks.0.processor.qkv_lora1
}
_FLUX_MARKERS = ("double_blocks", "single_blocks", "single_transformer_blocks")
_SDXL_TEXT_MARKERS = ("lora_te2_", "text_encoder_2.")


def lora_style(weights: Weights) -> str | None:
    """Which LoRA family the keys belong to, if any (the first marker found decides)."""
    for style, (marker, _) in _STYLES.items():
        if any(key.endswith(marker) for key in weights.shapes):
            return style
    return None


def match_lora(candidate: Candidate) -> Found | None:
    """A LoRA or LyCORIS adapter for SD 1.x/2.x, SDXL or FLUX."""
    weights = candidate.weights
    style = lora_style(weights)
    if style is None:
        return None
    base = _base(weights, style)
    if base is None:
        raise candidate.unrecognised(f"a {style} LoRA for a base that cannot be told from its layers")
    fmt = ModelFormat.DIFFUSERS if style in ("peft", "diffusers") else ModelFormat.LYCORIS
    return Found(
        base=base, type=ModelType.LORA, format=fmt, details={"style": style, "rank": _rank(weights, style)}
    )


def _base(weights: Weights, style: str) -> BaseModelType | None:
    if any(marker in key for key in weights.shapes for marker in _FLUX_MARKERS):
        return BaseModelType.FLUX
    width = _input_width(weights, style, r".*attn2[._](processor\.)?to_k")
    if width in CROSS_ATTENTION_BASES:
        return CROSS_ATTENTION_BASES[width]
    if any(key.startswith(_SDXL_TEXT_MARKERS) for key in weights.shapes):
        return BaseModelType.SDXL
    return TEXT_WIDTH_BASES.get(_input_width(weights, style, r".*self_attn[._]q_proj") or 0)


def _input_width(weights: Weights, style: str, module: str) -> int | None:
    """In-features of the first adapted layer whose name matches ``module``."""
    suffix = _STYLES[style][1]
    found = weights.find(module + re.escape(suffix))
    if found is None:
        return None
    key, shape = found
    if style == "lokr":
        return _lokr_in_features(weights, key.removesuffix(suffix), shape)
    return shape[-1]


def _lokr_in_features(weights: Weights, name: str, w1: Shape) -> int | None:
    """LoKr weights are ``w1 ⊗ w2``: the layer's in-features are w1's columns times w2's."""
    w2 = weights.shape(name + ".lokr_w2") or weights.shape(name + ".lokr_w2_b")
    return w1[-1] * w2[-1] if w2 else None


def _rank(weights: Weights, style: str) -> int | None:
    """The adapter rank (LoKr with full Kronecker factors has none)."""
    rank_suffix = {"kohya": ".lora_down.weight", "peft": ".lora_A.weight", "diffusers": "_lora.down.weight"}
    rank_suffix |= {"loha": ".hada_w1_b", "lokr": ".lokr_w2_b", "xlabs": "_lora1.down.weight"}
    for key, shape in sorted(weights.shapes.items()):
        if key.endswith(rank_suffix[style]) and shape:
            return shape[0]
    return None
