"""Tiny IP-Adapters that fit the factory's UNets, and CLIP-vision image encoders to go with them.

The adapter is written in the original single-file layout (``image_proj.*`` + ``ip_adapter.N.to_k_ip`` /
``to_v_ip``, N = 2i + 1 for the i-th cross-attention layer of ``unet.attn_processors``), in the three
projection layouts: plain (linear to tokens), plus (perceiver resampler with 64-wide heads, as released)
and full-face (MLP over the hidden states). The encoder is a transformers
``CLIPVisionModelWithProjection`` folder. Weights are random but large enough to change the image.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import torch

from . import components as c
from .checkpoints import save_tensors

ProjectionKind = Literal["plain", "plus", "full"]
ENCODER_HIDDEN = 64
ENCODER_PROJECTION = 48
ENCODER_IMAGE_SIZE = 32
_TOKENS = 4
_RESAMPLER_WIDTH = 64  # one 64-wide head
_RESAMPLER_DEPTH = 4  # as released (diffusers' converter assumes it)


def clip_vision_encoder(*, hidden: int = ENCODER_HIDDEN, projection: int = ENCODER_PROJECTION) -> Any:
    """A seeded tiny ``CLIPVisionModelWithProjection`` (32 px images, 8 px patches → 17 positions)."""
    from transformers import CLIPVisionConfig, CLIPVisionModelWithProjection

    c.seeded(19)
    config = CLIPVisionConfig(
        hidden_size=hidden, intermediate_size=37, projection_dim=projection, num_hidden_layers=2,
        num_attention_heads=2, image_size=ENCODER_IMAGE_SIZE, patch_size=8,
    )  # fmt: skip
    return CLIPVisionModelWithProjection(config).eval()  # type: ignore[no-untyped-call]


def write_image_encoder(folder: Path, **sizes: int) -> Path:
    """The encoder of :func:`clip_vision_encoder` saved as a transformers folder."""
    clip_vision_encoder(**sizes).save_pretrained(Path(folder))
    return Path(folder)


def cross_attention_layers(unet: Any) -> list[tuple[int, int]]:
    """(channels, context width) of each cross-attention layer, in ``attn_processors`` order."""
    modules = dict(unet.named_modules())
    names = [n.removesuffix(".processor") for n in unet.attn_processors if not n.endswith("attn1.processor")]
    return [(modules[n].to_k.out_features, modules[n].to_k.in_features) for n in names]


def ip_adapter_state(unet: Any, kind: ProjectionKind = "plain", seed: int = 0) -> dict[str, torch.Tensor]:
    """An adapter for ``unet`` whose projection takes the factory encoder's outputs."""
    gen = torch.Generator().manual_seed(seed)

    def rand(*shape: int, scale: float = 0.2) -> torch.Tensor:
        return torch.randn(*shape, generator=gen) * scale

    layers = cross_attention_layers(unet)
    width = layers[0][1]
    state = {f"image_proj.{k}": v for k, v in _projection(kind, width, rand).items()}
    for i, (channels, context) in enumerate(layers):
        state[f"ip_adapter.{2 * i + 1}.to_k_ip.weight"] = rand(channels, context, scale=0.1)
        state[f"ip_adapter.{2 * i + 1}.to_v_ip.weight"] = rand(channels, context, scale=0.1)
    return state


def _projection(kind: ProjectionKind, width: int, rand: Any) -> dict[str, torch.Tensor]:
    def norm(prefix: str, size: int) -> dict[str, torch.Tensor]:
        return {f"{prefix}.weight": 1 + rand(size), f"{prefix}.bias": rand(size)}

    if kind == "plain":
        proj = {"proj.weight": rand(_TOKENS * width, ENCODER_PROJECTION), "proj.bias": rand(_TOKENS * width)}
        return {**proj, **norm("norm", width)}
    if kind == "full":
        hidden = ENCODER_HIDDEN
        return {
            "proj.0.weight": rand(hidden, hidden), "proj.0.bias": rand(hidden),
            "proj.2.weight": rand(width, hidden), "proj.2.bias": rand(width), **norm("proj.3", width),
        }  # fmt: skip
    inner = _RESAMPLER_WIDTH
    state = {
        "latents": rand(1, _TOKENS, inner, scale=1.0),
        "proj_in.weight": rand(inner, ENCODER_HIDDEN), "proj_in.bias": rand(inner),
        "proj_out.weight": rand(width, inner), "proj_out.bias": rand(width), **norm("norm_out", width),
    }  # fmt: skip
    for layer in range(_RESAMPLER_DEPTH):
        block = f"layers.{layer}"
        state |= {
            **norm(f"{block}.0.norm1", inner), **norm(f"{block}.0.norm2", inner),
            f"{block}.0.to_q.weight": rand(inner, inner), f"{block}.0.to_kv.weight": rand(2 * inner, inner),
            f"{block}.0.to_out.weight": rand(inner, inner), **norm(f"{block}.1.0", inner),
            f"{block}.1.1.weight": rand(4 * inner, inner), f"{block}.1.3.weight": rand(inner, 4 * inner),
        }  # fmt: skip
    return state


def write_ip_adapter_for(path: Path, unet: Any, kind: ProjectionKind = "plain", seed: int = 0) -> Path:
    """:func:`ip_adapter_state` saved as one safetensors file, as the released adapters are."""
    return save_tensors(Path(path), ip_adapter_state(unet, kind, seed))


def adapter_parts(state: dict[str, torch.Tensor]) -> dict[str, dict[str, torch.Tensor]]:
    """A flat adapter state split as the loader splits it: ``{"image_proj": ..., "ip_adapter": ...}``."""
    parts: dict[str, dict[str, torch.Tensor]] = {"image_proj": {}, "ip_adapter": {}}
    for key, tensor in state.items():
        group, _, rest = key.partition(".")
        parts[group][rest] = tensor
    return parts


def write_invokeai_ip_adapter(
    folder: Path,
    unet: Any,
    kind: ProjectionKind = "plain",
    seed: int = 0,
    *,
    weights: Literal["bin", "safetensors"] = "bin",
    encoder_id: str = "InvokeAI/ip_adapter_sd_image_encoder",
) -> Path:
    """:func:`ip_adapter_state` in InvokeAI's folder layout: ``ip_adapter.bin`` (a pickled nested
    ``{"image_proj": ..., "ip_adapter": ...}`` dict, as InvokeAI converts them) or
    ``ip_adapter.safetensors`` (flat keys), beside ``image_encoder.txt`` naming the encoder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    state = ip_adapter_state(unet, kind, seed)
    if weights == "bin":
        torch.save(adapter_parts(state), folder / "ip_adapter.bin")
    else:
        save_tensors(folder / "ip_adapter.safetensors", state)
    (folder / "image_encoder.txt").write_text(encoder_id + "\n", encoding="utf-8")
    return folder
