"""Merging tile images into one image (numpy), for ``merge_tiles_to_image``.

Tiles are merged a row at a time: each tile goes over the row built so far with a weight that rises from
0 to 1 across its left overlap; each finished row goes over the image with a weight that rises across its
top overlap. Linear weights ramp over ``blend_amount`` pixels in the middle of the overlap. Seam weights
switch from the old pixels to the new along the top-to-bottom path through the overlap where the two
differ least (found by dynamic programming), softened by a blur of ``blend_amount`` pixels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageFilter

if TYPE_CHECKING:
    from impasto.nodes.tiles import Tile

Array = np.ndarray[tuple[int, ...], np.dtype[np.float64]]


def merge_tiles(
    size: tuple[int, int], pieces: list[tuple[Tile, Image.Image]], blend: int, mode: str
) -> Image.Image:
    """The image of ``size`` made of the tile images (each converted to RGB), blended where they overlap."""
    width, height = size
    result: Array = np.zeros((height, width, 3))
    for row in _rows(pieces):
        first = row[0][0].coords
        strip: Array = np.zeros((first.bottom - first.top, width, 3))
        for tile, image in row:
            pixels = _pixels(tile, image)
            box = tile.coords
            _blend_into(strip[:, box.left : box.right], pixels, tile.overlap.left, blend, mode)
        overlap_top = row[0][0].overlap.top
        target = result[first.top : first.bottom]
        _blend_into(target.transpose(1, 0, 2), strip.transpose(1, 0, 2), overlap_top, blend, mode)
    return Image.fromarray(np.rint(result).clip(0, 255).astype(np.uint8))


def _rows(pieces: list[tuple[Tile, Image.Image]]) -> list[list[tuple[Tile, Image.Image]]]:
    """The tiles grouped in rows (same top and bottom), rows top to bottom, tiles left to right."""
    rows: dict[tuple[int, int], list[tuple[Tile, Image.Image]]] = {}
    for tile, image in sorted(pieces, key=lambda piece: (piece[0].coords.top, piece[0].coords.left)):
        rows.setdefault((tile.coords.top, tile.coords.bottom), []).append((tile, image))
    return list(rows.values())


def _pixels(tile: Tile, image: Image.Image) -> Array:
    box = tile.coords
    expected = (box.right - box.left, box.bottom - box.top)
    if image.size != expected:
        raise ValueError(
            f"a tile image is {image.width}x{image.height} but its tile ({box.left}, {box.top}) to "
            f"({box.right}, {box.bottom}) is {expected[0]}x{expected[1]}"
        )
    return np.asarray(image.convert("RGB"), dtype=np.float64)


def _blend_into(target: Array, new: Array, overlap: int, blend: int, mode: str) -> None:
    """Write ``new`` over ``target`` (same shape, (H, W, 3)), blending its first ``overlap`` columns."""
    if overlap == 0:
        target[...] = new
        return
    if blend > overlap:
        raise ValueError(f"'blend_amount' ({blend}) is larger than an overlap of adjacent tiles ({overlap})")
    old = target[:, :overlap]
    if mode == "Linear":
        weights = _linear(overlap, blend)[np.newaxis, :].repeat(new.shape[0], axis=0)
    else:
        weights = _seam(old, new[:, :overlap], blend)
    target[:, :overlap] = old * (1 - weights[..., np.newaxis]) + new[:, :overlap] * weights[..., np.newaxis]
    target[:, overlap:] = new[:, overlap:]


def _linear(overlap: int, blend: int) -> Array:
    """Weights across the overlap: 0, a ramp of ``blend`` columns centred on the middle, then 1."""
    weights: Array = np.ones(overlap)
    start = max(0, overlap // 2 - blend // 2)
    weights[:start] = 0.0
    if blend > 0:
        weights[start : start + blend] = np.linspace(0.0, 1.0, blend)[: overlap - start]
    return weights


def _seam(old: Array, new: Array, blend: int) -> Array:
    """Weights (H, W) that are 0 left of the least-different top-to-bottom path and 1 right of it, blurred."""
    cost = np.abs(old - new).sum(axis=2)
    height, width = cost.shape
    total = cost.copy()
    for y in range(1, height):
        above = total[y - 1]
        left = np.concatenate(([np.inf], above[:-1]))
        right = np.concatenate((above[1:], [np.inf]))
        total[y] += np.minimum(np.minimum(left, above), right)
    seam = np.empty(height, dtype=np.int64)
    seam[-1] = int(np.argmin(total[-1]))
    for y in range(height - 2, -1, -1):
        low, high = max(0, seam[y + 1] - 1), min(width, seam[y + 1] + 2)
        seam[y] = low + int(np.argmin(total[y, low:high]))
    hard = (np.arange(width)[np.newaxis, :] >= seam[:, np.newaxis]).astype(np.uint8) * 255
    mask = Image.fromarray(hard)
    if blend > 1:
        mask = mask.filter(ImageFilter.BoxBlur(blend / 2))
    weights: Array = np.asarray(mask, dtype=np.float64) / 255
    return weights
