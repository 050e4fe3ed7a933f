"""Runs that go through a VAE or its geometry: noise for a model, image → latents, latents → image, and
denoise masks (with the masked image's latents for inpainting models)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PIL import Image

from impasto.generation.runtime import ModelSource, StepHooks, VAESpec, execution_device
from impasto.models.taxonomy import ModelType

if TYPE_CHECKING:
    import torch

DEFAULT_CHANNELS = 4
DEFAULT_FACTOR = 8


@dataclass(frozen=True)
class LatentGeometry:
    """How a VAE's latents relate to pixels: channels and the downscale factor."""

    channels: int = DEFAULT_CHANNELS
    factor: int = DEFAULT_FACTOR


def vae_geometry(models: ModelSource | None, vae: VAESpec | None) -> LatentGeometry:
    """The latent geometry of a VAE (Stable Diffusion's when none is given)."""
    from impasto.generation.vae import latent_channels, vae_scale_factor

    if vae is None or models is None:
        return LatentGeometry()
    _check_vae(models, vae)
    model = models.load(vae.vae.key, vae.vae.submodel).model
    return LatentGeometry(latent_channels(model), vae_scale_factor(model))


def _check_vae(models: ModelSource, vae: VAESpec) -> None:
    from impasto.generation.runtime import ModelMismatchError

    record = models.record(vae.vae.key)
    expected = ModelType.MAIN if vae.vae.submodel else ModelType.VAE
    if record.type != expected:
        raise ModelMismatchError(f"{record.name!r} is a {record.type} model, not a VAE or a main model")


def run_noise(
    models: ModelSource | None,
    vae: VAESpec | None,
    *,
    seed: int,
    width: int,
    height: int,
    precision: str,
    device: str,
) -> tuple[torch.Tensor, LatentGeometry]:
    """Seeded noise for a ``width`` x ``height`` image, in the execution dtype (InvokeAI's convention)."""
    from impasto.generation.noise import make_noise
    from impasto.models.cache.devices import resolve_device, resolve_dtype

    geometry = vae_geometry(models, vae)
    dtype = resolve_dtype(precision, resolve_device(device))
    noise = make_noise(
        seed, width=width, height=height, channels=geometry.channels, factor=geometry.factor, dtype=dtype
    )
    return noise, geometry


def run_encode(
    models: ModelSource, vae: VAESpec, image: Image.Image, *, tiled: bool, fp32: bool, hooks: StepHooks
) -> torch.Tensor:
    """The latents (1, C, H/f, W/f) of an image, on the CPU."""
    from impasto.generation.vae import image_to_tensor

    return encode_tensor(models, vae, image_to_tensor(image), tiled=tiled, fp32=fp32, hooks=hooks)


def encode_tensor(
    models: ModelSource, vae: VAESpec, image: torch.Tensor, *, tiled: bool, fp32: bool, hooks: StepHooks
) -> torch.Tensor:
    """The latents of a (1, 3, H, W) image tensor in [-1, 1], on the CPU."""
    from impasto.generation.memory import out_of_memory_guard
    from impasto.generation.vae import encode

    _check_vae(models, vae)
    with out_of_memory_guard("encoding an image") as guard:
        loaded = guard.track(models.load(vae.vae.key, vae.vae.submodel))
        device = execution_device(loaded, hooks.device)
        size = (int(image.shape[-1]), int(image.shape[-2]))
        with loaded.lock() as model, _ready_vae(
            model, size, vae, decode=False, tiled=tiled, fp32=fp32, device=device, hooks=hooks
        ) as ready:  # fmt: skip
            return encode(ready, image, device).detach().to("cpu")


def run_decode(
    models: ModelSource, vae: VAESpec, latents: torch.Tensor, *, tiled: bool, fp32: bool, hooks: StepHooks
) -> Image.Image:
    """The image latents (1, C, h, w) decode to."""
    from impasto.generation.memory import out_of_memory_guard
    from impasto.generation.vae import decode, tensor_to_image, vae_scale_factor

    _check_vae(models, vae)
    with out_of_memory_guard("decoding latents") as guard:
        loaded = guard.track(models.load(vae.vae.key, vae.vae.submodel))
        _check_latents(latents, loaded.model)
        device = execution_device(loaded, hooks.device)
        factor = vae_scale_factor(loaded.model)
        size = (int(latents.shape[-1]) * factor, int(latents.shape[-2]) * factor)
        with loaded.lock() as model, _ready_vae(
            model, size, vae, decode=True, tiled=tiled, fp32=fp32, device=device, hooks=hooks
        ) as ready:  # fmt: skip
            return tensor_to_image(decode(ready, latents, device))


@contextmanager
def _ready_vae(
    model: Any,
    size: tuple[int, int],
    vae: VAESpec,
    *,
    decode: bool,
    tiled: bool,
    fp32: bool,
    device: torch.device,
    hooks: StepHooks,
) -> Iterator[Any]:
    """The VAE prepared for one pass at ``size`` (width, height), tiled as :func:`use_tiling` decides,
    checking for cancellation in its layers."""
    from impasto.generation.interrupt import interruptible
    from impasto.generation.vae import prepared_vae

    tile = use_tiling(model, size, decode=decode, tiled=tiled, fp32=fp32, device=device, hooks=hooks)
    with prepared_vae(
        model, device=device, fp32=fp32, tiled=tile, seamless_axes=vae.seamless_axes
    ) as ready, interruptible(ready, hooks.check_cancel, size[0] * size[1]):  # fmt: skip
        yield ready


def use_tiling(
    model: Any,
    size: tuple[int, int],
    *,
    decode: bool,
    tiled: bool,
    fp32: bool,
    device: torch.device,
    hooks: StepHooks,
) -> bool:
    """Tile when asked, above ``vae_tile_above_pixels``, or when the pass would not fit in the free memory in
    one go; refuse (:class:`~impasto.models.limits.TooLargeError`) one that would not fit even in tiles."""
    from impasto.generation.memory import check_fits, free_bytes
    from impasto.generation.vae import needs_tiling, needs_upcast
    from impasto.models.footprint import vae_bytes

    width, height = size
    config = dict(model.config)
    value_bytes = 4 if needs_upcast(model, device, fp32) else next(model.parameters()).element_size()
    tile = tiled or needs_tiling(width, height, hooks.vae_tile_above_pixels)
    if not tile:
        whole = vae_bytes(config, width, height, value_bytes=value_bytes, decode=decode, tiled=False)
        tile = whole > free_bytes(device)
    if tile:
        need = vae_bytes(config, width, height, value_bytes=value_bytes, decode=decode, tiled=True)
        verb = "decoding" if decode else "encoding"
        check_fits(need, device, f"{verb} in tiles at", width, height, "make the image smaller")
    return tile


def _check_latents(latents: torch.Tensor, vae: Any) -> None:
    from impasto.errors import InvalidInputError

    channels = int(vae.config.latent_channels)
    if latents.dim() != 4 or latents.shape[1] != channels:
        raise InvalidInputError(
            f"these latents have shape {tuple(latents.shape)}, but this VAE decodes {channels}-channel "
            "latents (1, C, h, w); were they made with another model?"
        )


def run_denoise_mask(
    models: ModelSource,
    mask: Image.Image,
    *,
    image: Image.Image | None,
    vae: VAESpec | None,
    tiled: bool,
    fp32: bool,
    hooks: StepHooks,
) -> dict[str, torch.Tensor]:
    """The stored form of a denoise mask: ``mask`` (1, 1, H, W) and, given the image and a VAE, the
    ``masked_latents`` that inpainting models take."""
    from impasto.errors import InvalidInputError
    from impasto.generation.masks import mask_tensor, masked_image
    from impasto.generation.vae import image_to_tensor

    stored = {"mask": mask_tensor(mask)}
    if image is None or vae is None:
        return stored
    if image.size != mask.size:
        raise InvalidInputError(
            f"the mask is {mask.width}x{mask.height} but the image is {image.width}x{image.height}"
        )
    blanked = masked_image(image_to_tensor(image), stored["mask"])
    stored["masked_latents"] = encode_tensor(models, vae, blanked, tiled=tiled, fp32=fp32, hooks=hooks)
    return stored
