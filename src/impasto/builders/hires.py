"""The hires fix: after the first pass, upscale the latents and run image to image at the larger size.

Models draw best near their training size; asked for more, they repeat subjects. The first pass fixes the
composition at the model's size, the second adds detail at the target size. Its noise uses the same seed
(batch data set both noise nodes), so one seed still names one image.
"""

from __future__ import annotations

from impasto.builders.draft import GraphDraft, Out
from impasto.builders.parts import Controls, ModelParts, Prompts, Schedule, add_denoise, add_noise
from impasto.builders.resolve import Resolved

HIRES_NOISE = "hires_noise"


def add_hires_pass(
    draft: GraphDraft, r: Resolved, parts: ModelParts, prompts: Prompts, controls: Controls, latents: Out
) -> Out:
    """Scale ``latents`` and denoise them again from ``1 - hires strength``; answers the new latents."""
    hires = r.request.hires_fix
    assert hires is not None
    scaled = draft.add("hires_scale", "lscale", latents=latents, scale_factor=hires.scale, mode="bicubic")
    noise = add_noise(draft, HIRES_NOISE, r, parts, r.hires_size)
    schedule = Schedule(start=1 - hires.strength, steps=hires.steps)
    return add_denoise(
        draft, "hires_denoise", r, unet=parts.unet, prompts=prompts, controls=controls,
        noise=noise, latents=Out(scaled, "latents"), schedule=schedule,
    )  # fmt: skip
