"""ControlNet preprocessors that need no learned weights: OpenCV and numpy on RGB arrays.

Each takes a ``(height, width, 3)`` uint8 array and returns one (edge maps: ``(height, width)``).
:func:`run_preprocessor` adds the detect-resolution / image-resolution steps the ControlNet annotators
use: the input is scaled so that its shorter side is the detect resolution (both sides rounded to
multiples of 64) before detection, and the result scaled the same way to the image resolution (from the
input's aspect ratio). An image resolution of 0 gives the input's size back; both 0 leave the detector's
result as it is.

Learned detectors (depth, pose, HED, learned line art...) need weights and are not here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from PIL import Image

    Array = NDArray[Any]
    """An image as a (height, width, channels) uint8 array (OpenCV's results are typed loosely)."""

_MULTIPLE = 64


def to_rgb_array(image: Image.Image) -> Array:
    """An RGB uint8 array of any Pillow image (transparent pixels become what their RGB says)."""
    return np.asarray(image.convert("RGB"), dtype=np.uint8).copy()


def run_preprocessor(
    image: Array, detect: Callable[[Array], Array], detect_resolution: int = 0, image_resolution: int = 0
) -> Array:
    """Scale to the detect resolution, detect, scale to the image resolution (0: keep the size).

    The result's size is worked out from the input's aspect ratio, not the detected image's, so the two
    roundings to multiples of 64 do not add up.
    """
    detected = as_rgb(detect(resize_to_resolution(image, detect_resolution)))
    if not image_resolution and not detect_resolution:
        return detected  # as the detector made it (some, like tile resampling, change the size)
    height, width = image.shape[:2]
    size = resolution_size(height, width, image_resolution) if image_resolution else (width, height)
    if (detected.shape[1], detected.shape[0]) == size:
        return detected
    resized: Array = cv2.resize(detected, size, interpolation=cv2.INTER_LINEAR)
    return resized


def resize_to_resolution(image: Array, resolution: int) -> Array:
    """Scale so the shorter side is ``resolution``, both sides rounded to multiples of 64 (at least 64)."""
    if resolution <= 0:
        return image
    height, width = image.shape[:2]
    size = resolution_size(height, width, resolution)
    if size == (width, height):
        return image
    upscaling = size[0] * size[1] > width * height
    interpolation = cv2.INTER_LANCZOS4 if upscaling else cv2.INTER_AREA
    resized: Array = cv2.resize(image, size, interpolation=interpolation)
    return resized


def resolution_size(height: int, width: int, resolution: int) -> tuple[int, int]:
    """(width, height) with the shorter side scaled to ``resolution``, rounded to multiples of 64."""
    scale = resolution / min(height, width)
    return _round_side(width * scale), _round_side(height * scale)


def _round_side(value: float) -> int:
    return max(_MULTIPLE, round(value / _MULTIPLE) * _MULTIPLE)


def as_rgb(image: Array) -> Array:
    """Three channels: a grey image is repeated, an alpha channel dropped."""
    if image.ndim == 2:
        image = image[:, :, None]
    if image.shape[2] == 1:
        return np.repeat(image, 3, axis=2)
    return image[:, :, :3]


def canny(image: Array, low_threshold: int, high_threshold: int) -> Array:
    """White edges on black: OpenCV's Canny detector with hysteresis thresholds ``low`` < ``high``."""
    if low_threshold > high_threshold:
        raise ValueError(
            f"low_threshold ({low_threshold}) must not be above high_threshold ({high_threshold})"
        )
    edges: Array = cv2.Canny(image, low_threshold, high_threshold)
    return edges


def content_shuffle(image: Array, scale_factor: int, seed: int) -> Array:
    """The image's content moved around by a smooth random warp, so that colors and textures stay but the
    layout does not; ``scale_factor`` is the size in pixels of the warp's features."""
    height, width = image.shape[:2]
    rng = np.random.default_rng(seed)
    map_x = _smooth_noise(height, width, scale_factor, rng) * (width - 1)
    map_y = _smooth_noise(height, width, scale_factor, rng) * (height - 1)
    shuffled: Array = cv2.remap(
        image, map_x, map_y, interpolation=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return shuffled


def _smooth_noise(height: int, width: int, scale: int, rng: np.random.Generator) -> NDArray[np.float32]:
    """Uniform noise on a coarse grid, upscaled bicubically and stretched to [0, 1]."""
    coarse = rng.uniform(0, 1, (height // scale + 2, width // scale + 2)).astype(np.float32)
    fine = cv2.resize(coarse, (width + 2 * scale, height + 2 * scale), interpolation=cv2.INTER_CUBIC)
    fine = fine[scale : scale + height, scale : scale + width]
    low, high = float(fine.min()), float(fine.max())
    stretched: NDArray[np.float32] = (fine - low) / max(high - low, 1e-6)
    return stretched


def color_map(image: Array, tile_size: int) -> Array:
    """A mosaic of the image's colors: each tile of ``tile_size`` pixels becomes one flat color."""
    height, width = image.shape[:2]
    columns = max(1, width // min(tile_size, width))
    rows = max(1, height // min(tile_size, height))
    small = cv2.resize(image, (columns, rows), interpolation=cv2.INTER_CUBIC)
    mosaic: Array = cv2.resize(small, (width, height), interpolation=cv2.INTER_NEAREST)
    return mosaic


def lineart_standard(image: Array, gaussian_sigma: float, intensity_threshold: int) -> Array:
    """Line art without a network: how much darker each pixel is than its blurred surroundings.

    The darkening is normalised by its median over clearly dark pixels (those above the threshold), so
    faint and strong drawings come out with similar line strength.
    """
    pixels = image.astype(np.float32)
    blurred = cv2.GaussianBlur(pixels, (0, 0), gaussian_sigma)
    darkening = np.clip(np.min(blurred - pixels, axis=2), 0, 255)
    strong = darkening[darkening > intensity_threshold]
    scale = max(16.0, float(np.median(strong))) if strong.size else 16.0
    lines: Array = np.clip(darkening / scale * 127, 0, 255).astype(np.uint8)
    return lines


def tile_resample(image: Array, down_sampling_rate: float) -> Array:
    """The image scaled down by ``down_sampling_rate`` (area averaging), for the Tile ControlNet."""
    height, width = image.shape[:2]
    size = (max(1, round(width / down_sampling_rate)), max(1, round(height / down_sampling_rate)))
    resampled: Array = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    return resampled
