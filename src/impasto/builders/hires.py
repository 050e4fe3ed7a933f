"""The hires fix: after the first pass, enlarge and run image to image at the larger size.

Models draw best near their training size; asked for more, they repeat subjects. The first pass fixes the
composition at the model's size, the second adds detail at the target size. Its noise uses the same seed
(batch data set both noise nodes), so one seed still names one image.

The first pass is enlarged either as latents (bicubic: no decode, soft) or, with an upscaler model, as an
image: decoded, enlarged by the model, fitted to the exact target size and encoded again, which gives the
second pass sharp detail to keep (what AUTOMATIC1111 calls the hires upscaler).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from impasto.builders.draft import GraphDraft, Out, model_input
from impasto.builders.families.base import (
    HIRES_DENOISE,
    HIRES_NOISE,
    Controls,
    ModelParts,
    Prompts,
    Schedule,
)

if TYPE_CHECKING:
    from impasto.builders.resolve import Resolved


def add_hires_pass(
    draft: GraphDraft, r: Resolved, parts: ModelParts, prompts: Prompts, controls: Controls, latents: Out
) -> Out:
    """Enlarge ``latents`` and denoise them again from ``1 - hires strength``; answers the new latents."""
    hires = r.request.hires_fix
    assert hires is not None
    enlarged = (
        _enlarge_with_model(draft, r, parts, latents)
        if r.hires_upscaler
        else r.recipe.add_scaled_latents(draft, r, latents)
    )
    noise = r.recipe.add_noise(draft, HIRES_NOISE, r, parts, r.hires_size)
    schedule = Schedule(start=1 - hires.strength, steps=hires.steps)
    return r.recipe.add_denoise(
        draft, HIRES_DENOISE, r, parts, prompts, controls, noise=noise, latents=enlarged, schedule=schedule
    )


def _enlarge_with_model(draft: GraphDraft, r: Resolved, parts: ModelParts, latents: Out) -> Out:
    assert r.request.hires_fix is not None
    assert r.hires_upscaler is not None
    width, height = r.hires_size
    decoded = draft.add("hires_decode", r.recipe.decode_node, latents=latents, vae=parts.vae)
    upscaled = draft.add(
        "hires_upscale", "upscale_image", image=Out(decoded, "image"),
        model=model_input(r.hires_upscaler.key), scale=r.request.hires_fix.scale,
    )  # fmt: skip
    fitted = draft.add("hires_fit", "image_resize", image=Out(upscaled, "image"), width=width, height=height)
    encoded = draft.add("hires_encode", r.recipe.encode_node, image=Out(fitted, "image"), vae=parts.vae)
    return Out(encoded, "latents")
