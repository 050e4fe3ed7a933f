"""Regional prompts and FLUX Redux reference images: one ``flux_text_encoder`` per region prompt and
one ``flux_redux`` per reference image, each with its region's mask.

Each region's prompt joins the positive prompts (``collect`` over the request's own prompt, which covers
what no region covers); with true CFG (``cfg_scale`` above 1), its negative prompt joins the negative ones
and ``auto_negative`` marks its prompt to be read as a negative outside the region. The denoise node lays
them all in one text stream and masks its joint attention so each prompt reaches only its region.
A reference image's Redux tokens join that stream the same way: everywhere for the request's own
``reference_images``, in its region for a region's (its mask through ``image_mask_to_tensor``). Its
``image_influence`` picks how far the reference's 27x27 token grid is merged (InvokeAI's presets).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from impasto.builders.checks import invalid
from impasto.builders.draft import GraphDraft, Out, collected, image_input, model_input

if TYPE_CHECKING:
    from impasto.builders.families.base import Controls, ModelParts, Prompts
    from impasto.builders.regions import ReferenceUse
    from impasto.builders.resolve import Resolved

INFLUENCE_FACTORS = {"lowest": 5, "low": 4, "medium": 3, "high": 2, "highest": 1}
"""Image influence → Redux downsampling factor (the token grid merged f x f), as InvokeAI's canvas maps it."""


def check_flux_regions(r: Resolved) -> None:
    """A region's negative prompt, and its prompt as a negative, are read only with true CFG."""
    if r.cfg_scale > 1:
        return
    for index, region in enumerate(r.request.regions):
        for name in ("negative_prompt", "auto_negative"):
            if getattr(region, name):
                raise invalid(
                    f"regions[{index}].{name}",
                    "FLUX reads negative prompts only with true CFG (cfg_scale above 1); raise cfg_scale "
                    f"or leave {name} out",
                )


def add_flux_regions(
    draft: GraphDraft, r: Resolved, parts: ModelParts, prompts: Prompts, controls: Controls
) -> tuple[Prompts, Controls]:
    """The prompts with the request's regions added and the controls with its Redux reference images
    (unchanged, and no node added, when it has neither)."""
    positive = [prompts.positive]
    negative = [prompts.negative] if prompts.negative is not None else []
    for index, region in enumerate(r.request.regions):
        node_id = f"region_{index}"
        mask = Out(draft.add(f"{node_id}_mask", "load_image", image=image_input(region.mask)), "image")
        if region.prompt:
            auto = region.auto_negative or None
            _add_prompt(draft, f"{node_id}_positive", region.prompt, parts, mask=mask, auto_negative=auto)
            positive.append(Out(f"{node_id}_positive", "conditioning"))
        if region.negative_prompt and prompts.negative is not None:
            _add_prompt(draft, f"{node_id}_negative", region.negative_prompt, parts, mask=mask)
            negative.append(Out(f"{node_id}_negative", "conditioning"))
    redux = [_add_redux(draft, use) for use in r.references]
    return (
        replace(
            prompts,
            positive=collected(draft, "positive_collect", positive) or prompts.positive,
            negative=collected(draft, "negative_collect", negative),
        ),
        replace(controls, redux=collected(draft, "reduxes", redux)),
    )


def _add_redux(draft: GraphDraft, use: ReferenceUse) -> Out:
    """A ``flux_redux`` node for one reference image (a region's with the region's mask as a tensor)."""
    ref, node_id = use.request, use.node_id
    image = Out(draft.add(f"{node_id}_image", "load_image", image=image_input(ref.image)), "image")
    mask = None
    if use.region is not None:
        region_mask = Out(f"region_{use.region}_mask", "image")
        mask = Out(draft.add(f"{node_id}_mask", "image_mask_to_tensor", image=region_mask), "mask")
    draft.add(
        node_id, "flux_redux", image=image, redux_model=model_input(use.record.key), mask=mask,
        downsampling_factor=INFLUENCE_FACTORS[ref.image_influence or "highest"], weight=ref.weight,
    )  # fmt: skip
    return Out(node_id, "redux_cond")


def _add_prompt(draft: GraphDraft, node_id: str, text: str, parts: ModelParts, **extra: object) -> None:
    draft.add(
        node_id, "flux_text_encoder", prompt=text, **parts.encoders,
        t5_max_seq_len=Out("model", "max_seq_len"), **extra,
    )  # fmt: skip
