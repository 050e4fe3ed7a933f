"""Prompt templates: dynamic prompts expand ``{a|b}``, ``{2$$a|b|c}`` and ``__name__`` (a line of
``<root>/wildcards/name.txt``) into a list of prompts, for ``iterate``.

Expansion is plain text and works for every model family; the encoders live with their family (the SD
family's compel nodes in :mod:`impasto.nodes.sd.prompts`) and share the output and the region inputs
declared here.
"""

from __future__ import annotations

from typing import Any

from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, UIHints, node
from impasto.nodes.image import open_image
from impasto.nodes.refs import ConditioningField, TensorField
from impasto.nodes.types import ImageField, StringCollectionOutput
from impasto.text import TextStr

SEED_MAX = 2**32 - 1
MAX_PROMPTS = 10_000


class ConditioningOutput(BaseOutput):
    """Encoded prompt conditioning."""

    conditioning: ConditioningField = OutputField(description="The conditioning, for the denoise node.")


def region_mask_input() -> TensorField | ImageField | None:
    field: TensorField | ImageField | None = InputField(
        None,
        description="Region this prompt conditions (a mask tensor, or a mask image: white = region); "
        "empty: the whole image, or what no region covers when other prompts have masks.",
        input=Input.CONNECTION,
    )
    return field


def auto_negative_input() -> bool:
    value: bool = InputField(
        False, description="With a mask: also use this prompt as a negative prompt outside the region."
    )
    return value


def load_region(ctx: NodeContext, mask: TensorField | ImageField) -> Any:
    """The connected mask as a (1, 1, H, W) float tensor in [0, 1]; an error for anything not a mask."""
    from impasto.generation.masks import mask_image, mask_tensor, region_mask

    if isinstance(mask, ImageField):
        return region_mask(mask_tensor(mask_image(open_image(ctx, mask))), "the mask image")
    return region_mask(ctx.tensors.load(mask.tensor_name), "the mask input")


@node("dynamic_prompt", title="Dynamic Prompt", category="prompt", tags=("prompt", "dynamic", "wildcard"))
class DynamicPromptNode(BaseNode):
    """Expands a dynamic prompt into a list of prompts, to feed ``iterate``.

    ``{a|b|c}`` picks one of the options, ``{2$$a|b|c}`` two of them, and ``__name__`` a line of
    ``wildcards/name.txt`` in the root folder. Combinatorial mode lists every combination (up to the
    maximum); random mode draws the maximum number of prompts, the same ones for the same seed.
    """

    prompt: TextStr = InputField(description="The dynamic prompt.", ui=UIHints(component="textarea"))
    max_prompts: int = InputField(1, ge=1, le=MAX_PROMPTS, description="How many prompts to make at most.")
    combinatorial: bool = InputField(
        False, description="List every combination instead of drawing at random."
    )
    seed: int = InputField(0, ge=0, le=SEED_MAX, description="Seed of the random draws (random mode).")

    def invoke(self, ctx: NodeContext) -> StringCollectionOutput:
        from impasto.prompting.dynamic import expand_prompt

        prompts = expand_prompt(
            self.prompt,
            max_prompts=self.max_prompts,
            combinatorial=self.combinatorial,
            seed=self.seed,
            wildcards_dir=ctx.config.wildcards_path,
        )
        return StringCollectionOutput(collection=prompts)
