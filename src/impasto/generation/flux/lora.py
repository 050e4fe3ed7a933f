"""LoRAs on FLUX's transformer and CLIP-L text encoder, for one run, leaving the cached model intact.

Three key layouts are read:

- diffusers / PEFT: ``transformer.<module path>.lora_A.weight`` / ``lora_B``, ``text_encoder.<path>``;
- kohya (and most trainers' FLUX files): ``lora_unet_<BFL layer>.lora_down.weight`` / ``lora_up`` /
  ``alpha``, layers named as in Black Forest Labs' checkpoints (``double_blocks_0_img_attn_qkv``), and
  ``lora_te1_`` for CLIP-L; LoHa and LoKr factors too (the loader's ``layer_delta`` turns any of them into
  a weight change);
- XLabs: ``double_blocks.0.processor.proj_lora1.down.weight`` / ``up``, where ``1`` is the image stream
  and ``2`` the text stream, with no alpha (scale 1).

BFL fuses layers that diffusers keeps apart (q, k and v in one ``qkv``; a single block's ``linear1`` also
holds the MLP input), so the change of a fused layer is split by rows among diffusers' layers; the final
modulation is stored (shift, scale) by BFL and (scale, shift) by diffusers. Every change is added to the
weights in float32 (``W += ΔW · strength``) after the original is copied to the CPU, and the originals are
copied back when the run ends, however it ends.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch
    from torch import nn

logger = logging.getLogger(__name__)

LoraPart = Literal["transformer", "clip"]
_KOHYA_PREFIXES: dict[str, tuple[str, ...]] = {
    "transformer": ("lora_unet_", "lora_transformer_"),
    "clip": ("lora_te1_", "lora_te_"),
}
_PEFT_PREFIXES = {"transformer": "transformer.", "clip": "text_encoder."}
_XLABS_KEY = re.compile(r"double_blocks\.(\d+)\.processor\.(qkv|proj)_lora([12])\.(down|up)\.weight")
_DOUBLE_LAYERS: dict[str, tuple[str, ...]] = {
    "img_attn_qkv": ("attn.to_q", "attn.to_k", "attn.to_v"),
    "txt_attn_qkv": ("attn.add_q_proj", "attn.add_k_proj", "attn.add_v_proj"),
    "img_attn_proj": ("attn.to_out.0",),
    "txt_attn_proj": ("attn.to_add_out",),
    "img_mlp_0": ("ff.net.0.proj",),
    "img_mlp_2": ("ff.net.2",),
    "txt_mlp_0": ("ff_context.net.0.proj",),
    "txt_mlp_2": ("ff_context.net.2",),
    "img_mod_lin": ("norm1.linear",),
    "txt_mod_lin": ("norm1_context.linear",),
}
_SINGLE_LAYERS: dict[str, tuple[str, ...]] = {
    "linear1": ("attn.to_q", "attn.to_k", "attn.to_v", "proj_mlp"),
    "linear2": ("proj_out",),
    "modulation_lin": ("norm.linear",),
}
_TOP_LAYERS: dict[str, str] = {
    "img_in": "x_embedder",
    "txt_in": "context_embedder",
    "time_in_in_layer": "time_text_embed.timestep_embedder.linear_1",
    "time_in_out_layer": "time_text_embed.timestep_embedder.linear_2",
    "vector_in_in_layer": "time_text_embed.text_embedder.linear_1",
    "vector_in_out_layer": "time_text_embed.text_embedder.linear_2",
    "guidance_in_in_layer": "time_text_embed.guidance_embedder.linear_1",
    "guidance_in_out_layer": "time_text_embed.guidance_embedder.linear_2",
    "final_layer_linear": "proj_out",
}
_FINAL_MODULATION = "final_layer_adaLN_modulation_1"


class FluxLoRAError(InvalidInputError):
    """A LoRA does not fit the FLUX model it is applied to."""

    code = "lora_incompatible"


def bfl_targets(layer: str) -> tuple[str, ...] | None:
    """The diffusers module paths a BFL layer (kohya spelling, ``double_blocks_0_img_attn_qkv``) maps to,
    in the order their rows are stacked; ``None`` for layers FLUX has not."""
    if layer in _TOP_LAYERS:
        return (_TOP_LAYERS[layer],)
    if layer == _FINAL_MODULATION:
        return ("norm_out.linear",)
    for pattern, table, block in (
        (r"double_blocks_(\d+)_(.+)", _DOUBLE_LAYERS, "transformer_blocks"),
        (r"single_blocks_(\d+)_(.+)", _SINGLE_LAYERS, "single_transformer_blocks"),
    ):
        match = re.fullmatch(pattern, layer)
        if match and match[2] in table:
            return tuple(f"{block}.{match[1]}.{sub}" for sub in table[match[2]])
    return None


def layer_deltas(lora: Any, part: LoraPart) -> dict[str, torch.Tensor]:
    """The LoRA's weight changes for one part, by the LoRA's own layer name: (out, in) float32 matrices,
    alpha / rank applied. Transformer layers are named in BFL's kohya spelling or as diffusers paths
    (``transformer.``-prefixed); CLIP layers as module paths with underscores."""
    state = lora.state_dict
    if lora.style == "peft":
        prefix = _PEFT_PREFIXES[part]
        layers = {k.removesuffix(".lora_A.weight") for k in state if k.startswith(prefix)}
        return {layer: lora.layer_delta(layer) for layer in layers if f"{layer}.lora_A.weight" in state}
    if part == "transformer" and any(_XLABS_KEY.fullmatch(k) for k in state):
        return _xlabs_deltas(state)
    layers = {k.split(".", 1)[0] for k in state if k.startswith(_KOHYA_PREFIXES[part])}
    return {layer: lora.layer_delta(layer) for layer in sorted(layers)}


def _xlabs_deltas(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """XLabs' double-block attention LoRAs, renamed to BFL's kohya spelling."""
    deltas = {}
    for key, down in state.items():
        match = _XLABS_KEY.fullmatch(key)
        if match is None or match[4] != "down":
            continue
        up = state[key.replace(".down.weight", ".up.weight")].float()
        stream = "img" if match[3] == "1" else "txt"
        deltas[f"lora_unet_double_blocks_{match[1]}_{stream}_attn_{match[2]}"] = up @ down.float()
    return deltas


def module_changes(module: nn.Module, deltas: dict[str, torch.Tensor], part: LoraPart) -> dict[str, Any]:
    """The change of each of ``module``'s layers, by module path (fused BFL changes split by rows); a
    LoRA layer the module has not is left out, and more than half of them missing is an error."""
    changes: dict[str, Any] = {}
    missing = []
    index = _clip_index(module) if part == "clip" else None
    for name, delta in deltas.items():
        found = _changes_of(module, name, delta, part, index)
        if found is None:
            missing.append(name)
        else:
            changes.update(found)
    if deltas and len(missing) * 2 > len(deltas):
        raise FluxLoRAError(
            f"{len(missing)} of the LoRA's {len(deltas)} {part} layers are not in this FLUX model "
            f"(e.g. {missing[0]!r}); it was made for another model",
            {"missing_layers": len(missing)},
        )
    if missing:
        logger.warning("LoRA: %d of %d %s layers not found (skipped)", len(missing), len(deltas), part)
    return changes


def _changes_of(
    module: nn.Module, name: str, delta: torch.Tensor, part: LoraPart, index: dict[str, str] | None
) -> dict[str, torch.Tensor] | None:
    if index is not None:  # CLIP: kohya names or PEFT paths, matched by their underscore spelling
        stem = _strip(name, _KOHYA_PREFIXES["clip"] + (_PEFT_PREFIXES["clip"],)).replace(".", "_")
        path = index.get(stem.removeprefix("text_model_"))
        return {path: delta} if path is not None else None
    if name.startswith(_PEFT_PREFIXES[part]):
        path = name.removeprefix(_PEFT_PREFIXES[part])
        return {path: delta} if _has_weight(module, path) else None
    layer = _strip(name, _KOHYA_PREFIXES[part])
    targets = bfl_targets(layer)
    if targets is None or not all(_has_weight(module, t) for t in targets):
        return None
    if layer == _FINAL_MODULATION:  # BFL (shift, scale) → diffusers (scale, shift)
        shift, scale = delta.chunk(2, dim=0)
        delta = _torch().cat([scale, shift], dim=0)
    rows = [int(_weight(module, t).shape[0]) for t in targets]
    if sum(rows) != delta.shape[0]:
        raise FluxLoRAError(
            f"LoRA layer {name!r} changes {delta.shape[0]} rows but the FLUX layers it stands for have "
            f"{sum(rows)}; it was made for another model",
            {"layer": name},
        )
    starts = [sum(rows[:i]) for i in range(len(rows))]
    return {t: delta[start : start + n] for t, start, n in zip(targets, starts, rows, strict=True)}


def _torch() -> Any:
    import torch

    return torch


def _strip(name: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


def _weight(module: nn.Module, path: str) -> torch.Tensor:
    import torch

    weight = module.get_submodule(path).weight
    if not isinstance(weight, torch.Tensor):
        raise FluxLoRAError(f"layer {path} of this FLUX model has no weight to apply a LoRA to")
    return weight


def _has_weight(module: nn.Module, path: str) -> bool:
    try:
        return isinstance(getattr(module.get_submodule(path), "weight", None), _torch().Tensor)
    except AttributeError:
        return False


def _clip_index(module: nn.Module) -> dict[str, str]:
    """Every CLIP layer with a weight by its underscore spelling (without ``text_model_``, which
    transformers 5 dropped from module paths) → its module path."""
    return {
        path.replace(".", "_").removeprefix("text_model_"): path
        for path, layer in module.named_modules()
        if path and isinstance(getattr(layer, "weight", None), _torch().Tensor)
    }


@contextmanager
def apply_flux_loras(module: nn.Module, loras: list[tuple[Any, float]], part: LoraPart) -> Iterator[int]:
    """Patch ``module`` with each (LoRA, strength) for the block; yields the number of layers patched."""
    import torch

    originals: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}
    try:
        with torch.no_grad():
            for number, (lora, strength) in enumerate(loras, 1):
                if strength == 0:
                    continue
                try:
                    changes = module_changes(module, layer_deltas(lora, part), part)
                except FluxLoRAError as exc:
                    raise FluxLoRAError(f"LoRA #{number}: {exc.message}", exc.details) from exc
                for path, delta in changes.items():
                    _patch(module, path, delta, strength, originals)
        yield len(originals)
    finally:
        with torch.no_grad():
            for weight, original in originals.values():
                weight.data.copy_(original)


def _patch(
    module: nn.Module,
    path: str,
    delta: torch.Tensor,
    strength: float,
    originals: dict[str, tuple[torch.Tensor, torch.Tensor]],
) -> None:
    weight = _weight(module, path)
    if delta.numel() != weight.numel():
        raise FluxLoRAError(
            f"layer {path} has weight {tuple(weight.shape)} but the LoRA's change has {tuple(delta.shape)}; "
            "it was made for another model",
            {"layer": path},
        )
    if path not in originals:
        originals[path] = (weight, weight.data.to("cpu", copy=True))
    patched = weight.data.float() + delta.to(weight.device).reshape(weight.shape) * strength
    weight.data.copy_(patched.to(weight.dtype))
