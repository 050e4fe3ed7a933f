"""FLUX's latent layout: 2x2 patches of the VAE latents become the transformer's image tokens.

On graph edges latents stay unpacked, (B, 16, h, w) with h and w the image size over 8, so the shared
latent nodes (resize, blend, previews, noise) handle them like any other latents. The transformer sees
them packed: each 2x2 patch of 16 channels is one token of 64 values, tokens in row-major order, and
every token carries its position ids (0, row, column); text tokens carry zeros.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

PATCH = 2
LATENT_CHANNELS = 16
PIXELS_PER_PATCH = 16  # the VAE's factor of 8 times the 2x2 patch


def check_latents(latents: torch.Tensor, what: str) -> None:
    """Refuse latents that are not (B, 16, h, w) with even h and w, naming what is wrong."""
    if latents.dim() != 4 or latents.shape[1] != LATENT_CHANNELS:
        raise InvalidInputError(
            f"the {what} have shape {tuple(latents.shape)} but FLUX works on 16-channel latents "
            "(1, 16, h, w); make them with the FLUX VAE (connect it to the noise node)"
        )
    height, width = int(latents.shape[-2]), int(latents.shape[-1])
    if height % PATCH or width % PATCH:
        raise InvalidInputError(
            f"the {what} are {width}x{height} latent pixels; FLUX needs an even number on each side "
            f"(image sizes that are multiples of {PIXELS_PER_PATCH})",
            {"width": width * 8, "height": height * 8, "multiple_of": PIXELS_PER_PATCH},
        )


def pack(latents: torch.Tensor) -> torch.Tensor:
    """(B, C, h, w) → (B, h/2 · w/2, C · 4): one token per 2x2 patch."""
    batch, channels, height, width = latents.shape
    patches = latents.reshape(batch, channels, height // PATCH, PATCH, width // PATCH, PATCH)
    return patches.permute(0, 2, 4, 1, 3, 5).reshape(
        batch, (height // PATCH) * (width // PATCH), channels * 4
    )


def unpack(tokens: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """(B, h/2 · w/2, C · 4) → (B, C, h, w), the inverse of :func:`pack` for latents of h x w."""
    batch, _, values = tokens.shape
    channels = values // (PATCH * PATCH)
    patches = tokens.reshape(batch, height // PATCH, width // PATCH, channels, PATCH, PATCH)
    return patches.permute(0, 3, 1, 4, 2, 5).reshape(batch, channels, height, width)


def image_ids(height: int, width: int, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    """(h/2 · w/2, 3) position ids of the image tokens of h x w latents: (0, row, column)."""
    import torch

    rows, cols = height // PATCH, width // PATCH
    ids = torch.zeros(rows, cols, 3)
    ids[..., 1] = torch.arange(rows)[:, None]
    ids[..., 2] = torch.arange(cols)[None, :]
    return ids.reshape(rows * cols, 3).to(device=device, dtype=dtype)


def text_ids(tokens: int, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    """(tokens, 3) position ids of the text tokens: all zeros."""
    import torch

    return torch.zeros(tokens, 3, device=device, dtype=dtype)


def pack_pixel_mask(mask: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """A (1, 1, 8h, 8w) pixel mask as FLUX Fill takes it: each latent pixel's 8x8 mask values become 64
    channels, (1, 64, h, w), then packed to (1, h/2 · w/2, 256)."""
    factor = 8
    if tuple(mask.shape[-2:]) != (height * factor, width * factor):
        raise InvalidInputError(
            f"the denoise mask is {mask.shape[-1]}x{mask.shape[-2]} pixels but the latents are for a "
            f"{width * factor}x{height * factor} image; make the mask at the image's size"
        )
    grid = mask[:, 0].reshape(mask.shape[0], height, factor, width, factor)
    return pack(grid.permute(0, 2, 4, 1, 3).reshape(mask.shape[0], factor * factor, height, width))
