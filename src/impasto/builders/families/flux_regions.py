"""Regional prompts for FLUX: one ``flux_text_encoder`` per region prompt, with the region's mask.

Each region's prompt joins the positive prompts (``collect`` over the request's own prompt, which covers
what no region covers); with true CFG (``cfg_scale`` above 1), its negative prompt joins the negative ones
and ``auto_negative`` marks its prompt to be read as a negative outside the region. The denoise node lays
them all in one text stream and masks its joint attention so each prompt reaches only its region.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from impasto.builders.checks import invalid
from impasto.builders.draft import GraphDraft, Out, collected, image_input

if TYPE_CHECKING:
    from impasto.builders.families.base import ModelParts, Prompts
    from impasto.builders.resolve import Resolved


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


def add_flux_regions(draft: GraphDraft, r: Resolved, parts: ModelParts, prompts: Prompts) -> Prompts:
    """The prompts with the request's regions added (unchanged, and no node added, when it has none)."""
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
    return replace(
        prompts,
        positive=collected(draft, "positive_collect", positive) or prompts.positive,
        negative=collected(draft, "negative_collect", negative),
    )


def _add_prompt(draft: GraphDraft, node_id: str, text: str, parts: ModelParts, **extra: object) -> None:
    draft.add(
        node_id, "flux_text_encoder", prompt=text, **parts.encoders,
        t5_max_seq_len=Out("model", "max_seq_len"), **extra,
    )  # fmt: skip
