"""IP-Adapters in their original single-file layout: ``image_proj.*`` plus ``ip_adapter.N.to_k_ip``.

The key/value projections take the text-embedding width the UNet cross-attends to, so their
in-features give the base (768 SD 1.x, 1024 SD 2.x, 2048 SDXL).
"""

from __future__ import annotations

from impasto.models.probe.base import CROSS_ATTENTION_BASES, Candidate, Found
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType


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
    proj = weights.shape("image_proj.proj.weight")
    details = {"image_embedding_width": proj[-1]} if proj else {}
    return Found(base=base, type=ModelType.IP_ADAPTER, format=ModelFormat.CHECKPOINT, details=details)
