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
