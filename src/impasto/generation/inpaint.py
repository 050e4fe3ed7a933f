"""Inpainting inside the denoise loop, with any model or with a 9-channel inpainting model.

Masks are 1 where the image is regenerated and 0 where it is kept (soft values blend). With an ordinary
model the kept region is replaced, before every step, by the source latents noised to that step's
timestep (InvokeAI's approach), so the model only ever invents the masked region while seeing a coherent
whole. A gradient mask turns its values into per-pixel strengths: a pixel of value m is held to the
source while the noise level t / T is above m and regenerated from there on. Inpainting models instead
receive the mask and the latents of the masked image as 5 extra input channels and are not re-noised.
Either way the kept region is restored exactly at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

INPAINT_MODEL_CHANNELS = 9


@dataclass
class InpaintState:
    """The mask and source latents of one inpainting run, at latent resolution on the device."""

    mask: torch.Tensor  # (1, 1, h, w), 1 = regenerate
    original: torch.Tensor | None  # (1, C, h, w) source latents; None for text to image
    noise: torch.Tensor | None  # (1, C, h, w) noise the kept region is re-noised with
    gradient: bool
    train_steps: int
    model_channels: int | None = None  # set for inpainting UNets
    masked_latents: torch.Tensor | None = None  # (1, C, h, w) latents of the image with the mask blanked

    def before_step(self, scheduler: Any, latents: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Replace the kept region by the source noised to timestep ``t`` (ordinary models only)."""
        import torch

        if self.model_channels is not None or self.original is None or self.noise is None:
            return latents
        renoised = scheduler.add_noise(self.original, self.noise, t.reshape(1))
        return torch.lerp(renoised, latents, self._weight(t).to(latents.dtype))

    def _weight(self, t: torch.Tensor) -> torch.Tensor:
        if not self.gradient:
            return self.mask
        return (self.mask > float(t) / self.train_steps).to(self.mask.dtype)

    def finish(self, latents: torch.Tensor) -> torch.Tensor:
        """Put the source latents back where nothing was to be regenerated."""
        import torch

        if self.original is None:
            return latents
        if self.gradient:
            return torch.where(self.mask > 0, latents, self.original)
        return torch.lerp(self.original, latents, self.mask.to(latents.dtype))

    def model_input(self, model_input: torch.Tensor) -> torch.Tensor:
        """Latents + mask + masked-image latents along channels, for a 9-channel inpainting UNet."""
        import torch

        batch = model_input.shape[0]
        masked = self.masked_latents if self.masked_latents is not None else torch.zeros_like(model_input[:1])
        extra = torch.cat([self.mask.to(model_input.dtype), masked.to(model_input.dtype)], dim=1)
        return torch.cat([model_input, extra.expand(batch, -1, -1, -1)], dim=1)


def latent_mask(mask: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    """A (1, 1, H, W) pixel mask resized (bilinear) to the latent size (h, w)."""
    import torch.nn.functional as F  # noqa: N812

    if mask.dim() != 4 or mask.shape[:2] != (1, 1):
        raise InvalidInputError(f"a denoise mask must have shape (1, 1, H, W), not {tuple(mask.shape)}")
    if tuple(mask.shape[-2:]) == size:
        return mask
    return F.interpolate(mask.float(), size=size, mode="bilinear", align_corners=False)


def inpaint_state(
    *,
    unet_channels: int,
    latent_channels: int,
    mask: torch.Tensor | None,
    original: torch.Tensor | None,
    noise: torch.Tensor | None,
    gradient: bool,
    masked_latents: torch.Tensor | None,
    train_steps: int,
) -> InpaintState | None:
    """The inpainting setup for a run, or ``None`` when there is nothing to inpaint.

    An inpainting UNet always needs its extra channels: without a mask it regenerates everything.
    """
    import torch

    model_channels = unet_channels if unet_channels == INPAINT_MODEL_CHANNELS else None
    if unet_channels not in (latent_channels, INPAINT_MODEL_CHANNELS):
        raise InvalidInputError(f"this UNet takes {unet_channels} input channels, which Impasto cannot feed")
    if mask is None:
        if model_channels is None:
            return None
        reference = noise if noise is not None else original
        assert reference is not None
        mask = torch.ones_like(reference[:, :1])
        return InpaintState(mask, None, None, False, train_steps, model_channels, None)
    if original is None and model_channels is None:
        raise InvalidInputError("inpainting needs the latents of the source image (connect 'latents')")
    if model_channels is not None and masked_latents is None and original is not None:
        raise InvalidInputError(
            "this is an inpainting model: create the denoise mask with the source image and the VAE, so that "
            "it carries the masked image's latents"
        )
    return InpaintState(mask, original, noise, gradient, train_steps, model_channels, masked_latents)
