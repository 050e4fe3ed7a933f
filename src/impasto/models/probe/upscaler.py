"""Image-to-image models (ESRGAN, Real-ESRGAN, SwinIR, ...) recognised by ``spandrel``.

spandrel needs the tensors, not just their names, so this matcher runs last and only on files small
enough to be such a model; the weights are read through :mod:`impasto.models.security`.
"""

from __future__ import annotations

import logging

from impasto.models.probe.base import Candidate, Found
from impasto.models.security import load_state_dict
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

logger = logging.getLogger(__name__)

MAX_UPSCALER_BYTES = 1024**3  # the largest published ones are a few hundred MB


def match_upscaler(candidate: Candidate) -> Found | None:
    """A model spandrel can build from the state dict; records its architecture and scale."""
    weights = candidate.weights
    if weights.container == "gguf" or candidate.size() > MAX_UPSCALER_BYTES:
        return None
    import spandrel  # type: ignore[import-untyped]

    state = load_state_dict(candidate.path)
    try:
        descriptor = spandrel.ModelLoader().load_from_state_dict(state)
    except spandrel.UnsupportedModelError:
        return None
    except Exception:  # spandrel guessed an architecture whose shapes then did not fit
        logger.debug("spandrel could not build %s", candidate.path, exc_info=True)
        return None
    details = {
        "architecture": descriptor.architecture.name,
        "scale": descriptor.scale,
        "purpose": descriptor.purpose,
    }
    return Found(
        base=BaseModelType.ANY, type=ModelType.UPSCALER, format=ModelFormat.SPANDREL, details=details
    )
