"""Line art from an image with the "informative drawings" network
(:mod:`impasto.models.architectures.annotators.lineart`): RGB in [0, 1] in, and its dark lines on white
inverted into the white-on-black control image."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import torch.nn.functional as F  # noqa: N812

from impasto.generation.annotators.common import image_tensor, network_dtype, running, to_uint8

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from impasto.generation.runtime import Loaded

    Array = NDArray[Any]

_MULTIPLE = 4  # two stride-2 convolutions: other sizes come back a few pixels larger


def lineart(loaded: Loaded, pixels: Array, *, device: str = "auto") -> Array:
    """White lines on black (uint8, the image's height and width) from an RGB array."""
    height, width = pixels.shape[:2]
    with running(loaded, device) as (network, target):
        image = image_tensor(pixels, target, network_dtype(network)) / 255.0
        pad_y, pad_x = -height % _MULTIPLE, -width % _MULTIPLE
        if pad_y or pad_x:
            image = F.pad(image, (0, pad_x, 0, pad_y), mode="replicate")
        lines = network(image)[0, 0, :height, :width].float().cpu().numpy()
    return to_uint8(1.0 - lines)
