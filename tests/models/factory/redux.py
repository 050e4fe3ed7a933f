"""Tiny FLUX Redux models: SigLIP vision encoders as transformers folders and Redux embedder files.

The encoder keeps so400m's shape in miniature: square images cut into patches, one token per patch, here
72 px in 8 px patches (a 9 x 9 grid, so every downsampling factor from 1 to 9 leaves a grid) of width 32.
It is written either as the vision tower alone (``model_type`` ``siglip_vision_model``, as Redux's
``image_encoder/``) or as a whole SigLIP model with a text tower (``siglip``, as
``google/siglip-so400m-patch14-384``), with or without a ``preprocessor_config.json`` as released. The
Redux file has BFL's four tensors, ``redux_up`` (width → 3 x text width) and ``redux_down``, with a text
width of 64 instead of 4096.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

from .checkpoints import save_tensors

SIGLIP_HIDDEN = 32
SIGLIP_IMAGE_SIZE = 72
SIGLIP_PATCH = 8
SIGLIP_GRID = SIGLIP_IMAGE_SIZE // SIGLIP_PATCH
REDUX_WIDTH = 64
_PROCESSOR = {  # as google/siglip-so400m-patch14-384 and FLUX.1-Redux-dev's feature_extractor have it
    "do_convert_rgb": None,
    "do_normalize": True,
    "do_rescale": True,
    "do_resize": True,
    "image_mean": [0.5, 0.5, 0.5],
    "image_processor_type": "SiglipImageProcessor",
    "image_std": [0.5, 0.5, 0.5],
    "resample": 3,
    "rescale_factor": 1 / 255,
}


def siglip_vision_config(*, hidden: int = SIGLIP_HIDDEN, image_size: int = SIGLIP_IMAGE_SIZE) -> Any:
    from transformers import SiglipVisionConfig

    return SiglipVisionConfig(
        hidden_size=hidden, intermediate_size=37, num_hidden_layers=2, num_attention_heads=2,
        image_size=image_size, patch_size=SIGLIP_PATCH,
    )  # fmt: skip


def write_siglip(
    folder: Path,
    *,
    full: bool = False,
    processor: bool = True,
    hidden: int = SIGLIP_HIDDEN,
    processor_size: int = SIGLIP_IMAGE_SIZE,
) -> Path:
    """A seeded SigLIP vision tower (``full``: inside a whole SigLIP model with a tiny text tower), with a
    released-style ``preprocessor_config.json`` of ``processor_size`` pixels unless ``processor`` is off."""
    from transformers import SiglipConfig, SiglipModel, SiglipVisionModel

    vision = siglip_vision_config(hidden=hidden)
    torch.manual_seed(61)
    if full:
        text = {
            "hidden_size": 16,
            "intermediate_size": 20,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
            "bos_token_id": 1,
            "eos_token_id": 2,
            "pad_token_id": 1,
        }
        config = SiglipConfig(text_config={**text, "vocab_size": 99}, vision_config=vision.to_dict())
        SiglipModel(config).eval().save_pretrained(folder)  # type: ignore[no-untyped-call]
    else:
        SiglipVisionModel(vision).eval().save_pretrained(folder)  # type: ignore[no-untyped-call]
    if processor:
        settings = {**_PROCESSOR, "size": {"height": processor_size, "width": processor_size}}
        (Path(folder) / "preprocessor_config.json").write_text(json.dumps(settings), encoding="utf-8")
    return Path(folder)


def redux_state(
    *, image_width: int = SIGLIP_HIDDEN, width: int = REDUX_WIDTH, hidden: int | None = None, seed: int = 62
) -> dict[str, torch.Tensor]:
    """BFL's Redux tensors at a tiny size, with weights large enough that every token differs. ``hidden``
    (3 x ``width`` in BFL's file) can be narrower, for a Redux as wide as the tiny FLUX's 4096-wide text."""
    gen = torch.Generator().manual_seed(seed)
    hidden = hidden or 3 * width
    return {
        "redux_up.weight": torch.randn(hidden, image_width, generator=gen) / image_width**0.5,
        "redux_up.bias": torch.randn(hidden, generator=gen) * 0.1,
        "redux_down.weight": torch.randn(width, hidden, generator=gen) / hidden**0.5,
        "redux_down.bias": torch.randn(width, generator=gen) * 0.1,
    }


def write_flux_redux(path: Path, **sizes: int) -> Path:
    """A FLUX Redux file (``flux1-redux-dev.safetensors`` layout) of :func:`redux_state`."""
    return save_tensors(Path(path), redux_state(**sizes))
