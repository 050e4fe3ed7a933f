"""FLUX.1 Kontext: a reference image that the model edits as the prompt says, read as extra image tokens.

The reference is encoded by the FLUX VAE (the distribution's mean, as diffusers' ``FluxKontextPipeline``
takes it), packed like the latents, and its tokens are appended after the noise tokens in every
transformer call. Their position ids are those of an image of the reference's own size with the first
coordinate 1 instead of 0: that is how the model tells the reference from the image it is making, so the
reference may have another size than the output. Only the prediction for the noise tokens is kept.

Kontext was trained at about one megapixel in a few aspect ratios; by default the reference is resized to
the trained size closest to its aspect ratio, as diffusers does (the sizes, and :func:`kontext_size`, are
torch-free facts in :mod:`impasto.sampling.kontext`, which the graph builders share).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.generation.flux.packing import check_latents, image_ids, pack
from impasto.generation.runtime import of_kind
from impasto.sampling.kontext import kontext_size

if TYPE_CHECKING:
    import torch
    from PIL import Image

    from impasto.generation.runtime import ModelSource, StepHooks, VAESpec

KIND = "flux_kontext"
REFERENCE_ID = 1.0  # the first position id of every reference token (the image's own tokens have 0)


@dataclass
class FluxKontextConditioning:
    """One reference image for Kontext, as the ``flux_kontext`` node stores it."""

    latents: torch.Tensor
    """(1, 16, h, w): the reference's VAE latents, unpacked (h and w even)."""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": KIND, "latents": self.latents}

    @classmethod
    def from_dict(cls, data: Any) -> FluxKontextConditioning:
        """The reference a ``flux_kontext`` node stored; ``ValueError`` for anything else."""
        data = of_kind(data, KIND, "a FLUX Kontext reference")
        return cls(latents=data["latents"])


@dataclass(frozen=True)
class KontextTokens:
    """A reference as the transformer reads it: packed tokens and their position ids."""

    tokens: torch.Tensor  # (1, h/2 · w/2, 64)
    ids: torch.Tensor  # (h/2 · w/2, 3): (1, row, column)


def resized_reference(image: Image.Image, *, preferred: bool) -> Image.Image:
    """The reference image at :func:`kontext_size` (Lanczos, as diffusers resizes it), in RGB."""
    from PIL import Image

    size = kontext_size(image.width, image.height, preferred=preferred)
    rgb = image.convert("RGB")
    return rgb if rgb.size == size else rgb.resize(size, resample=Image.Resampling.LANCZOS)


def kontext_tokens(latents: torch.Tensor, device: torch.device, dtype: torch.dtype) -> KontextTokens:
    """Pack a reference's latents (1, 16, h, w) and give its tokens ids (1, row, column)."""
    check_latents(latents, "Kontext reference latents")
    height, width = int(latents.shape[-2]), int(latents.shape[-1])
    ids = image_ids(height, width, device, dtype)
    ids[:, 0] = REFERENCE_ID
    return KontextTokens(pack(latents.to(device=device, dtype=dtype)), ids)


def run_kontext_reference(
    models: ModelSource, vae: VAESpec, image: Image.Image, *, preferred: bool, hooks: StepHooks
) -> FluxKontextConditioning:
    """Resize and encode a reference image with the FLUX VAE; latents on the CPU."""
    from impasto.generation.vae_runs import run_encode

    resized = resized_reference(image, preferred=preferred)
    latents = run_encode(models, vae, resized, tiled=False, fp32=False, hooks=hooks)
    check_latents(latents, "reference image's latents (use the FLUX VAE)")
    return FluxKontextConditioning(latents=latents)
