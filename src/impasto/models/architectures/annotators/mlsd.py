"""M-LSD straight line segments (Gu et al., "Towards Light-weight and Real-time Line Segment Detection",
2022), the large model (``mlsd_large_512_fp32.pth``) the ControlNet MLSD annotator uses.

A MobileNetV2 trunk (its first 14 layers, TFLite-style padding on the stride-2 convolutions) feeds a
small U-Net decoder that predicts, at half the input size, a segment-centre heat map and each centre's
displacement to the segment's two ends. Segments are the heat map's local maxima (the 200 strongest)
above a score whose ends are far enough apart. The input is RGB plus a channel of ones, in [-1, 1].
"""

from __future__ import annotations

import torch
import torch.nn.functional as F  # noqa: N812
from torch import nn

from impasto.models.architectures.annotators.common import StateDict

# MobileNetV2's inverted residual stages as (expansion, channels, repeats, stride), up to 96 channels.
_STAGES = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1))
_FEATURES = (1, 3, 6, 10, 13)  # the trunk layers whose outputs the decoder uses (1/2 ... 1/16 size)


class _ConvBNReLU6(nn.Sequential):
    """Convolution, batch norm, ReLU6; stride-2 ones pad only right and bottom (as TFLite does)."""

    def __init__(
        self, in_channels: int, out_channels: int, kernel: int = 3, stride: int = 1, groups: int = 1
    ):
        padding = 0 if stride == 2 else (kernel - 1) // 2
        conv = nn.Conv2d(in_channels, out_channels, kernel, stride, padding, groups=groups, bias=False)
        super().__init__(conv, nn.BatchNorm2d(out_channels), nn.ReLU6())
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.stride == 2:
            x = F.pad(x, (0, 1, 0, 1))
        for layer in self:
            x = layer(x)
        return x


class _InvertedResidual(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int, expansion: int) -> None:
        super().__init__()
        hidden = in_channels * expansion
        layers: list[nn.Module] = [_ConvBNReLU6(in_channels, hidden, kernel=1)] if expansion != 1 else []
        layers += [
            _ConvBNReLU6(hidden, hidden, stride=stride, groups=hidden),
            nn.Conv2d(hidden, out_channels, 1, bias=False),
            nn.BatchNorm2d(out_channels),
        ]
        self.conv = nn.Sequential(*layers)
        self.residual = stride == 1 and in_channels == out_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y: torch.Tensor = self.conv(x)
        return x + y if self.residual else y


class _Trunk(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = [_ConvBNReLU6(4, 32, stride=2)]
        channels = 32
        for expansion, out, repeats, stride in _STAGES:
            for index in range(repeats):
                layers.append(_InvertedResidual(channels, out, stride if index == 0 else 1, expansion))
                channels = out
        self.features = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        outputs = []
        for index, layer in enumerate(self.features):
            x = layer(x)
            if index in _FEATURES:
                outputs.append(x)
        return outputs


def _conv_bn_relu(in_channels: int, out_channels: int, kernel: int, dilation: int = 1) -> nn.Sequential:
    padding = dilation * (kernel - 1) // 2
    conv = nn.Conv2d(in_channels, out_channels, kernel, padding=padding, dilation=dilation)
    return nn.Sequential(conv, nn.BatchNorm2d(out_channels), nn.ReLU())


class _Merge(nn.Module):
    """1x1 convolutions of a skip feature and the coarser feature (upsampled 2x), concatenated."""

    def __init__(self, skip_channels: int, coarse_channels: int, upscale: bool = True) -> None:
        super().__init__()
        self.conv1 = _conv_bn_relu(coarse_channels, 64, 1)
        self.conv2 = _conv_bn_relu(skip_channels, 64, 1)
        self.upscale = upscale

    def forward(self, skip: torch.Tensor, coarse: torch.Tensor) -> torch.Tensor:
        coarse = self.conv1(coarse)
        if self.upscale:
            coarse = F.interpolate(coarse, scale_factor=2.0, mode="bilinear", align_corners=True)
        return torch.cat((self.conv2(skip), coarse), dim=1)


class _Refine(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = _conv_bn_relu(128, 128, 3)
        self.conv2 = _conv_bn_relu(128, 64, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        refined: torch.Tensor = self.conv2(self.conv1(x) + x)
        return refined


class _Head(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = _conv_bn_relu(64, 64, 3, dilation=5)
        self.conv2 = _conv_bn_relu(64, 64, 3)
        self.conv3 = nn.Conv2d(64, 16, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        maps: torch.Tensor = self.conv3(self.conv2(self.conv1(x)))
        return maps


class MLSDNet(nn.Module):
    """The large M-LSD model; parameters ``backbone.features.*`` and ``block15`` ... ``block23``."""

    def __init__(self) -> None:
        super().__init__()
        self.backbone = _Trunk()
        self.block15, self.block16 = _Merge(64, 96, upscale=False), _Refine()
        self.block17, self.block18 = _Merge(32, 64), _Refine()
        self.block19, self.block20 = _Merge(24, 64), _Refine()
        self.block21, self.block22 = _Merge(16, 64), _Refine()
        self.block23 = _Head()

    @classmethod
    def from_state(cls, state: StateDict) -> MLSDNet:
        return cls()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(1, 9, H/2, W/2): centre logits, then start and end displacements (x, y, x, y), then 4 unused."""
        c1, c2, c3, c4, c5 = self.backbone(x)
        y = self.block16(self.block15(c4, c5))
        y = self.block18(self.block17(c3, y))
        y = self.block20(self.block19(c2, y))
        y = self.block22(self.block21(c1, y))
        maps: torch.Tensor = self.block23(y)
        return maps[:, 7:]
