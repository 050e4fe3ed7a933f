"""IP-Adapters in their original single-file layout: ``image_proj.*`` plus ``ip_adapter.N.to_k_ip``.

The key/value projections take the text-embedding width the UNet cross-attends to, so their
in-features give the base (768 SD 1.x, 1024 SD 2.x, 2048 SDXL).
"""

from __future__ import annotations

from typing import Any

from impasto.models.probe.base import CROSS_ATTENTION_BASES, Candidate, Found
from impasto.models.probe.weights import Weights
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

_PROJECTIONS = (
    ("image_proj.proj_in.weight", "plus", "hidden_states"),
    ("image_proj.proj.0.weight", "full", "hidden_states"),
    ("image_proj.proj.weight", "plain", "image_embeds"),
)


def match_ip_adapter(candidate: Candidate) -> Found | None:
    """An IP-Adapter file for SD 1.x, SD 2.x or SDXL."""
    weights = candidate.weights
    if not (weights.has_prefix("image_proj.") and weights.has_prefix("ip_adapter.")):
        return None
    found = weights.find(r"ip_adapter\.\d+\.to_k_ip\.weight")
    width = found[1][-1] if found else None
    base = CROSS_ATTENTION_BASES.get(width or 0)
    if base is None or base is BaseModelType.SDXL_REFINER:
        raise candidate.unrecognised(f"an IP-Adapter with key/value input width {width}")
    return Found(
        base=base, type=ModelType.IP_ADAPTER, format=ModelFormat.CHECKPOINT, details=_details(weights)
    )


def _details(weights: Weights) -> dict[str, Any]:
    """Which CLIP-vision output the projection reads and how wide it is, so the matching encoder can be
    found: plain adapters the image embeds (1024 ViT-H, 1280 ViT-bigG), plus and full-face ones the
    hidden states (1280 ViT-H, 1664 ViT-bigG)."""
    for key, kind, read in _PROJECTIONS:
        shape = weights.shape(key)
        if shape:
            width = shape[-1]
            details = {"image_projection": kind, "image_encoder_output": read, "image_encoder_width": width}
            return details | ({"image_embedding_width": width} if kind == "plain" else {})
    return {}
