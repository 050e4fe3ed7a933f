"""PiDiNet soft edges (Su et al., "Pixel Difference Networks for Efficient Edge Detection", 2021), the
"table 5" model the ControlNet soft-edge annotator uses (``table5_pidinet.pth``).

Pixel difference convolutions convolve differences of pixels instead of pixels: central (each neighbour
minus the centre), angular (each neighbour minus the next one clockwise) and radial (the outer ring of a
5x5 window minus the inner ring). The "carv4" layout cycles central, angular, radial and plain depthwise
convolutions through four stages of 60, 120, 240 and 240 channels. Each stage feeds a dilated
convolution module (24 channels), a spatial attention module and a 1x1 reduction to one edge map; a 1x1
classifier fuses the four maps. The released weights take BGR input in [0, 1].
"""

from __future__ import annotations

import torch
import torch.nn.functional as F  # noqa: N812
from torch import nn

from impasto.models.architectures.annotators.common import StateDict

LAYOUT = ("cd", "ad", "rd", "cv") * 4
"""The pixel difference of each of the 16 convolutions (the init block and 15 stage blocks), "carv4"."""
STAGE_BLOCKS = (3, 4, 4, 4)
_ANGULAR_ORDER = [3, 0, 1, 6, 4, 2, 7, 8, 5]  # each 3x3 tap's clockwise neighbour
_RADIAL_OUTER = [0, 2, 4, 10, 14, 20, 22, 24]  # where taps 1-8 land in the 5x5 window, and minus them:
_RADIAL_INNER = [6, 7, 8, 11, 13, 16, 17, 18]
_DILATIONS = (5, 7, 9, 11)
_ATTENTION_CHANNELS = 4


class PixelDifferenceConv(nn.Module):
    """A 3x3 convolution (no bias) of pixel differences; ``kind`` is cv (plain), cd, ad or rd."""

    def __init__(self, kind: str, in_channels: int, out_channels: int, groups: int = 1) -> None:
        super().__init__()
        self.kind = kind
        self.groups = groups
        self.weight = nn.Parameter(torch.empty(out_channels, in_channels // groups, 3, 3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        weight, groups = self.weight, self.groups
        if self.kind == "cd":  # sum of w * (x_i - x_centre): subtract the centre times the weights' sum
            centre = F.conv2d(x, weight.sum(dim=(2, 3), keepdim=True), groups=groups)
            return F.conv2d(x, weight, padding=1, groups=groups) - centre
        if self.kind == "ad":
            flat = weight.flatten(2)
            angular = (flat - flat[:, :, _ANGULAR_ORDER]).view_as(weight)
            return F.conv2d(x, angular, padding=1, groups=groups)
        if self.kind == "rd":
            flat = weight.flatten(2)
            window = flat.new_zeros(flat.shape[0], flat.shape[1], 25)
            window[:, :, _RADIAL_OUTER] = flat[:, :, 1:]
            window[:, :, _RADIAL_INNER] = -flat[:, :, 1:]
            radial = window.view(flat.shape[0], flat.shape[1], 5, 5)
            return F.conv2d(x, radial, padding=2, groups=groups)
        return F.conv2d(x, weight, padding=1, groups=groups)


class _Block(nn.Module):
    """Depthwise pixel difference conv, ReLU, pointwise conv, plus the input (pooled and projected when
    the block halves the size)."""

    def __init__(self, kind: str, in_channels: int, out_channels: int, stride: int) -> None:
        super().__init__()
        self.stride = stride
        if stride > 1:
            self.shortcut = nn.Conv2d(in_channels, out_channels, 1)
        self.conv1 = PixelDifferenceConv(kind, in_channels, in_channels, groups=in_channels)
        self.conv2 = nn.Conv2d(in_channels, out_channels, 1, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.stride > 1:
            x = F.max_pool2d(x, kernel_size=2, stride=2)
        y: torch.Tensor = self.conv2(F.relu(self.conv1(x)))
        return y + (self.shortcut(x) if self.stride > 1 else x)


class _DilationModule(nn.Module):
    """1x1 to ``channels``, then four dilated 3x3 convolutions summed (a wide receptive field)."""

    def __init__(self, in_channels: int, channels: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, channels, 1)
        for index, dilation in enumerate(_DILATIONS, start=1):
            conv = nn.Conv2d(channels, channels, 3, dilation=dilation, padding=dilation, bias=False)
            self.add_module(f"conv2_{index}", conv)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv1(F.relu(x))
        branches = [getattr(self, f"conv2_{i}")(x) for i in range(1, len(_DILATIONS) + 1)]
        return torch.stack(branches).sum(dim=0)


class _SpatialAttention(nn.Module):
    """Scales each position by a sigmoid weight computed from all channels there."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(channels, _ATTENTION_CHANNELS, 1)
        self.conv2 = nn.Conv2d(_ATTENTION_CHANNELS, 1, 3, padding=1, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(self.conv2(self.conv1(F.relu(x))))


class _MapReduce(nn.Module):
    def __init__(self, channels: int) -> None:
        super().__init__()
        self.conv = nn.Conv2d(channels, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        reduced: torch.Tensor = self.conv(x)
        return reduced


class PiDiNet(nn.Module):
    """The network; parameters ``init_block``, ``block{stage}_{n}``, ``dilations``, ``attentions``,
    ``conv_reduces`` and ``classifier``."""

    def __init__(self, width: int = 60, dilation_channels: int = 24) -> None:
        super().__init__()
        self.init_block = PixelDifferenceConv(LAYOUT[0], 3, width)
        stage_widths = (width, 2 * width, 4 * width, 4 * width)
        kinds = iter(LAYOUT[1:])
        channels = width
        for stage, (blocks, out) in enumerate(zip(STAGE_BLOCKS, stage_widths, strict=True), start=1):
            for index in range(1, blocks + 1):
                stride = 2 if stage > 1 and index == 1 else 1
                self.add_module(f"block{stage}_{index}", _Block(next(kinds), channels, out, stride))
                channels = out
        self.dilations = nn.ModuleList(_DilationModule(w, dilation_channels) for w in stage_widths)
        self.attentions = nn.ModuleList(_SpatialAttention(dilation_channels) for _ in stage_widths)
        self.conv_reduces = nn.ModuleList(_MapReduce(dilation_channels) for _ in stage_widths)
        self.classifier = nn.Conv2d(len(stage_widths), 1, 1)

    @classmethod
    def from_state(cls, state: StateDict) -> PiDiNet:
        width = int(state["init_block.weight"].shape[0])
        return cls(width, int(state["dilations.0.conv1.weight"].shape[0]))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Fused edge probabilities (1, 1, H, W) of a BGR image (1, 3, H, W) in [0, 1]."""
        size = x.shape[-2:]
        h = self.init_block(x)
        maps = []
        for stage, blocks in enumerate(STAGE_BLOCKS, start=1):
            for index in range(1, blocks + 1):
                h = getattr(self, f"block{stage}_{index}")(h)
            i = stage - 1
            edge = self.conv_reduces[i](self.attentions[i](self.dilations[i](h)))
            maps.append(F.interpolate(edge, size, mode="bilinear"))
        return torch.sigmoid(self.classifier(torch.cat(maps, dim=1)))
