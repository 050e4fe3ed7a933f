"""LoRAs picked one by one and applied as a list (InvokeAI's ``lora_selector`` and LoRA collection
loaders), the other way to stack LoRAs than chaining ``lora_loader`` nodes.

A selector only names a LoRA and its weight; a collection loader attaches every LoRA of the list it gets
(one LoRA or many, through ``collect``) to the UNet and text encoders, skipping repeats, with the same
checks as the single loaders (installed, a LoRA, made for the model's base).
"""

from __future__ import annotations

from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, node
from impasto.nodes.models import TAGS, checked_record, model_input
from impasto.nodes.refs import CLIPField, LoRARef, ModelRef, UNetField
from impasto.nodes.sd.models import LoRALoaderOutput, SDXLLoRALoaderOutput, attach_lora, lora_weight_input


class LoRASelectorOutput(BaseOutput):
    """A LoRA with its weight."""

    lora: LoRARef = OutputField(description="The LoRA and how strongly to apply it.")


@node("lora_selector", title="Select LoRA", category="model", tags=(*TAGS, "lora"))
class LoRASelectorNode(BaseNode):
    """Names a LoRA and its weight, for a LoRA collection loader (collect several to stack them)."""

    lora: ModelRef = model_input("The LoRA model's key.", "lora")
    weight: float = lora_weight_input()

    def invoke(self, ctx: NodeContext) -> LoRASelectorOutput:
        checked_record(ctx, self.lora.key, "lora", (), "LoRA")
        return LoRASelectorOutput(lora=LoRARef(lora=ModelRef(key=self.lora.key), weight=self.weight))


def _unique(loras: LoRARef | list[LoRARef] | None) -> list[LoRARef]:
    """The LoRAs of the input, each key once (the first weight wins)."""
    listed = [] if loras is None else loras if isinstance(loras, list) else [loras]
    seen: set[str] = set()
    unique = []
    for lora in listed:
        if lora.lora.key not in seen:
            seen.add(lora.lora.key)
            unique.append(lora)
    return unique


def _loras_input() -> LoRARef | list[LoRARef] | None:
    result: LoRARef | list[LoRARef] | None = InputField(
        None, description="One LoRA or a list of them (from LoRA selectors).", input=Input.CONNECTION
    )
    return result


@node("lora_collection_loader", title="Apply LoRA Collection", category="model", tags=(*TAGS, "lora"))
class LoRACollectionLoaderNode(BaseNode):
    """Attaches every LoRA of a list to an SD 1.x/2.x UNet and/or text encoder."""

    loras: LoRARef | list[LoRARef] | None = _loras_input()
    unet: UNetField | None = InputField(
        None, description="The UNet to apply them to.", input=Input.CONNECTION
    )
    clip: CLIPField | None = InputField(
        None, description="The text encoder to apply them to.", input=Input.CONNECTION
    )

    def invoke(self, ctx: NodeContext) -> LoRALoaderOutput:
        unet, clip = self.unet, self.clip
        for lora in _unique(self.loras):
            checked_record(ctx, lora.lora.key, "lora", (), "LoRA")
            unet, clip = attach_lora(ctx, unet, lora, "UNet"), attach_lora(ctx, clip, lora, "text encoder")
        return LoRALoaderOutput(unet=unet, clip=clip)


@node(
    "sdxl_lora_collection_loader",
    title="Apply LoRA Collection (SDXL)",
    category="model",
    tags=(*TAGS, "lora"),
)
class SDXLLoRACollectionLoaderNode(BaseNode):
    """Attaches every SDXL LoRA of a list to the UNet and/or both text encoders."""

    loras: LoRARef | list[LoRARef] | None = _loras_input()
    unet: UNetField | None = InputField(
        None, description="The UNet to apply them to.", input=Input.CONNECTION
    )
    clip: CLIPField | None = InputField(
        None, description="The first text encoder to apply them to.", input=Input.CONNECTION
    )
    clip2: CLIPField | None = InputField(
        None, description="The second text encoder to apply them to.", input=Input.CONNECTION
    )

    def invoke(self, ctx: NodeContext) -> SDXLLoRALoaderOutput:
        unet, clip, clip2 = self.unet, self.clip, self.clip2
        for lora in _unique(self.loras):
            checked_record(ctx, lora.lora.key, "lora", ("sdxl",), "SDXL LoRA")
            unet = attach_lora(ctx, unet, lora, "UNet")
            clip = attach_lora(ctx, clip, lora, "text encoder")
            clip2 = attach_lora(ctx, clip2, lora, "second text encoder")
        return SDXLLoRALoaderOutput(unet=unet, clip=clip, clip2=clip2)
