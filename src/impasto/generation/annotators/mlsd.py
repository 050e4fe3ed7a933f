"""M-LSD straight lines from an image: the network (:mod:`impasto.models.architectures.annotators.mlsd`)
run on RGB plus a channel of ones in [-1, 1]; segments are the centre map's local maxima (the 200
strongest) above a score whose ends are far enough apart, drawn one pixel wide."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812

from impasto.generation.annotators.common import running

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from impasto.generation.runtime import Loaded

    Array = NDArray[Any]

_MULTIPLE = 16
_TOP_K = 200
_PEAK_WINDOW = 3


def mlsd_lines(
    loaded: Loaded, pixels: Array, *, score_threshold: float, distance_threshold: float, device: str = "auto"
) -> Array:
    """White one-pixel straight lines on black (uint8, the image's height and width)."""
    height, width = pixels.shape[:2]
    size = (_rounded(width), _rounded(height))
    resized = cv2.resize(pixels, size, interpolation=cv2.INTER_AREA).astype(np.float32)
    ones = np.ones((size[1], size[0], 1), dtype=np.float32)  # scaled with the pixels below, as trained
    feed = np.concatenate([resized, ones], axis=2) / 127.5 - 1.0
    with running(loaded, device) as (network, target):
        dtype = next(network.parameters()).dtype
        tensor = torch.from_numpy(feed).to(target, dtype).permute(2, 0, 1).unsqueeze(0)
        output = network(tensor)[0].float()
        segments = _segments(output, score_threshold, distance_threshold)
    canvas = np.zeros((height, width), dtype=np.uint8)
    scale = np.array([2 * width / size[0], 2 * height / size[1]] * 2)  # outputs are at half the size
    for segment in segments * scale:
        x1, y1, x2, y2 = (round(float(v)) for v in segment)
        cv2.line(canvas, (x1, y1), (x2, y2), 255, 1)
    return canvas


def _rounded(side: int) -> int:
    return max(_MULTIPLE, round(side / _MULTIPLE) * _MULTIPLE)


def _segments(output: torch.Tensor, score_threshold: float, distance_threshold: float) -> Array:
    """(N, 4) segments (x1, y1, x2, y2) in output pixels from the centre map and displacements."""
    heat = torch.sigmoid(output[0])  # (h, w)
    peaks = F.max_pool2d(heat[None], _PEAK_WINDOW, stride=1, padding=_PEAK_WINDOW // 2)[0] == heat
    scores, indices = torch.topk((heat * peaks).flatten(), min(_TOP_K, heat.numel()))
    width = heat.shape[1]
    ys, xs = indices // width, indices % width
    ends = output[1:5, ys, xs].T  # (K, 4) displacements of start and end
    lengths = torch.linalg.vector_norm(ends[:, :2] - ends[:, 2:], dim=1)
    keep = (scores > score_threshold) & (lengths > distance_threshold)
    centres = torch.stack([xs, ys, xs, ys], dim=1).to(ends.dtype)
    segments: Array = (centres + ends)[keep].cpu().numpy()
    return segments
