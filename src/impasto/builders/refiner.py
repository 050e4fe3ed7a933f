"""The SDXL refiner hand-off: the base model stops at ``refiner.start``, the refiner finishes its latents.

The refiner continues the base's latents without new noise, from the same point of the schedule, with its
own text encoder, prompts conditioned on an aesthetic score, and optionally its own steps, guidance and
scheduler.
"""

from __future__ import annotations

from impasto.builders.draft import GraphDraft, Out, model_input
from impasto.builders.parts import Controls, Prompts, Schedule, add_denoise
from impasto.builders.resolve import Resolved

REFINER_POSITIVE = "refiner_positive"


def add_refiner(draft: GraphDraft, r: Resolved, latents: Out) -> Out:
    """The refiner's loader, prompts and denoise node after ``latents``; answers the refined latents."""
    refiner, record = r.request.refiner, r.refiner
    assert refiner is not None
    assert record is not None
    loader = draft.add("refiner_model", "sdxl_refiner_model_loader", model=model_input(record.key))
    sides = {"original_width": r.width, "original_height": r.height, "clip2": Out(loader, "clip2")}
    draft.add(
        REFINER_POSITIVE, "sdxl_refiner_compel_prompt", style=r.prompts[0],
        aesthetic_score=refiner.positive_aesthetic_score, **sides,
    )  # fmt: skip
    draft.add(
        "refiner_negative", "sdxl_refiner_compel_prompt", style=r.negative_prompt,
        aesthetic_score=refiner.negative_aesthetic_score, **sides,
    )  # fmt: skip
    prompts = Prompts(Out(REFINER_POSITIVE, "conditioning"), Out("refiner_negative", "conditioning"))
    schedule = Schedule(
        start=refiner.start, steps=refiner.steps, cfg_scale=refiner.cfg_scale, scheduler=refiner.scheduler
    )
    return add_denoise(
        draft, "refiner_denoise", r, unet=Out(loader, "unet"), prompts=prompts, controls=Controls(),
        latents=latents, schedule=schedule,
    )  # fmt: skip
