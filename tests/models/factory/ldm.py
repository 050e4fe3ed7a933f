"""diffusers → original (LDM / SGM / OpenCLIP) key layout, for writing single-file checkpoints.

diffusers only converts the other way (``from_single_file``); these functions are its inverse for the
parts the tiny models use. The layout facts: the UNet flattens ``down_blocks.b.{resnets,attentions}.j``
into ``input_blocks.n.{0,1}`` with ``n = b * (layers_per_block + 1) + j + 1`` and each downsampler into
the slot after its block; up blocks likewise into ``output_blocks`` (upsampler after the attention, if
any); ResNet layers are renamed (``norm1`` → ``in_layers.0``...). The VAE numbers its decoder blocks in
reverse and stores attention projections as 1x1 convolutions. OpenCLIP fuses q/k/v into ``in_proj`` and
stores the text projection transposed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import torch

StateDict = dict[str, torch.Tensor]

_RESNET = {
    "norm1": "in_layers.0",
    "conv1": "in_layers.2",
    "time_emb_proj": "emb_layers.1",
    "norm2": "out_layers.0",
    "conv2": "out_layers.3",
    "conv_shortcut": "skip_connection",
}
_UNET_TOP = {
    "time_embedding.linear_1.": "time_embed.0.",
    "time_embedding.linear_2.": "time_embed.2.",
    "conv_in.": "input_blocks.0.0.",
    "conv_norm_out.": "out.0.",
    "conv_out.": "out.2.",
    "add_embedding.linear_1.": "label_emb.0.0.",
    "add_embedding.linear_2.": "label_emb.0.2.",
    "controlnet_mid_block.": "middle_block_out.0.",
}


def _resnet(rest: str) -> str:
    layer, _, param = rest.partition(".")
    return f"{_RESNET[layer]}.{param}"


def _unet_rules(config: Mapping[str, Any]) -> list[tuple[str, Callable[[re.Match[str]], str]]]:
    """Regex → LDM key builders for one UNet (or ControlNet) configuration."""
    per = int(config["layers_per_block"]) + 1
    up_types = list(config.get("up_block_types", []))

    def upsampler(m: re.Match[str]) -> str:
        block = int(m[1])
        slot = 2 if "CrossAttn" in up_types[block] else 1
        return f"output_blocks.{block * per + per - 1}.{slot}.conv.{m[2]}"

    return [
        (
            r"down_blocks\.(\d+)\.resnets\.(\d+)\.(.+)",
            lambda m: f"input_blocks.{int(m[1]) * per + int(m[2]) + 1}.0.{_resnet(m[3])}",
        ),
        (
            r"down_blocks\.(\d+)\.attentions\.(\d+)\.(.+)",
            lambda m: f"input_blocks.{int(m[1]) * per + int(m[2]) + 1}.1.{m[3]}",
        ),
        (
            r"down_blocks\.(\d+)\.downsamplers\.0\.conv\.(.+)",
            lambda m: f"input_blocks.{(int(m[1]) + 1) * per}.0.op.{m[2]}",
        ),
        (r"mid_block\.resnets\.(\d+)\.(.+)", lambda m: f"middle_block.{2 * int(m[1])}.{_resnet(m[2])}"),
        (r"mid_block\.attentions\.0\.(.+)", lambda m: f"middle_block.1.{m[1]}"),
        (
            r"up_blocks\.(\d+)\.resnets\.(\d+)\.(.+)",
            lambda m: f"output_blocks.{int(m[1]) * per + int(m[2])}.0.{_resnet(m[3])}",
        ),
        (
            r"up_blocks\.(\d+)\.attentions\.(\d+)\.(.+)",
            lambda m: f"output_blocks.{int(m[1]) * per + int(m[2])}.1.{m[3]}",
        ),
        (r"up_blocks\.(\d+)\.upsamplers\.0\.conv\.(.+)", upsampler),
        (r"controlnet_down_blocks\.(\d+)\.(.+)", lambda m: f"zero_convs.{m[1]}.0.{m[2]}"),
        (r"controlnet_cond_embedding\.conv_in\.(.+)", lambda m: f"input_hint_block.0.{m[1]}"),
        (
            r"controlnet_cond_embedding\.blocks\.(\d+)\.(.+)",
            lambda m: f"input_hint_block.{2 * int(m[1]) + 2}.{m[2]}",
        ),
    ]


def unet_to_ldm(state: Mapping[str, torch.Tensor], config: Mapping[str, Any]) -> StateDict:
    """A diffusers UNet (or ControlNet) state dict in the original layout, without the model prefix."""
    rules = [(re.compile(pattern), build) for pattern, build in _unet_rules(config)]
    cond_blocks = len(config.get("conditioning_embedding_out_channels") or ()) * 2 - 2
    out: StateDict = {}
    for key, value in state.items():
        out[_unet_key(key, rules, cond_blocks)] = value.clone()
    return out


def _unet_key(
    key: str, rules: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]], cond_blocks: int
) -> str:
    for prefix, ldm in _UNET_TOP.items():
        if key.startswith(prefix):
            return ldm + key[len(prefix) :]
    if key.startswith("controlnet_cond_embedding.conv_out."):
        return f"input_hint_block.{2 * cond_blocks + 2}.{key.rsplit('.', 1)[1]}"
    for pattern, build in rules:
        match = pattern.fullmatch(key)
        if match:
            return build(match)
    raise KeyError(f"no original-layout name for UNet key {key!r}")


_VAE_ATTENTION = {"group_norm": "norm", "to_q": "q", "to_k": "k", "to_v": "v", "to_out.0": "proj_out"}


def vae_to_ldm(state: Mapping[str, torch.Tensor], config: Mapping[str, Any]) -> StateDict:
    """A diffusers AutoencoderKL state dict in the original layout (``encoder.down.0.block.0...``)."""
    n_up = len(config["up_block_types"])
    out: StateDict = {}
    for key, value in state.items():
        new_key, is_attention = _vae_key(key, n_up)
        tensor = value.clone()
        if is_attention and tensor.ndim == 2:
            tensor = tensor[:, :, None, None].contiguous()  # linear → 1x1 conv
        out[new_key] = tensor
    return out


def _vae_key(key: str, n_up: int) -> tuple[str, bool]:
    key = key.replace("conv_norm_out", "norm_out").replace("conv_shortcut", "nin_shortcut")
    if m := re.fullmatch(r"(encoder|decoder)\.mid_block\.attentions\.0\.(.+)\.(weight|bias)", key):
        return f"{m[1]}.mid.attn_1.{_VAE_ATTENTION[m[2]]}.{m[3]}", True
    if m := re.fullmatch(r"(encoder|decoder)\.mid_block\.resnets\.(\d)\.(.+)", key):
        return f"{m[1]}.mid.block_{int(m[2]) + 1}.{m[3]}", False
    if m := re.fullmatch(r"encoder\.down_blocks\.(\d+)\.resnets\.(.+)", key):
        return f"encoder.down.{m[1]}.block.{m[2]}", False
    if m := re.fullmatch(r"encoder\.down_blocks\.(\d+)\.downsamplers\.0\.(.+)", key):
        return f"encoder.down.{m[1]}.downsample.{m[2]}", False
    if m := re.fullmatch(r"decoder\.up_blocks\.(\d+)\.resnets\.(.+)", key):
        return f"decoder.up.{n_up - 1 - int(m[1])}.block.{m[2]}", False
    if m := re.fullmatch(r"decoder\.up_blocks\.(\d+)\.upsamplers\.0\.(.+)", key):
        return f"decoder.up.{n_up - 1 - int(m[1])}.upsample.{m[2]}", False
    return key, False


def clip_to_ldm(state: Mapping[str, torch.Tensor]) -> StateDict:
    """A transformers CLIP text model in the layout original checkpoints use (``text_model.`` prefixed)."""
    return {
        key if key.startswith("text_model.") else f"text_model.{key}": value.clone()
        for key, value in state.items()
        if not key.endswith("position_ids")
    }


_OPEN_CLIP_TOP = {
    "embeddings.token_embedding.weight": "token_embedding.weight",
    "embeddings.position_embedding.weight": "positional_embedding",
    "final_layer_norm.weight": "ln_final.weight",
    "final_layer_norm.bias": "ln_final.bias",
}
_OPEN_CLIP_LAYER = {
    "layer_norm1": "ln_1",
    "layer_norm2": "ln_2",
    "self_attn.out_proj": "attn.out_proj",
    "mlp.fc1": "mlp.c_fc",
    "mlp.fc2": "mlp.c_proj",
}


def clip_to_open_clip(state: Mapping[str, torch.Tensor]) -> StateDict:
    """A transformers CLIP text model in OpenCLIP's layout (fused q/k/v, transposed text projection)."""
    plain = {k.removeprefix("text_model."): v for k, v in state.items() if not k.endswith("position_ids")}
    out: StateDict = {}
    for key, value in plain.items():
        if key in _OPEN_CLIP_TOP:
            out[_OPEN_CLIP_TOP[key]] = value.clone()
        elif key == "text_projection.weight":
            out["text_projection"] = value.T.contiguous()
        elif m := re.fullmatch(r"encoder\.layers\.(\d+)\.(.+)\.(weight|bias)", key):
            _open_clip_layer(out, plain, int(m[1]), m[2], m[3])
        else:
            raise KeyError(f"no OpenCLIP name for text encoder key {key!r}")
    return out


def _open_clip_layer(
    out: StateDict, plain: Mapping[str, torch.Tensor], layer: int, module: str, param: str
) -> None:
    prefix = f"transformer.resblocks.{layer}."
    if module in ("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj"):
        if module == "self_attn.q_proj":  # emit the fused tensor once, from q
            parts = [plain[f"encoder.layers.{layer}.self_attn.{p}_proj.{param}"] for p in "qkv"]
            out[f"{prefix}attn.in_proj_{param}"] = torch.cat(parts, dim=0)
        return
    out[f"{prefix}{_OPEN_CLIP_LAYER[module]}.{param}"] = plain[
        f"encoder.layers.{layer}.{module}.{param}"
    ].clone()


def prefixed(state: Mapping[str, torch.Tensor], prefix: str) -> StateDict:
    """``state`` with ``prefix`` in front of every key."""
    return {prefix + key: value for key, value in state.items()}
