"""Regional prompts and IP-Adapter reference images for the UNet families (SD 1.x, 2.x, SDXL).

Each region adds prompt nodes with its mask: its prompt to the positive conditioning, its negative prompt
to the negative one (``collect`` nodes over the request's own prompt, which covers what no region covers).
Each reference image adds an ``ip_adapter`` node (a region's with the region's mask), all collected into
the denoise node's ``ip_adapter`` input.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from impasto.builders.draft import GraphDraft, Out, collected, image_input, model_input
from impasto.builders.families.base import Controls, ModelParts, Prompts

if TYPE_CHECKING:
    from impasto.builders.families.sd import StableDiffusion
    from impasto.builders.regions import ReferenceUse
    from impasto.builders.resolve import Resolved


def add_sd_regions(
    recipe: StableDiffusion,
    draft: GraphDraft,
    r: Resolved,
    parts: ModelParts,
    prompts: Prompts,
    controls: Controls,
) -> tuple[Prompts, Controls]:
    """The prompts and controls with the request's regions and reference images added (unchanged, and no
    node added, when it has none)."""
    assert prompts.negative is not None  # the UNet families always guide with a negative conditioning
    positive, negative = [prompts.positive], [prompts.negative]
    masks: dict[int, Out] = {}
    for index, region in enumerate(r.request.regions):
        node_id = f"region_{index}"
        mask = masks[index] = Out(
            draft.add(f"{node_id}_mask", "load_image", image=image_input(region.mask)), "image"
        )
        if region.prompt:
            extra = {"mask": mask, "auto_negative": region.auto_negative or None}
            recipe.add_prompt(draft, f"{node_id}_positive", region.prompt, r, parts, **extra)
            positive.append(Out(f"{node_id}_positive", "conditioning"))
        if region.negative_prompt:
            recipe.add_prompt(draft, f"{node_id}_negative", region.negative_prompt, r, parts, mask=mask)
            negative.append(Out(f"{node_id}_negative", "conditioning"))
    adapters = [_add_reference(draft, use, masks) for use in r.references]
    return (
        replace(
            prompts,
            positive=collected(draft, "positive_collect", positive) or prompts.positive,
            negative=collected(draft, "negative_collect", negative),
        ),
        replace(controls, ip_adapter=collected(draft, "ip_adapters", adapters)),
    )


def _add_reference(draft: GraphDraft, use: ReferenceUse, masks: dict[int, Out]) -> Out:
    """An ``ip_adapter`` node for one reference image (a region's gets the region's mask)."""
    ref = use.request
    node_id = use.node_id
    image = Out(draft.add(f"{node_id}_image", "load_image", image=image_input(ref.image)), "image")
    draft.add(
        node_id, "ip_adapter", image=image, ip_adapter_model=model_input(use.record.key),
        weight=ref.weight, begin_step_percent=ref.begin, end_step_percent=ref.end, method=ref.method,
        mask=masks[use.region] if use.region is not None else None,
    )  # fmt: skip
    return Out(node_id, "ip_adapter")
