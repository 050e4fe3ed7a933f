"""Infill with LaMa (large-mask inpainting with Fourier convolutions), loaded through spandrel.

LaMa sees the whole image at once: its Fourier units give every layer a global receptive field, which is
why it continues large structures (horizons, walls) into a wide outpaint border better than the local
methods of :mod:`impasto.generation.infill`. It runs at the image's own size; spandrel pads the sides to
its multiple of 8 and crops the padding off again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image

from impasto.generation.infill import compose, holes, require_content, split_rgba

if TYPE_CHECKING:
    import torch


def infill_lama(image: Image.Image, model: Any, *, device: torch.device) -> Image.Image:
    """Fill the holes of an RGBA ``image`` with a LaMa ``model`` (spandrel's ``MaskedImageModelDescriptor``:
    ``model(image, mask)`` with (1, 3, H, W) pixels in [0, 1] and a (1, 1, H, W) mask, 1 = fill)."""
    import torch

    rgb, alpha = split_rgba(image)
    require_content(alpha, "lama")
    dtype = next(model.model.parameters()).dtype
    pixels = torch.from_numpy(rgb).permute(2, 0, 1).unsqueeze(0)  # (1, 3, H, W) uint8
    mask = torch.from_numpy(holes(alpha)).unsqueeze(0).unsqueeze(0)  # (1, 1, H, W) bool
    with torch.inference_mode():
        result = model(
            pixels.to(device=device, dtype=dtype) / 255.0,
            mask.to(device=device, dtype=dtype),
        )
    fill = (result[0].float().clamp(0, 1) * 255).round().to(torch.uint8).permute(1, 2, 0).cpu().numpy()
    return compose(rgb, alpha, np.ascontiguousarray(fill))
