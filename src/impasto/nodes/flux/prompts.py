"""The FLUX text encoder node: a prompt read by CLIP-L (pooled) and T5 (per token)."""

from __future__ import annotations

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints, node
from impasto.nodes.flux.refs import T5EncoderField
from impasto.nodes.prompts import ConditioningOutput, auto_negative_input, load_region, region_mask_input
from impasto.nodes.refs import CLIPField, ConditioningField, TensorField
from impasto.nodes.types import ImageField
from impasto.text import TextStr

T5_MAX_SEQ_LEN = 512


@node(
    "flux_text_encoder",
    title="Prompt (FLUX)",
    category="conditioning",
    tags=("prompt", "conditioning", "flux"),
)
class FluxTextEncoderNode(BaseNode):
    """Encodes a prompt for FLUX.1. Plain text: FLUX reads natural sentences and has no weighting syntax.

    Text past T5's token limit (256 for schnell, 512 for dev: take it from the model loader) or CLIP's
    77 tokens is ignored. For true CFG, encode the negative prompt with a second node. With a mask the
    prompt conditions only that region (regional prompts: collect several into the denoise node).
    """

    clip: CLIPField = InputField(
        description="CLIP-L (from the FLUX model or LoRA loader).", input=Input.CONNECTION
    )
    t5_encoder: T5EncoderField = InputField(
        description="T5 (from the FLUX model loader).", input=Input.CONNECTION
    )
    t5_max_seq_len: int = InputField(
        512, ge=1, le=T5_MAX_SEQ_LEN, description="T5's token limit: 256 for schnell, 512 for dev."
    )
    prompt: TextStr = InputField(
        "", description="The prompt.", ui=UIHints(component="textarea", placeholder="a photo of a cat")
    )
    mask: TensorField | ImageField | None = region_mask_input()
    auto_negative: bool = auto_negative_input()

    def invoke(self, ctx: NodeContext) -> ConditioningOutput:
        from impasto.generation.flux.specs import FluxTextSpec
        from impasto.generation.flux.text import run_flux_text_encoder
        from impasto.generation.runtime import LoraUse, Part
        from impasto.nodes.latents import step_hooks

        ctx.raise_if_canceled()
        for ref in (self.clip.text_encoder, self.t5_encoder.text_encoder):
            record = ctx.models.record(ref.key)
            if record.type == "main" and record.base != "flux":  # standalone encoders have no base
                raise InvalidInputError(
                    f"node 'flux_text_encoder' encodes prompts for FLUX models; {record.name!r} is a "
                    f"{record.base} model",
                    {"model": record.key, "base": str(record.base)},
                )
        spec = FluxTextSpec(
            clip_tokenizer=Part(self.clip.tokenizer.key, self.clip.tokenizer.submodel),
            clip_encoder=Part(self.clip.text_encoder.key, self.clip.text_encoder.submodel),
            t5_tokenizer=Part(self.t5_encoder.tokenizer.key, self.t5_encoder.tokenizer.submodel),
            t5_encoder=Part(self.t5_encoder.text_encoder.key, self.t5_encoder.text_encoder.submodel),
            max_seq_len=self.t5_max_seq_len,
            clip_loras=tuple(LoraUse(ref.lora.key, ref.weight) for ref in self.clip.loras),
        )
        conditioning = run_flux_text_encoder(ctx.models, spec, self.prompt, step_hooks(ctx))
        if self.mask is not None:
            conditioning.mask = load_region(ctx, self.mask)
            conditioning.auto_negative = self.auto_negative
        name = ctx.tensors.save(conditioning.to_dict())
        return ConditioningOutput(conditioning=ConditioningField(conditioning_name=name))
