"""Text encoders stored as one file, as FLUX (and SD 3) users download them.

- T5 encoders (``t5_encoder``): transformers' ``T5EncoderModel`` layout
  (``encoder.block.0.layer.0.SelfAttention.q.weight`` plus ``shared.weight`` or
  ``encoder.embed_tokens.weight``), full precision or float8 (ComfyUI's ``t5xxl_fp8_e4m3fn``: the same
  keys), or GGUF with llama.cpp's names (``enc.blk.0.attn_q.weight``, ``token_embd.weight``).
- CLIP text encoders (``clip_embed``): ``text_model.encoder.layers.0.self_attn.q_proj.weight`` (or the
  same without ``text_model.``, as transformers 5 saves it) and no vision tower.

Neither belongs to one base; ``details`` keeps the width (4096 for T5-XXL, 768 for CLIP-L).
"""

from __future__ import annotations

from impasto.models.probe.base import Candidate, Found
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

_T5_MARKER = "encoder.block.0.layer.0.SelfAttention.q.weight"
_T5_EMBEDDINGS = ("shared.weight", "encoder.embed_tokens.weight")
_LLAMA_T5_MARKER = "enc.blk.0.attn_q.weight"
_CLIP_PREFIXES = ("text_model.", "")
_CLIP_MARKER = "encoder.layers.0.self_attn.q_proj.weight"
_CLIP_EMBEDDING = "embeddings.token_embedding.weight"


def match_encoder_file(candidate: Candidate) -> Found | None:
    """A standalone T5 or CLIP text encoder file."""
    weights = candidate.weights
    if weights.has(_T5_MARKER) and any(weights.has(k) for k in _T5_EMBEDDINGS):
        width = (weights.shape(_T5_MARKER) or (0, 0))[-1]
        return _encoder(ModelType.T5_ENCODER, ModelFormat.CHECKPOINT, width, "transformers")
    if weights.has(_LLAMA_T5_MARKER, "token_embd.weight"):
        width = (weights.shape(_LLAMA_T5_MARKER) or (0, 0))[-1]
        return _encoder(ModelType.T5_ENCODER, ModelFormat.GGUF, width, "llama.cpp")
    if weights.has_prefix("vision_model."):
        return None
    for prefix in _CLIP_PREFIXES:
        if weights.has(prefix + _CLIP_MARKER, prefix + _CLIP_EMBEDDING):
            width = (weights.shape(prefix + _CLIP_EMBEDDING) or (0, 0))[-1]
            return _encoder(ModelType.CLIP_EMBED, ModelFormat.CHECKPOINT, width, "transformers")
    return None


def _encoder(type: ModelType, format: ModelFormat, width: int, layout: str) -> Found:
    return Found(BaseModelType.ANY, type, format, details={"width": width, "layout": layout})
