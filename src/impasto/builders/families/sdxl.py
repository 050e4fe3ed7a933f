"""SDXL: a UNet, two CLIP text encoders (prompts that carry the target size), and the optional refiner.

The refiner hand-off: the base model stops at ``refiner.start``; the refiner continues its latents without
new noise, from the same point of the schedule, with its own text encoder, prompts conditioned on an
aesthetic score, and optionally its own steps, guidance and scheduler. Regions carry over: each region's
prompts are encoded for the refiner too, with the region's mask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from impasto.builders.checks import check_scheduler, find_model, invalid
from impasto.builders.draft import GraphDraft, Out, collected, model_input
from impasto.builders.families.base import Controls, Finished, ModelParts, Prompts, Schedule
from impasto.builders.families.sd import StableDiffusion, add_denoise_latents, check_clip_skip
from impasto.models.taxonomy import BaseModelType, ModelType

if TYPE_CHECKING:
    from impasto.builders.request import GenerateRequest
    from impasto.builders.resolve import Resolved
    from impasto.builders.sources import GenerationSources
    from impasto.models.identity import ModelRecord

REFINER_POSITIVE = "refiner_positive"
REFINER_NEGATIVE = "refiner_negative"


class StableDiffusionXL(StableDiffusion):
    """SDXL graphs: ``sdxl_model_loader`` → LoRAs → CLIP skip on both encoders → ``sdxl_compel_prompt``
    → ``denoise_latents`` (→ the refiner's loader, prompts and ``denoise_latents``)."""

    loader_node: ClassVar[str] = "sdxl_model_loader"
    lora_node: ClassVar[str] = "sdxl_lora_loader"
    encoder_names: ClassVar[tuple[str, ...]] = ("clip", "clip2")

    def check(self, request: GenerateRequest, model: ModelRecord, sources: GenerationSources) -> None:
        check_clip_skip(request.clip_skip, model, sources)  # a refiner is welcome

    def resolve_refiner(self, request: GenerateRequest, sources: GenerationSources) -> ModelRecord | None:
        refiner = request.refiner
        if refiner is None:
            return None
        record = find_model(sources, "refiner.model", refiner.model)
        if record.type is not ModelType.MAIN or record.base is not BaseModelType.SDXL_REFINER:
            raise invalid(
                "refiner.model",
                f"{record.name!r} is a {record.base} {record.type} model, not an SDXL refiner",
            )
        if refiner.scheduler is not None:
            check_scheduler("refiner.scheduler", refiner.scheduler)
        return record

    def add_prompt(
        self, draft: GraphDraft, node_id: str, text: str, r: Resolved, parts: ModelParts, **extra: Any
    ) -> None:
        draft.add(
            node_id, "sdxl_compel_prompt", prompt=text, **parts.encoders,
            target_width=r.width, target_height=r.height, **extra,
        )  # fmt: skip

    def base_end(self, r: Resolved) -> float:
        """Where the refiner takes over, else the end."""
        return r.request.refiner.start if r.request.refiner is not None and r.refiner is not None else 1.0

    def add_finish(self, draft: GraphDraft, r: Resolved, latents: Out) -> Finished:
        if r.refiner is None:
            return Finished(latents)
        return Finished(_add_refiner(draft, r, latents), prompt_targets=((REFINER_POSITIVE, "style"),))


def _add_refiner(draft: GraphDraft, r: Resolved, latents: Out) -> Out:
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
        REFINER_NEGATIVE, "sdxl_refiner_compel_prompt", style=r.negative_prompt,
        aesthetic_score=refiner.negative_aesthetic_score, **sides,
    )  # fmt: skip
    prompts = _refiner_regions(draft, r, sides)
    schedule = Schedule(
        start=refiner.start, steps=refiner.steps, cfg_scale=refiner.cfg_scale, scheduler=refiner.scheduler
    )
    return add_denoise_latents(
        draft, "refiner_denoise", r, Out(loader, "unet"), prompts, Controls(),
        latents=latents, schedule=schedule,
    )  # fmt: skip


def _refiner_regions(draft: GraphDraft, r: Resolved, sides: dict[str, Any]) -> Prompts:
    """The refiner's prompts with each region's prompt and negative prompt (masked by the region's
    ``load_image`` node, added with the base model's regions) collected beside the request's."""
    refiner = r.request.refiner
    assert refiner is not None
    positive, negative = [Out(REFINER_POSITIVE, "conditioning")], [Out(REFINER_NEGATIVE, "conditioning")]
    for index, region in enumerate(r.request.regions):
        mask = Out(f"region_{index}_mask", "image")
        for text, score, kind, sockets in (
            (region.prompt, refiner.positive_aesthetic_score, "positive", positive),
            (region.negative_prompt, refiner.negative_aesthetic_score, "negative", negative),
        ):
            if not text:
                continue
            auto = region.auto_negative or None if kind == "positive" else None
            node_id = draft.add(
                f"refiner_region_{index}_{kind}", "sdxl_refiner_compel_prompt", style=text,
                aesthetic_score=score, mask=mask, auto_negative=auto, **sides,
            )  # fmt: skip
            sockets.append(Out(node_id, "conditioning"))
    return Prompts(
        collected(draft, "refiner_positive_collect", positive) or positive[0],
        collected(draft, "refiner_negative_collect", negative),
    )
