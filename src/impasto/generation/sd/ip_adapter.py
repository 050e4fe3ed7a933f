"""IP-Adapters: reference images steering the UNet through decoupled cross-attention.

Each adapter's reference images are encoded once per run by its CLIP-vision model and projected to a few
tokens each (see :mod:`.ip_projection`); several images of one adapter are used together, their tokens
side by side in one sequence (as diffusers does with a list of images for one adapter). Every selected
cross-attention layer of the UNet then attends to those tokens with the adapter's own key/value
projections (``to_k_ip`` / ``to_v_ip``, from the layer's query) and adds the result, times the adapter's
weight and optional region mask, to the text attention before the output projection. Layers are numbered
as the original files number them: the i-th cross-attention processor of ``unet.attn_processors`` holds
``ip_adapter.{2i+1}``.

``method`` picks the layers as InvokeAI's reference images do: SDXL style = ``up_blocks.0.attentions.1``,
composition = ``down_blocks.2.attentions.1``; SD 1.x/2.x style = ``up_blocks.1``, composition =
``down_blocks.2`` and ``mid_block``; full = every cross-attention layer.

Plugging in: :func:`ip_adapter_attention` swaps the selected layers' processors for the run and restores
them after; the returned :class:`IPAdapterExtension` is told each step by the loop and switches adapters
on and off by their step window (the same rule as control units).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

import torch
import torch.nn.functional as F  # noqa: N812
from PIL import Image

from impasto.errors import InvalidInputError
from impasto.generation.sd.control import active
from impasto.generation.sd.ip_projection import ImageProjection, build_projection

IPAdapterMethod = Literal["full", "style", "composition"]
_TARGETS: dict[tuple[bool, str], tuple[str, ...]] = {
    (True, "style"): ("up_blocks.0.attentions.1",),
    (True, "composition"): ("down_blocks.2.attentions.1",),
    (False, "style"): ("up_blocks.1",),
    (False, "composition"): ("down_blocks.2", "mid_block"),
}
CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


@dataclass
class IPAdapterUnit:
    """One adapter in a run: its image tokens, layer weights and when, where and how strongly it applies."""

    tokens: torch.Tensor  # (2, N*T, D): [unconditional, conditional] tokens of its N images
    layers: dict[int, tuple[torch.Tensor, torch.Tensor]]  # ip index → (to_k_ip, to_v_ip) weights
    weight: float
    begin: float = 0.0
    end: float = 1.0
    method: IPAdapterMethod = "full"
    mask: torch.Tensor | None = None  # (1, 1, h, w) at latent size, 1 = apply
    active: bool = True
    _masks: dict[int, torch.Tensor] = field(default_factory=dict)

    def mask_for(self, length: int, latent_size: tuple[int, int]) -> torch.Tensor | None:
        """The mask resized to a layer's (h, w) feature map, flattened to (1, h*w, 1)."""
        if self.mask is None:
            return None
        if length not in self._masks:
            size = feature_size(length, latent_size)
            resized = F.interpolate(self.mask, size=size, mode="area")
            self._masks[length] = resized.flatten(2).transpose(1, 2)
        return self._masks[length]


def feature_size(length: int, latent_size: tuple[int, int]) -> tuple[int, int]:
    """The (h, w) of a layer's feature map with ``length`` positions: the latents halved (rounding up, as
    stride-2 convolutions do) until the count matches."""
    height, width = latent_size
    while height * width > length:
        height, width = math.ceil(height / 2), math.ceil(width / 2)
    if height * width != length:
        raise InvalidInputError(f"no downscale of latents {latent_size} has {length} positions for the mask")
    return height, width


def mask_tensor(mask: Image.Image) -> torch.Tensor:
    """A mask image's luminance as (1, 1, H, W) in [0, 1] (white = apply)."""
    gray = mask.convert("L")
    values = torch.frombuffer(bytearray(gray.tobytes()), dtype=torch.uint8).float() / 255
    return values.view(1, 1, gray.height, gray.width)


def clip_pixels(image: Image.Image, size: int) -> torch.Tensor:
    """CLIP's preprocessing: shortest side to ``size`` (bicubic), centre crop, normalise → (1, 3, s, s)."""
    rgb = image.convert("RGB")
    scale = size / min(rgb.size)
    resized = rgb.resize((round(rgb.width * scale), round(rgb.height * scale)), Image.Resampling.BICUBIC)
    left, top = (resized.width - size) // 2, (resized.height - size) // 2
    cropped = resized.crop((left, top, left + size, top + size))
    pixels = torch.frombuffer(bytearray(cropped.tobytes()), dtype=torch.uint8).float() / 255
    pixels = pixels.view(size, size, 3).permute(2, 0, 1)
    mean, std = torch.tensor(CLIP_MEAN).view(3, 1, 1), torch.tensor(CLIP_STD).view(3, 1, 1)
    return ((pixels - mean) / std).unsqueeze(0)


def image_tokens(
    projection: ImageProjection, encoder: Any, pixels: torch.Tensor
) -> torch.Tensor:  # (2, N*T, D)
    """[unconditional, conditional] tokens of N images (``pixels``: (N, 3, s, s)), each image's T tokens
    one after the other: plain adapters project zero embeds as the unconditional side, hidden-state
    adapters the encoding of an all-zero image (as the reference implementation)."""
    with torch.no_grad():
        if projection.uses_hidden_states:
            both = torch.cat([torch.zeros_like(pixels), pixels])
            features = encoder(both, output_hidden_states=True).hidden_states[-2]
        else:
            embeds = encoder(pixels).image_embeds
            features = torch.cat([torch.zeros_like(embeds), embeds])
        dtype = next(projection.module.parameters()).dtype
        tokens: torch.Tensor = projection.module(features.to(dtype))  # (2N, T, D)
    return tokens.reshape(2, -1, tokens.shape[-1])


def make_unit(
    parts: dict[str, dict[str, torch.Tensor]],
    encoder: Any,
    images: Image.Image | Sequence[Image.Image],
    *,
    device: torch.device,
    dtype: torch.dtype,
    **settings: Any,
) -> IPAdapterUnit:
    """An adapter ready for a run: its image (or images, used together) encoded and projected, the
    attention weights on ``device``."""
    listed = [images] if isinstance(images, Image.Image) else list(images)
    if not listed:
        raise InvalidInputError("an IP-Adapter needs at least one reference image")
    projection = build_projection(parts["image_proj"])
    projection.module.to(device=device, dtype=dtype)
    encoder_dtype = next(encoder.parameters()).dtype
    size = int(encoder.config.image_size)
    pixels = torch.cat([clip_pixels(image, size) for image in listed]).to(device=device, dtype=encoder_dtype)
    _check_encoder(projection, encoder)
    tokens = image_tokens(projection, encoder, pixels).to(dtype)
    layers: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}
    for key, tensor in parts["ip_adapter"].items():
        index, name, _ = key.split(".", 2)
        pair = layers.get(int(index), (tensor, tensor))
        moved = tensor.to(device=device, dtype=dtype)
        layers[int(index)] = (moved, pair[1]) if name == "to_k_ip" else (pair[0], moved)
    return IPAdapterUnit(tokens, layers, **settings)


def _check_encoder(projection: ImageProjection, encoder: Any) -> None:
    config = encoder.config
    width = config.hidden_size if projection.uses_hidden_states else getattr(config, "projection_dim", None)
    if width != projection.input_width:
        what = "hidden states" if projection.uses_hidden_states else "image embeddings"
        raise InvalidInputError(
            f"this IP-Adapter ({projection.kind}) takes {projection.input_width}-wide {what} but the image "
            f"encoder gives {width}-wide ones; choose the encoder the adapter was trained with "
            "(ViT-H or ViT-bigG)"
        )


class IPAdapterExtension:
    """Per-step switch for the adapters of a run (the loop calls :meth:`before_step`)."""

    def __init__(self, units: list[IPAdapterUnit]) -> None:
        self.units = units

    def before_step(self, position: tuple[int, int]) -> None:
        for unit in self.units:
            unit.active = active(unit.begin, unit.end, position)


def target_layers(names: list[str], method: IPAdapterMethod, sdxl: bool) -> set[str]:
    """The cross-attention processor names ``method`` selects."""
    if method == "full":
        return set(names)
    prefixes = _TARGETS[(sdxl, method)]
    return {name for name in names if any(name.startswith(p + ".") for p in prefixes)}


@contextmanager
def ip_adapter_attention(
    unet: Any, units: list[IPAdapterUnit], latent_size: tuple[int, int], *, sdxl: bool
) -> Iterator[IPAdapterExtension]:
    """The UNet with IP-Adapter attention on its cross-attention layers, for the block only."""
    original = dict(unet.attn_processors)
    cross = [name for name in original if not name.endswith("attn1.processor")]
    _check_layers(units, unet, cross)
    replaced = dict(original)
    for position, name in enumerate(cross):
        users = [
            (unit, 2 * position + 1) for unit in units if name in target_layers(cross, unit.method, sdxl)
        ]
        if users:
            replaced[name] = IPAdapterAttnProcessor(original[name], users, latent_size)
    if not any(isinstance(p, IPAdapterAttnProcessor) for p in replaced.values()):
        methods = ", ".join(sorted({unit.method for unit in units}))
        raise InvalidInputError(f"IP-Adapter method {methods} selects no attention layer of this UNet")
    unet.set_attn_processor(replaced)
    try:
        yield IPAdapterExtension(units)
    finally:
        unet.set_attn_processor(original)


def _check_layers(units: list[IPAdapterUnit], unet: Any, cross: list[str]) -> None:
    expected = {2 * i + 1 for i in range(len(cross))}
    for unit in units:
        if set(unit.layers) != expected:
            raise InvalidInputError(
                f"the IP-Adapter has attention weights for {len(unit.layers)} layers but this UNet has "
                f"{len(cross)} cross-attention layers; was it made for another base model?"
            )
    modules = dict(unet.named_modules())
    for i, name in enumerate(cross):
        attention = modules[name.removesuffix(".processor")]
        key = units[0].layers[2 * i + 1][0] if units else None
        if key is not None and tuple(key.shape) != (attention.to_k.out_features, attention.to_k.in_features):
            raise InvalidInputError(
                f"the IP-Adapter's layer {2 * i + 1} has shape {tuple(key.shape)} but the UNet's {name} "
                f"needs {(attention.to_k.out_features, attention.to_k.in_features)}"
            )


class IPAdapterAttnProcessor:
    """Cross-attention plus the image attention of the adapters active at this step.

    Without an active adapter the layer's own processor runs, so inactive steps are exactly the plain UNet.
    """

    def __init__(
        self, fallback: Any, users: list[tuple[IPAdapterUnit, int]], latent_size: tuple[int, int]
    ) -> None:
        self.fallback = fallback
        self.users = users
        self.latent_size = latent_size

    def __call__(
        self,
        attn: Any,
        hidden_states: torch.Tensor,
        encoder_hidden_states: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
        temb: torch.Tensor | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> torch.Tensor:
        running = [(unit, index) for unit, index in self.users if unit.active and unit.weight != 0]
        if not running or encoder_hidden_states is None:
            result: torch.Tensor = self.fallback(
                attn, hidden_states, encoder_hidden_states, attention_mask, temb, *args, **kwargs
            )
            return result
        return self._attend(attn, hidden_states, encoder_hidden_states, attention_mask, temb, running)

    def _attend(
        self,
        attn: Any,
        hidden_states: torch.Tensor,
        context: torch.Tensor,
        attention_mask: torch.Tensor | None,
        temb: torch.Tensor | None,
        running: list[tuple[IPAdapterUnit, int]],
    ) -> torch.Tensor:
        residual = hidden_states
        if attn.spatial_norm is not None:
            hidden_states = attn.spatial_norm(hidden_states, temb)
        spatial = hidden_states.ndim == 4
        if spatial:
            batch, channels, height, width = hidden_states.shape
            hidden_states = hidden_states.view(batch, channels, height * width).transpose(1, 2)
        batch, length = context.shape[0], context.shape[1]
        if attention_mask is not None:
            attention_mask = attn.prepare_attention_mask(attention_mask, length, batch)
            attention_mask = attention_mask.view(batch, attn.heads, -1, attention_mask.shape[-1])
        if attn.group_norm is not None:
            hidden_states = attn.group_norm(hidden_states.transpose(1, 2)).transpose(1, 2)
        query = attn.to_q(hidden_states)
        if attn.norm_cross:
            context = attn.norm_encoder_hidden_states(context)
        heads = attn.heads
        query_h = _split_heads(query, heads)
        out = _joined(
            F.scaled_dot_product_attention(
                query_h, _split_heads(attn.to_k(context), heads), _split_heads(attn.to_v(context), heads),
                attn_mask=attention_mask, dropout_p=0.0, is_causal=False,
            )
        ).to(query.dtype)  # fmt: skip
        for unit, index in running:
            out = out + self._image_attention(unit, index, query_h, heads)
        out = attn.to_out[1](attn.to_out[0](out))
        if spatial:
            out = out.transpose(-1, -2).reshape(batch, channels, height, width)
        if attn.residual_connection:
            out = out + residual
        return out / attn.rescale_output_factor  # type: ignore[no-any-return]

    def _image_attention(
        self, unit: IPAdapterUnit, index: int, query: torch.Tensor, heads: int
    ) -> torch.Tensor:  # (B, N, C)
        batch = query.shape[0]
        tokens = unit.tokens if batch == 2 else unit.tokens[1:]
        if tokens.shape[0] != batch:
            raise InvalidInputError(f"IP-Adapter attention expects a batch of 1 or 2, got {batch}")
        key_weight, value_weight = unit.layers[index]
        key = _split_heads(F.linear(tokens, key_weight), heads)
        value = _split_heads(F.linear(tokens, value_weight), heads)
        image = _joined(F.scaled_dot_product_attention(query, key, value, dropout_p=0.0, is_causal=False))
        image = image.to(query.dtype)
        mask = unit.mask_for(image.shape[1], self.latent_size)
        if mask is not None:
            image = image * mask.to(image.dtype)
        return unit.weight * image


def _split_heads(x: torch.Tensor, heads: int) -> torch.Tensor:  # (B, L, C) → (B, heads, L, C/heads)
    return x.view(x.shape[0], -1, heads, x.shape[-1] // heads).transpose(1, 2)


def _joined(x: torch.Tensor) -> torch.Tensor:  # (B, heads, L, d) → (B, L, heads*d)
    return x.transpose(1, 2).reshape(x.shape[0], -1, x.shape[1] * x.shape[3])
