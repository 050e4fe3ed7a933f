"""LoRA / LyCORIS and textual-inversion files: loaded as tensors plus what is needed to apply them.

Applying them to a model is generation's job. For that, :class:`LoraModel` offers two routes:
``diffusers_state_dict()`` for diffusers' ``load_lora_weights`` (PEFT keys, and kohya LoRA keys, which
diffusers converts itself), and ``layer_deltas()``, the weight change of every adapted layer keyed by the
kohya layer name, which works for every kohya-style format including LoHa and LoKr (which diffusers does
not read for Stable Diffusion). Floating tensors are converted to the model dtype.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import torch

from impasto.models.loaders.base import Loader, LoadRequest, ModelLoadError, UnsupportedModelError
from impasto.models.loaders.files import StateDict, read_state_dict
from impasto.models.loaders.registry import register_loader
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

LoraStyle = Literal["kohya", "peft", "loha", "lokr", "xlabs"]
_LORA_WEIGHT_NAMES = ("pytorch_lora_weights.safetensors", "pytorch_lora_weights.bin")
_EMBEDDING_NAMES = ("learned_embeds.safetensors", "learned_embeds.bin")
_IP_ADAPTER_NAMES = ("ip_adapter.safetensors", "ip_adapter.bin")  # InvokeAI's IP-Adapter folders


def lora_style(state: StateDict) -> LoraStyle:
    """Which key layout a LoRA file uses."""
    keys = list(state)
    if any(".hada_w1_a" in k for k in keys):
        return "loha"
    if any(".lokr_w1" in k for k in keys):
        return "lokr"
    if any(k.endswith(".lora_down.weight") for k in keys):
        return "kohya"
    if any(".lora_A." in k or ".lora_B." in k for k in keys):
        return "peft"
    if any(k.endswith("_lora1.down.weight") and ".processor." in k for k in keys):
        return "xlabs"  # FLUX LoRAs by XLabs: double_blocks.0.processor.qkv_lora1.down.weight
    raise ModelLoadError("not a LoRA: no lora_down/lora_A, LoHa or LoKr keys")


@dataclass
class LoraModel:
    """A LoRA's tensors, their layout and rank."""

    state_dict: StateDict
    style: LoraStyle
    base: BaseModelType

    def diffusers_state_dict(self) -> StateDict:
        """Tensors for ``pipeline.load_lora_weights``: PEFT keys as they are, kohya keys for diffusers'
        own conversion; LoHa/LoKr have no diffusers form for SD (use :meth:`layer_deltas`)."""
        if self.style in ("loha", "lokr"):
            raise UnsupportedModelError(
                f"{self.style} LoRAs cannot be loaded by diffusers' load_lora_weights; apply layer_deltas()"
            )
        return dict(self.state_dict)

    def layer_deltas(self) -> dict[str, torch.Tensor]:
        """ΔW of each adapted layer of a kohya-style file, scaled by alpha / rank, keyed by the kohya layer
        name, as a float32 (out, in·kh·kw) matrix: ``weight += delta.reshape(weight.shape) * strength``.

        This holds every layer's change at once; to patch a model layer by layer (and keep memory low)
        use :meth:`layer_delta`."""
        if self.style == "peft":
            raise UnsupportedModelError("PEFT LoRAs are applied by diffusers/peft, not as layer deltas")
        layers = sorted({k.split(".", 1)[0] for k in self.state_dict if "." in k})
        return {layer: self._delta(layer) for layer in layers}

    def layer_delta(self, layer: str) -> torch.Tensor:
        """ΔW of one adapted layer as a float32 (out, in·kh·kw) matrix, alpha / rank applied.

        ``layer`` is the file's own layer name: the kohya name, or the PEFT module path (without
        ``.lora_A.weight``)."""
        if self.style != "peft":
            return self._delta(layer)
        down = self.state_dict[f"{layer}.lora_A.weight"].float().flatten(1)
        up = self.state_dict[f"{layer}.lora_B.weight"].float().flatten(1)
        alpha = self.state_dict.get(f"{layer}.alpha")
        scale = float(alpha) / down.shape[0] if alpha is not None else 1.0
        return (up @ down) * scale

    def _delta(self, layer: str) -> torch.Tensor:
        t = {k.split(".", 1)[1]: v.float() for k, v in self.state_dict.items() if k.startswith(layer + ".")}
        rank: int | None
        if "lora_down.weight" in t:
            down, up = t["lora_down.weight"].flatten(1), t["lora_up.weight"].flatten(1)
            rank, delta = down.shape[0], up @ down
        elif "hada_w1_a" in t:
            rank = t["hada_w1_b"].shape[0]
            delta = (t["hada_w1_a"] @ t["hada_w1_b"]) * (t["hada_w2_a"] @ t["hada_w2_b"])
        else:  # LoKr: W = w1 ⊗ w2, each factor full or as a low-rank product (then alpha applies)
            w1, w2 = _lokr_factor(t, "lokr_w1"), _lokr_factor(t, "lokr_w2")
            decomposed = [t[k].shape[0] for k in ("lokr_w2_b", "lokr_w1_b") if k in t]
            rank = decomposed[0] if decomposed else None
            delta = torch.kron(w1, w2.flatten(1))
        scale = float(t["alpha"]) / rank if rank and "alpha" in t else 1.0
        return delta.flatten(1) * scale


def _lokr_factor(t: dict[str, torch.Tensor], name: str) -> torch.Tensor:
    return t[name] if name in t else t[f"{name}_a"] @ t[f"{name}_b"]


@register_loader(
    ModelType.LORA,
    BaseModelType.ANY,
    (ModelFormat.LYCORIS, ModelFormat.DIFFUSERS, ModelFormat.CHECKPOINT),
)
class LoraLoader(Loader):
    """A LoRA file (kohya, PEFT/diffusers, LoHa, LoKr), or a diffusers folder with its weights file."""

    def load(self, request: LoadRequest) -> LoraModel:
        file = _weights_file(request.path, _LORA_WEIGHT_NAMES)
        state = _to_dtype(read_state_dict(file), request.dtype)
        return LoraModel(state, lora_style(state), request.record.base)


@dataclass
class TextualInversion:
    """Embedding vectors per text encoder (``text_encoder``; SDXL also ``text_encoder_2``)."""

    embeddings: dict[str, torch.Tensor]  # (tokens, width) each

    @property
    def token_count(self) -> int:
        """How many tokens the embedding occupies in a prompt."""
        return int(next(iter(self.embeddings.values())).shape[0])


@register_loader(
    ModelType.EMBEDDING, BaseModelType.ANY, (ModelFormat.EMBEDDING_FILE, ModelFormat.EMBEDDING_FOLDER)
)
class EmbeddingLoader(Loader):
    """A1111 ``.pt`` (``string_to_param``), ``.safetensors`` (``emb_params``; SDXL ``clip_l`` +
    ``clip_g``) and diffusers ``learned_embeds`` files or folders."""

    def load(self, request: LoadRequest) -> TextualInversion:
        state = _to_dtype(read_state_dict(_weights_file(request.path, _EMBEDDING_NAMES)), request.dtype)
        if "clip_l" in state and "clip_g" in state:
            found = {"text_encoder": state["clip_l"], "text_encoder_2": state["clip_g"]}
        else:
            found = {"text_encoder": _single_embedding(state, request.path)}
        return TextualInversion({name: v if v.dim() == 2 else v.unsqueeze(0) for name, v in found.items()})


def _single_embedding(state: StateDict, path: Path) -> torch.Tensor:
    for key in ("emb_params", "string_to_param.*"):
        if key in state:
            return state[key]
    params = [v for k, v in state.items() if k.startswith("string_to_param.")]
    if len(params) == 1:
        return params[0]
    if len(state) == 1:  # diffusers: {"<token>": vectors}
        return next(iter(state.values()))
    raise ModelLoadError(f"{path} holds no textual inversion vectors (keys: {', '.join(list(state)[:5])})")


def _weights_file(path: Path, names: tuple[str, ...]) -> Path:
    """The file itself, or the known weights file inside a folder."""
    if path.is_file():
        return path
    for name in names:
        if (path / name).is_file():
            return path / name
    raise ModelLoadError(f"{path} contains none of {', '.join(names)}")


def _to_dtype(state: StateDict, dtype: Any) -> StateDict:
    return {k: v.to(dtype) if v.is_floating_point() else v for k, v in state.items()}


@register_loader(ModelType.IP_ADAPTER, BaseModelType.ANY, (ModelFormat.CHECKPOINT, ModelFormat.INVOKEAI))
class IPAdapterLoader(Loader):
    """An IP-Adapter file (or InvokeAI's folder around one), split the way diffusers' ``load_ip_adapter``
    takes a state dict: ``{"image_proj": {...}, "ip_adapter": {...}}`` (the image encoder is a separate
    clip_vision model). InvokeAI's ``ip_adapter.bin`` holds that nested dict already; it is read flattened
    and split again like the single files."""

    def load(self, request: LoadRequest) -> dict[str, StateDict]:
        state = _to_dtype(read_state_dict(_weights_file(request.path, _IP_ADAPTER_NAMES)), request.dtype)
        parts: dict[str, StateDict] = {"image_proj": {}, "ip_adapter": {}}
        for key, tensor in state.items():
            group, _, rest = key.partition(".")
            if group in parts and rest:
                parts[group][rest] = tensor
        if not parts["image_proj"] or not parts["ip_adapter"]:
            raise ModelLoadError(
                f"{request.path} is not an IP-Adapter (no image_proj.* and ip_adapter.* keys)"
            )
        return parts
