"""Line art from photographs with the "informative drawings" generator (``sk_model.pth``; ``sk_model2.pth``
is the coarse variant: the same network trained for bolder, simpler lines).

A ResNet-style image-to-image network: a 7x7 convolution to 64 channels, two stride-2 convolutions
(to 256), residual blocks (3 in the released files), two transposed convolutions back up and a 7x7
convolution to one sigmoid channel, with instance normalisation throughout. It takes RGB in [0, 1] and
draws dark lines on white; the control image is the inverse (white lines on black).
"""

from __future__ import annotations

import torch
from torch import nn

from impasto.models.architectures.annotators.common import StateDict, count_prefixed


class _ResidualBlock(nn.Module):
    def __init__(self, channels: int) -> None:
        super().__init__()
        self.conv_block = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), nn.InstanceNorm2d(channels), nn.ReLU(),
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), nn.InstanceNorm2d(channels),
        )  # fmt: skip

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        residual: torch.Tensor = self.conv_block(x)
        return x + residual


def _down(in_channels: int, out_channels: int) -> list[nn.Module]:
    conv = nn.Conv2d(in_channels, out_channels, 3, stride=2, padding=1)
    return [conv, nn.InstanceNorm2d(out_channels), nn.ReLU()]


def _up(in_channels: int, out_channels: int) -> list[nn.Module]:
    conv = nn.ConvTranspose2d(in_channels, out_channels, 3, stride=2, padding=1, output_padding=1)
    return [conv, nn.InstanceNorm2d(out_channels), nn.ReLU()]


class LineartNet(nn.Module):
    """The generator; parameters ``model0`` (stem), ``model1`` (down), ``model2`` (residual blocks),
    ``model3`` (up) and ``model4`` (output)."""

    def __init__(self, width: int = 64, blocks: int = 3) -> None:
        super().__init__()
        wide = 4 * width
        stem = nn.Conv2d(3, width, 7)
        self.model0 = nn.Sequential(nn.ReflectionPad2d(3), stem, nn.InstanceNorm2d(width), nn.ReLU())
        self.model1 = nn.Sequential(*_down(width, 2 * width), *_down(2 * width, wide))
        self.model2 = nn.Sequential(*(_ResidualBlock(wide) for _ in range(blocks)))
        self.model3 = nn.Sequential(*_up(wide, 2 * width), *_up(2 * width, width))
        self.model4 = nn.Sequential(nn.ReflectionPad2d(3), nn.Conv2d(width, 1, 7), nn.Sigmoid())

    @classmethod
    def from_state(cls, state: StateDict) -> LineartNet:
        width = int(state["model0.1.weight"].shape[0])
        return cls(width, count_prefixed(state, "model2.{}.conv_block.1.weight"))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Lines (1, 1, H, W) in [0, 1], dark on white, of an RGB image (1, 3, H, W) in [0, 1]."""
        for stage in (self.model0, self.model1, self.model2, self.model3, self.model4):
            x = stage(x)
        return x
