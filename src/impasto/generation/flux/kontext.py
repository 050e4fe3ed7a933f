"""FLUX.1 Kontext: a reference image that the model edits as the prompt says, read as extra image tokens.

The reference is encoded by the FLUX VAE (the distribution's mean, as diffusers' ``FluxKontextPipeline``
takes it), packed like the latents, and its tokens are appended after the noise tokens in every
transformer call. Their position ids are those of an image of the reference's own size with the first
coordinate 1 instead of 0: that is how the model tells the reference from the image it is making, so the
reference may have another size than the output. Only the prediction for the noise tokens is kept.

Kontext was trained at about one megapixel in a few aspect ratios; by default the reference is resized to
the trained size closest to its aspect ratio, as diffusers does, and in any case its sides are rounded
down to multiples of 16 (one packed token per 16 x 16 pixels).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError
from impasto.generation.flux.packing import PIXELS_PER_PATCH, check_latents, image_ids, pack

if TYPE_CHECKING:
    import torch
    from PIL import Image

    from impasto.generation.runtime import ModelSource, StepHooks, VAESpec

KIND = "flux_kontext"
REFERENCE_ID = 1.0  # the first position id of every reference token (the image's own tokens have 0)

PREFERRED_KONTEXT_RESOLUTIONS: tuple[tuple[int, int], ...] = (  # (width, height), ~1 megapixel each
    (672, 1568), (688, 1504), (720, 1456), (752, 1392), (800, 1328), (832, 1248), (880, 1184),
    (944, 1104), (1024, 1024), (1104, 944), (1184, 880), (1248, 832), (1328, 800), (1392, 752),
    (1456, 720), (1504, 688), (1568, 672),
)  # fmt: skip
"""The sizes FLUX.1 Kontext was trained at (the list diffusers' ``FluxKontextPipeline`` resizes to)."""


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
        if not isinstance(data, dict) or data.get("kind") != KIND:
            kind = data.get("kind") if isinstance(data, dict) else type(data).__name__
            raise ValueError(f"stored value is not a FLUX Kontext reference (kind={kind!r})")
        return cls(latents=data["latents"])


@dataclass(frozen=True)
class KontextTokens:
    """A reference as the transformer reads it: packed tokens and their position ids."""

    tokens: torch.Tensor  # (1, h/2 · w/2, 64)
    ids: torch.Tensor  # (h/2 · w/2, 3): (1, row, column)


def kontext_size(width: int, height: int, *, preferred: bool) -> tuple[int, int]:
    """The (width, height) a ``width`` x ``height`` reference is encoded at: the trained size closest to
    its aspect ratio when ``preferred`` (ties go to the narrower one), else its own; then each side
    rounded down to a multiple of 16."""
    if width < 1 or height < 1:
        raise InvalidInputError(f"the reference image is {width}x{height} pixels; it has no area")
    if preferred:
        aspect = width / height
        _, width, height = min((abs(aspect - w / h), w, h) for w, h in PREFERRED_KONTEXT_RESOLUTIONS)
    rounded = (width // PIXELS_PER_PATCH * PIXELS_PER_PATCH, height // PIXELS_PER_PATCH * PIXELS_PER_PATCH)
    if 0 in rounded:
        raise InvalidInputError(
            f"the reference image is {width}x{height} pixels; FLUX Kontext needs at least "
            f"{PIXELS_PER_PATCH} pixels on each side (or switch on resizing to the preferred sizes)",
            {"width": width, "height": height, "multiple_of": PIXELS_PER_PATCH},
        )
    return rounded


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
