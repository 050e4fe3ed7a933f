"""ControlNet and T2I-Adapter units for the SD family's UNet: a control image, a model, and how strongly
and when it guides.

The control image should already be preprocessed (edges, depth, pose...; see the preprocessor nodes).
Units are collected into the denoise node's ``control`` / ``t2i_adapter`` inputs; several units sum.
"""

from __future__ import annotations

from typing import Any

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, UIHints, node
from impasto.nodes.models import checked_record, model_input
from impasto.nodes.refs import ControlField, ControlMode, ModelRef, ResizeMode, T2IAdapterField
from impasto.nodes.types import ImageField

_TAGS = ("control",)
_CONTROL_BASES = ("sd-1", "sd-2", "sdxl")
_T2I_BASES = ("sd-1", "sdxl")
_MODE_HINTS = UIHints(
    component="select",
    choice_labels={
        "balanced": "Balanced",
        "more_prompt": "Prompt is more important",
        "more_control": "Control is more important",
        "unbalanced": "Unbalanced (strongest control)",
    },
)
_RESIZE_HINTS = UIHints(
    component="select",
    choice_labels={
        "just_resize": "Stretch (keeps thin lines)",
        "crop_resize": "Cover and crop",
        "fill_resize": "Fit and pad",
        "just_resize_simple": "Stretch (plain)",
    },
)


class ControlOutput(BaseOutput):
    """A ControlNet unit."""

    control: ControlField = OutputField(description="The ControlNet unit, for the denoise node.")


class T2IAdapterOutput(BaseOutput):
    """A T2I-Adapter unit."""

    t2i_adapter: T2IAdapterField = OutputField(description="The T2I-Adapter unit, for the denoise node.")


def _weight(description: str) -> Any:
    return InputField(
        1.0,
        ge=-1,
        le=2,
        description=description,
        ui=UIHints(component="slider", step=0.05, slider_min=0, slider_max=2),
    )


def _percent(default: float, description: str) -> Any:
    return InputField(default, ge=0, le=1, description=description, ui=UIHints(component="slider", step=0.01))


def _check_window(begin: float, end: float) -> None:
    if begin > end:
        raise InvalidInputError(f"begin_step_percent ({begin}) must not be after end_step_percent ({end})")


@node("controlnet", title="ControlNet", category="control", tags=(*_TAGS, "controlnet"))
class ControlNetNode(BaseNode):
    """Guides the image with a ControlNet and a control image (edges, depth, pose, ...)."""

    image: ImageField = InputField(description="The control image (preprocessed).", input=Input.CONNECTION)
    control_model: ModelRef = model_input(
        "The ControlNet model's key.", "controlnet", _CONTROL_BASES, order=None
    )
    control_weight: float = _weight("How strongly the control guides the image.")
    begin_step_percent: float = _percent(0.0, "When the control starts, as a fraction of the steps.")
    end_step_percent: float = _percent(1.0, "When the control stops, as a fraction of the steps.")
    control_mode: ControlMode = InputField(
        "balanced", description="Balance between the prompt and the control.", ui=_MODE_HINTS
    )
    resize_mode: ResizeMode = InputField(
        "just_resize", description="How the control image is fitted to the output size.", ui=_RESIZE_HINTS
    )

    def invoke(self, ctx: NodeContext) -> ControlOutput:
        checked_record(ctx, self.control_model.key, "controlnet", _CONTROL_BASES, "ControlNet")
        _check_window(self.begin_step_percent, self.end_step_percent)
        ctx.images.load(self.image.image_name)  # fail here, not in the denoise node, if it is missing
        return ControlOutput(
            control=ControlField(
                image=self.image,
                control_model=ModelRef(key=self.control_model.key),
                control_weight=self.control_weight,
                begin_step_percent=self.begin_step_percent,
                end_step_percent=self.end_step_percent,
                control_mode=self.control_mode,
                resize_mode=self.resize_mode,
            )
        )


@node("t2i_adapter", title="T2I-Adapter", category="control", tags=(*_TAGS, "t2i", "adapter"))
class T2IAdapterNode(BaseNode):
    """Guides the image with a T2I-Adapter and a control image (lighter than a ControlNet: it runs once
    per image, not once per step)."""

    image: ImageField = InputField(description="The control image (preprocessed).", input=Input.CONNECTION)
    t2i_adapter_model: ModelRef = model_input(
        "The T2I-Adapter model's key.", "t2i_adapter", _T2I_BASES, order=None
    )
    weight: float = _weight("How strongly the adapter guides the image.")
    begin_step_percent: float = _percent(0.0, "When the adapter starts, as a fraction of the steps.")
    end_step_percent: float = _percent(1.0, "When the adapter stops, as a fraction of the steps.")
    resize_mode: ResizeMode = InputField(
        "just_resize", description="How the control image is fitted to the output size.", ui=_RESIZE_HINTS
    )

    def invoke(self, ctx: NodeContext) -> T2IAdapterOutput:
        checked_record(ctx, self.t2i_adapter_model.key, "t2i_adapter", _T2I_BASES, "T2I-Adapter")
        _check_window(self.begin_step_percent, self.end_step_percent)
        ctx.images.load(self.image.image_name)
        return T2IAdapterOutput(
            t2i_adapter=T2IAdapterField(
                image=self.image,
                t2i_adapter_model=ModelRef(key=self.t2i_adapter_model.key),
                weight=self.weight,
                begin_step_percent=self.begin_step_percent,
                end_step_percent=self.end_step_percent,
                resize_mode=self.resize_mode,
            )
        )
