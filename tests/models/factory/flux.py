"""FLUX.1 single files in Black Forest Labs' original key layout (``double_blocks.0.img_attn.qkv``...).

BFL's releases hold only the transformer, with fused q/k/v (``linear1`` of a single block also carries
the MLP input) and the final modulation stored as (shift, scale) where diffusers keeps (scale, shift).
Also written here: city96's GGUF transformers (F16, BF16, Q8_0, Q4_0: 2-D weights whose rows are whole
32-value blocks are quantised, the rest float16), ComfyUI's all-in-one files and bitsandbytes NF4 files
(quantised by :mod:`.nf4`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import torch

from .checkpoints import Part, parts_of_folder, parts_of_pipeline, save_state
from .folders import FluxVariant, flux_pipeline
from .ldm import StateDict, clip_to_ldm, prefixed, vae_to_ldm
from .nf4 import nf4_quantise

GgufType = Literal["F16", "BF16", "Q8_0", "Q4_0"]
GGUF_BLOCK = 32
COMFY_PREFIX = "model.diffusion_model."

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


def _parts(variant: FluxVariant, source: Path | None) -> dict[str, Part]:
    return parts_of_folder(source) if source else parts_of_pipeline(flux_pipeline(variant))


def write_flux_gguf(
    path: Path, *, variant: FluxVariant = "dev", qtype: GgufType = "F16", source: Path | None = None
) -> Path:
    """A FLUX.1 transformer as GGUF (architecture ``flux``, BFL tensor names), as city96 ships them.

    GGUF stores each shape innermost-first, so a (out, in) weight is written with ne = [in, out]; for a
    quantised type every 2-D weight with whole blocks per row is quantised with ``gguf.quants``.
    """
    import gguf

    state = flux_to_bfl(_parts(variant, source)["transformer"][0])
    kind = gguf.GGMLQuantizationType[qtype]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(str(path), arch="flux")
    for key, tensor in state.items():
        values = tensor.float().numpy()
        if kind is gguf.GGMLQuantizationType.BF16 or (
            qtype.startswith("Q") and values.ndim == 2 and values.shape[1] % GGUF_BLOCK == 0
        ):
            writer.add_tensor(key, gguf.quants.quantize(values, kind), raw_dtype=kind)
        else:
            writer.add_tensor(key, tensor.to(torch.float16).numpy())
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def all_in_one_state(parts: Mapping[str, Part]) -> StateDict:
    """ComfyUI's all-in-one layout: BFL transformer, original-layout VAE, CLIP-L and T5, each prefixed."""
    state = prefixed(flux_to_bfl(parts["transformer"][0]), COMFY_PREFIX)
    vae_state, vae_config = parts["vae"]
    state.update(prefixed(vae_to_ldm(vae_state, vae_config), "vae."))
    state.update(prefixed(clip_to_ldm(parts["text_encoder"][0]), "text_encoders.clip_l.transformer."))
    t5 = {k: v for k, v in parts["text_encoder_2"][0].items() if k != "encoder.embed_tokens.weight"}
    state.update(prefixed(t5, "text_encoders.t5xxl.transformer."))
    return state


def write_flux_all_in_one(path: Path, *, variant: FluxVariant = "dev", source: Path | None = None) -> Path:
    """A ComfyUI/Forge "all in one" FLUX.1 checkpoint (``source``: a diffusers folder giving the weights)."""
    return save_state(path, all_in_one_state(_parts(variant, source)))


def write_flux_nf4(
    path: Path,
    *,
    variant: FluxVariant = "dev",
    source: Path | None = None,
    nested: bool = True,
    bundled: bool = True,
) -> Path:
    """An NF4 FLUX.1 file whose transformer linears are quantised as bitsandbytes stores them.

    ``bundled``: lllyasviel's ``flux1-dev-bnb-nf4`` layout (an all-in-one file, the transformer under
    ``model.diffusion_model.``; v1 used nested absmax quantisation, v2 float32 absmaxes, ``nested=False``);
    otherwise the bare BFL transformer, as InvokeAI saves its quantised FLUX.
    """
    parts = _parts(variant, source)
    state = all_in_one_state(parts) if bundled else flux_to_bfl(parts["transformer"][0])
    out: StateDict = {}
    for key, tensor in state.items():
        transformer = not bundled or key.startswith(COMFY_PREFIX)
        quantise = transformer and key.endswith(".weight") and tensor.ndim == 2
        out.update(nf4_quantise(tensor, key, nested=nested) if quantise else {key: tensor})
    return save_state(path, out)
