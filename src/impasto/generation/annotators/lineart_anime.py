"""Anime line art from an image with the pix2pix U-Net
(:mod:`impasto.models.architectures.annotators.lineart_anime`): the image is resized to the next multiple
of the U-Net's depth, run in [-1, 1], resized back and inverted into white lines on black."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

from impasto.generation.annotators.common import image_tensor, network_dtype, running, to_uint8

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from impasto.generation.runtime import Loaded

    Array = NDArray[Any]


def lineart_anime(loaded: Loaded, pixels: Array, *, device: str = "auto") -> Array:
    """White lines on black (uint8, the image's height and width) from an RGB array."""
    height, width = pixels.shape[:2]
    with running(loaded, device) as (network, target):
        multiple = 2 ** int(getattr(network, "downs", 8))
        size = (-(-width // multiple) * multiple, -(-height // multiple) * multiple)
        resized = cv2.resize(pixels, size, interpolation=cv2.INTER_CUBIC)
        image = image_tensor(resized, target, network_dtype(network)) / 127.5 - 1.0
        lines = network(image)[0, 0].float().cpu().numpy()
    lines = cv2.resize(lines * 127.5 + 127.5, (width, height), interpolation=cv2.INTER_CUBIC)
    return 255 - to_uint8(np.asarray(lines), scale=1.0)
