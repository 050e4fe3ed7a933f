"""FLUX.1 transformers from Black Forest Labs' key layout into diffusers' ``FluxTransformer2DModel``.

diffusers' own single-file converter hard-codes FLUX.1's 3072 width; this one reads every size from the
tensors, so fine-tunes with other widths or depths (and the tiny models of the tests) load too. BFL fuses
q/k/v into one ``qkv`` linear (a single block's ``linear1`` also carries the MLP input, 4x the width) and
stores the final modulation as (shift, scale) where diffusers keeps (scale, shift). Splitting and swapping
only cut along the output dimension, which GGUF's quantised rows also allow (each row is its own blocks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import torch

from impasto.models.loaders.base import ModelLoadError

StateDict = dict[str, torch.Tensor]
Shapes = Mapping[str, tuple[int, ...]]
REAL_HEAD_DIM = 128
REAL_AXES = (16, 56, 56)

_TOP = {  # BFL module → diffusers module
    "time_in.in_layer": "time_text_embed.timestep_embedder.linear_1",
    "time_in.out_layer": "time_text_embed.timestep_embedder.linear_2",
    "vector_in.in_layer": "time_text_embed.text_embedder.linear_1",
    "vector_in.out_layer": "time_text_embed.text_embedder.linear_2",
    "guidance_in.in_layer": "time_text_embed.guidance_embedder.linear_1",
    "guidance_in.out_layer": "time_text_embed.guidance_embedder.linear_2",
    "txt_in": "context_embedder",
    "img_in": "x_embedder",
    "final_layer.linear": "proj_out",
}
_DOUBLE = {
    "img_mod.lin": "norm1.linear",
    "txt_mod.lin": "norm1_context.linear",
    "img_attn.proj": "attn.to_out.0",
    "txt_attn.proj": "attn.to_add_out",
    "img_mlp.0": "ff.net.0.proj",
    "img_mlp.2": "ff.net.2",
    "txt_mlp.0": "ff_context.net.0.proj",
    "txt_mlp.2": "ff_context.net.2",
    "img_attn.norm.query_norm.scale": "attn.norm_q.weight",
    "img_attn.norm.key_norm.scale": "attn.norm_k.weight",
    "txt_attn.norm.query_norm.scale": "attn.norm_added_q.weight",
    "txt_attn.norm.key_norm.scale": "attn.norm_added_k.weight",
}
_SINGLE = {
    "modulation.lin": "norm.linear",
    "linear2": "proj_out",
    "norm.query_norm.scale": "attn.norm_q.weight",
    "norm.key_norm.scale": "attn.norm_k.weight",
}
_FUSED = {  # BFL module → the diffusers modules it holds, in order (sizes from the split below)
    "img_attn.qkv": ("attn.to_q", "attn.to_k", "attn.to_v"),
    "txt_attn.qkv": ("attn.add_q_proj", "attn.add_k_proj", "attn.add_v_proj"),
    "linear1": ("attn.to_q", "attn.to_k", "attn.to_v", "proj_mlp"),
}
_FINAL_MODULATION = "final_layer.adaLN_modulation.1"


def is_bfl(keys: Iterable[str]) -> bool:
    """Whether the keys are in BFL's layout (rather than diffusers')."""
    return any(key.startswith("double_blocks.") for key in keys)


def count_blocks(keys: Iterable[str], prefix: str) -> int:
    """How many numbered blocks ``prefix<N>.`` the keys hold."""
    return len({key[len(prefix) :].split(".")[0] for key in keys if key.startswith(prefix)})


def flux_config_from_bfl(shapes: Shapes, axes_dims_rope: tuple[int, ...] | None = None) -> dict[str, Any]:
    """A ``FluxTransformer2DModel`` config read from BFL tensor shapes (rows are out-features).

    The rotary axes are not stored in the weights: ``axes_dims_rope`` is used when it fits the head size,
    else FLUX's proportions (1/8 for time, the rest split between height and width) in even sizes.
    """
    try:
        head_dim = shapes["double_blocks.0.img_attn.norm.key_norm.scale"][0]
        hidden = shapes["img_in.weight"][0]
        config: dict[str, Any] = {
            "patch_size": 1,
            "in_channels": shapes["img_in.weight"][1],
            "out_channels": shapes["final_layer.linear.weight"][0],
            "num_layers": count_blocks(shapes, "double_blocks."),
            "num_single_layers": count_blocks(shapes, "single_blocks."),
            "attention_head_dim": head_dim,
            "num_attention_heads": hidden // head_dim,
            "joint_attention_dim": shapes["txt_in.weight"][1],
            "pooled_projection_dim": shapes["vector_in.in_layer.weight"][1],
            "guidance_embeds": "guidance_in.in_layer.weight" in shapes,
        }
    except (KeyError, IndexError) as exc:
        raise ModelLoadError(f"not a complete FLUX transformer in BFL's layout: {exc} is missing") from exc
    fits = axes_dims_rope is not None and sum(axes_dims_rope) == head_dim
    config["axes_dims_rope"] = list(axes_dims_rope if fits and axes_dims_rope else rope_axes(head_dim))
    return config


def rope_axes(head_dim: int) -> tuple[int, int, int]:
    """Rotary sizes for (time, height, width) in FLUX's proportions; each must be even."""
    if head_dim == REAL_HEAD_DIM:
        return REAL_AXES
    time = max(2, head_dim // 8 // 2 * 2)
    height = (head_dim - time) // 4 * 2
    return time, height, head_dim - time - height


def bfl_to_diffusers(state: Mapping[str, torch.Tensor]) -> StateDict:
    """A BFL-layout FLUX state dict with diffusers' keys (tensors are shared or cut, never copied)."""
    hidden = state["img_in.weight"].shape[0]
    out: StateDict = {}
    unused = []
    for key, tensor in state.items():
        module, _, param = key.rpartition(".")
        if module == _FINAL_MODULATION:
            shift, scale = tensor.chunk(2, dim=0)
            out[f"norm_out.linear.{param}"] = torch.cat([scale, shift], dim=0)
        elif module in _TOP:
            out[f"{_TOP[module]}.{param}"] = tensor
        elif not _block(out, key, tensor, hidden):
            unused.append(key)
    if unused:
        raise ModelLoadError(f"keys not part of a FLUX transformer: {', '.join(sorted(unused)[:8])}")
    return out


_BLOCKS = {  # BFL block list → (diffusers block list, plain renames)
    "double_blocks": ("transformer_blocks", _DOUBLE),
    "single_blocks": ("single_transformer_blocks", _SINGLE),
}


def _block(out: StateDict, key: str, tensor: torch.Tensor, hidden: int) -> bool:
    """Convert one key of a double or single block; False when the key is not a block's."""
    kind, _, rest = key.partition(".")
    if kind not in _BLOCKS:
        return False
    blocks, renames = _BLOCKS[kind]
    index, _, name = rest.partition(".")
    prefix = f"{blocks}.{index}."
    module, _, param = name.rpartition(".")
    if name in renames:  # norm scales map as whole keys
        out[prefix + renames[name]] = tensor
    elif module in renames:
        out[f"{prefix}{renames[module]}.{param}"] = tensor
    elif module in _FUSED and (kind == "single_blocks") == (module == "linear1"):
        parts = _FUSED[module]
        sizes = [hidden] * 3 + ([tensor.shape[0] - 3 * hidden] if len(parts) == 4 else [])
        for part, piece in zip(parts, _split_rows(tensor, sizes), strict=True):
            out[f"{prefix}{part}.{param}"] = piece
    else:
        return False
    return True


def _split_rows(tensor: torch.Tensor, sizes: list[int]) -> list[torch.Tensor]:
    if sum(sizes) != tensor.shape[0]:
        raise ModelLoadError(f"a fused FLUX layer of {tensor.shape[0]} rows cannot be split as {sizes}")
    return list(torch.split(tensor, sizes, dim=0))


def convert_tensors(
    state: Mapping[str, torch.Tensor], convert: Callable[[torch.Tensor], torch.Tensor]
) -> StateDict:
    """Every tensor passed through ``convert`` (a dtype cast, a dequantisation)."""
    return {key: convert(tensor) for key, tensor in state.items()}
