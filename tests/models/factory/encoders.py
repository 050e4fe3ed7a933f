"""FLUX's text encoders as the single files people download: T5-XXL (safetensors, float8, llama.cpp GGUF)
and CLIP-L (``text_model.`` layout). ``source`` takes the weights of a FLUX diffusers folder's
``text_encoder``/``text_encoder_2``, so a loaded file can be compared with the folder's encoder."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import torch

from . import components as c
from .checkpoints import parts_of_folder, save_tensors
from .ldm import StateDict, clip_to_ldm

GGUF_BLOCK = 32
_LLAMA_NAMES = {  # transformers' T5 block module → llama.cpp's tensor name
    "layer.0.SelfAttention.q": "attn_q",
    "layer.0.SelfAttention.k": "attn_k",
    "layer.0.SelfAttention.v": "attn_v",
    "layer.0.SelfAttention.o": "attn_o",
    "layer.0.SelfAttention.relative_attention_bias": "attn_rel_b",
    "layer.0.layer_norm": "attn_norm",
    "layer.1.DenseReluDense.wi_0": "ffn_gate",
    "layer.1.DenseReluDense.wi_1": "ffn_up",
    "layer.1.DenseReluDense.wo": "ffn_down",
    "layer.1.layer_norm": "ffn_norm",
}


def t5_state(source: Path | None = None) -> StateDict:
    """A T5 encoder's tensors as transformers saves them (``shared.weight``, no tied copy)."""
    if source is not None:
        state = parts_of_folder(source)["text_encoder_2"][0]
    else:
        c.seeded(18)
        state = c.t5_encoder().state_dict()
    return {k: v for k, v in state.items() if k != "encoder.embed_tokens.weight"}


def write_t5_file(path: Path, *, fp8: bool = False, source: Path | None = None) -> Path:
    """A T5 encoder in one safetensors file; ``fp8`` stores float8 e4m3 as ComfyUI's ``t5xxl_fp8_e4m3fn``."""
    state = t5_state(source)
    if fp8:
        state = {k: v.to(torch.float8_e4m3fn) for k, v in state.items()}
    return save_tensors(Path(path), state)


def t5_to_llama(state: StateDict) -> StateDict:
    """transformers' T5 encoder keys in llama.cpp's names (``enc.blk.0.attn_q.weight``)."""
    out: StateDict = {}
    for key, tensor in state.items():
        if key == "shared.weight":
            out["token_embd.weight"] = tensor
        elif key == "encoder.final_layer_norm.weight":
            out["enc.output_norm.weight"] = tensor
        else:
            _, _, index, rest = key.split(".", 3)  # encoder.block.<i>.<module>.weight
            out[f"enc.blk.{index}.{_LLAMA_NAMES[rest.removesuffix('.weight')]}.weight"] = tensor
    return out


def write_t5_gguf(path: Path, *, qtype: Literal["F16", "Q8_0"] = "F16", source: Path | None = None) -> Path:
    """A T5 encoder as GGUF (architecture ``t5encoder``, llama.cpp names), as city96 ships T5-XXL."""
    import gguf

    kind = gguf.GGMLQuantizationType[qtype]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(str(path), arch="t5encoder")
    for key, tensor in t5_to_llama(t5_state(source)).items():
        values = tensor.float().numpy()
        if qtype != "F16" and values.ndim == 2 and values.shape[1] % GGUF_BLOCK == 0:
            writer.add_tensor(key, gguf.quants.quantize(values, kind), raw_dtype=kind)
        else:
            writer.add_tensor(key, tensor.to(torch.float16).numpy())
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def write_clip_l_file(path: Path, *, source: Path | None = None, text_model_prefix: bool = True) -> Path:
    """A CLIP-L text encoder in one file: ``text_model.`` keys as ComfyUI's ``clip_l.safetensors``, or
    without the prefix as transformers 5 saves it."""
    if source is not None:
        state = parts_of_folder(source)["text_encoder"][0]
    else:
        c.seeded(19)
        state = c.clip_text(c.SD1_TEXT_WIDTH).state_dict()
    if text_model_prefix:
        state = clip_to_ldm(state)
    return save_tensors(Path(path), {k: v for k, v in state.items() if not k.endswith("position_ids")})
