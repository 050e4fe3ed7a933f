"""Anime line art with a pix2pix U-Net generator (``netG.pth``).

The U-Net halves the image eight times (4x4 stride-2 convolutions, 64 to 512 channels) and comes back up
with transposed convolutions, concatenating each level's input to its output (the skip connections);
instance normalisation without learned parameters, tanh output. So the input's sides must be multiples
of 2^8 = 256: the image is resized to the next such size and the result resized back. Input and output
are in [-1, 1]; it draws dark lines on white, and the control image is the inverse.
"""

from __future__ import annotations

import torch
from torch import nn

from impasto.models.architectures.annotators.common import StateDict

_WIDE_LEVELS = 5  # the innermost level plus the four whose widths step up from 1x to 8x


class _Level(nn.Module):
    """One level of the U-Net: down, the inner levels, up; parameters ``model.N``."""

    def __init__(self, outer: int, inner: int, sub: _Level | None, in_channels: int | None = None) -> None:
        super().__init__()
        self.outermost = in_channels is not None
        down = nn.Conv2d(in_channels or outer, inner, 4, stride=2, padding=1)
        if self.outermost:
            assert sub is not None
            up = nn.ConvTranspose2d(2 * inner, outer, 4, stride=2, padding=1)
            layers: list[nn.Module] = [down, sub, nn.ReLU(), up, nn.Tanh()]
        elif sub is None:  # innermost
            up = nn.ConvTranspose2d(inner, outer, 4, stride=2, padding=1)
            layers = [nn.LeakyReLU(0.2), down, nn.ReLU(), up, nn.InstanceNorm2d(outer)]
        else:
            up = nn.ConvTranspose2d(2 * inner, outer, 4, stride=2, padding=1)
            layers = [nn.LeakyReLU(0.2), down, nn.InstanceNorm2d(inner), sub, nn.ReLU(), up]
            layers.append(nn.InstanceNorm2d(outer))
        self.model = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.model(x)
        return y if self.outermost else torch.cat([x, y], dim=1)


class LineartAnimeNet(nn.Module):
    """The U-Net generator with ``downs`` levels and ``width`` channels at the outermost one."""

    def __init__(self, width: int = 64, downs: int = 8) -> None:
        super().__init__()
        if downs < _WIDE_LEVELS:
            raise ValueError(f"the anime line art U-Net has at least {_WIDE_LEVELS} levels, not {downs}")
        self.downs = downs
        level = _Level(8 * width, 8 * width, None)
        for _ in range(downs - _WIDE_LEVELS):
            level = _Level(8 * width, 8 * width, level)
        for factor in (4, 2, 1):
            level = _Level(factor * width, 2 * factor * width, level)
        self.model = _Level(1, width, level, in_channels=3)

    @classmethod
    def from_state(cls, state: StateDict) -> LineartAnimeNet:
        width = int(state["model.model.0.weight"].shape[0])
        downs, prefix = 1, "model.model.1."
        while f"{prefix}model.1.weight" in state:  # each inner level's down-convolution
            downs, prefix = downs + 1, f"{prefix}model.3."
        return cls(width, downs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Lines (1, 1, H, W) in [-1, 1], dark on white, of an RGB image in [-1, 1]."""
        result: torch.Tensor = self.model(x)
        return result
