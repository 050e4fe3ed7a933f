"""PiDiNet soft edges from an image: the network (:mod:`impasto.models.architectures.annotators.pidinet`)
run on BGR in [0, 1], with the scribble and safe modes on top."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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


def pidinet_edges(
    loaded: Loaded, pixels: Array, *, safe: bool = False, as_scribble: bool = False, device: str = "auto"
) -> Array:
    """White soft edges on black (uint8, the image's height and width) from an RGB array."""
    with running(loaded, device) as (network, target):
        bgr = image_tensor(pixels[:, :, ::-1], target, network_dtype(network)) / 255.0
        edges = network(bgr)[0, 0].float().cpu().numpy()
    if safe:
        edges = safe_step(edges)
    result = to_uint8(edges)
    return scribble(result) if as_scribble else result
