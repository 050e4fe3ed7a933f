"""Depth maps with transformers' depth estimators (Depth Anything v1 / v2, DPT / MiDaS), and normal maps
computed from depth.

A depth folder is what the hub holds: ``config.json`` (``AutoModelForDepthEstimation`` builds the model it
names) and ``preprocessor_config.json``, whose normalisation and size rules are followed here without the
image processor class: with ``keep_aspect_ratio`` the image (already at the detect resolution) is only
rounded to multiples of ``ensure_multiple_of`` (14 for Depth Anything's patches); without it (DPT's ViT
needs square inputs) it is resized to the configured size. The prediction is scaled back to the image and
stretched to [0, 1] with near = 1, which is what depth ControlNets take: relative models predict inverse
depth already; metric ones (``depth_estimation_type: metric``) predict distance and are inverted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812
from torch import nn

from impasto.generation.annotators.common import image_tensor, network_dtype, running, to_uint8

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from impasto.generation.runtime import Loaded

    Array = NDArray[Any]

_IMAGENET_MEAN = (0.485, 0.456, 0.406)
_IMAGENET_STD = (0.229, 0.224, 0.225)
_DEFAULT_SIZE = 384


@dataclass(frozen=True)
class DepthInput:
    """How the estimator wants its pixels: normalisation, and the size rule."""

    mean: tuple[float, float, float] = _IMAGENET_MEAN
    std: tuple[float, float, float] = _IMAGENET_STD
    size: tuple[int, int] = (_DEFAULT_SIZE, _DEFAULT_SIZE)  # (height, width) when the ratio is not kept
    keep_aspect_ratio: bool = True
    multiple: int = 1

    @classmethod
    def from_config(cls, config: dict[str, Any], patch_size: int) -> DepthInput:
        """The rules of a ``preprocessor_config.json`` (missing keys: ImageNet statistics, the ratio kept)."""
        size = config.get("size") or {}
        height = int(size.get("height", size.get("shortest_edge", _DEFAULT_SIZE)))
        width = int(size.get("width", size.get("shortest_edge", _DEFAULT_SIZE)))
        return cls(
            mean=_triple(config.get("image_mean"), _IMAGENET_MEAN),
            std=_triple(config.get("image_std"), _IMAGENET_STD),
            size=(height, width),
            keep_aspect_ratio=bool(config.get("keep_aspect_ratio", not config)),
            multiple=max(int(config.get("ensure_multiple_of") or 1), patch_size),
        )

    def shape_for(self, height: int, width: int) -> tuple[int, int]:
        """The (height, width) an image of this size is given to the estimator at."""
        if not self.keep_aspect_ratio:
            return self.size
        return _round(height, self.multiple), _round(width, self.multiple)


def _triple(value: Any, default: tuple[float, float, float]) -> tuple[float, float, float]:
    if isinstance(value, list | tuple) and len(value) == 3:
        return float(value[0]), float(value[1]), float(value[2])
    return default


def _round(side: int, multiple: int) -> int:
    return max(multiple, round(side / multiple) * multiple)


@dataclass
class DepthEstimator:
    """A loaded depth model with its input rules (the cache moves ``model`` to the device)."""

    model: nn.Module
    input: DepthInput
    metric: bool = False


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
