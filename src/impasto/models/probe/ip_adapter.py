"""IP-Adapters: ``image_proj.*`` plus ``ip_adapter.N.to_k_ip`` weights, as one file (the original
layout) or as InvokeAI installs them: a folder holding ``ip_adapter.safetensors`` or ``ip_adapter.bin``
(there a nested ``{"image_proj": ..., "ip_adapter": ...}`` dict, read flattened to the same keys) and
``image_encoder.txt``, which names the CLIP-vision encoder the adapter was trained with (e.g.
``InvokeAI/ip_adapter_sd_image_encoder``).

The key/value projections take the text-embedding width the UNet cross-attends to, so their
in-features give the base (768 SD 1.x, 1024 SD 2.x, 2048 SDXL).
"""

from __future__ import annotations

from typing import Any

from impasto.models.probe.base import CROSS_ATTENTION_BASES, Candidate, Found
from impasto.models.probe.weights import Weights, read_weights
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType
from impasto.text import without_controls

_PROJECTIONS = (
    ("image_proj.proj_in.weight", "plus", "hidden_states"),
    ("image_proj.proj.0.weight", "full", "hidden_states"),
    ("image_proj.proj.weight", "plain", "image_embeds"),
)


ENCODER_FILE = "image_encoder.txt"
FOLDER_WEIGHTS = ("ip_adapter.safetensors", "ip_adapter.bin")
"""The weights file of an InvokeAI IP-Adapter folder, in the order they are looked for."""
_MAX_ENCODER_ID = 200


def match_ip_adapter(candidate: Candidate) -> Found | None:
    """An IP-Adapter file for SD 1.x, SD 2.x or SDXL."""
    weights = candidate.weights
    if not _is_ip_adapter(weights):
        return None
    return _found(candidate, weights, ModelFormat.CHECKPOINT)


def match_ip_adapter_folder(candidate: Candidate) -> Found | None:
    """An IP-Adapter folder in InvokeAI's layout; its encoder's id is kept as ``image_encoder_model_id``."""
    if ENCODER_FILE not in candidate.files:
        return None
    name = next((n for n in FOLDER_WEIGHTS if n in candidate.files), None)
    if name is None:
        wanted = " or ".join(FOLDER_WEIGHTS)
        raise candidate.unrecognised(
            f"a folder with {ENCODER_FILE} but no {wanted} (an IP-Adapter's weights)"
        )
    weights = read_weights(candidate.path / name)
    if weights is None or not _is_ip_adapter(weights):
        raise candidate.unrecognised(f"{name} holds no image_proj.* and ip_adapter.* weights")
    found = _found(candidate, weights, ModelFormat.INVOKEAI)
    encoder = _encoder_id(candidate)
    if encoder:
        found.details["image_encoder_model_id"] = encoder
    return found


def _is_ip_adapter(weights: Weights) -> bool:
    return weights.has_prefix("image_proj.") and weights.has_prefix("ip_adapter.")


def _found(candidate: Candidate, weights: Weights, model_format: ModelFormat) -> Found:
    found = weights.find(r"ip_adapter\.\d+\.to_k_ip\.weight")
    width = found[1][-1] if found else None
    base = CROSS_ATTENTION_BASES.get(width or 0)
    if base is None or base is BaseModelType.SDXL_REFINER:
        raise candidate.unrecognised(f"an IP-Adapter with key/value input width {width}")
    return Found(base=base, type=ModelType.IP_ADAPTER, format=model_format, details=_details(weights))


def _encoder_id(candidate: Candidate) -> str:
    """The first line of ``image_encoder.txt`` (a Hugging Face id), cleaned of control characters."""
    raw = (candidate.path / ENCODER_FILE).read_bytes()[: 4 * _MAX_ENCODER_ID]
    lines = raw.decode("utf-8", errors="replace").strip().splitlines()
    return without_controls(lines[0].strip())[:_MAX_ENCODER_ID] if lines else ""


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
