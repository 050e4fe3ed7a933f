"""HED soft edges with lllyasviel's re-trained network (``ControlNetHED.pth``, Apache-2.0).

The network is five VGG-style stages (2, 2, 3, 3, 3 convolutions; 64 to 512 channels), each after a 2x
max-pool except the first, and each with a one-channel side output. The edge map is the sigmoid of the
mean of the five side outputs scaled back to the input size. It takes RGB values 0-255 and subtracts a
learned per-channel offset (``norm``) itself.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F  # noqa: N812
from torch import nn

from impasto.models.architectures.annotators.common import StateDict, count_prefixed

STAGES = 5


class _Stage(nn.Module):
    """A few 3x3 convolutions with ReLU, and a 1x1 projection of their output to one channel."""

    def __init__(self, in_channels: int, channels: int, depth: int) -> None:
        super().__init__()
        widths = [in_channels] + [channels] * depth
        self.convs = nn.Sequential(*(nn.Conv2d(widths[i], channels, 3, padding=1) for i in range(depth)))
        self.projection = nn.Conv2d(channels, 1, 1)

    def forward(self, x: torch.Tensor, pool: bool) -> tuple[torch.Tensor, torch.Tensor]:
        if pool:
            x = F.max_pool2d(x, kernel_size=2, stride=2)
        for conv in self.convs:
            x = F.relu(conv(x))
        return x, self.projection(x)


class HEDNet(nn.Module):
    """Five stages with side outputs; parameters ``norm`` and ``block{1..5}.{convs.N,projection}``."""

    def __init__(self, widths: tuple[int, ...], depths: tuple[int, ...]) -> None:
        super().__init__()
        self.norm = nn.Parameter(torch.zeros(1, 3, 1, 1))
        channels = 3
        for index, (width, depth) in enumerate(zip(widths, depths, strict=True), start=1):
            self.add_module(f"block{index}", _Stage(channels, width, depth))
            channels = width

    @classmethod
    def from_state(cls, state: StateDict) -> HEDNet:
        widths = tuple(int(state[f"block{i}.convs.0.weight"].shape[0]) for i in range(1, STAGES + 1))
        depths = tuple(count_prefixed(state, f"block{i}.convs.{{}}.weight") for i in range(1, STAGES + 1))
        return cls(widths, depths)

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        """Side outputs (1, 1, H / 2^i, W / 2^i) of an RGB image (1, 3, H, W) with values 0-255."""
        h = x - self.norm
        sides = []
        for index in range(1, STAGES + 1):
            stage: _Stage = getattr(self, f"block{index}")
            h, side = stage(h, pool=index > 1)
            sides.append(side)
        return sides
