"""SigLIP vision encoders saved by transformers, as FLUX Redux reads its reference image with them.

Two layouts hold one: a vision tower saved alone (``config.json`` with ``model_type``
``siglip_vision_model``, as the ``image_encoder/`` folder of ``black-forest-labs/FLUX.1-Redux-dev``), and a
whole SigLIP model with its text tower (``model_type`` ``siglip`` and a ``vision_config``, as
``google/siglip-so400m-patch14-384``), of which only the vision tower is loaded. ``details`` keeps the
layout and what an image becomes: ``image_size`` pixels per side, cut into ``patch_size`` patches, each a
``hidden_size``-wide token (so400m: 384 px, 14 px patches, 27 x 27 = 729 tokens of width 1152).
"""

from __future__ import annotations

from typing import Any

from impasto.models.probe.base import Candidate, Found
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

VISION_MODEL_TYPE = "siglip_vision_model"
FULL_MODEL_TYPE = "siglip"


def match_siglip_folder(candidate: Candidate) -> Found | None:
    """A SigLIP vision tower, alone or inside a whole SigLIP model."""
    config = candidate.json("config.json")
    if config is None:
        return None
    model_type = config.get("model_type")
    if model_type == VISION_MODEL_TYPE:
        vision, layout = config, "vision"
    elif model_type == FULL_MODEL_TYPE and isinstance(config.get("vision_config"), dict):
        vision, layout = config["vision_config"], "full"
    else:
        return None
    return Found(
        BaseModelType.ANY, ModelType.SIGLIP, ModelFormat.TRANSFORMERS, details=_details(vision, layout)
    )


def _details(vision: dict[str, Any], layout: str) -> dict[str, Any]:
    """The widths and sizes the Redux model and the preprocessing are checked against (transformers'
    defaults where the config leaves them out)."""
    image_size = int(vision.get("image_size") or 224)
    patch_size = int(vision.get("patch_size") or 16)
    return {
        "layout": layout,
        "hidden_size": int(vision.get("hidden_size") or 768),
        "image_size": image_size,
        "patch_size": patch_size,
        "tokens": (image_size // patch_size) ** 2,
    }
