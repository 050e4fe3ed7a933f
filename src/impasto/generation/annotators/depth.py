"""Depth maps from an image with a loaded depth estimator
(:mod:`impasto.models.architectures.annotators.depth`), and normal maps computed from depth.

The image is fed at the size and normalisation the estimator's folder asks for. The prediction is scaled
back to the image and stretched to [0, 1] with near = 1, which is what depth ControlNets take: relative
models predict inverse depth already; metric ones predict distance and are inverted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812

from impasto.generation.annotators.common import image_tensor, network_dtype, running, to_uint8
from impasto.models.architectures.annotators.depth import DepthEstimator

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from impasto.generation.runtime import Loaded

    Array = NDArray[Any]


def estimate_depth(loaded: Loaded, pixels: Array, *, device: str = "auto") -> Array:
    """(H, W) float32 depth in [0, 1] (1 = nearest) of an RGB array, at the array's size."""
    estimator: DepthEstimator = loaded.model
    height, width = pixels.shape[:2]
    feed_height, feed_width = estimator.input.shape_for(height, width)
    resized = cv2.resize(pixels, (feed_width, feed_height), interpolation=cv2.INTER_CUBIC)
    with running(loaded, device) as (locked, target):
        model = locked.model
        dtype = network_dtype(model)
        image = image_tensor(resized, target, torch.float32) / 255.0
        mean = torch.tensor(estimator.input.mean, device=target).view(1, 3, 1, 1)
        std = torch.tensor(estimator.input.std, device=target).view(1, 3, 1, 1)
        predicted = model(pixel_values=((image - mean) / std).to(dtype)).predicted_depth
        depth = F.interpolate(predicted.float().unsqueeze(1), (height, width), mode="bicubic")[0, 0]
        values: Array = depth.cpu().numpy()
    return _normalised(values, invert=estimator.metric)


def _normalised(values: Array, invert: bool) -> Array:
    low, high = float(values.min()), float(values.max())
    scaled = (values - low) / max(high - low, 1e-6)
    result: Array = (1.0 - scaled if invert else scaled).astype(np.float32)
    return result


def depth_image(depth: Array) -> Array:
    """The grey depth map (uint8, white near) a depth ControlNet takes."""
    return to_uint8(depth)


def normal_map(depth: Array, *, strength: float = 1.0, background_threshold: float = 0.1) -> Array:
    """An RGB normal map (uint8) of a [0, 1] depth map (1 = near), as the ControlNet annotators made
    normal maps from MiDaS depth: red is the depth's slope to the right, green its slope downwards (each
    positive where the surface comes nearer) and blue the part facing the viewer.

    ``strength`` says how steep a slope is: at 1, a change from farthest to nearest over the image's
    shorter side tilts the surface 45 degrees. Surfaces farther than ``background_threshold`` are drawn
    facing the viewer, so the background stays flat.
    """
    scale = strength * min(depth.shape[:2]) / 8.0  # Sobel weights a unit slope 8 times
    dx = cv2.Sobel(depth, cv2.CV_32F, 1, 0, ksize=3) * scale
    dy = cv2.Sobel(depth, cv2.CV_32F, 0, 1, ksize=3) * scale
    background = depth < background_threshold
    dx[background] = 0
    dy[background] = 0
    normals = np.stack([dx, dy, np.ones_like(dx)], axis=2)
    normals /= np.linalg.norm(normals, axis=2, keepdims=True)
    return to_uint8(normals * 0.5 + 0.5)
