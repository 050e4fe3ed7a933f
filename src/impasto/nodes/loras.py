"""Choosing LoRAs one by one to apply as a list, shared by every family: ``lora_selector`` (InvokeAI's)
names a LoRA and its weight, ``collect`` gathers selectors into a list, and each family's LoRA collection
loader attaches the list (:mod:`impasto.nodes.sd.loras`, :mod:`impasto.nodes.flux.loras`).
"""

from __future__ import annotations

from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, UIHints, node
from impasto.nodes.models import TAGS, checked_record, model_input
from impasto.nodes.refs import LoRARef, ModelRef


def lora_weight_input() -> float:
    """The weight input of a LoRA loader or selector."""
    result: float = InputField(
        0.75, ge=-10, le=10, description="How strongly to apply the LoRA (1 = as trained; negative inverts).",
        ui=UIHints(component="slider", step=0.05, slider_min=-1, slider_max=2),
    )  # fmt: skip
    return result


def loras_input() -> LoRARef | list[LoRARef] | None:
    """The list input of a LoRA collection loader: one LoRA, or the list ``collect`` makes."""
    result: LoRARef | list[LoRARef] | None = InputField(
        None, description="One LoRA or a list of them (from LoRA selectors).", input=Input.CONNECTION
    )
    return result


def unique_loras(loras: LoRARef | list[LoRARef] | None) -> list[LoRARef]:
    """The LoRAs of a collection loader's input, each key once (the first weight wins)."""
    listed = [] if loras is None else loras if isinstance(loras, list) else [loras]
    seen: set[str] = set()
    unique = []
    for lora in listed:
        if lora.lora.key not in seen:
            seen.add(lora.lora.key)
            unique.append(lora)
    return unique


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
