"""IP-Adapter units for the SD family's UNet: a reference image (or several, used together) whose look
(style), layout (composition) or both steer the image, through an adapter and its CLIP-vision image
encoder.

Units are collected into the denoise node's ``ip_adapter`` input; several apply at once, each with its own
weight, step window and optional region mask (regional reference images on a canvas).
"""

from __future__ import annotations

from typing import Any

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, UIHints, node
from impasto.models.identity import ModelRecord
from impasto.nodes.models import checked_record, model_input, optional_model_input
from impasto.nodes.refs import IPAdapterField, IPAdapterMethod, ModelRef
from impasto.nodes.types import ImageField

_BASES = ("sd-1", "sd-2", "sdxl")
_METHOD_HINTS = UIHints(
    component="select",
    choice_labels={
        "full": "Full (style and composition)",
        "style": "Style only",
        "composition": "Composition only",
    },
)
_ENCODER_NAMES = {  # (encoder output, width) → the encoder to install
    ("image_embeds", 1024): "CLIP ViT-H/14 (InvokeAI/ip_adapter_sd_image_encoder)",
    ("hidden_states", 1280): "CLIP ViT-H/14 (InvokeAI/ip_adapter_sd_image_encoder)",
    ("image_embeds", 1280): "CLIP ViT-bigG/14 (InvokeAI/ip_adapter_sdxl_image_encoder)",
    ("hidden_states", 1664): "CLIP ViT-bigG/14 (InvokeAI/ip_adapter_sdxl_image_encoder)",
}


class IPAdapterOutput(BaseOutput):
    """An IP-Adapter unit."""

    ip_adapter: IPAdapterField = OutputField(description="The IP-Adapter unit, for the denoise node.")


def _percent(default: float, description: str) -> Any:
    return InputField(default, ge=0, le=1, description=description, ui=UIHints(component="slider", step=0.01))


@node("ip_adapter", title="IP-Adapter", category="control", tags=("control", "ip_adapter", "reference"))
class IPAdapterNode(BaseNode):
    """Uses a reference image: the adapter turns it into extra attention tokens the UNet looks at, so the
    image takes on its style, its composition or both."""

    image: ImageField | list[ImageField] = InputField(
        description="The reference image, or several (a collection) used together: their image tokens side "
        "by side, as one reference.",
        input=Input.CONNECTION,
    )
    ip_adapter_model: ModelRef = model_input("The IP-Adapter model's key.", "ip_adapter", _BASES, order=None)
    clip_vision_model: ModelRef | None = optional_model_input(
        "The CLIP-vision image encoder's key; empty: the installed one the adapter needs.", "clip_vision"
    )
    weight: float = InputField(
        1.0,
        ge=-1,
        le=2,
        description="How strongly the reference image steers the image.",
        ui=UIHints(component="slider", step=0.05, slider_min=0, slider_max=2),
    )
    begin_step_percent: float = _percent(0.0, "When the adapter starts, as a fraction of the steps.")
    end_step_percent: float = _percent(1.0, "When the adapter stops, as a fraction of the steps.")
    method: IPAdapterMethod = InputField(
        "full", description="What to take from the reference: everything, its style or its layout.",
        ui=_METHOD_HINTS,
    )  # fmt: skip
    mask: ImageField | None = InputField(
        None,
        description="Where the reference applies (white = apply, black = not; grey in between).",
        input=Input.CONNECTION,
    )

    def invoke(self, ctx: NodeContext) -> IPAdapterOutput:
        record = checked_record(ctx, self.ip_adapter_model.key, "ip_adapter", _BASES, "IP-Adapter")
        if self.begin_step_percent > self.end_step_percent:
            raise InvalidInputError(
                f"begin_step_percent ({self.begin_step_percent}) must not be after end_step_percent "
                f"({self.end_step_percent})"
            )
        encoder = self._encoder(ctx, record)
        images = self.image if isinstance(self.image, list) else [self.image]
        if not images:
            raise InvalidInputError("image: give at least one reference image")
        for image in images:  # fail here, not in the denoise node, if one is missing
            ctx.images.load(image.image_name)
        if self.mask is not None:
            ctx.images.load(self.mask.image_name)
        return IPAdapterOutput(
            ip_adapter=IPAdapterField(
                image=self.image,
                ip_adapter_model=ModelRef(key=record.key),
                image_encoder_model=ModelRef(key=encoder),
                weight=self.weight,
                begin_step_percent=self.begin_step_percent,
                end_step_percent=self.end_step_percent,
                method=self.method,
                mask=self.mask,
            )
        )

    def _encoder(self, ctx: NodeContext, adapter: ModelRecord) -> str:
        if self.clip_vision_model is not None:
            return checked_record(ctx, self.clip_vision_model.key, "clip_vision", (), "image encoder").key
        return default_image_encoder(ctx, adapter)


def default_image_encoder(ctx: NodeContext, adapter: ModelRecord) -> str:
    """The installed CLIP-vision encoder whose output width the adapter's projection takes; among several,
    the one installed from the source an InvokeAI adapter folder names (``image_encoder.txt``)."""
    output = adapter.details.get("image_encoder_output")
    width = adapter.details.get("image_encoder_width")
    named = str(adapter.details.get("image_encoder_model_id") or "")
    detail = "projection_dim" if output == "image_embeds" else "hidden_size"
    encoders = ctx.models.search(type="clip_vision")
    fitting = [r for r in encoders if width is not None and r.details.get(detail) == width]
    if not fitting and width is None and len(encoders) == 1:
        fitting = encoders  # identified before the widths were recorded: the only encoder there is
    if fitting:
        fitting.sort(key=lambda record: not (named and named in record.source))
        return str(fitting[0].key)
    wanted = named or _ENCODER_NAMES.get(
        (str(output), int(width or 0)), f"a CLIP-vision encoder giving {width}-wide {output}"
    )
    raise InvalidInputError(
        f"IP-Adapter {adapter.name!r} needs an image encoder: install {wanted}, or choose one in "
        "clip_vision_model"
    )
