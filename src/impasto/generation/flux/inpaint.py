"""Inpainting with FLUX: any model by blending, Fill models through their extra input channels.

An ordinary FLUX model inpaints as Stable Diffusion models do here (the shared
:class:`~impasto.generation.inpaint.InpaintState`): before every step the kept region is replaced by the
source latents noised to the step's sigma, gradient masks regenerate a pixel of value m once the sigma has
fallen below m, and the kept region is restored at the end. It works on packed tokens: the mask is
repeated over the 16 channels and packed like the latents.

FLUX Fill models (384 input channels) instead read, beside the 64 values of each latent token, the 64
values of the masked image's latents (the source with the regenerated region blanked, encoded by the VAE)
and the 256 values of the mask at pixel resolution (8x8 pixels per latent pixel, binarised at 0.5 as
diffusers' ``FluxFillPipeline`` does), and are not blended.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from impasto.errors import InvalidInputError
from impasto.generation.flux.packing import LATENT_CHANNELS, pack, pack_pixel_mask

if TYPE_CHECKING:
    import torch

    from impasto.generation.inpaint import InpaintState
    from impasto.generation.runtime import InpaintInputs

FILL_IN_CHANNELS = 384
PLAIN_IN_CHANNELS = 64


def is_fill(transformer_config: object) -> bool:
    """Whether a transformer is a FLUX Fill model; any other input width than FLUX's two is refused."""
    channels = int(getattr(transformer_config, "in_channels", PLAIN_IN_CHANNELS))
    if channels not in (PLAIN_IN_CHANNELS, FILL_IN_CHANNELS):
        raise InvalidInputError(
            f"this FLUX transformer takes {channels} input channels, which Impasto cannot feed"
        )
    return channels == FILL_IN_CHANNELS


def blend_state(
    given: InpaintInputs,
    latents: torch.Tensor | None,
    noise: torch.Tensor,
    train_steps: int,
    *,
    fill: bool,
) -> InpaintState | None:
    """The packed inpainting state for the loop (Fill models: only the final restore of the kept region)."""
    from impasto.generation.inpaint import InpaintState, latent_mask

    if latents is None:
        if fill:
            return None
        raise InvalidInputError("inpainting needs the latents of the source image (connect 'latents')")
    size = (int(latents.shape[-2]), int(latents.shape[-1]))
    mask = latent_mask(given.mask, size).to(device=latents.device, dtype=latents.dtype)
    packed_mask = pack(mask.expand(-1, LATENT_CHANNELS, -1, -1))
    return InpaintState(
        mask=packed_mask,
        original=pack(latents),
        noise=pack(noise),
        gradient=given.gradient,
        train_steps=train_steps,
        model_channels=FILL_IN_CHANNELS if fill else None,
    )


def fill_inputs(given: InpaintInputs | None, size: tuple[int, int], dtype: torch.dtype) -> torch.Tensor:
    """(1, tokens, 320): the packed masked-image latents and the packed pixel mask, for a Fill model."""
    import torch

    if given is None or given.masked_latents is None:
        raise InvalidInputError(
            "this is a FLUX Fill model: connect a denoise mask made with the source image and the FLUX "
            "VAE, so that it carries the masked image's latents"
        )
    height, width = size
    masked = given.masked_latents.to(dtype)
    if tuple(masked.shape[-2:]) != size or masked.shape[1] != LATENT_CHANNELS:
        raise InvalidInputError(
            f"the denoise mask's image latents have shape {tuple(masked.shape)}, not "
            f"(1, 16, {height}, {width}); make the mask with the FLUX VAE at the image's size"
        )
    binary = (given.mask >= 0.5).to(dtype)
    return torch.cat([pack(masked), pack_pixel_mask(binary, height, width)], dim=2)
