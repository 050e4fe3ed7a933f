"""A list of FLUX LoRAs applied at once (InvokeAI's ``flux_lora_collection_loader``), fed by
``lora_selector`` nodes through ``collect``; the other way to stack LoRAs than chaining
``flux_lora_loader`` nodes. Each LoRA is checked like the single loader checks it and attached once.
"""

from __future__ import annotations

from impasto.graph import BaseNode, Input, InputField, NodeContext, node
from impasto.nodes.flux.models import FluxLoRALoaderOutput
from impasto.nodes.flux.refs import TransformerField
from impasto.nodes.loras import loras_input, unique_loras
from impasto.nodes.models import TAGS, checked_record
from impasto.nodes.refs import CLIPField, LoRARef


@node(
    "flux_lora_collection_loader",
    title="Apply LoRA Collection (FLUX)",
    category="model",
    tags=(*TAGS, "lora", "flux"),
)
class FluxLoRACollectionLoaderNode(BaseNode):
    """Attaches every FLUX LoRA of a list to the transformer and/or CLIP-L (each LoRA once)."""

    loras: LoRARef | list[LoRARef] | None = loras_input()
    transformer: TransformerField | None = InputField(
        None, description="The transformer to apply them to.", input=Input.CONNECTION
    )
    clip: CLIPField | None = InputField(None, description="CLIP-L to apply them to.", input=Input.CONNECTION)

    def invoke(self, ctx: NodeContext) -> FluxLoRALoaderOutput:
        transformer, clip = self.transformer, self.clip
        for lora in unique_loras(self.loras):
            checked_record(ctx, lora.lora.key, "lora", ("flux",), "FLUX LoRA")
            if transformer is not None and all(old.lora.key != lora.lora.key for old in transformer.loras):
                transformer = transformer.model_copy(update={"loras": (*transformer.loras, lora)})
            if clip is not None and all(old.lora.key != lora.lora.key for old in clip.loras):
                clip = clip.model_copy(update={"loras": (*clip.loras, lora)})
        return FluxLoRALoaderOutput(transformer=transformer, clip=clip)
