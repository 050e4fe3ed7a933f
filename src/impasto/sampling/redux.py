"""FLUX Redux settings, torch-free: how its image tokens may be thinned out (the nodes and the graph
builders check these before anything loads).

Redux gives one token per SigLIP patch, a square grid (27 x 27 = 729 tokens for so400m at 384 px). Fewer
tokens weaken the reference's hold on the image: the grid can be shrunk by a whole factor, to
``grid // factor`` per side, with one of torch's interpolation modes (``area`` averages the tokens it
merges, as InvokeAI does by default).
"""

from __future__ import annotations

from typing import Literal, get_args

from impasto.errors import InvalidInputError

DownsamplingFunction = Literal["nearest", "bilinear", "bicubic", "area", "nearest-exact"]
MAX_DOWNSAMPLING_FACTOR = 9


def check_downsampling(factor: int, function: str) -> None:
    """``InvalidInputError`` naming a factor out of range or an unknown interpolation mode."""
    if not 1 <= factor <= MAX_DOWNSAMPLING_FACTOR:
        raise InvalidInputError(
            f"downsampling_factor must be from 1 to {MAX_DOWNSAMPLING_FACTOR} (got {factor})"
        )
    if function not in get_args(DownsamplingFunction):
        allowed = ", ".join(get_args(DownsamplingFunction))
        raise InvalidInputError(f"downsampling_function must be one of {allowed} (got {function!r})")


def downsampled_grid(grid: int, factor: int) -> int:
    """Tokens per side after shrinking a ``grid`` x ``grid`` token grid by ``factor`` (rounded down)."""
    check_downsampling(factor, "area")
    if factor > grid:
        raise InvalidInputError(
            f"downsampling_factor {factor} is larger than the {grid} x {grid} grid of Redux image tokens"
        )
    return grid // factor
