"""What the annotators share at run time: running a cached network, image ↔ tensor, and edge-map touches.

The post-processing helpers reproduce what the ControlNet annotators did to the maps the ControlNets were
trained on: "safe" quantisation of soft edges, and the thinning + thickening that turns soft edges into
scribbles.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
import torch
from torch import nn

from impasto.generation.runtime import Loaded, execution_device

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Array = NDArray[Any]

_THINNING_KERNELS = tuple(
    np.array(kernel, dtype=np.uint8)
    for kernel in (
        [[0, 0, 0], [1, 1, 1], [0, 0, 0]],
        [[0, 1, 0], [0, 1, 0], [0, 1, 0]],
        [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
        [[0, 0, 1], [0, 1, 0], [1, 0, 0]],
    )
)


@contextmanager
def running(loaded: Loaded, device: str = "auto") -> Iterator[tuple[Any, torch.device]]:
    """The locked model (a network, or a wrapper holding one as ``model``) and the device it computes
    on, with autograd off for the block."""
    target = execution_device(loaded, device)
    with loaded.lock() as network, torch.inference_mode():
        yield network, target


def image_tensor(pixels: Array, device: torch.device, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """A (1, C, H, W) tensor of a (H, W, C) array, values as they are (0-255 for images)."""
    tensor = torch.from_numpy(np.ascontiguousarray(pixels)).to(device=device, dtype=dtype)
    return tensor.permute(2, 0, 1).unsqueeze(0)


def network_dtype(network: nn.Module) -> torch.dtype:
    """The dtype the network's weights are stored in."""
    return next(network.parameters()).dtype


def to_uint8(values: Array, scale: float = 255.0) -> Array:
    """``values * scale`` clipped to 0-255 as uint8."""
    result: Array = np.clip(values * scale, 0, 255).astype(np.uint8)
    return result


def safe_step(values: Array, steps: int = 2) -> Array:
    """Soft edges in [0, 1] quantised to ``steps`` levels, so that faint gradients cannot carry hidden
    detail (the annotators' "safe" mode, which the soft-edge ControlNets were trained with)."""
    quantised: Array = np.floor(values.astype(np.float32) * (steps + 1)) / steps
    return quantised


def thin_edges(edges: Array, threshold: int, sigma: float) -> Array:
    """Edges blurred by ``sigma`` then kept only where they are a local maximum across some direction
    (horizontal, vertical or a diagonal) and above ``threshold``: one-pixel centre lines, 0 or 255."""
    blurred = cv2.GaussianBlur(edges.astype(np.float32), (0, 0), sigma)
    ridge = np.zeros_like(blurred)
    for kernel in _THINNING_KERNELS:
        peak = cv2.dilate(blurred, kernel) == blurred
        ridge[peak] = blurred[peak]
    thinned: Array = np.where(ridge > threshold, 255, 0).astype(np.uint8)
    return thinned


def scribble(edges: Array) -> Array:
    """Soft edges turned into bold strokes like a user's scribble: thinned, then thickened by a blur."""
    lines = cv2.GaussianBlur(thin_edges(edges, 127, 3.0), (0, 0), 3.0)
    bold: Array = np.where(lines > 4, 255, 0).astype(np.uint8)
    return bold
