"""Cheap previews of latents: a linear map from each latent pixel's channels to RGB, no VAE decode.

Each step's preview is a few multiply-adds per latent pixel, so previews cost nothing next to a UNet
call. The map is known for the Stable Diffusion VAEs (the SD 1.x/2.x VAE and the SDXL VAE, recognised by
their architecture and scaling factor). For any other VAE (the demo model's, a custom one) it is fitted
once by least squares: a few solid-color images are encoded and the map from their mean latents to their
colors solved for; the result is cached per model.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PIL import Image

if TYPE_CHECKING:
    import torch

# Rows: latent channels; columns: R, G, B in [-1, 1] (InvokeAI's factors for these VAEs).
SD_FACTORS = (
    (0.3444, 0.1385, 0.0670),
    (0.1247, 0.4027, 0.1494),
    (-0.3192, 0.2513, 0.2103),
    (-0.1307, -0.1874, -0.7445),
)
SDXL_FACTORS = (
    (0.3816, 0.4930, 0.5320),
    (-0.3753, 0.1631, 0.1739),
    (0.1770, 0.3588, -0.2048),
    (-0.4350, -0.2644, -0.4289),
)
# FLUX's 16-channel VAE (ComfyUI's factors), on latents shifted and scaled as the transformer sees them.
FLUX_FACTORS = (
    (-0.0346, 0.0244, 0.0681),
    (0.0034, 0.0210, 0.0687),
    (0.0275, -0.0668, -0.0433),
    (-0.0174, 0.0160, 0.0617),
    (0.0859, 0.0721, 0.0329),
    (0.0004, 0.0383, 0.0115),
    (0.0405, 0.0861, 0.0915),
    (-0.0236, -0.0185, -0.0259),
    (-0.0245, 0.0250, 0.1180),
    (0.1008, 0.0755, -0.0421),
    (-0.0515, 0.0201, 0.0011),
    (0.0428, -0.0012, -0.0036),
    (0.0817, 0.0765, 0.0749),
    (-0.1264, -0.0522, -0.1103),
    (-0.0280, -0.0881, -0.0499),
    (-0.1262, -0.0982, -0.0778),
)
FLUX_BIAS = (-0.0329, -0.0718, -0.0851)
FLUX_SCALING = 0.3611
_SD_BLOCKS = (128, 256, 512, 512)
_KNOWN_SCALING = {0.18215: SD_FACTORS, 0.13025: SDXL_FACTORS}
_FIT_LEVELS = (0.0, 0.5, 1.0)  # per channel: 27 solid colors
_FIT_IMAGES = 8  # images of random blocks, _FIT_SIDE latent pixels a side
_FIT_SIDE = 16
_CACHE_SIZE = 32


@dataclass(frozen=True)
class LatentPreview:
    """A linear latent → RGB map: ``rgb = latents · weights + bias``, RGB in [-1, 1]."""

    weights: tuple[tuple[float, ...], ...]  # (C, 3)
    bias: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def image(self, latents: torch.Tensor) -> Image.Image:
        """The preview of the first latents of a (B, C, h, w) batch, h x w pixels."""
        import torch

        sample = latents[0].detach().float().cpu()  # (C, h, w)
        weights = torch.tensor(self.weights, dtype=torch.float32)
        rgb = torch.einsum("chw,cr->hwr", sample, weights) + torch.tensor(self.bias)
        pixels = ((rgb.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).numpy()
        return Image.fromarray(pixels, mode="RGB")


def known_preview(vae_config: Any) -> LatentPreview | None:
    """The published map for the SD 1.x/2.x, SDXL and FLUX VAEs, recognised by architecture and scaling."""
    blocks = tuple(getattr(vae_config, "block_out_channels", ()))
    channels = int(getattr(vae_config, "latent_channels", 0))
    if blocks == _SD_BLOCKS and channels == 16 and round(float(vae_config.scaling_factor), 5) == FLUX_SCALING:
        return FLUX_PREVIEW
    if blocks != _SD_BLOCKS or channels != 4:
        return None
    factors = _KNOWN_SCALING.get(round(float(vae_config.scaling_factor), 5))
    return LatentPreview(factors) if factors is not None else None


FLUX_PREVIEW = LatentPreview(FLUX_FACTORS, FLUX_BIAS)
"""The map for FLUX.1's VAE (also used when a FLUX transformer comes without a VAE of its own)."""


def fit_preview(vae: Any, device: torch.device) -> LatentPreview:
    """Fit the map for any VAE by least squares (with a bias term), per latent pixel, from images of random
    colored blocks one latent pixel wide and from solid colors; seeded, so the same VAE gets the same map.
    """
    import torch

    from impasto.generation.vae import encode, vae_scale_factor

    factor = vae_scale_factor(vae)
    generator = torch.Generator().manual_seed(0)
    blocks = torch.rand(_FIT_IMAGES, 3, _FIT_SIDE, _FIT_SIDE, generator=generator)  # colors per latent pixel
    levels = torch.tensor(_FIT_LEVELS)
    solids = torch.cartesian_prod(levels, levels, levels).view(-1, 3, 1, 1).expand(-1, -1, 8, 8)
    rows, targets = [], []
    for colors in (blocks, solids):
        pixels = colors.repeat_interleave(factor, dim=2).repeat_interleave(factor, dim=3)
        latents = encode(vae, (pixels * 2 - 1).contiguous(), device).float().cpu()  # (N, C, h, w)
        rows.append(latents.permute(0, 2, 3, 1).reshape(-1, latents.shape[1]))
        targets.append(
            colors.expand(-1, -1, latents.shape[2], latents.shape[3]).permute(0, 2, 3, 1).reshape(-1, 3)
        )
    design = torch.cat([torch.cat(rows), torch.ones(sum(len(r) for r in rows), 1)], dim=1)
    wanted = torch.cat(targets) * 2 - 1
    solution = torch.linalg.lstsq(design.double(), wanted.double()).solution.float()  # (C + 1, 3)
    weights = tuple(tuple(float(v) for v in row) for row in solution[:-1])
    r, g, b = (float(v) for v in solution[-1])
    return LatentPreview(weights, (r, g, b))


class PreviewMaps:
    """Latent preview maps by VAE (model key), computed once each; thread-safe and bounded."""

    def __init__(self, size: int = _CACHE_SIZE) -> None:
        self._maps: OrderedDict[str, LatentPreview] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: str, compute: Callable[[], LatentPreview]) -> LatentPreview:
        with self._lock:
            found = self._maps.get(key)
            if found is not None:
                self._maps.move_to_end(key)
                return found
        made = compute()
        with self._lock:
            self._maps[key] = made
            while len(self._maps) > self._size:
                self._maps.popitem(last=False)
        return made


preview_maps = PreviewMaps()
"""The process-wide cache of fitted preview maps."""
