"""Infill for outpainting: give the transparent pixels of an RGBA image something to start from.

A canvas marks "nothing here yet" with transparency. A denoiser that starts from black or from noise
there tends to paint a seam or a flat patch, so those pixels are first filled from what the image shows:
by diffusing the colours inwards (OpenCV's Telea or Navier-Stokes inpainting), with tiles copied from the
image itself, by PatchMatch's patch search, or with one colour; the LaMa fill, which needs torch, is in
:mod:`impasto.generation.infill_lama`.

Every method answers an RGB image of the same size. A pixel counts as a hole to fill where its alpha is
below 255; the image is then laid over the fill with its own alpha, so opaque pixels come out exactly as
they were and half-transparent edges blend into the fill. This module needs numpy, Pillow and OpenCV, not
torch.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from PIL import Image

from impasto.errors import InvalidInputError

Cv2Method = Literal["telea", "navier_stokes"]
"""OpenCV's two inpainting algorithms: Telea's fast marching, or Bertalmio's Navier-Stokes."""


def split_rgba(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """The image's colours as (H, W, 3) uint8 and its alpha as (H, W) uint8.

    Only images with an alpha channel can say what to fill, so others are refused rather than passed
    through unchanged (a caller that sends an RGB canvas has most likely lost its transparency).
    """
    if image.mode not in ("RGBA", "LA", "RGBa", "La", "PA") and "transparency" not in image.info:
        raise InvalidInputError(
            f"infill needs an image with an alpha channel (RGBA) whose transparent pixels say what to fill;"
            f" this one is {image.mode} and has none",
            {"mode": image.mode},
        )
    rgba = np.asarray(image.convert("RGBA"))
    return np.ascontiguousarray(rgba[..., :3]), np.ascontiguousarray(rgba[..., 3])


def holes(alpha: np.ndarray) -> np.ndarray:
    """Where to fill: (H, W) bool, true where the pixel is not fully opaque."""
    result: np.ndarray = alpha < 255
    return result


def require_content(alpha: np.ndarray, method: str) -> None:
    """Refuse an image with no opaque pixel for a ``method`` that fills from the image's content."""
    if not (alpha == 255).any():
        raise InvalidInputError(
            f"the {method} infill fills transparent pixels from the image's opaque ones, but this image"
            " has none; use the color infill for an empty canvas",
            {"method": method},
        )


def compose(rgb: np.ndarray, alpha: np.ndarray, fill: np.ndarray) -> Image.Image:
    """The image laid over ``fill`` with its own alpha: opaque pixels exact, transparent ones the fill."""
    weight = alpha.astype(np.float32)[..., None] / 255.0
    blended = rgb.astype(np.float32) * weight + fill.astype(np.float32) * (1.0 - weight)
    result = np.where(alpha[..., None] == 255, rgb, np.round(blended).astype(np.uint8))
    return Image.fromarray(np.ascontiguousarray(result), mode="RGB")


def infill_color(image: Image.Image, color: tuple[int, int, int]) -> Image.Image:
    """Fill the holes with one colour (works on an empty canvas too)."""
    rgb, alpha = split_rgba(image)
    fill = np.empty_like(rgb)
    fill[:] = np.array(color, dtype=np.uint8)
    return compose(rgb, alpha, fill)


def infill_cv2(image: Image.Image, *, method: Cv2Method = "telea", radius: int = 5) -> Image.Image:
    """Fill the holes by OpenCV inpainting, which propagates the colours around a hole into it.

    ``radius`` is the neighbourhood, in pixels, each filled pixel is computed from. Both algorithms are
    deterministic; Telea's is smoother near the edge, Navier-Stokes follows edges (isophotes) further in.
    """
    import cv2

    if radius < 1:
        raise InvalidInputError(f"the inpainting radius must be at least 1 pixel (got {radius})")
    rgb, alpha = split_rgba(image)
    require_content(alpha, "cv2")
    mask = holes(alpha).astype(np.uint8) * 255
    flag = cv2.INPAINT_TELEA if method == "telea" else cv2.INPAINT_NS
    fill = cv2.inpaint(rgb, mask, float(radius), flag)
    return compose(rgb, alpha, np.asarray(fill, dtype=np.uint8))


def infill_tile(image: Image.Image, *, tile_size: int = 32, seed: int = 0) -> Image.Image:
    """Fill the holes with square tiles of the image's own content, chosen at random from ``seed``.

    The image is cut into a grid of ``tile_size`` squares; every square with a hole gets the pixels of a
    ``tile_size`` window, anywhere in the image, that is fully opaque. The fill therefore has the image's
    colours and texture, not its layout; the denoiser makes the layout.
    """
    if tile_size < 1:
        raise InvalidInputError(f"the tile size must be at least 1 pixel (got {tile_size})")
    rgb, alpha = split_rgba(image)
    require_content(alpha, "tile")
    sources = opaque_windows(alpha, tile_size)
    if len(sources) == 0:
        raise InvalidInputError(
            f"no {tile_size}x{tile_size} square of this image is fully opaque, so there is no tile to copy;"
            " use a smaller tile size",
            {"tile_size": tile_size},
        )
    hole = holes(alpha)
    fill = rgb.copy()
    rng = np.random.default_rng(seed)
    height, width = hole.shape
    for top in range(0, height, tile_size):
        for left in range(0, width, tile_size):
            cell = (slice(top, top + tile_size), slice(left, left + tile_size))
            if not hole[cell].any():
                continue
            y, x = sources[rng.integers(len(sources))]
            rows, columns = hole[cell].shape
            fill[cell] = rgb[y : y + rows, x : x + columns]
    return compose(rgb, alpha, fill)


def opaque_windows(alpha: np.ndarray, size: int) -> np.ndarray:
    """The top-left corners (N, 2) of every ``size`` x ``size`` window with no hole in it.

    A summed-area table of the holes gives each window's hole count in constant time.
    """
    hole = holes(alpha).astype(np.int64)
    height, width = hole.shape
    if size > height or size > width:
        return np.empty((0, 2), dtype=np.int64)
    table = np.pad(hole.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    counts = table[size:, size:] - table[:-size, size:] - table[size:, :-size] + table[:-size, :-size]
    return np.argwhere(counts == 0)


def infill_patchmatch(
    image: Image.Image, *, patch_size: int = 5, seed: int = 0, downscale: float = 1.0
) -> Image.Image:
    """Fill the holes by PatchMatch: each hole pixel takes the patch of the image most like its
    surroundings, found by a randomised search that ``seed`` makes repeatable.

    The search is slow on large images, so it can run on a copy ``downscale`` times smaller whose fill
    is then enlarged back; the image's own pixels always stay at full resolution.
    """
    if downscale < 1:
        raise InvalidInputError(f"downscale must be at least 1 (got {downscale})")
    rgb, alpha = split_rgba(image)
    require_content(alpha, "patchmatch")
    try:
        from patchmatch import patch_match
    except ImportError as exc:  # the package ships prebuilt libraries for common platforms only
        raise InvalidInputError(
            "the patchmatch infill needs the PyPatchMatch package, which is not installed here"
        ) from exc
    small = image.convert("RGBA")
    if downscale > 1:
        size = (max(1, round(image.width / downscale)), max(1, round(image.height / downscale)))
        small = small.resize(size, Image.Resampling.BOX)
    small_rgb, small_alpha = split_rgba(small)
    patch_match.set_random_seed(seed)
    mask = holes(small_alpha).astype(np.uint8) * 255
    fill = Image.fromarray(patch_match.inpaint(small_rgb, mask, patch_size=patch_size), mode="RGB")
    if fill.size != image.size:
        fill = fill.resize(image.size, Image.Resampling.BICUBIC)
    return compose(rgb, alpha, np.asarray(fill, dtype=np.uint8))
