"""ComfyUI's ``workflow`` chunk (the editor's graph), turned into the API form the ``prompt`` reader walks.

Only used when an image has no ``prompt`` chunk. In the editor form a node's constant inputs are
positional ``widgets_values`` whose names are not stored, so the names of the common core nodes are listed
here; inputs of other nodes are known only through their links. Links are
``[link_id, from_node, from_slot, to_node, to_slot, type]``.
"""

from __future__ import annotations

from typing import Any

# Widget names in the order the editor stores them ("control_after_generate" follows a seed widget).
WIDGETS: dict[str, tuple[str, ...]] = {
    "KSampler": ("seed", "control_after_generate", "steps", "cfg", "sampler_name", "scheduler", "denoise"),
    "KSamplerAdvanced": (
        "add_noise",
        "noise_seed",
        "control_after_generate",
        "steps",
        "cfg",
        "sampler_name",
        "scheduler",
        "start_at_step",
        "end_at_step",
        "return_with_leftover_noise",
    ),
    "SamplerCustom": ("add_noise", "noise_seed", "control_after_generate", "cfg"),
    "KSamplerSelect": ("sampler_name",),
    "BasicScheduler": ("scheduler", "steps", "denoise"),
    "RandomNoise": ("noise_seed", "control_after_generate"),
    "CFGGuider": ("cfg",),
    "FluxGuidance": ("guidance",),
    "CheckpointLoaderSimple": ("ckpt_name",),
    "UNETLoader": ("unet_name", "weight_dtype"),
    "VAELoader": ("vae_name",),
    "LoraLoader": ("lora_name", "strength_model", "strength_clip"),
    "LoraLoaderModelOnly": ("lora_name", "strength_model"),
    "CLIPTextEncode": ("text",),
    "CLIPTextEncodeSDXL": ("width", "height", "crop_w", "crop_h", "target_width", "target_height", "text_g"),
    "CLIPSetLastLayer": ("stop_at_clip_layer",),
    "EmptyLatentImage": ("width", "height", "batch_size"),
    "EmptySD3LatentImage": ("width", "height", "batch_size"),
    "ControlNetLoader": ("control_net_name",),
    "ControlNetApply": ("strength",),
    "ControlNetApplyAdvanced": ("strength", "start_percent", "end_percent"),
}


def workflow_to_prompt(workflow: Any) -> dict[str, Any]:
    """The API-form graph of an editor workflow (``{}`` when it is not one)."""
    if not isinstance(workflow, dict) or not isinstance(workflow.get("nodes"), list):
        return {}
    links = _links(workflow.get("links"))
    prompt: dict[str, Any] = {}
    for node in workflow["nodes"]:
        if not isinstance(node, dict) or "id" not in node or node.get("mode") in (2, 4):
            continue  # muted (2) and bypassed (4) nodes did not run
        node_type = str(node.get("type", ""))
        inputs = _widget_inputs(node_type, node.get("widgets_values"))
        for slot in node.get("inputs") or []:
            if isinstance(slot, dict) and slot.get("link") in links and isinstance(slot.get("name"), str):
                inputs[slot["name"]] = list(links[slot["link"]])
        prompt[str(node["id"])] = {"class_type": node_type, "inputs": inputs}
    return prompt


def _links(raw: Any) -> dict[Any, tuple[str, int]]:
    links: dict[Any, tuple[str, int]] = {}
    for link in raw if isinstance(raw, list) else []:
        if isinstance(link, list) and len(link) >= 3 and isinstance(link[2], int):
            links[link[0]] = (str(link[1]), link[2])
        elif isinstance(link, dict) and isinstance(link.get("origin_slot"), int):
            links[link.get("id")] = (str(link.get("origin_id")), link["origin_slot"])
    return links


def _widget_inputs(node_type: str, values: Any) -> dict[str, Any]:
    if isinstance(values, dict):
        return dict(values)
    if not isinstance(values, list):
        return {}
    names = WIDGETS.get(node_type, ())
    return dict(zip(names, values, strict=False))
