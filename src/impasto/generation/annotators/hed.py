"""HED soft edges from an image: the network (:mod:`impasto.models.architectures.annotators.hed`)
run on RGB values 0-255, its side outputs averaged, with the scribble and safe modes on top."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812
from torch import nn

from impasto.generation.annotators.common import (
    image_tensor,
    network_dtype,
    running,
    safe_step,
    scribble,
    to_uint8,
)

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from impasto.generation.runtime import Loaded

    Array = NDArray[Any]


def hed_edges(
    loaded: Loaded, pixels: Array, *, safe: bool = False, as_scribble: bool = False, device: str = "auto"
) -> Array:
    """White soft edges on black (uint8, like the image's height and width) from an RGB array."""
    with running(loaded, device) as (network, target):
        edges = _edge_map(network, pixels, target)
    if safe:
        edges = safe_step(edges)
    result = to_uint8(edges)
    return scribble(result) if as_scribble else result


def _edge_map(network: nn.Module, pixels: Array, device: torch.device) -> Array:
    height, width = pixels.shape[:2]
    sides = network(image_tensor(pixels, device, network_dtype(network)))
    resized = [F.interpolate(side.float(), (height, width), mode="bilinear") for side in sides]
    mean = torch.cat(resized, dim=1).mean(dim=1)[0]  # (H, W)
    edges: Array = torch.sigmoid(mean).cpu().numpy().astype(np.float32)
    return edges
