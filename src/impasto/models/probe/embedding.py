"""Textual inversion embeddings.

Files: A1111 pickles (``string_to_param`` → ``*``: (tokens, width)), safetensors with ``emb_params``,
SDXL files with ``clip_l`` (768) and ``clip_g`` (1280) vectors, and diffusers' ``learned_embeds``
(one tensor named after its token). Width 768 is SD 1.x, 1024 SD 2.x. A folder holding a
``learned_embeds`` file (what diffusers' training script writes) is an embedding folder.
"""

from __future__ import annotations

from impasto.models.probe.base import TEXT_WIDTH_BASES, Candidate, Found
from impasto.models.probe.weights import Shape, Weights, read_weights
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

SDXL_WIDTHS = (768, 1280)
_FOLDER_FILES = ("learned_embeds.safetensors", "learned_embeds.bin")
_KNOWN_KEYS = ("string_to_param.*", "emb_params", "clip_l", "clip_g")


def _vectors(weights: Weights) -> tuple[BaseModelType, Shape] | None:
    """The base and the (tokens, width) shape of the embedding in ``weights``, if it is one."""
    clip_l, clip_g = weights.shape("clip_l"), weights.shape("clip_g")
    if clip_l and clip_g and (clip_l[-1], clip_g[-1]) == SDXL_WIDTHS:
        return BaseModelType.SDXL, clip_l
    shape = weights.shape("string_to_param.*") or weights.shape("emb_params")
    if shape is None and len(weights.shapes) == 1:  # diffusers: {"<token>": vectors}
        shape = next(iter(weights.shapes.values()))
    if shape is None or len(shape) not in (1, 2):
        return None
    base = TEXT_WIDTH_BASES.get(shape[-1])
    return (base, shape) if base else None


def _found(base: BaseModelType, shape: Shape, fmt: ModelFormat, weights: Weights) -> Found:
    tokens = shape[0] if len(shape) == 2 else 1
    details: dict[str, object] = {"tokens": tokens}
    key = next(iter(weights.shapes))
    if len(weights.shapes) == 1 and key not in _KNOWN_KEYS:  # diffusers names the tensor after its token
        details["token"] = key
    return Found(base=base, type=ModelType.EMBEDDING, format=fmt, details=details)


def match_embedding_file(candidate: Candidate) -> Found | None:
    """A textual inversion file."""
    vectors = _vectors(candidate.weights)
    if vectors is None:
        return None
    return _found(*vectors, ModelFormat.EMBEDDING_FILE, candidate.weights)


def match_embedding_folder(candidate: Candidate) -> Found | None:
    """A folder holding diffusers' ``learned_embeds`` file."""
    for name in _FOLDER_FILES:
        if name in candidate.files:
            weights = read_weights(candidate.path / name)
            vectors = _vectors(weights) if weights else None
            if weights is None or vectors is None:
                raise candidate.unrecognised(f"{name} holds no embedding vectors of a known width")
            return _found(*vectors, ModelFormat.EMBEDDING_FOLDER, weights)
    return None
