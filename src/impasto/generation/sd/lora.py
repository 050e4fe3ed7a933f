"""Applying LoRAs to a UNet or text encoder for the duration of one run, leaving the cached model intact.

The model cache shares one module between runs, so a LoRA may not change its structure (no wrapped layers,
no PEFT adapters) nor outlive the run. Each adapted layer's weight is patched in place,
``W += ΔW · strength`` computed in float32, after its original is copied to the CPU; on leaving the
context every original is copied back, so the weights are bit-identical to what they were.

Patching the tensor a parameter points at works however the cache placed the model: fully on the device
(the device copy is patched), on the CPU (the RAM copy itself), or partially loaded (streamed layers point
at their RAM copy between forward passes, and each pass copies in the patched RAM weights).

Layer names: kohya files name a layer by its module path with ``_`` for ``.`` after ``lora_unet_`` /
``lora_te_`` (SDXL: ``lora_te1_`` / ``lora_te2_``), with diffusers module names for SD 1.x/2.x and the
original ``input_blocks.4.1`` names for SDXL UNets; PEFT files use ``unet.`` / ``text_encoder.`` plus the
module path. Both spellings of every layer are indexed, so either kind of file finds its layers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from impasto.errors import InvalidInputError
from impasto.models.taxonomy import BaseModelType

if TYPE_CHECKING:
    import torch
    from torch import nn

    from impasto.models.loaders.adapters import LoraModel

logger = logging.getLogger(__name__)

LoraTarget = Literal["unet", "text_encoder", "text_encoder_2"]

_KOHYA_PREFIXES: dict[str, tuple[str, ...]] = {
    "unet": ("lora_unet_",),
    "text_encoder": ("lora_te_", "lora_te1_"),
    "text_encoder_2": ("lora_te2_",),
}
_RESNET_LAYERS = {
    "norm1": "in_layers.0",
    "conv1": "in_layers.2",
    "time_emb_proj": "emb_layers.1",
    "norm2": "out_layers.0",
    "conv2": "out_layers.3",
    "conv_shortcut": "skip_connection",
}
_UNET_TOP_LAYERS = {
    "conv_in": "input_blocks.0.0",
    "time_embedding.linear_1": "time_embed.0",
    "time_embedding.linear_2": "time_embed.2",
    "add_embedding.linear_1": "label_emb.0.0",
    "add_embedding.linear_2": "label_emb.0.2",
    "conv_norm_out": "out.0",
    "conv_out": "out.2",
}


class LoRAIncompatibleError(InvalidInputError):
    """A LoRA does not fit the model it is applied to (another base, or layers of other shapes)."""

    code = "lora_incompatible"


def check_lora_base(lora_name: str, lora_base: BaseModelType, model_base: BaseModelType) -> None:
    """Refuse a LoRA trained for another architecture, naming both."""
    if lora_base not in (model_base, BaseModelType.ANY):
        raise LoRAIncompatibleError(
            f"LoRA {lora_name!r} is for {lora_base} models and cannot be applied to a {model_base} model",
            {"lora_base": str(lora_base), "model_base": str(model_base)},
        )


@contextmanager
def apply_loras(
    module: nn.Module,
    loras: list[tuple[LoraModel, float]],
    prefix: LoraTarget,
    *,
    base: BaseModelType | None = None,
) -> Iterator[int]:
    """Patch ``module``'s weights with each (LoRA, strength) for the block; yields the layers patched.

    ``prefix`` says which part of the LoRA applies (its UNet or one of its text encoders). With ``base``
    (the model's base), a LoRA of another base is refused before anything is touched.
    """
    import torch

    if base is not None:
        for number, (lora, _) in enumerate(loras, 1):
            check_lora_base(f"#{number}", lora.base, base)
    originals: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}
    try:
        with torch.no_grad():
            index = layer_index(module, prefix)
            for number, (lora, strength) in enumerate(loras, 1):
                if strength != 0:
                    _patch_one(module, index, lora, strength, prefix, originals, number)
        yield len(originals)
    finally:
        with torch.no_grad():
            for weight, original in originals.values():
                weight.data.copy_(original)


def _patch_one(
    module: nn.Module,
    index: dict[str, str],
    lora: LoraModel,
    strength: float,
    prefix: LoraTarget,
    originals: dict[str, tuple[torch.Tensor, torch.Tensor]],
    number: int,
) -> None:
    """Add one LoRA's deltas to the layers it adapts, remembering each layer's original weight."""
    layers = lora_layers(lora, prefix)
    missing = [name for name in layers if name not in index]
    if layers and len(missing) * 2 > len(layers):  # a few odd layers happen; most missing: wrong model
        raise LoRAIncompatibleError(
            f"LoRA #{number} ({lora.base}): {len(missing)} of its {len(layers)} {prefix} layers are not in "
            f"this model (e.g. {missing[0]!r}); it was made for a different model architecture",
            {"missing_layers": len(missing)},
        )
    if missing:
        logger.warning(
            "LoRA #%d: %d of %d %s layers not found (skipped)", number, len(missing), len(layers), prefix
        )
    for name, source in layers.items():
        path = index.get(name)
        if path is None:
            continue
        weight: torch.Tensor = module.get_submodule(path).weight  # type: ignore[assignment]
        delta = lora.layer_delta(source)
        if delta.numel() != weight.numel():
            raise LoRAIncompatibleError(
                f"LoRA #{number}: layer {path} has weight {tuple(weight.shape)} but the LoRA's change has "
                f"{tuple(delta.shape)}; it was made for a different model",
                {"layer": path},
            )
        if path not in originals:
            originals[path] = (weight, weight.data.to("cpu", copy=True))
        patched = weight.data.float() + delta.to(weight.device).reshape(weight.shape) * strength
        weight.data.copy_(patched.to(weight.dtype))


def lora_layers(lora: LoraModel, prefix: LoraTarget) -> dict[str, str]:
    """The normalised names of the layers a LoRA adapts in one part, mapped to its own layer names."""
    found: dict[str, str] = {}
    if lora.style == "peft":
        for key in lora.state_dict:
            head, dot, rest = key.partition(".")
            if dot and head == prefix and rest.endswith(".lora_A.weight"):
                layer = rest.removesuffix(".lora_A.weight")
                found[_normalise(layer.replace(".", "_"))] = f"{head}.{layer}"
        return found
    for key in lora.state_dict:
        layer = key.split(".", 1)[0]
        for kohya_prefix in _KOHYA_PREFIXES[prefix]:
            if layer.startswith(kohya_prefix):
                found[_normalise(layer.removeprefix(kohya_prefix))] = layer
    return found


def layer_index(module: nn.Module, prefix: LoraTarget) -> dict[str, str]:
    """Every weight-bearing layer under each name a LoRA may call it (normalised) → its module path."""
    index: dict[str, str] = {}
    config = getattr(module, "config", None)
    unet_like = prefix == "unet" and config is not None and hasattr(config, "layers_per_block")
    for path, layer in module.named_modules():
        if not path or not isinstance(getattr(layer, "weight", None), _tensor_type()):
            continue
        index[_normalise(path.replace(".", "_"))] = path
        if unet_like:
            original = original_unet_name(path, config)
            if original is not None:
                index[_normalise(original.replace(".", "_"))] = path
    return index


def _tensor_type() -> type:
    import torch

    return torch.Tensor


def _normalise(name: str) -> str:
    """Text encoder layers are named with or without ``text_model`` depending on the library version."""
    return name.removeprefix("text_model_")


def original_unet_name(path: str, config: Any) -> str | None:
    """The original (LDM / SGM) name of a diffusers UNet module, e.g. ``down_blocks.1.attentions.0`` →
    ``input_blocks.4.1``; ``None`` for modules that have no counterpart."""
    per = _layers_per_block(config) + 1
    if path in _UNET_TOP_LAYERS:
        return _UNET_TOP_LAYERS[path]
    for pattern, build in _unet_rules(per, list(getattr(config, "up_block_types", ()))):
        match = re.fullmatch(pattern, path)
        if match:
            return str(build(match))
    return None


def _layers_per_block(config: Any) -> int:
    value = config.layers_per_block
    return int(value[0] if isinstance(value, list | tuple) else value)


def _resnet(rest: str | None) -> str:
    """ResNet sub-layers are renamed in the original layout (``conv1`` → ``in_layers.2``)."""
    if not rest:
        return ""
    layer, _, tail = rest.partition(".")
    renamed = _RESNET_LAYERS.get(layer, layer)
    return f".{renamed}.{tail}" if tail else f".{renamed}"


def _rest(rest: str | None) -> str:
    return f".{rest}" if rest else ""


def _unet_rules(per: int, up_types: list[str]) -> list[tuple[str, Any]]:
    """(regex over a diffusers module path, builder of the original name) pairs."""

    def upsampler(m: re.Match[str]) -> str:
        slot = 2 if "CrossAttn" in up_types[int(m[1])] else 1
        return f"output_blocks.{int(m[1]) * per + per - 1}.{slot}.conv"

    tail = r"(?:\.(.+))?"
    return [
        (rf"down_blocks\.(\d+)\.resnets\.(\d+){tail}",
         lambda m: f"input_blocks.{int(m[1]) * per + int(m[2]) + 1}.0{_resnet(m[3])}"),
        (rf"down_blocks\.(\d+)\.attentions\.(\d+){tail}",
         lambda m: f"input_blocks.{int(m[1]) * per + int(m[2]) + 1}.1{_rest(m[3])}"),
        (r"down_blocks\.(\d+)\.downsamplers\.0\.conv",
         lambda m: f"input_blocks.{(int(m[1]) + 1) * per}.0.op"),
        (rf"mid_block\.resnets\.(\d+){tail}", lambda m: f"middle_block.{2 * int(m[1])}{_resnet(m[2])}"),
        (rf"mid_block\.attentions\.0{tail}", lambda m: f"middle_block.1{_rest(m[1])}"),
        (rf"up_blocks\.(\d+)\.resnets\.(\d+){tail}",
         lambda m: f"output_blocks.{int(m[1]) * per + int(m[2])}.0{_resnet(m[3])}"),
        (rf"up_blocks\.(\d+)\.attentions\.(\d+){tail}",
         lambda m: f"output_blocks.{int(m[1]) * per + int(m[2])}.1{_rest(m[3])}"),
        (r"up_blocks\.(\d+)\.upsamplers\.0\.conv", upsampler),
    ]  # fmt: skip
