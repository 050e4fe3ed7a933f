"""Seamless tiling: circular padding on a model's 2-D convolutions while it runs, restored afterwards.

With the left edge padded from the right edge (x) and the top from the bottom (y), every convolution
sees the image as a torus, so the result tiles without a seam. The cached model is shared, so nothing
structural changes: each affected convolution gets an instance-level ``_conv_forward`` for the duration
of the block (the class method is untouched), and it is removed on the way out, even after an error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch
    from torch import nn


@contextmanager
def seamless(module: nn.Module, axes: Sequence[str]) -> Iterator[int]:
    """Make ``module``'s convolutions wrap around along ``axes`` ("x", "y"); yields how many were patched."""
    from torch import nn

    wrap_x, wrap_y = "x" in axes, "y" in axes
    patched: list[nn.Conv2d] = []
    if wrap_x or wrap_y:
        for layer in module.modules():
            if isinstance(layer, nn.Conv2d) and _pads(layer):
                layer._conv_forward = _wrapping_forward(layer, wrap_x, wrap_y)  # type: ignore[method-assign]
                patched.append(layer)
    try:
        yield len(patched)
    finally:
        for layer in patched:
            del layer._conv_forward


def _pads(layer: nn.Conv2d) -> bool:
    """Only zero-padded convolutions with explicit padding are wrapped (not "same"/"valid" strings)."""
    padding = layer.padding
    return not isinstance(padding, str) and layer.padding_mode == "zeros" and any(p > 0 for p in padding)


def _wrapping_forward(layer: nn.Conv2d, wrap_x: bool, wrap_y: bool) -> Any:
    """A ``_conv_forward`` that pads circularly along the wrapped axes and with zeros along the others."""
    import torch.nn.functional as F  # noqa: N812

    pad_h, pad_w = int(layer.padding[0]), int(layer.padding[1])

    def forward(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor:
        x = F.pad(x, (pad_w, pad_w, 0, 0), mode="circular" if wrap_x else "constant")
        x = F.pad(x, (0, 0, pad_h, pad_h), mode="circular" if wrap_y else "constant")
        return F.conv2d(x, weight, bias, layer.stride, 0, layer.dilation, layer.groups)

    return forward
