"""Transformers' depth estimators (Depth Anything v1 / v2, DPT / MiDaS) as a loaded model: the network
and the input rules of its folder.

A depth folder is what the hub holds: ``config.json`` (``AutoModelForDepthEstimation`` builds the model it
names) and ``preprocessor_config.json``, whose normalisation and size rules are read here so they can be
followed without the image processor class: with ``keep_aspect_ratio`` the image (already at the detect
resolution) is only rounded to multiples of ``ensure_multiple_of`` (14 for Depth Anything's patches);
without it (DPT's ViT needs square inputs) it is resized to the configured size. Whether the model
predicts relative inverse depth or metric distance (``depth_estimation_type: metric``) is kept beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from torch import nn

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
