"""ComfyUI's ``prompt`` chunk (the API graph that ran), read by walking the graph from its sampler.

The graph is ``{node_id: {"class_type", "inputs"}}``; an input is a constant or a link
``[source_node_id, output_index]``. The sampler (``KSampler``, ``KSamplerAdvanced``, ``SamplerCustom`` or
``SamplerCustomAdvanced``) gives seed, steps, CFG, sampler and scheduler, and its links lead to the rest:
``model`` back through LoRA loaders to the checkpoint, ``positive``/``negative`` back through conditioning
nodes to the text encoders, ``latent_image`` to the empty latent (size) or an encoded image (img2img).
Links into a constant (a seed from a primitive node, a prompt from a text node) are followed too.
"""

from __future__ import annotations

from typing import Any

from impasto.images.metadata.models import ControlUnit, LoraRef, ModelRef
from impasto.images.metadata.schedulers import from_comfy

SAMPLERS = ("KSampler", "KSamplerAdvanced", "SamplerCustom", "SamplerCustomAdvanced")
_TEXT_INPUTS = ("text", "text_g", "text_l", "prompt", "string", "value", "text_positive")
_CONDITIONING_INPUTS: tuple[str, ...] = ("conditioning", "conditioning_1", "conditioning_2")
_CONDITIONING_INPUTS += ("conditioning_to", "conditioning_from", "positive", "negative", "cond")
_MAX_DEPTH = 64


def read_prompt(graph: Any) -> tuple[dict[str, Any], list[str]]:
    """Recall fields from a ComfyUI API graph, and what could not be read."""
    if not isinstance(graph, dict) or not graph:
        return {}, ["prompt: not a ComfyUI graph"]
    nodes = {str(k): v for k, v in graph.items() if isinstance(v, dict) and isinstance(v.get("inputs"), dict)}
    walker = _Walker(nodes)
    sampler_id = walker.main_sampler()
    if sampler_id is None:
        return {"source": "comfyui"}, ["prompt: no sampler node (KSampler and the like) in the graph"]
    return walker.read(sampler_id), walker.unread


class _Walker:
    def __init__(self, nodes: dict[str, dict[str, Any]]) -> None:
        self.nodes = nodes
        self.unread: list[str] = []

    # -- the graph ----------------------------------------------------------------------------
    def type_of(self, node_id: str | None) -> str:
        node = self.nodes.get(node_id or "")
        return str(node.get("class_type", "")) if node else ""

    def inputs(self, node_id: str | None) -> dict[str, Any]:
        node = self.nodes.get(node_id or "")
        return node["inputs"] if node else {}

    def link(self, node_id: str | None, name: str) -> tuple[str, int] | None:
        value = self.inputs(node_id).get(name)
        if isinstance(value, list) and len(value) == 2 and isinstance(value[1], int):
            return str(value[0]), value[1]
        return None

    def value(self, node_id: str | None, name: str, depth: int = 0) -> Any:
        """A constant input, following links into nodes that only hold a value."""
        raw = self.inputs(node_id).get(name)
        source = self.link(node_id, name)
        if source is None or depth > _MAX_DEPTH:
            return None if source is not None else raw
        upstream = self.inputs(source[0])
        for key in (name, "value", "seed", "noise_seed", "int", "float", "number", *_TEXT_INPUTS):
            if key in upstream:
                return self.value(source[0], key, depth + 1)
        return None

    def main_sampler(self) -> str | None:
        samplers = [nid for nid in self.nodes if self.type_of(nid) in SAMPLERS]
        if not samplers:
            return None

        def rank(node_id: str) -> tuple[int, str]:
            latent = self.link(node_id, "latent_image")
            first_pass = latent is not None and self.type_of(latent[0]).startswith("Empty")
            return (0 if first_pass else 1, node_id.zfill(12))

        return min(samplers, key=rank)

    # -- reading ------------------------------------------------------------------------------
    def read(self, sampler: str) -> dict[str, Any]:
        fields: dict[str, Any] = {"source": "comfyui"}
        self._sampling(sampler, fields)
        model_link, positive, negative = self._guidance(sampler, fields)
        fields["positive_prompt"] = self.text(positive)
        fields["negative_prompt"] = self.text(negative)
        fields["model"], fields["loras"] = self.model_chain(model_link)
        fields["control"] = self.controls(positive)
        fields["clip_skip"] = self.clip_skip(positive)
        self._latent(sampler, fields)
        self._vae(fields)
        return {key: value for key, value in fields.items() if value not in (None, [])}

    def _sampling(self, sampler: str, fields: dict[str, Any]) -> None:
        node_type = self.type_of(sampler)
        fields["seed"] = (
            self.value(sampler, "seed") if node_type == "KSampler" else self.value(sampler, "noise_seed")
        )
        fields["cfg_scale"] = self.value(sampler, "cfg")
        sampler_name, scheduler = self.value(sampler, "sampler_name"), self.value(sampler, "scheduler")
        fields["steps"] = self.value(sampler, "steps")
        denoise = self.value(sampler, "denoise")
        select = self.link(sampler, "sampler")
        if select is not None:
            sampler_name = self.value(select[0], "sampler_name")
        sigmas = self.link(sampler, "sigmas")
        if sigmas is not None:
            scheduler = (
                self.value(sigmas[0], "scheduler")
                or self.type_of(sigmas[0]).removesuffix("Scheduler").lower()
            )
            fields["steps"] = self.value(sigmas[0], "steps")
            denoise = self.value(sigmas[0], "denoise")
        noise = self.link(sampler, "noise")
        if noise is not None:
            fields["seed"] = self.value(noise[0], "noise_seed")
        if isinstance(sampler_name, str):
            fields["sampler"] = f"{sampler_name} {scheduler}" if isinstance(scheduler, str) else sampler_name
            fields["scheduler"] = from_comfy(sampler_name, scheduler if isinstance(scheduler, str) else None)
            if fields["scheduler"] is None:
                self.unread.append(f"prompt: sampler '{sampler_name}' has no equivalent in Impasto")
        fields["_denoise"] = denoise

    def _guidance(self, sampler: str, fields: dict[str, Any]) -> tuple[Any, Any, Any]:
        guider = self.link(sampler, "guider")
        if guider is None:
            return self.link(sampler, "model"), self.link(sampler, "positive"), self.link(sampler, "negative")
        if "cfg" in self.inputs(guider[0]):
            fields["cfg_scale"] = self.value(guider[0], "cfg")
        positive = self.link(guider[0], "positive") or self.link(guider[0], "conditioning")
        return self.link(guider[0], "model"), positive, self.link(guider[0], "negative")

    def text(self, link: tuple[str, int] | None, depth: int = 0) -> str | None:
        """The prompt text behind a conditioning link, through combiners and control nodes."""
        if link is None or depth > _MAX_DEPTH:
            return None
        node_id, output = link
        inputs = self.inputs(node_id)
        texts = [self.value(node_id, key) for key in _TEXT_INPUTS if key in inputs and "clip" in inputs]
        texts = [t for t in texts if isinstance(t, str)]
        if texts:
            return str(texts[0])
        if self.type_of(node_id) == "FluxGuidance":
            return self.text(self.link(node_id, "conditioning"), depth + 1)
        names = ("negative",) if output == 1 and "negative" in inputs else _CONDITIONING_INPUTS
        if output == 0 and "positive" in inputs:
            names = ("positive",)
        parts = [self.text(self.link(node_id, name), depth + 1) for name in names if name in inputs]
        joined = ", ".join(dict.fromkeys(p for p in parts if p))
        return joined or None

    def model_chain(self, link: tuple[str, int] | None) -> tuple[ModelRef | None, list[LoraRef]]:
        loras: list[LoraRef] = []
        node_id = link[0] if link else None
        for _ in range(_MAX_DEPTH):
            if node_id is None:
                break
            inputs = self.inputs(node_id)
            if "lora_name" in inputs:
                weight = self.value(node_id, "strength_model")
                loras.append(LoraRef(name=str(self.value(node_id, "lora_name")), weight=_float(weight, 1.0)))
            for key in ("ckpt_name", "unet_name", "model_name"):
                if isinstance(inputs.get(key), str):
                    return ModelRef(name=inputs[key]), loras[::-1]
            upstream = self.link(node_id, "model")
            node_id = upstream[0] if upstream else None
        self.unread.append("prompt: the model loader could not be found")
        return None, loras[::-1]

    def controls(self, link: tuple[str, int] | None) -> list[ControlUnit]:
        units: list[ControlUnit] = []
        node_id = link[0] if link else None
        for _ in range(_MAX_DEPTH):
            if node_id is None or "control_net" not in self.inputs(node_id):
                break
            loader = self.link(node_id, "control_net")
            name = self.value(loader[0], "control_net_name") if loader else None
            units.append(
                ControlUnit(
                    model=ModelRef(name=name) if isinstance(name, str) else None,
                    weight=_float(self.value(node_id, "strength"), 1.0),
                    begin=_float(self.value(node_id, "start_percent"), 0.0),
                    end=_float(self.value(node_id, "end_percent"), 1.0),
                )
            )
            upstream = self.link(node_id, "positive") or self.link(node_id, "conditioning")
            node_id = upstream[0] if upstream else None
        return units[::-1]

    def encoder(self, link: tuple[str, int] | None) -> str | None:
        """The first text encoder (a node with a ``clip`` input) behind a conditioning link."""
        pending = [link[0]] if link else []
        seen: set[str] = set()
        while pending and len(seen) < _MAX_DEPTH:
            node_id = pending.pop(0)
            if node_id in seen:
                continue
            seen.add(node_id)
            if "clip" in self.inputs(node_id):
                return node_id
            for name in _CONDITIONING_INPUTS:
                upstream = self.link(node_id, name)
                if upstream is not None:
                    pending.append(upstream[0])
        return None

    def clip_skip(self, link: tuple[str, int] | None) -> int | None:
        clip = self.link(self.encoder(link), "clip")
        for _ in range(_MAX_DEPTH):
            if clip is None:
                return None
            layer = self.value(clip[0], "stop_at_clip_layer")
            if isinstance(layer, int):
                return max(-layer - 1, 0)
            clip = self.link(clip[0], "clip")
        return None

    def _latent(self, sampler: str, fields: dict[str, Any]) -> None:
        denoise = fields.pop("_denoise", None)
        latent = self.link(sampler, "latent_image")
        latent_id = latent[0] if latent else None
        node_type = self.type_of(latent_id)
        if node_type.startswith("Empty") or "width" in self.inputs(latent_id):
            fields["width"] = self.value(latent_id, "width")
            fields["height"] = self.value(latent_id, "height")
            fields["mode"] = "txt2img"
        elif latent_id is not None:
            inpaint = "Inpaint" in node_type or node_type == "SetLatentNoiseMask"
            fields["mode"] = "inpaint" if inpaint else "img2img"
            fields["strength"] = denoise

    def _vae(self, fields: dict[str, Any]) -> None:
        for node_id in self.nodes:
            if self.type_of(node_id) == "VAEDecode":
                source = self.link(node_id, "vae")
                name = self.value(source[0], "vae_name") if source else None
                if isinstance(name, str):
                    fields["vae"] = ModelRef(name=name)
                return


def _float(value: Any, default: float) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default
