"""LoRA and LyCORIS files aimed at the tiny models' own layers (so they also apply to them).

Key layouts: kohya ``lora_unet_<module>.lora_down.weight`` (rank, in) / ``.lora_up.weight`` (out, rank) /
``.alpha`` with the module path's dots as underscores (SD 1.x/2.x: diffusers names; SDXL: original
``input_blocks`` names; FLUX: BFL names); text encoders ``lora_te_`` (SDXL ``lora_te1_``/``lora_te2_``)
+ ``text_model_encoder_layers_...``. PEFT/diffusers: ``unet.<module>.lora_A.weight`` / ``lora_B``
(FLUX: ``transformer.``). LyCORIS LoHa: ``hada_w1_a/b``, ``hada_w2_a/b``; LoKr: Kronecker factors
``lokr_w1`` (a, c) and ``lokr_w2`` (b, d) with out = a·b and in = c·d.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Literal

import torch

from . import components as c
from .checkpoints import save_tensors
from .flux import flux_to_bfl
from .ldm import StateDict, unet_to_ldm

LoraStyle = Literal["kohya", "peft", "loha", "lokr"]
LoraBase = Literal["sd-1", "sd-2", "sdxl", "flux"]
_UNET_TARGET = re.compile(r".*attn[12]\.(to_q|to_k|to_v|to_out\.0)")
_TEXT_TARGET = re.compile(r".*self_attn\.(q_proj|k_proj|v_proj|out_proj)")
_FLUX_TARGET = re.compile(r".*attn\.(to_q|to_k|to_v|to_out\.0|add_q_proj|add_k_proj|add_v_proj|to_add_out)")
_BFL_TARGET = re.compile(r"(double_blocks\.\d+\.(img|txt)_attn\.(qkv|proj)|single_blocks\.\d+\.linear[12])")
Target = tuple[str, str, int, int]  # (kohya name, peft name, out features, in features)


def _linears(module: torch.nn.Module, pattern: re.Pattern[str]) -> Iterator[tuple[str, int, int]]:
    for name, layer in module.named_modules():
        if isinstance(layer, torch.nn.Linear) and pattern.fullmatch(name):
            yield name, layer.out_features, layer.in_features


def _text_targets(width: int, kohya_prefix: str, peft_prefix: str) -> list[Target]:
    with torch.device("meta"):
        model = c.clip_text_projected() if peft_prefix == "text_encoder_2" else c.clip_text(width)
    return [
        (
            f"{kohya_prefix}_text_model_{n.removeprefix('text_model.').replace('.', '_')}",
            f"{peft_prefix}.{n}",
            o,
            i,
        )
        for n, o, i in _linears(model, _TEXT_TARGET)
    ]


def _unet_targets(base: LoraBase) -> list[Target]:
    with torch.device("meta"):
        unet = (
            c.sdxl_unet()
            if base == "sdxl"
            else c.sd_unet(c.SD2_TEXT_WIDTH if base == "sd-2" else c.SD1_TEXT_WIDTH)
        )
    targets = []
    for name, out_f, in_f in _linears(unet, _UNET_TARGET):
        kohya = name
        if base == "sdxl":  # kohya's SDXL LoRAs use the original block names
            fake = {f"{name}.weight": torch.empty(0)}
            kohya = next(iter(unet_to_ldm(fake, unet.config))).removesuffix(".weight")
        targets.append((f"lora_unet_{kohya.replace('.', '_')}", f"unet.{name}", out_f, in_f))
    return targets


def _flux_targets(style: LoraStyle) -> list[Target]:
    with torch.device("meta"):
        model = c.flux_transformer(guidance=True)
    if style == "peft":
        return [("", f"transformer.{n}", o, i) for n, o, i in _linears(model, _FLUX_TARGET)]
    bfl = flux_to_bfl(model.state_dict())
    return [
        (f"lora_unet_{k.removesuffix('.weight').replace('.', '_')}", "", v.shape[0], v.shape[1])
        for k, v in bfl.items()
        if k.endswith(".weight") and _BFL_TARGET.fullmatch(k.removesuffix(".weight"))
    ]


def lora_targets(base: LoraBase, style: LoraStyle) -> list[Target]:
    """Every layer a LoRA of ``base`` adapts: UNet/transformer attention and text-encoder attention."""
    if base == "flux":
        return _flux_targets(style)
    targets = _unet_targets(base)
    if base == "sdxl":
        targets += _text_targets(c.SD1_TEXT_WIDTH, "lora_te1", "text_encoder")
        targets += _text_targets(c.SDXL_G_WIDTH, "lora_te2", "text_encoder_2")
    else:
        width = c.SD2_TEXT_WIDTH if base == "sd-2" else c.SD1_TEXT_WIDTH
        targets += _text_targets(width, "lora_te", "text_encoder")
    return targets


def _factor(dim: int) -> int:
    """The largest divisor of ``dim`` up to 8 (LyCORIS splits each side into a small and a large factor)."""
    return max(f for f in range(1, 9) if dim % f == 0)


def _tensors(style: LoraStyle, target: Target, rank: int, gen: torch.Generator) -> StateDict:
    kohya, peft, out_f, in_f = target

    def rnd(*shape: int) -> torch.Tensor:
        return torch.randn(*shape, generator=gen) * 0.01

    alpha = {f"{kohya}.alpha": torch.tensor(float(rank))}
    if style == "peft":
        return {f"{peft}.lora_A.weight": rnd(rank, in_f), f"{peft}.lora_B.weight": rnd(out_f, rank)}
    if style == "kohya":
        return {
            f"{kohya}.lora_down.weight": rnd(rank, in_f),
            f"{kohya}.lora_up.weight": rnd(out_f, rank),
            **alpha,
        }
    if style == "loha":
        names = ("hada_w1_a", "hada_w1_b", "hada_w2_a", "hada_w2_b")
        shapes = ((out_f, rank), (rank, in_f), (out_f, rank), (rank, in_f))
        return {**{f"{kohya}.{n}": rnd(*s) for n, s in zip(names, shapes, strict=True)}, **alpha}
    a, c_ = _factor(out_f), _factor(in_f)
    return {f"{kohya}.lokr_w1": rnd(a, c_), f"{kohya}.lokr_w2": rnd(out_f // a, in_f // c_), **alpha}


def write_lora(
    path: Path, *, style: LoraStyle = "kohya", base: LoraBase = "sd-1", rank: int = 4, seed: int = 0
) -> Path:
    """A LoRA (or LyCORIS LoHa/LoKr) file for ``base`` in ``style``; ``.safetensors`` or a pickle."""
    gen = torch.Generator().manual_seed(seed)
    state: StateDict = {}
    for target in lora_targets(base, style):
        state.update(_tensors(style, target, rank, gen))
    module = "networks.lora" if style in ("kohya", "peft") else "lycoris.kohya"
    metadata = {"ss_network_module": module, "ss_network_dim": str(rank), "ss_network_alpha": str(rank)}
    if style in ("loha", "lokr"):
        metadata["ss_network_args"] = f'{{"algo": "{style}"}}'
    return save_tensors(path, state, metadata=metadata)


FluxLoraStyle = Literal["peft", "kohya", "xlabs"]


def _flux_lora_targets(state: Mapping[str, torch.Tensor], style: FluxLoraStyle) -> list[tuple[str, int, int]]:
    """(key stem, out features, in features) of every adapted layer, named in ``style``."""
    if style == "peft":
        stems = [k.removesuffix(".weight") for k in state if k.endswith(".weight")]
        return [
            (f"transformer.{s}", *state[f"{s}.weight"].shape)
            for s in stems
            if _FLUX_TARGET.fullmatch(s) and state[f"{s}.weight"].ndim == 2
        ]
    bfl = flux_to_bfl(state)
    modules = [k.removesuffix(".weight") for k in bfl if k.endswith(".weight")]
    if style == "kohya":
        return [
            (f"lora_unet_{m.replace('.', '_')}", *bfl[f"{m}.weight"].shape)
            for m in modules
            if _BFL_TARGET.fullmatch(m)
        ]
    xlabs = {"img_attn.qkv": "qkv_lora1", "img_attn.proj": "proj_lora1"}
    xlabs |= {"txt_attn.qkv": "qkv_lora2", "txt_attn.proj": "proj_lora2"}
    targets = []
    for module in modules:
        block, _, layer = module.partition(".")[2].partition(".")
        if module.startswith("double_blocks.") and layer in xlabs:
            out_f, in_f = bfl[f"{module}.weight"].shape
            targets.append((f"double_blocks.{block}.processor.{xlabs[layer]}", out_f, in_f))
    return targets


def write_flux_lora(
    path: Path,
    transformer: torch.nn.Module | Mapping[str, torch.Tensor],
    *,
    style: FluxLoraStyle = "peft",
    rank: int = 4,
    seed: int = 0,
) -> Path:
    """A LoRA for a diffusers ``FluxTransformer2DModel`` (or its state dict) in diffusers/PEFT
    (``transformer.<module>.lora_A/B``), kohya (BFL names, ``lora_down/up`` + ``alpha``) or XLabs
    (``double_blocks.N.processor.qkv_lora1.down/up``: lora1 the image stream, lora2 the text) layout."""
    state = transformer.state_dict() if isinstance(transformer, torch.nn.Module) else transformer
    gen = torch.Generator().manual_seed(seed)
    tensors: StateDict = {}
    names = {"peft": ("lora_A", "lora_B"), "kohya": ("lora_down", "lora_up"), "xlabs": ("down", "up")}[style]
    for stem, out_f, in_f in _flux_lora_targets(state, style):
        tensors[f"{stem}.{names[0]}.weight"] = torch.randn(rank, in_f, generator=gen) * 0.01
        tensors[f"{stem}.{names[1]}.weight"] = torch.randn(out_f, rank, generator=gen) * 0.01
        if style == "kohya":
            tensors[f"{stem}.alpha"] = torch.tensor(float(rank))
    return save_tensors(Path(path), tensors)
