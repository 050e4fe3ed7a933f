"""Prompt adherence read from pixels: background color, shape color and shape kind.

The reading mirrors how the scenes are drawn. The background is the most common nearest-palette color
on the border (shapes never touch it). Shapes are the connected regions of other colors; a region's
color is its most common nearest-palette color, and its kind comes from how much of its bounding box
it fills (circle π/4, square 1, triangle 1/2, star ≈ 1/3). Area and box are measured with sub-pixel
precision from each pixel's coverage (its place between background and shape color), so that small
shapes are classified as well as large ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tools.demo_model.scenes import PALETTE_RGB, SHAPES

# Mean fill ratio of each shape's bounding box (SHAPES order), measured on the dataset renderer; a test
# keeps these true. Small stars fill more than large ones (their notches blur), up to ~0.47, and small
# triangles from ~0.51, so the star/triangle boundary sits between those, not at the means' midpoint.
REFERENCE_FILL: tuple[float, ...] = (0.787, 1.0, 0.526, 0.38)
FILL_BOUNDARIES: tuple[float, ...] = (0.485, 0.655, 0.893)  # star | triangle | circle | square
_BY_FILL = (3, 2, 0, 1)  # shape index of each interval above
MIN_REGION_PIXELS = 12

_PALETTE = np.asarray(PALETTE_RGB, dtype=np.float32)


@dataclass(frozen=True)
class ShapeReading:
    """One region read from an image."""

    color: int
    shape: int
    fill: float
    center_x: float
    pixels: int


@dataclass(frozen=True)
class SceneReading:
    """Background and up to two shapes (largest regions first)."""

    background: int
    shapes: list[ShapeReading]

    def left_to_right(self) -> list[ShapeReading]:
        """The shapes ordered by horizontal position."""
        return sorted(self.shapes, key=lambda s: s.center_x)


def nearest_palette(image: np.ndarray) -> np.ndarray:
    """Index (H, W) of the nearest palette color of every pixel of an (H, W, 3) uint8 image."""
    d = ((image[:, :, None, :].astype(np.float32) - _PALETTE) ** 2).sum(-1)
    return np.asarray(d.argmin(-1))


def label_regions(mask: np.ndarray) -> np.ndarray:
    """4-connected regions of a boolean mask: (H, W) labels, -1 outside (min-label propagation)."""
    h, w = mask.shape
    big = h * w
    labels = np.where(mask, np.arange(big).reshape(h, w), big)
    while True:
        new = labels.copy()
        np.minimum(new[1:], labels[:-1], out=new[1:])
        np.minimum(new[:-1], labels[1:], out=new[:-1])
        np.minimum(new[:, 1:], labels[:, :-1], out=new[:, 1:])
        np.minimum(new[:, :-1], labels[:, 1:], out=new[:, :-1])
        new = np.where(mask, new, big)
        if np.array_equal(new, labels):
            return np.where(mask, labels, -1)
        labels = new


def classify_fill(fill: float) -> int:
    """The shape (index into SHAPES) whose range of fill ratios contains ``fill``."""
    return _BY_FILL[int(np.searchsorted(FILL_BOUNDARIES, fill))]


def _dilate(mask: np.ndarray) -> np.ndarray:
    out = mask.copy()
    out[1:] |= mask[:-1]
    out[:-1] |= mask[1:]
    out[:, 1:] |= mask[:, :-1]
    out[:, :-1] |= mask[:, 1:]
    return out


def _read_region(image: np.ndarray, index: np.ndarray, region: np.ndarray, background: int) -> ShapeReading:
    """Color and kind of one region, with sub-pixel area and extents from per-pixel coverage."""
    counts = np.bincount(index[region], minlength=len(_PALETTE))
    counts[background] = 0
    color = int(counts.argmax())
    bg, fg = _PALETTE[background], _PALETTE[color]
    # Coverage of each pixel: its position on the background→shape color segment (edges are blends).
    t = ((image.astype(np.float32) - bg) @ (fg - bg)) / max(float((fg - bg) @ (fg - bg)), 1e-6)
    cover = np.clip(t, 0.0, 1.0) * _dilate(region)
    area = float(cover.sum())
    width, height = float(cover.max(axis=0).sum()), float(cover.max(axis=1).sum())
    fill = area / max(width * height, 1e-6)
    center_x = float((cover.sum(axis=0) * (np.arange(cover.shape[1]) + 0.5)).sum() / max(area, 1e-6))
    return ShapeReading(color, classify_fill(fill), fill, center_x, int(region.sum()))


def read_scene(image: np.ndarray, max_shapes: int = 2) -> SceneReading:
    """Read background and the ``max_shapes`` largest shapes from an (H, W, 3) uint8 image."""
    index = nearest_palette(image)
    border = np.concatenate([index[0], index[-1], index[:, 0], index[:, -1]])
    background = int(np.bincount(border, minlength=len(_PALETTE)).argmax())
    labels = label_regions(index != background)
    ids, sizes = np.unique(labels[labels >= 0], return_counts=True)
    order = [
        int(i) for i, n in sorted(zip(ids, sizes, strict=True), key=lambda x: -x[1]) if n >= MIN_REGION_PIXELS
    ]
    shapes = [_read_region(image, index, labels == i, background) for i in order[:max_shapes]]
    return SceneReading(background, shapes)


@dataclass(frozen=True)
class SingleScore:
    """Whether a one-shape image shows what its prompt asked for."""

    background: bool
    color: bool
    shape: bool

    @property
    def all(self) -> bool:
        """Everything right."""
        return self.background and self.color and self.shape


def score_single(image: np.ndarray, color: int, shape: int, background: int) -> SingleScore:
    """Score an image made for "a <color> <shape> on a <background> background"."""
    reading = read_scene(image, max_shapes=1)
    first = reading.shapes[0] if reading.shapes else None
    return SingleScore(
        background=reading.background == background,
        color=first is not None and first.color == color,
        shape=first is not None and first.shape == shape,
    )


@dataclass(frozen=True)
class PairScore:
    """Whether a two-shape image has each color on the right shape, on the right side."""

    background: bool
    left: bool
    right: bool

    @property
    def all(self) -> bool:
        """Everything right."""
        return self.background and self.left and self.right


def score_pair(
    image: np.ndarray, left: tuple[int, int], right: tuple[int, int], background: int
) -> PairScore:
    """Score an image made for "a <c1> <s1> and a <c2> <s2> on a <b> background" (left shape first)."""
    reading = read_scene(image, max_shapes=2)
    shapes = reading.left_to_right()
    if len(shapes) < 2:
        return PairScore(reading.background == background, left=False, right=False)
    ok = [(s.color, s.shape) == want for s, want in zip(shapes, (left, right), strict=True)]
    return PairScore(reading.background == background, left=ok[0], right=ok[1])


def shape_name(index: int) -> str:
    """Name of a shape index."""
    return SHAPES[index]
