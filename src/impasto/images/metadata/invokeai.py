"""InvokeAI's chunks: ``invokeai_metadata`` (flat JSON), and its graph or workflow when that is all there is.

InvokeAI 3 to 6 write the same flat keys; older versions named models ``{model_name, base_model}`` instead
of ``{name, base, key, hash}``, and LoRAs ``{lora, weight}`` instead of ``{model, weight}``: both are read.
Its graphs carry a ``core_metadata`` node holding the same keys, which is used when the metadata chunk is
missing; a workflow is turned into that graph form first.
"""

from __future__ import annotations

from typing import Any

from impasto.images.metadata.models import ControlUnit, LoraRef, ModelRef

_MODES = ("txt2img", "img2img", "inpaint", "outpaint")
_SCALARS: dict[str, str] = {
    "positive_prompt": "positive_prompt",
    "negative_prompt": "negative_prompt",
    "positive_style_prompt": "positive_style_prompt",
    "negative_style_prompt": "negative_style_prompt",
    "seed": "seed",
    "steps": "steps",
    "cfg_scale": "cfg_scale",
    "cfg_rescale_multiplier": "cfg_rescale",
    "guidance": "guidance",
    "scheduler": "scheduler",
    "width": "width",
    "height": "height",
    "strength": "strength",
    "clip_skip": "clip_skip",
    "seamless_x": "seamless_x",
    "seamless_y": "seamless_y",
    "refiner_steps": "refiner_steps",
    "refiner_cfg_scale": "refiner_cfg_scale",
    "refiner_scheduler": "refiner_scheduler",
    "refiner_positive_aesthetic_score": "refiner_positive_aesthetic_score",
    "refiner_negative_aesthetic_score": "refiner_negative_aesthetic_score",
    "refiner_start": "refiner_start",
    "hrf_strength": "hires_strength",
    "hrf_method": "hires_upscaler",
}
_IGNORED = frozenset({"generation_mode", "model", "vae", "loras", "controlnets", "ipAdapters"})
_IGNORED |= {"t2iAdapters", "app_version", "init_image", "refiner_model", "hrf_enabled", "rand_device"}
_IGNORED |= {"type", "id", "is_intermediate", "use_cache", "t5_encoder", "clip_embed_model"}


def read_metadata(data: Any) -> tuple[dict[str, Any], list[str]]:
    """Recall fields from the ``invokeai_metadata`` object, and what could not be read."""
    if not isinstance(data, dict):
        return {}, ["invokeai_metadata: not a JSON object"]
    fields: dict[str, Any] = {"source": "invokeai"}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in _SCALARS:
            fields[_SCALARS[key]] = value
        elif key not in _IGNORED:
            extra[key] = value
    mode = str(data.get("generation_mode") or "")
    fields["mode"] = next((m for m in _MODES if mode.endswith(m)), mode or None)
    fields["model"] = model_ref(data.get("model"))
    fields["vae"] = model_ref(data.get("vae"))
    fields["t5_encoder"] = model_ref(data.get("t5_encoder"))
    fields["clip_embed"] = model_ref(data.get("clip_embed_model"))
    fields["refiner_model"] = model_ref(data.get("refiner_model"))
    fields["loras"] = [lora for lora in map(_lora, _list(data.get("loras"))) if lora is not None]
    fields["control"] = _controls(data)
    if isinstance(data.get("init_image"), str):
        fields["init_image"] = data["init_image"]
    if isinstance(data.get("app_version"), str):
        fields["app"] = f"InvokeAI {data['app_version']}"
    if extra:
        fields["extra"] = extra
    return fields, []


def model_ref(value: Any) -> ModelRef | None:
    """A model reference in any of InvokeAI's shapes (or a bare name)."""
    if isinstance(value, str):
        return ModelRef(name=value)
    if not isinstance(value, dict):
        return None
    name = value.get("name") or value.get("model_name")
    base = value.get("base") or value.get("base_model")
    return ModelRef(
        name=_text(name), key=_text(value.get("key")), hash=_text(value.get("hash")), base=_text(base)
    )


def _lora(value: Any) -> LoraRef | None:
    if not isinstance(value, dict):
        return None
    model = model_ref(value.get("model") or value.get("lora"))
    if model is None:
        return None
    weight = value.get("weight")
    return LoraRef(**model.model_dump(), weight=float(weight) if isinstance(weight, int | float) else 1.0)


def _controls(data: dict[str, Any]) -> list[ControlUnit]:
    units = []
    for kind, key in (
        ("controlnet", "controlnets"),
        ("t2i_adapter", "t2iAdapters"),
        ("ip_adapter", "ipAdapters"),
    ):
        for item in _list(data.get(key)):
            if isinstance(item, dict):
                units.append(_control(kind, item))
    return units


def _control(kind: str, item: dict[str, Any]) -> ControlUnit:
    model = item.get("control_model") or item.get("t2i_adapter_model") or item.get("ip_adapter_model")
    image = _dict(item.get("image"))
    weight = item.get("control_weight", item.get("weight"))
    return ControlUnit(
        kind=kind,
        model=model_ref(model),
        weight=weight if isinstance(weight, int | float) else None,
        begin=_number(item.get("begin_step_percent")),
        end=_number(item.get("end_step_percent")),
        image_name=_text(image.get("image_name")),
        control_mode=_text(item.get("control_mode")),
    )


def metadata_from_graph(graph: Any) -> dict[str, Any] | None:
    """The ``core_metadata`` node's values in an InvokeAI graph, if it has one."""
    nodes = graph.get("nodes") if isinstance(graph, dict) else None
    if isinstance(nodes, list):  # a workflow
        nodes = {str(i): _workflow_node(node) for i, node in enumerate(nodes)}
    if not isinstance(nodes, dict):
        return None
    for node in nodes.values():
        if isinstance(node, dict) and node.get("type") in ("core_metadata", "metadata"):
            return {k: v for k, v in node.items() if k not in ("id", "type")}
    return None


def _workflow_node(node: Any) -> dict[str, Any]:
    data = node.get("data") if isinstance(node, dict) else None
    if not isinstance(data, dict):
        return {}
    inputs = _dict(data.get("inputs"))
    values = {name: field.get("value") for name, field in inputs.items() if isinstance(field, dict)}
    return {"type": data.get("type"), **values}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
