"""Mask images for inpainting and outpainting: white regenerates, black keeps, grey blends.

Outpainting is inpainting of a larger canvas: :func:`outpaint_canvas` pads an image, fills the new border
(by stretching the edge pixels or with a color) and makes the mask that regenerates the border and any
transparent pixels of the original.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from PIL import Image, ImageChops, ImageFilter

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

OutpaintFill = Literal["edge", "color"]
_VISIBLE = 1 / 255  # mask values below this are "not touched"


def mask_image(image: Image.Image, *, invert: bool = False) -> Image.Image:
    """A mask as an 8-bit grey image (an RGBA mask drawn on transparency uses its alpha)."""
    if image.mode in ("RGBA", "LA") and image.convert("L").getextrema() == (0, 0):
        grey = image.getchannel("A")
    else:
        grey = image.convert("L")
    return ImageChops.invert(grey) if invert else grey


def blur_mask(mask: Image.Image, radius: float) -> Image.Image:
    """Soften a mask's edges with a Gaussian blur of ``radius`` pixels (0 leaves it as it is)."""
    return mask.filter(ImageFilter.GaussianBlur(radius)) if radius > 0 else mask


def mask_tensor(mask: Image.Image) -> torch.Tensor:
    """A grey mask image as a (1, 1, H, W) float32 tensor in [0, 1], 1 = regenerate."""
    import numpy as np
    import torch

    array = np.asarray(mask.convert("L"), dtype=np.float32) / 255.0
    return torch.from_numpy(array.copy()).unsqueeze(0).unsqueeze(0)


def masked_image(image: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """The (1, 3, H, W) image in [-1, 1] with the regenerated region (mask >= 0.5) blanked to grey, as
    inpainting models were trained to see it."""
    if image.shape[-2:] != mask.shape[-2:]:
        raise InvalidInputError(
            f"the mask is {mask.shape[-1]}x{mask.shape[-2]} but the image is "
            f"{image.shape[-1]}x{image.shape[-2]}"
        )
    return image * (mask < 0.5).to(image.dtype)


def gradient_mask(
    mask: Image.Image, edge_radius: int, minimum_denoise: float
) -> tuple[Image.Image, Image.Image]:
    """A mask whose edges fall off outwards over ``edge_radius`` pixels, and the area it touches.

    Inside the original mask the value is 1 (regenerate fully); in the band around it the value falls
    from 1 to 0 and means "regenerate with this strength", but never less than ``minimum_denoise`` where
    the band is visible at all. The second image is white wherever the gradient mask is not zero.
    """
    if not 0 <= minimum_denoise <= 1:
        raise InvalidInputError(f"minimum_denoise must be from 0 to 1 (got {minimum_denoise})")
    import numpy as np

    grey = mask.convert("L")
    base = np.asarray(grey, dtype=np.float32) / 255.0
    if edge_radius > 0:
        blurred = np.asarray(grey.filter(ImageFilter.GaussianBlur(edge_radius / 2)), dtype=np.float32) / 255.0
        band = np.clip(blurred * 2, 0.0, 1.0)  # the blur is 0.5 at the mask's edge: 1 there, falling outwards
        band = np.where(band >= _VISIBLE, np.maximum(band, minimum_denoise), 0.0)
        values = np.maximum(base, band)
    else:
        values = base
    gradient = Image.fromarray(np.round(values * 255).astype(np.uint8), mode="L")
    touched = Image.fromarray(np.where(values >= _VISIBLE, 255, 0).astype(np.uint8), mode="L")
    return gradient, touched


def outpaint_canvas(
    image: Image.Image,
    *,
    left: int,
    top: int,
    right: int,
    bottom: int,
    fill: OutpaintFill = "edge",
    color: tuple[int, int, int] = (127, 127, 127),
) -> tuple[Image.Image, Image.Image]:
    """The image on a canvas enlarged by the given borders, and the mask that regenerates the borders and
    the image's transparent pixels. ``edge`` fills the border by stretching the outermost pixels."""
    import numpy as np

    if min(left, top, right, bottom) < 0:
        raise InvalidInputError("outpainting borders cannot be negative")
    rgba = image.convert("RGBA")
    rgb = np.asarray(rgba.convert("RGB"))
    pad = ((top, bottom), (left, right), (0, 0))
    if fill == "edge":
        filled = np.pad(rgb, pad, mode="edge")
    else:
        filled = np.pad(rgb, pad, mode="constant")
        filled[:] = np.where(np.pad(np.ones_like(rgb), pad) == 1, filled, np.array(color, dtype=np.uint8))
    alpha = np.pad(np.asarray(rgba.getchannel("A")), pad[:2], mode="constant")
    mask = np.where(alpha < 255, 255, 0).astype(np.uint8)
    return Image.fromarray(filled, mode="RGB"), Image.fromarray(mask, mode="L")


def mask_from_alpha(image: Image.Image, *, invert: bool = False) -> Image.Image:
    """The mask that regenerates an image's transparent pixels: 255 minus its alpha, so transparent is
    white (regenerate), opaque black (keep) and half-transparent grey. ``invert`` swaps them; an image
    without alpha is fully opaque and gives a black mask."""
    alpha = image.convert("RGBA").getchannel("A")
    return alpha if invert else ImageChops.invert(alpha)


def expand_mask_with_fade(mask: Image.Image, *, threshold: int = 0, fade_size_px: int = 32) -> Image.Image:
    """The mask's white area (values above ``threshold``) fully white, fading out to black over
    ``fade_size_px`` pixels around it.

    Pasting a generated image back with this mask keeps the original where nothing was regenerated and
    blends across a band around the regenerated area, which hides the seam a hard edge would leave.
    """
    import cv2
    import numpy as np

    if not 0 <= threshold <= 255:
        raise InvalidInputError(f"threshold must be from 0 to 255 (got {threshold})")
    if fade_size_px < 0:
        raise InvalidInputError(f"fade_size_px cannot be negative (got {fade_size_px})")
    inside = np.asarray(mask.convert("L")) > threshold
    if fade_size_px == 0 or not inside.any():
        return Image.fromarray(np.where(inside, 255, 0).astype(np.uint8), mode="L")
    outside = np.ascontiguousarray(~inside, dtype=np.uint8)
    distance = cv2.distanceTransform(outside, cv2.DIST_L2, cv2.DIST_MASK_PRECISE)  # 0 inside
    linear = np.clip(1.0 - distance / (fade_size_px + 1), 0.0, 1.0)
    smooth = linear * linear * (3.0 - 2.0 * linear)  # smoothstep: no visible kink at either end
    return Image.fromarray(np.round(smooth * 255).astype(np.uint8), mode="L")


def combine_masks(first: Image.Image, second: Image.Image) -> Image.Image:
    """The union of two masks: each pixel as white as the whiter of the two (both the same size)."""
    if first.size != second.size:
        raise InvalidInputError(
            f"the masks are {first.width}x{first.height} and {second.width}x{second.height}; they must be"
            " the same size"
        )
    return ImageChops.lighter(first.convert("L"), second.convert("L"))


def add_image_noise(image: Image.Image, mask: Image.Image | None, *, amount: float, seed: int) -> Image.Image:
    """The image with seeded Gaussian noise of standard deviation ``amount`` (1 = the full 0..255 range)
    added to its colour channels, weighted by the mask (white: all of it, black: none; no mask:
    everywhere). Noised pixels give the denoiser something other than a flat infill to start from, so a
    regenerated area gets texture even at low strength. The alpha channel is kept."""
    import numpy as np

    if not 0 <= amount <= 1:
        raise InvalidInputError(f"amount must be from 0 to 1 (got {amount})")
    if mask is not None and mask.size != image.size:
        raise InvalidInputError(
            f"the mask is {mask.width}x{mask.height} but the image is {image.width}x{image.height}"
        )
    alpha = image.getchannel("A") if "A" in image.getbands() else None
    rgb = np.asarray(image.convert("RGB"), dtype=np.float32)
    noise = np.random.default_rng(seed).standard_normal(rgb.shape, dtype=np.float32) * (amount * 255)
    weight = np.ones(rgb.shape[:2], np.float32) if mask is None else np.asarray(mask.convert("L")) / 255.0
    noised = np.clip(np.round(rgb + noise * weight[..., None]), 0, 255).astype(np.uint8)
    result = Image.fromarray(noised, mode="RGB")
    if alpha is not None:
        result.putalpha(alpha)
    return result


def scale_mask(mask: Image.Image, factor: float) -> Image.Image:
    """Every mask value multiplied by ``factor`` (0..1): the most any pixel may be regenerated."""
    if not 0 <= factor <= 1:
        raise InvalidInputError(f"the factor must be from 0 to 1 (got {factor})")
    return mask.convert("L").point(lambda value: round(value * factor))


def apply_mask_to_image(image: Image.Image, mask: Image.Image, *, invert: bool = False) -> Image.Image:
    """The image as RGBA whose alpha is the mask (white shows, black is transparent; ``invert`` swaps)
    times its own alpha, so a generated region can be laid onto a canvas layer with its faded edge."""
    if mask.size != image.size:
        raise InvalidInputError(
            f"the mask is {mask.width}x{mask.height} but the image is {image.width}x{image.height};"
            " they must be the same size"
        )
    grey = mask.convert("L")
    result = image.convert("RGBA")
    shown = ImageChops.invert(grey) if invert else grey
    result.putalpha(ImageChops.multiply(result.getchannel("A"), shown))
    return result


def alpha_mask(image: Image.Image, *, invert: bool = False) -> torch.Tensor:
    """A (1, H, W) bool region mask from an image's alpha channel: opaque pixels (alpha > 0) are in it;
    an image without alpha is opaque everywhere."""
    alpha = image.getchannel("A") if "A" in image.getbands() else Image.new("L", image.size, 255)
    return _bool_mask(alpha, 0, invert)


def grey_mask(image: Image.Image, *, cutoff: int = 128, invert: bool = False) -> torch.Tensor:
    """A (1, H, W) bool region mask from an image's grey level: pixels brighter than ``cutoff`` are in it."""
    return _bool_mask(image.convert("L"), cutoff, invert)


def _bool_mask(grey: Image.Image, cutoff: int, invert: bool) -> torch.Tensor:
    import numpy as np
    import torch

    inside = np.asarray(grey, dtype=np.uint8) > cutoff
    return torch.from_numpy(inside != invert).unsqueeze(0)


def region_mask(value: object, what: str) -> torch.Tensor:
    """A stored mask (a tensor of (H, W), (1, H, W) or (1, 1, H, W), bool or 0 to 1) as a (1, 1, H, W)
    float32 region mask; anything else raises an error naming ``what`` and what was found."""
    import torch

    hint = "connect a mask (from image_mask_to_tensor or alpha_mask_to_tensor, or a mask image)"
    if not isinstance(value, torch.Tensor):
        raise InvalidInputError(f"{what} is a {type(value).__name__}, not a mask tensor: {hint}")
    shape = tuple(value.shape)
    if value.dim() not in (2, 3, 4) or any(side != 1 for side in shape[:-2]) or min(shape[-2:]) < 1:
        raise InvalidInputError(f"{what} has shape {shape}, not a mask's (H, W) or (1, H, W): {hint}")
    mask = value.reshape(1, 1, *shape[-2:]).to(torch.float32)
    if not bool(torch.isfinite(mask).all()) or mask.min() < 0 or mask.max() > 1:
        raise InvalidInputError(f"{what} has values outside 0 to 1, so it is not a mask: {hint}")
    return mask
