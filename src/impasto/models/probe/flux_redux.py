"""FLUX.1 Redux files (BFL's ``flux1-redux-dev.safetensors``): two linear layers and nothing else.

``redux_up`` widens each SigLIP image token (1152 wide) to three times the FLUX text width, ``redux_down``
narrows it to the text width (4096, T5-XXL's), so the tokens can sit beside the prompt's T5 tokens. The
file is told by exactly these four tensors; ``details`` keeps both widths, which must fit the SigLIP
encoder and the FLUX transformer it is used with.
"""

from __future__ import annotations

from impasto.models.probe.base import Candidate, Found
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

REDUX_KEYS = frozenset({"redux_up.weight", "redux_up.bias", "redux_down.weight", "redux_down.bias"})


def match_flux_redux_file(candidate: Candidate) -> Found | None:
    """A FLUX Redux image embedder."""
    weights = candidate.weights
    if set(weights.shapes) != REDUX_KEYS:
        return None
    up, down = weights.shapes["redux_up.weight"], weights.shapes["redux_down.weight"]
    if len(up) != 2 or len(down) != 2 or up[0] != down[1]:
        raise candidate.unrecognised(
            f"a FLUX Redux file whose layers do not chain: redux_up {up}, redux_down {down}"
        )
    details = {"image_width": up[1], "width": down[0]}
    return Found(BaseModelType.FLUX, ModelType.FLUX_REDUX, ModelFormat.CHECKPOINT, details=details)
