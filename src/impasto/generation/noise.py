"""Initial noise from a seed, drawn the way InvokeAI draws it so that a seed gives the same image in both.

The convention (SD 1.x / 2.x / SDXL): seeds are unsigned 32-bit (``seed % 2**32``); the noise has the
latent shape ``(1, C, H/f, W/f)``, C the latent channels and f the VAE's downscale factor; it is drawn on
the CPU with a CPU generator in the execution dtype (so it does not depend on the GPU model) and moved to
the device afterwards. Schedulers that draw noise while stepping get their own generator, seeded with the
seed's bits flipped, so their draws differ from the initial noise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

SEED_MODULUS = 2**32
STEP_SEED_MASK = 0xFFFFFFFF


def normalise_seed(seed: int) -> int:
    """The unsigned 32-bit seed every generator is seeded with (negative and large seeds wrap)."""
    return seed % SEED_MODULUS


def step_seed(seed: int) -> int:
    """The seed of the generator a stochastic scheduler draws from while stepping."""
    return normalise_seed(seed) ^ STEP_SEED_MASK


def check_latent_size(width: int, height: int, factor: int) -> None:
    """Refuse image sizes the VAE cannot map to whole latent pixels, naming the size and the factor."""
    if width < factor or height < factor or width % factor or height % factor:
        raise InvalidInputError(
            f"the size {width}x{height} is not possible with this model: width and height must be "
            f"positive multiples of {factor} (its VAE scales images down by {factor})",
            {"width": width, "height": height, "multiple_of": factor},
        )


def make_noise(
    seed: int,
    *,
    width: int,
    height: int,
    channels: int = 4,
    factor: int = 8,
    dtype: torch.dtype | None = None,
) -> torch.Tensor:
    """Noise of shape (1, channels, height/factor, width/factor) for an image of ``width`` x ``height``,
    on the CPU in ``dtype`` (float32 when not given)."""
    import torch

    check_latent_size(width, height, factor)
    generator = torch.Generator("cpu").manual_seed(normalise_seed(seed))
    shape = (1, channels, height // factor, width // factor)
    return torch.randn(shape, generator=generator, dtype=dtype or torch.float32, device="cpu")


def step_generator(seed: int, device: torch.device) -> torch.Generator:
    """The generator for a scheduler's own draws, on the execution device (as InvokeAI makes it)."""
    import torch

    return torch.Generator(device=device).manual_seed(step_seed(seed))


def noise_like(seed: int, latents: torch.Tensor) -> torch.Tensor:
    """Noise of the latents' shape and dtype from ``seed``, drawn on the CPU like :func:`make_noise`."""
    import torch

    generator = torch.Generator("cpu").manual_seed(normalise_seed(seed))
    return torch.randn(tuple(latents.shape), generator=generator, dtype=latents.dtype, device="cpu")
