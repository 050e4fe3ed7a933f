"""ControlNet and T2I-Adapter units: the control image (optionally preprocessed) and the unit node, shared
by the families whose denoise node takes them (a family that takes none refuses them in its check)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from impasto.builders.checks import ControlUse
from impasto.builders.draft import GraphDraft, Out, collected, image_input, model_input
from impasto.builders.families.base import Controls
from impasto.builders.request import PREPROCESSOR_NODES, ControlNetRequest

if TYPE_CHECKING:
    from impasto.builders.resolve import Resolved


def add_controls(draft: GraphDraft, r: Resolved) -> Controls:
    """ControlNet and T2I-Adapter units (collected into a list when there are several of a kind)."""
    sockets: dict[str, list[Out]] = {"controlnet": [], "t2i_adapter": []}
    for use in r.controls:
        sockets[use.kind].append(_add_unit(draft, use))
    return Controls(
        control=collected(draft, "controlnets", sockets["controlnet"]),
        t2i_adapter=collected(draft, "t2i_adapters", sockets["t2i_adapter"]),
    )


def control_node_id(use: ControlUse) -> str:
    return f"{use.kind}_{use.index}"


def _add_unit(draft: GraphDraft, use: ControlUse) -> Out:
    unit = use.request
    node_id = control_node_id(use)
    image = Out(draft.add(f"{node_id}_image", "load_image", image=image_input(unit.image)), "image")
    if unit.preprocessor != "none":
        learned = use.preprocessor_model
        pre = draft.add(
            f"{node_id}_preprocessor",
            PREPROCESSOR_NODES[unit.preprocessor],
            **unit.preprocessor_options,
            image=image,
            model=model_input(learned.key) if learned is not None else None,
        )
        image = Out(pre, "image")
    window = {"begin_step_percent": unit.begin, "end_step_percent": unit.end, "resize_mode": unit.resize_mode}
    if isinstance(unit, ControlNetRequest):
        draft.add(
            node_id, "controlnet", image=image, control_model=model_input(use.record.key),
            control_weight=unit.weight, control_mode=unit.control_mode, **window,
        )  # fmt: skip
        return Out(node_id, "control")
    draft.add(
        node_id,
        "t2i_adapter",
        image=image,
        t2i_adapter_model=model_input(use.record.key),
        weight=unit.weight,
        **window,
    )
    return Out(node_id, "t2i_adapter")
