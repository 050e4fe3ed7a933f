"""Prompts of the SD family: encoding with compel (SD 1.x/2.x, SDXL and its refiner).

The encoders take the prompt syntax of compel: ``word+`` / ``word-`` multiply a word's weight by 1.1 /
0.9 per sign, ``(several words)1.3`` sets a weight (nesting multiplies), ``("a cat", "a dog").blend(1, 0.5)``
mixes two prompts, ``("a", "b").and()`` joins them, ``\\(`` is a literal parenthesis and ``<name>`` inserts
an installed textual inversion. Prompts longer than the tokenizer's window (77 tokens in SD) are encoded in
several windows. The result is stored conditioning that the denoise node reads by name; with a mask it
conditions only that region of the image (regional prompts: connect several to the denoise node).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints, node
from impasto.nodes.prompts import ConditioningOutput, auto_negative_input, load_region, region_mask_input
from impasto.nodes.refs import CLIPField, ConditioningField, TensorField
from impasto.nodes.types import ImageField
from impasto.text import TextStr

if TYPE_CHECKING:
    from impasto.generation.sd.cond_data import Conditioning
    from impasto.generation.sd.prompts import EncoderSlot, TextEncoder

_TAGS = ("prompt", "conditioning", "compel")
_SD_BASES = ("sd-1", "sd-2")
_PROMPT_UI = UIHints(component="textarea", placeholder="a photo of a cat, (oil painting)1.2")


def _clip_input(description: str) -> CLIPField:
    result: CLIPField = InputField(description=description, input=Input.CONNECTION)
    return result


def _side(default: int | None, description: str) -> Any:
    return InputField(
        default, ge=8, le=16384, description=description, ui=UIHints(component="number", step=8)
    )


def text_encoder(
    ctx: NodeContext, clip: CLIPField, slot: EncoderSlot, prompts: tuple[str, ...], bases: tuple[str, ...]
) -> TextEncoder:
    """The text encoder ``clip`` names, with its LoRAs, CLIP skip and the embeddings ``prompts`` use."""
    from impasto.generation.sd.prompts import TextEncoder
    from impasto.generation.sd.textual_inversion import find_embeddings

    record = ctx.models.record(clip.text_encoder.key)
    if record.base not in bases:
        raise InvalidInputError(
            f"node {ctx.node_type!r} encodes prompts for {' / '.join(bases)} models; "
            f"{record.name!r} is a {record.base} model",
            {"model": record.key, "base": str(record.base)},
        )
    loras = [(ctx.models.load(ref.lora.key, ref.lora.submodel).model, ref.weight) for ref in clip.loras]
    return TextEncoder(
        tokenizer=ctx.models.load(clip.tokenizer.key, clip.tokenizer.submodel),
        encoder=ctx.models.load(clip.text_encoder.key, clip.text_encoder.submodel),
        base=record.base,
        slot=slot,
        loras=loras,
        embeddings=find_embeddings(ctx.models, record.base, *prompts),
        skipped_layers=clip.skipped_layers,
    )


def _stored(
    ctx: NodeContext, conditioning: Conditioning, mask: TensorField | ImageField | None, auto_negative: bool
) -> ConditioningOutput:
    if mask is not None:
        conditioning.mask = load_region(ctx, mask)
        conditioning.auto_negative = auto_negative
    name = ctx.tensors.save(conditioning.to_dict())
    return ConditioningOutput(conditioning=ConditioningField(conditioning_name=name))


@node("compel", title="Prompt (SD 1.x / 2.x)", category="conditioning", tags=_TAGS)
class CompelNode(BaseNode):
    """Encodes a prompt for Stable Diffusion 1.x and 2.x, with weights, blends and embeddings.

    Use it for the positive and, with a second node, the negative prompt. Long prompts are encoded in
    windows of the tokenizer's length; CLIP skip and LoRAs come with the clip input.
    """

    prompt: TextStr = InputField("", description="The prompt, in compel syntax.", ui=_PROMPT_UI)
    clip: CLIPField = _clip_input("The text encoder (from a model loader, LoRA loader or CLIP skip).")
    mask: TensorField | ImageField | None = region_mask_input()
    auto_negative: bool = auto_negative_input()

    def invoke(self, ctx: NodeContext) -> ConditioningOutput:
        from impasto.generation.sd.cond_data import BasicConditioning
        from impasto.generation.sd.prompts import encode_prompt

        ctx.raise_if_canceled()
        encoder = text_encoder(ctx, self.clip, "text_encoder", (self.prompt,), _SD_BASES)
        conditioning = BasicConditioning(embeds=encode_prompt(encoder, self.prompt).embeds)
        return _stored(ctx, conditioning, self.mask, self.auto_negative)


@node("sdxl_compel_prompt", title="Prompt (SDXL)", category="conditioning", tags=(*_TAGS, "sdxl"))
class SDXLCompelPromptNode(BaseNode):
    """Encodes a prompt for SDXL with both text encoders, plus the size and crop it is conditioned on.

    The second encoder reads the style prompt when there is one, else the prompt. An empty prompt is
    encoded as zeros. The original size defaults to the target size; a smaller one tends to look blurry.
    """

    prompt: TextStr = InputField("", description="The prompt, in compel syntax.", ui=_PROMPT_UI)
    style: TextStr = InputField(
        "", description="Style prompt for the second text encoder; empty uses the prompt.", ui=_PROMPT_UI
    )
    original_width: int | None = _side(None, "Width the picture is imagined to have had; empty: the target.")
    original_height: int | None = _side(
        None, "Height the picture is imagined to have had; empty: the target."
    )
    crop_top: int = InputField(0, ge=0, description="Top of the imagined crop (0: not cropped).")
    crop_left: int = InputField(0, ge=0, description="Left of the imagined crop (0: not cropped).")
    target_width: int = _side(1024, "Width of the image being generated.")
    target_height: int = _side(1024, "Height of the image being generated.")
    clip: CLIPField = _clip_input("The first text encoder (CLIP ViT-L).")
    clip2: CLIPField = _clip_input("The second text encoder (OpenCLIP bigG).")
    mask: TensorField | ImageField | None = region_mask_input()
    auto_negative: bool = auto_negative_input()

    def invoke(self, ctx: NodeContext) -> ConditioningOutput:
        from impasto.generation.sd.prompts import encode_sdxl, sdxl_conditioning

        ctx.raise_if_canceled()
        prompts = (self.prompt, self.style)
        first = text_encoder(ctx, self.clip, "text_encoder", prompts, ("sdxl",))
        second = text_encoder(ctx, self.clip2, "text_encoder_2", prompts, ("sdxl",))
        encoded = encode_sdxl(first, second, self.prompt, self.style)
        target = (self.target_height, self.target_width)
        original = (self.original_height or target[0], self.original_width or target[1])
        crop = (self.crop_top, self.crop_left)
        conditioning = sdxl_conditioning(encoded, original, crop, target)
        return _stored(ctx, conditioning, self.mask, self.auto_negative)


@node(
    "sdxl_refiner_compel_prompt",
    title="Prompt (SDXL Refiner)",
    category="conditioning",
    tags=(*_TAGS, "sdxl", "refiner"),
)
class SDXLRefinerCompelPromptNode(BaseNode):
    """Encodes a prompt for the SDXL refiner (second text encoder only) with an aesthetic score.

    By convention the positive prompt gets a high score (6.0) and the negative prompt a low one (2.5).
    With a mask it conditions only that region, as the base model's regional prompts do.
    """

    style: TextStr = InputField("", description="The prompt, in compel syntax.", ui=_PROMPT_UI)
    original_width: int = _side(1024, "Width the picture is imagined to have had.")
    original_height: int = _side(1024, "Height the picture is imagined to have had.")
    crop_top: int = InputField(0, ge=0, description="Top of the imagined crop (0: not cropped).")
    crop_left: int = InputField(0, ge=0, description="Left of the imagined crop (0: not cropped).")
    aesthetic_score: float = InputField(
        6.0,
        ge=0,
        le=10,
        description="Aesthetic score to condition on: 6.0 for positive prompts, 2.5 for negative ones.",
        ui=UIHints(component="number", step=0.5),
    )
    clip2: CLIPField = _clip_input("The refiner's text encoder (OpenCLIP bigG).")
    mask: TensorField | ImageField | None = region_mask_input()
    auto_negative: bool = auto_negative_input()

    def invoke(self, ctx: NodeContext) -> ConditioningOutput:
        from impasto.generation.sd.prompts import encode_prompt, sdxl_conditioning

        ctx.raise_if_canceled()
        encoder = text_encoder(ctx, self.clip2, "text_encoder_2", (self.style,), ("sdxl-refiner", "sdxl"))
        encoded = encode_prompt(encoder, self.style, pooled=True)
        original = (self.original_height, self.original_width)
        crop = (self.crop_top, self.crop_left)
        # The refiner is not conditioned on a target size; the original size stands in for it.
        conditioning = sdxl_conditioning(encoded, original, crop, original, self.aesthetic_score)
        return _stored(ctx, conditioning, self.mask, self.auto_negative)
