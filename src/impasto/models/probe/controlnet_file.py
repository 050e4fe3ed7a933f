"""ControlNets stored as one file: the original layout (``control_model.input_blocks...``, or the same
without the prefix) or diffusers' (``controlnet_cond_embedding...``, how SDXL ControlNets ship).
The base follows from the cross-attention width, as for UNets.
"""

from __future__ import annotations

from impasto.models.probe.base import CROSS_ATTENTION_BASES, Candidate, Found
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

_LAYOUTS = {  # marker key: layout
    "control_model.input_hint_block.0.weight": "ldm",
    "input_hint_block.0.weight": "ldm",
    "controlnet_cond_embedding.conv_in.weight": "diffusers",
}


def match_controlnet_file(candidate: Candidate) -> Found | None:
    """A ControlNet for SD 1.x, SD 2.x or SDXL in a single file."""
    weights = candidate.weights
    layout = next((name for key, name in _LAYOUTS.items() if weights.has(key)), None)
    if layout is None:
        return None
    found = weights.find(r"(control_model\.)?.*attn2\.to_k\.weight")
    width = found[1][-1] if found else None
    base = CROSS_ATTENTION_BASES.get(width or 0)
    if base is None or base is BaseModelType.SDXL_REFINER:
        raise candidate.unrecognised(f"a ControlNet with cross-attention width {width}")
    return Found(
        base=base, type=ModelType.CONTROLNET, format=ModelFormat.CHECKPOINT, details={"layout": layout}
    )
