"""How much working memory a model needs at an image size, estimated from its configuration.

Working memory is what a pass allocates besides the weights: the activations of a UNet step, of a VAE
encode or decode. It grows with the pixel count (attention runs in memory-efficient kernels, linear in
the number of tokens), so it is estimated level by level from the ``config.json`` of the UNet or VAE
(a few hundred bytes, read without torch):

- a UNet keeps the skip connections of its down path until the up path uses them, and at each level
  works on a few tensors as wide as the level's widest input (the concatenation on the way up) or, where
  it has attention, on the feed-forward layer's eight-fold width;
- a VAE decoder peaks at the full-resolution levels: a few tensors as wide as the widest channel count
  there; an encoder the same on the way down. Tiled passes decode one tile at a time and keep the tiles'
  pixels until they are blended.

The constants were measured with PyTorch's CPU allocator on the shipped SD 1.5 configs and the demo model
(peak resident memory of one pass) and rounded up; CUDA kernels use about the same or less. The estimates
are meant to refuse what cannot fit and to choose tiling, not to plan to the megabyte.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from impasto.models.configs import config_folder, config_name_for
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import ModelFormat, ModelType

UNET_RESNET_WIDTHS = 8
"""Live tensors of a UNet level's widest resnet input, per pixel (input, norms, conv outputs)."""
UNET_ATTENTION_WIDTHS = 16
"""Live tensors of a transformer block, in channels of its level (the feed-forward layer is 8x wide)."""
VAE_WIDTHS = 4
"""Live tensors of a VAE level's widest channel count, per pixel."""
IMAGE_FLOATS = 3 * 3
"""Float copies of an RGB image a VAE pass keeps around it (input or output, clamped, converted)."""
TILE_OVERLAP = 0.25
"""diffusers' overlap of VAE tiles (``tile_overlap_factor``)."""
CFG_BATCH = 2
"""Classifier-free guidance runs the UNet on the prompt and the negative prompt at once."""
UPSCALER_FEATURES = 192
"""Channels an ESRGAN-style upscaler's body works with at the input size (64 features, dense growth)."""
UPSCALER_OUTPUT_FEATURES = 64
"""Channels of its upsampling layers at the output size."""
UPSCALE_RESULT_BYTES = 40
"""Bytes per output pixel of an upscale's assembly: float32 sums, weights, the quotient and its clip."""
WORKSPACE_BYTES = 128 * 1024**2
"""What a pass allocates whatever the size (library workspaces, small buffers)."""


def dtype_bytes(precision: str, device_type: str) -> int:
    """Bytes per value the weights compute in: ``auto`` is half precision on CUDA, float32 elsewhere."""
    if precision in ("float16", "bfloat16"):
        return 2
    if precision == "auto" and device_type == "cuda":
        return 2
    return 4


def vae_dtype_bytes(config: Mapping[str, Any], precision: str, device_type: str) -> int:
    """The VAE runs in float32 on the CPU and when its config says half precision overflows."""
    compute = dtype_bytes(precision, device_type)
    if device_type == "cpu" or config.get("force_upcast"):
        return 4
    return compute


def _levels(config: Mapping[str, Any]) -> list[int]:
    channels = config.get("block_out_channels")
    if not isinstance(channels, Sequence) or not channels:
        raise ValueError("the model's config has no block_out_channels")
    return [int(c) for c in channels]


def _per_level(value: Any, count: int, default: int) -> list[int]:
    if isinstance(value, int):
        return [value] * count
    if isinstance(value, Sequence) and len(value) == count:
        return [int(v) if isinstance(v, int) else default for v in value]
    return [default] * count


def _tokens(width: int, height: int, level: int) -> int:
    step: int = 2**level
    return math.ceil(width / step) * math.ceil(height / step)


def unet_bytes(
    config: Mapping[str, Any], latent_width: int, latent_height: int, *, value_bytes: int, batch: int
) -> int:
    """Working memory of one UNet step on latents of ``latent_width`` x ``latent_height`` (batch: 2 with
    classifier-free guidance)."""
    channels = _levels(config)
    count = len(channels)
    layers = _per_level(config.get("layers_per_block", 2), count, 2)
    attention = _attention_levels(config, count)
    tokens = [_tokens(latent_width, latent_height, level) for level in range(count)]
    skips = channels[0] * tokens[0]
    peak = 0
    for level, (width, size) in enumerate(zip(channels, tokens, strict=True)):
        deeper = channels[min(level + 1, count - 1)]
        skips += layers[level] * width * size + (width * tokens[level + 1] if level + 1 < count else 0)
        working = UNET_RESNET_WIDTHS * (deeper + width)
        if attention[level]:
            working = max(working, UNET_ATTENTION_WIDTHS * width)
        peak = max(peak, working * size)
    return (skips + peak) * batch * value_bytes + WORKSPACE_BYTES


def _attention_levels(config: Mapping[str, Any], count: int) -> list[bool]:
    """Which levels have transformer blocks (the deepest also when the mid block has attention)."""
    types = [str(t) for t in config.get("down_block_types") or ()]
    levels = [level < len(types) and "Attn" in types[level] for level in range(count)]
    levels[-1] = levels[-1] or "Attn" in str(config.get("mid_block_type") or "CrossAttn")
    return levels


def vae_decode_bytes(config: Mapping[str, Any], width: int, height: int, *, value_bytes: int) -> int:
    """Working memory of decoding latents into a ``width`` x ``height`` image in one go."""
    channels = list(reversed(_levels(config)))
    count = len(channels)
    latent_pixels = _tokens(width, height, count - 1)
    peak = 0
    for level, width_here in enumerate(channels):
        pixels = latent_pixels * 4**level
        incoming = channels[level - 1] if level else width_here
        peak = max(peak, max(incoming, width_here) * pixels)
        if level + 1 < count:
            peak = max(peak, width_here * pixels * 4)  # the upsampled output, before the next level
    return (VAE_WIDTHS * peak + IMAGE_FLOATS * width * height) * value_bytes + WORKSPACE_BYTES


def vae_encode_bytes(config: Mapping[str, Any], width: int, height: int, *, value_bytes: int) -> int:
    """Working memory of encoding a ``width`` x ``height`` image in one go."""
    channels = _levels(config)
    peak = 0
    for level, width_here in enumerate(channels):
        incoming = channels[level - 1] if level else width_here
        peak = max(peak, max(incoming, width_here) * _tokens(width, height, level))
    return (VAE_WIDTHS * peak + IMAGE_FLOATS * width * height) * value_bytes + WORKSPACE_BYTES


def vae_tile_side(config: Mapping[str, Any]) -> int:
    """The side of the pixel tiles diffusers' tiling uses: the VAE's sample size."""
    sample = config.get("sample_size", 512)
    side = sample[0] if isinstance(sample, Sequence) else sample
    return int(side) if isinstance(side, int) and side > 0 else 512


def vae_bytes(
    config: Mapping[str, Any], width: int, height: int, *, value_bytes: int, decode: bool, tiled: bool
) -> int:
    """Working memory of a VAE pass; a tiled pass works on one tile at a time and keeps every tile's
    pixels (with their overlaps) until it blends them."""
    estimate = vae_decode_bytes if decode else vae_encode_bytes
    tile = vae_tile_side(config)
    if not tiled or (width <= tile and height <= tile):
        return estimate(config, width, height, value_bytes=value_bytes)
    overlap = 1 / (1 - TILE_OVERLAP) ** 2
    kept = 3 * width * height * value_bytes * (overlap + 2) if decode else 0
    one_tile = estimate(config, min(tile, width), min(tile, height), value_bytes=value_bytes)
    return int(one_tile + kept + IMAGE_FLOATS * width * height * value_bytes)


def upscale_bytes(width: int, height: int, *, scale: int, tile: int, value_bytes: int) -> int:
    """Working memory of an ESRGAN-style upscaler on a ``width`` x ``height`` image in tiles of ``tile``
    input pixels (0: the whole image), plus the float32 result and blending weights it assembles."""
    tile_width, tile_height = (min(tile, width), min(tile, height)) if tile > 0 else (width, height)
    tile_pixels = tile_width * tile_height
    working = max(UPSCALER_FEATURES * tile_pixels, UPSCALER_OUTPUT_FEATURES * tile_pixels * scale * scale)
    return VAE_WIDTHS * working * value_bytes + UPSCALE_RESULT_BYTES * width * height * scale * scale


def component_config_file(record: ModelRecord, path: Path, component: str) -> Path | None:
    """The ``config.json`` of one component (``unet``, ``vae``) of a main model, or of a standalone model
    of that component's type: its own file, else the shipped architecture's for a single-file checkpoint."""
    if record.format is ModelFormat.DIFFUSERS:
        own = path / component if record.type is ModelType.MAIN else path
        return own / "config.json" if (own / "config.json").is_file() else None
    if record.type is not ModelType.MAIN:
        return None
    configured = record.details.get("config_path")
    name = config_name_for(record.base, record.variant, record.prediction_type)
    folder = Path(configured) if configured else (config_folder(name) if name else None)
    if folder is None or not (folder / component / "config.json").is_file():
        return None
    return folder / component / "config.json"


def read_component_config(record: ModelRecord, path: Path, component: str) -> dict[str, Any] | None:
    """The parsed ``config.json`` of a component (None when there is none or it cannot be read)."""
    found = component_config_file(record, path, component)
    return None if found is None else read_config_file(found)


def read_config_file(path: Path) -> dict[str, Any] | None:
    """A parsed ``config.json``, read once while the file is unchanged (every enqueue asks for them)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    data = _parsed(str(path), stat.st_mtime_ns, stat.st_size)
    return dict(data) if data is not None else None


@functools.lru_cache(maxsize=256)
def _parsed(path: str, _mtime_ns: int, _size: int) -> dict[str, Any] | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None
