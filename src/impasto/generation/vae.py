"""Images to latents and back through a VAE: scaling, precision, tiling and seamless edges.

Latents are what the UNet works on: the VAE's distribution mean, shifted and scaled
(``(z - shift_factor) * scaling_factor``); decoding undoes that. The mean is used rather than a sample so
that encoding an image is deterministic. The VAE runs in float32 on the CPU (half precision is slow and
lossy there), when asked, or when a half-precision VAE says it must be upcast (the SDXL VAE overflows in
float16); that happens on a temporary float32 copy, never on the cached model. Large images, and those
that would not fit in the free memory in one go, are encoded and decoded in overlapping tiles (diffusers'
tiling, switched on for the run only).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

from PIL import Image

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

TILE_ABOVE_PIXELS = 2048 * 2048
"""Images larger than this are encoded and decoded in tiles unless told otherwise, to bound the VAE's
memory (the default of the ``vae_tile_above_pixels`` setting)."""


def vae_scale_factor(vae: Any) -> int:
    """How many pixels one latent pixel covers along a side: 8 for SD VAEs, 4 for the demo model's."""
    return int(2 ** (len(vae.config.block_out_channels) - 1))


def latent_channels(vae: Any) -> int:
    return int(vae.config.latent_channels)


def image_to_tensor(image: Image.Image) -> torch.Tensor:
    """An image as a (1, 3, H, W) float32 tensor in [-1, 1] (alpha dropped)."""
    import numpy as np
    import torch

    array = np.asarray(image.convert("RGB"), dtype=np.float32) / 127.5 - 1.0
    return torch.from_numpy(array).permute(2, 0, 1).unsqueeze(0)


def tensor_to_image(tensor: torch.Tensor) -> Image.Image:
    """The first image of a (B, 3, H, W) tensor in [-1, 1], as an RGB image."""
    import numpy as np

    array = ((tensor[0].float().clamp(-1, 1) + 1) * 127.5).round().byte().permute(1, 2, 0).cpu().numpy()
    return Image.fromarray(np.ascontiguousarray(array), mode="RGB")


@contextmanager
def prepared_vae(
    vae: Any,
    *,
    device: torch.device,
    fp32: bool,
    tiled: bool,
    seamless_axes: Sequence[str] = (),
) -> Iterator[Any]:
    """The VAE to run for one encode or decode: in float32 if needed, tiling and seamless edges as asked."""
    from impasto.generation.seamless import seamless

    module = float32_copy(vae, device) if needs_upcast(vae, device, fp32) else vae
    previous = getattr(module, "use_tiling", False)
    with ExitStack() as stack:
        stack.enter_context(seamless(module, seamless_axes))
        module.use_tiling = tiled
        try:
            yield module
        finally:
            module.use_tiling = previous


def needs_upcast(vae: Any, device: torch.device, fp32: bool) -> bool:
    """Whether a pass runs on a float32 copy: when asked, on the CPU, or for a float16 VAE that overflows."""
    import torch

    dtype = next(vae.parameters()).dtype
    return dtype != torch.float32 and (
        fp32
        or device.type == "cpu"
        or (dtype == torch.float16 and getattr(vae.config, "force_upcast", False))
    )


def float32_copy(vae: Any, device: torch.device) -> Any:
    """A float32 copy of a VAE on ``device``, built without touching the (cached) original."""
    import torch

    with torch.device("meta"):
        copy = type(vae).from_config(vae.config)
    state = {name: tensor.detach().to(device, torch.float32) for name, tensor in vae.state_dict().items()}
    copy.load_state_dict(state, assign=True)
    return copy.eval()


def encode(vae: Any, image: torch.Tensor, device: torch.device) -> torch.Tensor:
    """Latents (1, C, H/f, W/f) of a (1, 3, H, W) image in [-1, 1]; H and W must be multiples of f.

    ``device`` is the execution device (a partially loaded VAE's parameters may still be in RAM)."""
    import torch

    factor = vae_scale_factor(vae)
    height, width = image.shape[-2:]
    if height % factor or width % factor:
        raise InvalidInputError(
            f"the image is {width}x{height}; this model's VAE needs sizes that are multiples of {factor}",
            {"width": int(width), "height": int(height), "multiple_of": factor},
        )
    dtype = next(vae.parameters()).dtype
    with torch.no_grad():
        mean = vae.encode(image.to(device=device, dtype=dtype)).latent_dist.mode()
    shift = getattr(vae.config, "shift_factor", None) or 0.0
    return (mean - shift) * vae.config.scaling_factor  # type: ignore[no-any-return]


def decode(vae: Any, latents: torch.Tensor, device: torch.device) -> torch.Tensor:
    """The (1, 3, H, W) image in [-1, 1] that latents (1, C, h, w) decode to."""
    import torch

    dtype = next(vae.parameters()).dtype
    shift = getattr(vae.config, "shift_factor", None) or 0.0
    scaled = latents.to(device=device, dtype=dtype) / vae.config.scaling_factor + shift
    with torch.no_grad():
        return vae.decode(scaled, return_dict=False)[0]  # type: ignore[no-any-return]


def needs_tiling(width: int, height: int, above: int = TILE_ABOVE_PIXELS) -> bool:
    return width * height > above
