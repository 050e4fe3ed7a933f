"""FLUX.1 single files in Black Forest Labs' original key layout (``double_blocks.0.img_attn.qkv``...).

BFL's releases hold only the transformer, with fused q/k/v (``linear1`` of a single block also carries
the MLP input) and the final modulation stored as (shift, scale) where diffusers keeps (scale, shift).
diffusers' own single-file converter assumes the full 3072 width, so the tiny file here is checked by
its key layout and shapes rather than by loading it through diffusers.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import torch

from .checkpoints import parts_of_folder, parts_of_pipeline, save_state
from .folders import FluxVariant, flux_pipeline
from .ldm import StateDict

_TOP = {
    "time_text_embed.timestep_embedder.linear_1": "time_in.in_layer",
    "time_text_embed.timestep_embedder.linear_2": "time_in.out_layer",
    "time_text_embed.text_embedder.linear_1": "vector_in.in_layer",
    "time_text_embed.text_embedder.linear_2": "vector_in.out_layer",
    "time_text_embed.guidance_embedder.linear_1": "guidance_in.in_layer",
    "time_text_embed.guidance_embedder.linear_2": "guidance_in.out_layer",
    "context_embedder": "txt_in",
    "x_embedder": "img_in",
    "proj_out": "final_layer.linear",
}
_DOUBLE = {
    "norm1.linear": "img_mod.lin",
    "norm1_context.linear": "txt_mod.lin",
    "attn.to_out.0": "img_attn.proj",
    "attn.to_add_out": "txt_attn.proj",
    "ff.net.0.proj": "img_mlp.0",
    "ff.net.2": "img_mlp.2",
    "ff_context.net.0.proj": "txt_mlp.0",
    "ff_context.net.2": "txt_mlp.2",
}
_DOUBLE_NORMS = {
    "attn.norm_q.weight": "img_attn.norm.query_norm.scale",
    "attn.norm_k.weight": "img_attn.norm.key_norm.scale",
    "attn.norm_added_q.weight": "txt_attn.norm.query_norm.scale",
    "attn.norm_added_k.weight": "txt_attn.norm.key_norm.scale",
}


def _count(state: Mapping[str, torch.Tensor], prefix: str) -> int:
    return len({k.split(".")[1] for k in state if k.startswith(prefix)})


def _linear(out: StateDict, state: Mapping[str, torch.Tensor], src: str, dst: str) -> None:
    for param in ("weight", "bias"):
        if f"{src}.{param}" in state:
            out[f"{dst}.{param}"] = state[f"{src}.{param}"].clone()


def _fused(out: StateDict, state: Mapping[str, torch.Tensor], sources: list[str], dst: str) -> None:
    for param in ("weight", "bias"):
        out[f"{dst}.{param}"] = torch.cat([state[f"{s}.{param}"] for s in sources], dim=0)


def flux_to_bfl(state: Mapping[str, torch.Tensor]) -> StateDict:
    """A diffusers ``FluxTransformer2DModel`` state dict in BFL's layout."""
    out: StateDict = {}
    for src, dst in _TOP.items():
        _linear(out, state, src, dst)
    shift_scale = [state["norm_out.linear.weight"], state["norm_out.linear.bias"]]
    for param, tensor in zip(("weight", "bias"), shift_scale, strict=True):
        scale, shift = tensor.chunk(2, dim=0)
        out[f"final_layer.adaLN_modulation.1.{param}"] = torch.cat([shift, scale], dim=0)
    for i in range(_count(state, "transformer_blocks.")):
        _double_block(out, state, i)
    for i in range(_count(state, "single_transformer_blocks.")):
        src, dst = f"single_transformer_blocks.{i}.", f"single_blocks.{i}."
        _linear(out, state, src + "norm.linear", dst + "modulation.lin")
        _fused(
            out,
            state,
            [src + "attn.to_q", src + "attn.to_k", src + "attn.to_v", src + "proj_mlp"],
            dst + "linear1",
        )
        _linear(out, state, src + "proj_out", dst + "linear2")
        out[dst + "norm.query_norm.scale"] = state[src + "attn.norm_q.weight"].clone()
        out[dst + "norm.key_norm.scale"] = state[src + "attn.norm_k.weight"].clone()
    return out


def _double_block(out: StateDict, state: Mapping[str, torch.Tensor], i: int) -> None:
    src, dst = f"transformer_blocks.{i}.", f"double_blocks.{i}."
    for a, b in _DOUBLE.items():
        _linear(out, state, src + a, dst + b)
    for a, b in _DOUBLE_NORMS.items():
        out[dst + b] = state[src + a].clone()
    _fused(out, state, [src + "attn.to_q", src + "attn.to_k", src + "attn.to_v"], dst + "img_attn.qkv")
    _fused(out, state, [src + f"attn.add_{p}_proj" for p in "qkv"], dst + "txt_attn.qkv")


def write_flux_checkpoint(
    path: Path, *, variant: FluxVariant = "dev", source: Path | None = None, prefix: str = ""
) -> Path:
    """A FLUX.1 transformer in BFL layout; ``prefix="model.diffusion_model."`` as ComfyUI saves it."""
    parts = parts_of_folder(source) if source else parts_of_pipeline(flux_pipeline(variant))
    state = {prefix + k: v for k, v in flux_to_bfl(parts["transformer"][0]).items()}
    return save_state(path, state)


def write_flux_gguf(path: Path, *, variant: FluxVariant = "dev") -> Path:
    """A FLUX.1 transformer as GGUF (architecture ``flux``, BFL tensor names, float16), as city96 ships them.

    GGUF stores each shape innermost-first, so a (out, in) weight is written with ne = [in, out].
    """
    import gguf

    state = flux_to_bfl(parts_of_pipeline(flux_pipeline(variant))["transformer"][0])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(str(path), arch="flux")
    for key, tensor in state.items():
        writer.add_tensor(key, tensor.to(torch.float16).numpy())
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
