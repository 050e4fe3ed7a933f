"""Upscaling an image with an image-to-image model (ESRGAN, Real-ESRGAN, SwinIR, ...) in tiles.

Such models need memory in proportion to the pixels they see, so large images run tile by tile. Tiles
overlap and are blended with weights that fall off linearly across the overlap, which hides the seams a
model leaves near a tile's border (it sees less context there). Where tiles do not overlap, the weight
is 1, so an image that fits one tile comes out exactly as the model made it.

A model that takes RGB gets the colour channels; an alpha channel is scaled alongside with Lanczos.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

if TYPE_CHECKING:
    import torch

Runner = Callable[["torch.Tensor"], "torch.Tensor"]
"""The model: (1, C, h, w) in [0, 1] → (1, C, h·scale, w·scale) in [0, 1], on its device and dtype."""


@dataclass(frozen=True)
class Span:
    """One tile's extent along an axis, in input pixels."""

    start: int
    end: int


def spans(length: int, tile: int, overlap: int) -> list[Span]:
    """Tiles covering ``0..length`` of at most ``tile`` pixels, neighbours sharing ``overlap`` pixels.

    ``tile`` 0 (or a tile as long as the axis) means a single span. The last tile is moved back so that
    every tile has the full size, which keeps the model's context the same everywhere.
    """
    if tile <= 0 or tile >= length:
        return [Span(0, length)]
    if not 0 <= overlap < tile:
        raise ValueError(f"the tile overlap ({overlap}) must be at least 0 and less than the tile ({tile})")
    stride = tile - overlap
    starts = [*range(0, length - tile, stride), length - tile]
    return [Span(start, start + tile) for start in starts]


def ramp(span: Span, previous: Span | None, following: Span | None, scale: int) -> np.ndarray:
    """Blend weights along one axis of a tile's output: rising across the overlap with the previous
    tile, falling across the overlap with the next one, 1 elsewhere."""
    size = (span.end - span.start) * scale
    weights = np.ones(size, dtype=np.float32)
    if previous is not None and previous.end > span.start:
        width = (previous.end - span.start) * scale
        weights[:width] = np.minimum(weights[:width], (np.arange(width, dtype=np.float32) + 0.5) / width)
    if following is not None and span.end > following.start:
        width = (span.end - following.start) * scale
        falling = (np.arange(width, 0, -1, dtype=np.float32) - 0.5) / width
        weights[size - width :] = np.minimum(weights[size - width :], falling)
    return weights


def upscale_pixels(
    run: Runner,
    pixels: np.ndarray,
    *,
    scale: int,
    tile: int,
    overlap: int,
    device: torch.device,
    dtype: torch.dtype,
    on_tile: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """Upscale an (H, W, C) float32 array in [0, 1] tile by tile; answers (H·scale, W·scale, C)."""
    import torch

    height, width, channels = pixels.shape
    rows, columns = spans(height, tile, overlap), spans(width, tile, overlap)
    total = np.zeros((height * scale, width * scale, channels), dtype=np.float32)
    weight = np.zeros((height * scale, width * scale, 1), dtype=np.float32)
    count = len(rows) * len(columns)
    for index, (r, c) in enumerate((r, c) for r in range(len(rows)) for c in range(len(columns))):
        row, column = rows[r], columns[c]
        piece = pixels[row.start : row.end, column.start : column.end]
        tensor = torch.from_numpy(np.ascontiguousarray(piece)).permute(2, 0, 1).unsqueeze(0)
        with torch.inference_mode():
            result = run(tensor.to(device=device, dtype=dtype))
        out = result[0].permute(1, 2, 0).float().cpu().numpy()
        vertical = ramp(row, _at(rows, r - 1), _at(rows, r + 1), scale)
        horizontal = ramp(column, _at(columns, c - 1), _at(columns, c + 1), scale)
        tile_weight = (vertical[:, None] * horizontal[None, :])[:, :, None]
        rows_out = slice(row.start * scale, row.end * scale)
        columns_out = slice(column.start * scale, column.end * scale)
        total[rows_out, columns_out] += out * tile_weight
        weight[rows_out, columns_out] += tile_weight
        if on_tile is not None:
            on_tile(index + 1, count)
    return np.clip(total / weight, 0.0, 1.0)


def _at(items: list[Span], index: int) -> Span | None:
    return items[index] if 0 <= index < len(items) else None


def model_mode(input_channels: int) -> str:
    """The PIL mode a model with ``input_channels`` channels works in."""
    modes = {1: "L", 3: "RGB", 4: "RGBA"}
    if input_channels not in modes:
        raise ValueError(f"models with {input_channels} input channels are not supported")
    return modes[input_channels]


def upscale_image(
    run: Runner,
    image: Image.Image,
    *,
    input_channels: int,
    scale: int,
    tile: int,
    overlap: int,
    device: torch.device,
    dtype: torch.dtype,
    on_tile: Callable[[int, int], None] | None = None,
) -> Image.Image:
    """``image`` upscaled ``scale`` times by the model; alpha kept when the model has no alpha channel."""
    mode = model_mode(input_channels)
    alpha = image.getchannel("A") if "A" in image.getbands() and mode != "RGBA" else None
    pixels = np.asarray(image.convert(mode), dtype=np.float32) / 255.0
    if pixels.ndim == 2:
        pixels = pixels[:, :, None]
    upscaled = upscale_pixels(
        run, pixels, scale=scale, tile=tile, overlap=overlap, device=device, dtype=dtype, on_tile=on_tile
    )
    data = np.rint(upscaled * 255.0).astype(np.uint8)
    result = Image.fromarray(data[:, :, 0] if mode == "L" else data, mode=mode)
    if alpha is not None:
        result = result.convert("RGBA" if mode == "RGB" else "LA")
        result.putalpha(alpha.resize(result.size, Image.Resampling.LANCZOS))
    return result
