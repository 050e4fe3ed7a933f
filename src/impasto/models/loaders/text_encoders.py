"""FLUX's text encoders from single files: T5-XXL (``t5_encoder``) and CLIP-L (``clip_embed``).

The files people download hold only weights: T5 in transformers' ``T5EncoderModel`` layout
(``encoder.block.0.layer.0.SelfAttention.q.weight``, ``shared.weight``; also as float8 "fp8_e4m3fn"
files, which are cast on load), as GGUF with llama.cpp's names (``enc.blk.0.attn_q.weight``), and CLIP-L
as ``text_model.encoder.layers...``. The same parts sit inside ComfyUI's all-in-one FLUX files. The
architecture is read from the tensor shapes on top of the shipped FLUX config (so fine-tunes and the
tiny models of the tests load). Tokenizers come from the record's ``details["config_path"]`` when it holds
one; otherwise CLIP's is built from open_clip's data and T5's from the T5 v1.1 tokenizer Impasto ships
(:mod:`.t5_tokenizer`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch

from impasto.models.configs import config_folder
from impasto.models.loaders.base import (
    Loader,
    LoadRequest,
    ModelLoadError,
    SubModel,
    prepare_module,
)
from impasto.models.loaders.clip_tokenizer import tokenizer_from_folder
from impasto.models.loaders.files import StateDict, read_json, read_state_dict
from impasto.models.loaders.flux_convert import count_blocks
from impasto.models.loaders.gguf_file import read_gguf_dequantised
from impasto.models.loaders.registry import register_loader
from impasto.models.loaders.t5_tokenizer import t5_tokenizer
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

FLUX_CONFIG = "flux-dev"
CLIP_HEAD_DIM = 64  # every CLIP text encoder (L, OpenCLIP H, bigG) uses 64-wide heads
_T5_TOKENIZER_FILES = ("spiece.model", "tokenizer.json")
_LLAMA_T5 = {  # llama.cpp's T5 encoder names → transformers' (per block)
    "attn_q": "layer.0.SelfAttention.q",
    "attn_k": "layer.0.SelfAttention.k",
    "attn_v": "layer.0.SelfAttention.v",
    "attn_o": "layer.0.SelfAttention.o",
    "attn_rel_b": "layer.0.SelfAttention.relative_attention_bias",
    "attn_norm": "layer.0.layer_norm",
    "ffn_gate": "layer.1.DenseReluDense.wi_0",
    "ffn_up": "layer.1.DenseReluDense.wi_1",
    "ffn_down": "layer.1.DenseReluDense.wo",
    "ffn_norm": "layer.1.layer_norm",
}


def encoder_configs(request: LoadRequest) -> Path:
    """Where tokenizers and base encoder configs come from: the record's config folder, else FLUX's."""
    return request.config_path or config_folder(FLUX_CONFIG)


def strip_prefix(state: Mapping[str, torch.Tensor], prefix: str) -> StateDict:
    """The tensors under ``prefix``, with it removed."""
    return {key.removeprefix(prefix): value for key, value in state.items() if key.startswith(prefix)}


def t5_from_llama(state: Mapping[str, torch.Tensor]) -> StateDict:
    """A llama.cpp-named T5 encoder (GGUF) in transformers' key layout."""
    out: StateDict = {}
    for key, tensor in state.items():
        if key in ("token_embd.weight", "enc.output_norm.weight"):
            out["shared.weight" if key.startswith("token") else "encoder.final_layer_norm.weight"] = tensor
            continue
        parts = key.split(".")  # enc.blk.<i>.<name>.weight
        if len(parts) != 5 or parts[:2] != ["enc", "blk"] or parts[3] not in _LLAMA_T5:
            raise ModelLoadError(f"{key!r} is not a tensor of a T5 encoder in llama.cpp's layout")
        out[f"encoder.block.{parts[2]}.{_LLAMA_T5[parts[3]]}.{parts[4]}"] = tensor
    return out


def t5_config(shapes: Mapping[str, tuple[int, ...]], base: Path) -> Any:
    """A ``T5Config``: T5-XXL's settings with the sizes these tensors have."""
    from transformers import T5Config

    block = "encoder.block.0.layer."
    try:
        vocab, width = shapes["shared.weight"]
        buckets, heads = shapes[block + "0.SelfAttention.relative_attention_bias.weight"]
        gated = block + "1.DenseReluDense.wi_0.weight" in shapes
        ff = shapes[block + ("1.DenseReluDense.wi_0.weight" if gated else "1.DenseReluDense.wi.weight")][0]
        inner = shapes[block + "0.SelfAttention.q.weight"][0]
    except (KeyError, ValueError) as exc:
        raise ModelLoadError(f"not a complete T5 encoder: {exc} is missing or malformed") from exc
    settings = read_json(base / "text_encoder_2" / "config.json")
    settings.update(
        vocab_size=vocab,
        d_model=width,
        d_kv=inner // heads,
        d_ff=ff,
        num_layers=count_blocks(shapes, "encoder.block."),
        num_heads=heads,
        relative_attention_num_buckets=buckets,
        feed_forward_proj="gated-gelu" if gated else "relu",
        is_encoder_decoder=False,
        use_cache=False,
    )
    return T5Config(**{k: v for k, v in settings.items() if not k.startswith("_")})


def clip_config(shapes: Mapping[str, tuple[int, ...]], base: Path) -> Any:
    """A ``CLIPTextConfig``: CLIP-L's settings with these sizes; start/end tokens are a CLIP vocabulary's
    last two ids."""
    from transformers import CLIPTextConfig

    try:
        vocab, width = shapes["embeddings.token_embedding.weight"]
        positions = shapes["embeddings.position_embedding.weight"][0]
        intermediate = shapes["encoder.layers.0.mlp.fc1.weight"][0]
    except (KeyError, ValueError) as exc:
        raise ModelLoadError(f"not a complete CLIP text encoder: {exc} is missing or malformed") from exc
    settings = read_json(base / "text_encoder" / "config.json")
    settings.update(
        vocab_size=vocab,
        hidden_size=width,
        intermediate_size=intermediate,
        num_hidden_layers=count_blocks(shapes, "encoder.layers."),
        num_attention_heads=width // CLIP_HEAD_DIM,
        max_position_embeddings=positions,
        bos_token_id=vocab - 2,
        eos_token_id=vocab - 1,
    )
    return CLIPTextConfig(**{k: v for k, v in settings.items() if not k.startswith("_")})


def build_t5(state: Mapping[str, torch.Tensor], request: LoadRequest) -> Any:
    """A ``T5EncoderModel`` from transformers-layout tensors (``shared`` or ``encoder.embed_tokens``)."""
    from transformers import T5EncoderModel

    tensors = {k: v for k, v in state.items() if not k.startswith("decoder.")}
    if "shared.weight" not in tensors and "encoder.embed_tokens.weight" in tensors:
        tensors["shared.weight"] = tensors["encoder.embed_tokens.weight"]
    tensors.pop("encoder.embed_tokens.weight", None)  # tied to shared
    tensors = {k: v.to(request.dtype) for k, v in tensors.items()}
    config = t5_config({k: tuple(v.shape) for k, v in tensors.items()}, encoder_configs(request))
    return _from_state(T5EncoderModel, config, tensors, request)


def build_clip(state: Mapping[str, torch.Tensor], request: LoadRequest) -> Any:
    """A ``CLIPTextModel`` from its tensors, with or without the ``text_model.`` prefix."""
    from transformers import CLIPTextModel

    tensors = {k.removeprefix("text_model."): v.to(request.dtype) for k, v in state.items()}
    unused = ("text_projection", "logit_scale", "embeddings.position_ids")  # not parts of CLIPTextModel
    tensors = {k: v for k, v in tensors.items() if not k.startswith(unused)}
    config = clip_config({k: tuple(v.shape) for k, v in tensors.items()}, encoder_configs(request))
    return _from_state(CLIPTextModel, config, tensors, request)


def _from_state(cls: Any, config: Any, tensors: StateDict, request: LoadRequest) -> Any:
    try:
        model = cls.from_pretrained(None, config=config, state_dict=tensors, dtype=request.dtype)
    except (ValueError, RuntimeError, KeyError) as exc:
        raise ModelLoadError(f"{request.path}: its {cls.__name__} could not be built: {exc}") from exc
    return prepare_module(model)


def t5_tokenizer_for(request: LoadRequest) -> Any:
    """The T5 tokenizer of the config folder (``tokenizer_2/`` or the folder itself) when it has one, so a
    model given its own tokenizer keeps it; else T5 v1.1's, shared by every FLUX T5-XXL encoder."""
    from transformers import AutoTokenizer

    base = encoder_configs(request)
    for folder in (base / "tokenizer_2", base):
        if any((folder / name).is_file() for name in _T5_TOKENIZER_FILES):
            return AutoTokenizer.from_pretrained(folder, local_files_only=True)
    return t5_tokenizer()


def clip_tokenizer_for(request: LoadRequest) -> Any:
    """The CLIP tokenizer of the config folder (CLIP's vocabulary is built from open_clip's data)."""
    return tokenizer_from_folder(encoder_configs(request) / "tokenizer")


@register_loader(ModelType.T5_ENCODER, BaseModelType.ANY, (ModelFormat.CHECKPOINT, ModelFormat.GGUF))
class T5FileLoader(Loader):
    """A T5 encoder file (safetensors, float8 safetensors or GGUF) and its tokenizer, named as in FLUX."""

    def submodels(self, request: LoadRequest) -> list[SubModel]:
        return [SubModel.TEXT_ENCODER_2, SubModel.TOKENIZER_2]

    def load(self, request: LoadRequest) -> Any:
        if request.require_submodel(self.submodels(request)) is SubModel.TOKENIZER_2:
            return t5_tokenizer_for(request)
        if request.record.format is ModelFormat.GGUF:
            return build_t5(t5_from_llama(read_gguf_dequantised(request.path, request.dtype)), request)
        return build_t5(read_state_dict(request.path), request)


@register_loader(ModelType.CLIP_EMBED, BaseModelType.ANY, ModelFormat.CHECKPOINT)
class ClipTextFileLoader(Loader):
    """A CLIP text encoder file (FLUX's CLIP-L) and its tokenizer, named as in FLUX."""

    def submodels(self, request: LoadRequest) -> list[SubModel]:
        return [SubModel.TEXT_ENCODER, SubModel.TOKENIZER]

    def load(self, request: LoadRequest) -> Any:
        if request.require_submodel(self.submodels(request)) is SubModel.TOKENIZER:
            return clip_tokenizer_for(request)
        return build_clip(read_state_dict(request.path), request)
