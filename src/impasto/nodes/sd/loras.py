"""SD LoRAs applied as a list (InvokeAI's LoRA collection loaders), the other way to stack LoRAs than
chaining ``lora_loader`` nodes: every LoRA of the list (from ``lora_selector`` nodes through ``collect``) is
attached to the UNet and text encoders once, with the same checks as the single loaders (installed, a LoRA,
made for the model's base).
"""

from __future__ import annotations

from impasto.graph import BaseNode, Input, InputField, NodeContext, node
from impasto.nodes.loras import loras_input, unique_loras
from impasto.nodes.models import TAGS, checked_record
from impasto.nodes.refs import CLIPField, LoRARef, UNetField
from impasto.nodes.sd.models import LoRALoaderOutput, SDXLLoRALoaderOutput, attach_lora


@node("lora_collection_loader", title="Apply LoRA Collection", category="model", tags=(*TAGS, "lora"))
class LoRACollectionLoaderNode(BaseNode):
    """Attaches every LoRA of a list to an SD 1.x/2.x UNet and/or text encoder."""

    loras: LoRARef | list[LoRARef] | None = loras_input()
    unet: UNetField | None = InputField(
        None, description="The UNet to apply them to.", input=Input.CONNECTION
    )
    clip: CLIPField | None = InputField(
        None, description="The text encoder to apply them to.", input=Input.CONNECTION
    )

    def invoke(self, ctx: NodeContext) -> LoRALoaderOutput:
        unet, clip = self.unet, self.clip
        for lora in unique_loras(self.loras):
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

    loras: LoRARef | list[LoRARef] | None = loras_input()
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
        for lora in unique_loras(self.loras):
            checked_record(ctx, lora.lora.key, "lora", ("sdxl",), "SDXL LoRA")
            unet = attach_lora(ctx, unet, lora, "UNet")
            clip = attach_lora(ctx, clip, lora, "text encoder")
            clip2 = attach_lora(ctx, clip2, lora, "second text encoder")
        return SDXLLoRALoaderOutput(unet=unet, clip=clip, clip2=clip2)
