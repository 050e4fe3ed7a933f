"""Tiny Stable Diffusion 3.5 pipelines: diffusers folders, and single files in Stability AI's layout.

The text encoders keep their real widths (CLIP-L 768, CLIP-G 1280, T5 4096, so the joint context is
4096 wide and the pooled embedding 2048), the VAE its 16 latent channels, scaling 1.5305 and shift
0.0609, and the scheduler its shift of 3; the transformer is one or two blocks of 2 heads of 16.
"Medium" has a dual-attention first block (``attn2``, as SD 3.5 Medium's first 13 blocks), "large" has
none; both have RMS query/key norms as SD 3.5 does.

Stability AI's single files (``model.diffusion_model.joint_blocks.0.x_block.attn.qkv.weight``...) fuse
q/k/v, call the joint blocks' halves ``x_block`` and ``context_block``, and store the final
modulations as (shift, scale) where diffusers keeps (scale, shift). The text encoders sit under
``text_encoders.{clip_l,clip_g,t5xxl}.transformer.`` in transformers' own key layout and the VAE under
``first_stage_model.`` in the original layout. :func:`sd3_to_sai` is the inverse of diffusers'
``convert_sd3_transformer_checkpoint_to_diffusers``, which handles these tiny widths (it reads every
size from the tensors).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import torch
from diffusers import FlowMatchEulerDiscreteScheduler, SD3Transformer2DModel, StableDiffusion3Pipeline
from transformers import CLIPTextModelWithProjection

from . import components as c
from .checkpoints import parts_of_folder, parts_of_pipeline, save_state
from .folders import save_pipeline
from .ldm import StateDict, prefixed, vae_to_ldm
from .tokenizers import clip_tokenizer, t5_tokenizer

Sd3Variant = Literal["medium", "large"]
SD3_SCALING = 1.5305
SD3_SHIFT = 0.0609
POOLED_WIDTH = c.SD1_TEXT_WIDTH + c.SDXL_G_WIDTH  # CLIP-L + CLIP-G pooled outputs, concatenated
TRANSFORMER = "model.diffusion_model."
TEXT_PREFIXES = {
    "text_encoder": "text_encoders.clip_l.transformer.",
    "text_encoder_2": "text_encoders.clip_g.transformer.",
    "text_encoder_3": "text_encoders.t5xxl.transformer.",
}

_TOP = {
    "pos_embed.proj": "x_embedder.proj",
    "time_text_embed.timestep_embedder.linear_1": "t_embedder.mlp.0",
    "time_text_embed.timestep_embedder.linear_2": "t_embedder.mlp.2",
    "time_text_embed.text_embedder.linear_1": "y_embedder.mlp.0",
    "time_text_embed.text_embedder.linear_2": "y_embedder.mlp.2",
    "context_embedder": "context_embedder",
    "proj_out": "final_layer.linear",
}
_BLOCK = {  # diffusers name in a joint block → SAI name (both halves)
    "attn.to_out.0": "x_block.attn.proj",
    "attn.to_add_out": "context_block.attn.proj",
    "attn2.to_out.0": "x_block.attn2.proj",
    "norm1.linear": "x_block.adaLN_modulation.1",
    "ff.net.0.proj": "x_block.mlp.fc1",
    "ff.net.2": "x_block.mlp.fc2",
    "ff_context.net.0.proj": "context_block.mlp.fc1",
    "ff_context.net.2": "context_block.mlp.fc2",
    "attn.norm_q": "x_block.attn.ln_q",
    "attn.norm_k": "x_block.attn.ln_k",
    "attn.norm_added_q": "context_block.attn.ln_q",
    "attn.norm_added_k": "context_block.attn.ln_k",
    "attn2.norm_q": "x_block.attn2.ln_q",
    "attn2.norm_k": "x_block.attn2.ln_k",
}
_QKV = {  # fused projections: SAI name → the diffusers projections, in order
    "x_block.attn.qkv": ("attn.to_q", "attn.to_k", "attn.to_v"),
    "context_block.attn.qkv": ("attn.add_q_proj", "attn.add_k_proj", "attn.add_v_proj"),
    "x_block.attn2.qkv": ("attn2.to_q", "attn2.to_k", "attn2.to_v"),
}


def sd3_transformer(variant: Sd3Variant = "medium", *, layers: int = 2) -> Any:
    """An SD 3.5 transformer of ``layers`` joint blocks; medium's first block has dual attention."""
    return c.build(
        SD3Transformer2DModel,
        sample_size=32,
        patch_size=2,
        in_channels=16,
        out_channels=16,
        num_layers=layers,
        attention_head_dim=16,
        num_attention_heads=2,
        joint_attention_dim=c.T5_WIDTH,
        caption_projection_dim=32,
        pooled_projection_dim=POOLED_WIDTH,
        pos_embed_max_size=16,
        dual_attention_layers=(0,) if variant == "medium" else (),
        qk_norm="rms_norm",
    )


def sd3_vae() -> Any:
    """SD 3's 16-channel VAE geometry (no quant convs) with its scaling and shift."""
    return c.vae(latent_channels=16, scaling_factor=SD3_SCALING, shift_factor=SD3_SHIFT)


def sd3_pipeline(variant: Sd3Variant = "medium", *, t5: bool = True) -> Any:
    """A tiny ``StableDiffusion3Pipeline``; without ``t5`` it has no third encoder (diffusers then
    conditions on zeros in its place)."""
    c.seeded(7 if variant == "medium" else 8)
    parts: dict[str, Any] = {
        "transformer": sd3_transformer(variant),
        "vae": sd3_vae(),
        "text_encoder": CLIPTextModelWithProjection(c.clip_config(c.SD1_TEXT_WIDTH)),
        "tokenizer": clip_tokenizer(),
        "text_encoder_2": c.clip_text_projected(),
        "tokenizer_2": clip_tokenizer(pad_with_eos=False),
        "text_encoder_3": c.t5_encoder() if t5 else None,
        "tokenizer_3": t5_tokenizer() if t5 else None,
        "scheduler": c.build(FlowMatchEulerDiscreteScheduler, shift=3.0),
    }
    return c.build(StableDiffusion3Pipeline, **parts)


def write_sd3_diffusers(
    folder: Path, *, variant: Sd3Variant = "medium", t5: bool = True, repo_variant: str | None = None
) -> Path:
    """An SD 3.5 pipeline folder (medium: dual attention in block 0; large: none)."""
    return save_pipeline(sd3_pipeline(variant, t5=t5), Path(folder), repo_variant)


def sd3_to_sai(state: Mapping[str, torch.Tensor]) -> StateDict:
    """A diffusers ``SD3Transformer2DModel`` state dict in Stability AI's layout (unprefixed)."""
    out: StateDict = {"pos_embed": state["pos_embed.pos_embed"].clone()}
    for src, dst in _TOP.items():
        _copy(out, state, src, dst)
    for param in ("weight", "bias"):
        out[f"final_layer.adaLN_modulation.1.{param}"] = _swap_halves(state[f"norm_out.linear.{param}"])
    blocks = sorted({int(k.split(".")[1]) for k in state if k.startswith("transformer_blocks.")})
    for i in blocks:
        _block(out, state, i, last=i == blocks[-1])
    return out


def _block(out: StateDict, state: Mapping[str, torch.Tensor], i: int, *, last: bool) -> None:
    src, dst = f"transformer_blocks.{i}.", f"joint_blocks.{i}."
    for name, parts in _QKV.items():
        for param in ("weight", "bias"):
            keys = [f"{src}{part}.{param}" for part in parts]
            if all(k in state for k in keys):
                out[f"{dst}{name}.{param}"] = torch.cat([state[k] for k in keys], dim=0)
    for diffusers_name, sai_name in _BLOCK.items():
        _copy(out, state, src + diffusers_name, dst + sai_name)
    for param in ("weight", "bias"):
        modulation = state[f"{src}norm1_context.linear.{param}"]
        # The last block's context half only modulates (shift, scale): stored swapped like the final layer.
        key = f"{dst}context_block.adaLN_modulation.1.{param}"
        out[key] = _swap_halves(modulation) if last else modulation.clone()


def _copy(out: StateDict, state: Mapping[str, torch.Tensor], src: str, dst: str) -> None:
    for param in ("weight", "bias"):
        if f"{src}.{param}" in state:
            out[f"{dst}.{param}"] = state[f"{src}.{param}"].clone()


def _swap_halves(tensor: torch.Tensor) -> torch.Tensor:
    first, second = tensor.chunk(2, dim=0)
    return torch.cat([second, first], dim=0)


def sd3_state(parts: Mapping[str, tuple[StateDict, dict[str, Any]]], *, encoders: bool = True) -> StateDict:
    """A single file's tensors: transformer and VAE, and (``encoders``) the text encoders present."""
    state = prefixed(sd3_to_sai(parts["transformer"][0]), TRANSFORMER)
    vae_state, vae_config = parts["vae"]
    state.update(prefixed(vae_to_ldm(vae_state, vae_config), "first_stage_model."))
    if encoders:
        for name, prefix in TEXT_PREFIXES.items():
            if name in parts:
                tensors = {k: v for k, v in parts[name][0].items() if k != "encoder.embed_tokens.weight"}
                state.update(prefixed(tensors, prefix))  # T5's tied input embedding is stored once
    return state


def write_sd3_checkpoint(
    path: Path,
    *,
    variant: Sd3Variant = "medium",
    source: Path | None = None,
    encoders: bool = True,
    metadata: dict[str, str] | None = None,
) -> Path:
    """An SD 3.5 single file in Stability AI's layout, converted from ``source`` (a folder) when given;
    ``encoders=False`` leaves the text encoders out, as the transformer-only releases do."""
    parts = parts_of_folder(source) if source is not None else parts_of_pipeline(sd3_pipeline(variant))
    return save_state(Path(path), sd3_state(parts, encoders=encoders), metadata=metadata)
