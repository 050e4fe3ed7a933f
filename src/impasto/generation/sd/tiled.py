"""Tiled diffusion (MultiDiffusion, Bar-Tal et al. 2023) for the SD UNet: large latents in overlapping tiles.

Each step, the UNet (and each ControlNet, on its control image's matching crop) runs on every tile's crop
of the latents; the tiles' guided predictions are blended into one full-size prediction by a weighted
average, and ONE scheduler step moves the whole latent. Because the tiles agree on every step's
prediction, no seams form, and a step's memory is that of one tile, so a 4x upscaled image can be
refined on a modest GPU.

Tiles lie on the latent grid. Along each axis they start every ``tile - overlap`` latent pixels and the
last one is aligned to the far edge (so it may overlap its neighbour more); a tile larger than the
latents shrinks to them. A tile's weight ramps up linearly across the overlap on each side it shares
with a neighbour (and is 1 elsewhere); the weights are divided by their sum, so they add up to exactly
1 at every latent pixel. With one tile covering the latents, the result is the untiled run's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

    from impasto.generation.sd.control import ControlUnit
    from impasto.generation.sd.loop import LoopInputs, Predictor


@dataclass(frozen=True)
class Tiling:
    """Tile size and minimum overlap, in latent pixels."""

    height: int
    width: int
    overlap: int


@dataclass(frozen=True)
class Tile:
    """One tile's place on the latents, in latent pixels."""

    top: int
    left: int
    height: int
    width: int

    def crop(self, tensor: torch.Tensor, scale: int = 1) -> torch.Tensor:
        """This tile's part of ``tensor`` (..., H, W), whose pixels are ``scale`` times the latents'."""
        top, left = self.top * scale, self.left * scale
        return tensor[..., top : top + self.height * scale, left : left + self.width * scale]


def tiling_from_pixels(tile_height: int, tile_width: int, tile_overlap: int, factor: int) -> Tiling:
    """The tiling of image-pixel sizes on latents ``factor`` times smaller; raises naming a bad size."""
    for name, value in (("tile_height", tile_height), ("tile_width", tile_width)):
        if value <= 0 or value % factor:
            raise InvalidInputError(
                f"{name} ({value}) must be a positive multiple of {factor}, the VAE's scale factor"
            )
    if tile_overlap < 0 or tile_overlap % factor:
        raise InvalidInputError(
            f"tile_overlap ({tile_overlap}) must be 0 or a positive multiple of {factor}, the VAE's "
            "scale factor"
        )
    if tile_overlap >= min(tile_height, tile_width):
        raise InvalidInputError(
            f"tile_overlap ({tile_overlap}) must be smaller than the tiles ({tile_width}x{tile_height})"
        )
    return Tiling(tile_height // factor, tile_width // factor, tile_overlap // factor)


def tile_starts(size: int, tile: int, overlap: int) -> list[int]:
    """Where the tiles along one axis of ``size`` start (the last one ends at the edge)."""
    if tile >= size:
        return [0]
    stride = tile - overlap
    starts = list(range(0, size - tile, stride))
    return [*starts, size - tile]


def plan_tiles(height: int, width: int, tiling: Tiling) -> list[Tile]:
    """The tiles covering latents of ``height`` x ``width``, row by row."""
    tile_h, tile_w = min(tiling.height, height), min(tiling.width, width)
    rows = tile_starts(height, tile_h, tiling.overlap)
    columns = tile_starts(width, tile_w, tiling.overlap)
    return [Tile(top, left, tile_h, tile_w) for top in rows for left in columns]


def blend_weights(
    tiles: list[Tile], height: int, width: int, overlap: int, *, device: Any = None, dtype: Any = None
) -> list[torch.Tensor]:
    """Each tile's blending weights (tile height, tile width), adding up to 1 at every latent pixel."""
    import torch

    raw = [_tile_weight(tile, height, width, overlap) for tile in tiles]
    total = torch.zeros(height, width, dtype=torch.float64)
    for tile, weight in zip(tiles, raw, strict=True):
        tile.crop(total).add_(weight)
    return [
        (weight / tile.crop(total)).to(device=device, dtype=dtype)
        for tile, weight in zip(tiles, raw, strict=True)
    ]


def _tile_weight(tile: Tile, height: int, width: int, overlap: int) -> torch.Tensor:
    """1 inside, ramping linearly across ``overlap`` on the sides that border another tile."""
    rows = _ramp(tile.height, overlap, tile.top > 0, tile.top + tile.height < height)
    columns = _ramp(tile.width, overlap, tile.left > 0, tile.left + tile.width < width)
    return rows[:, None] * columns[None, :]


def _ramp(length: int, overlap: int, rise: bool, fall: bool) -> torch.Tensor:
    import torch

    weight = torch.ones(length, dtype=torch.float64)
    if overlap == 0:
        return weight
    steps = torch.arange(1, length + 1, dtype=torch.float64) / (overlap + 1)
    if rise:
        weight = torch.minimum(weight, steps)
    if fall:
        weight = torch.minimum(weight, steps.flip(0))
    return weight


class TiledPredictor:
    """A step's prediction blended from every tile's (a :data:`~impasto.generation.sd.loop.Predictor`)."""

    def __init__(self, tiles: list[Tile], weights: list[torch.Tensor], base: Predictor) -> None:
        self.tiles = tiles
        self.weights = weights
        self.base = base

    def __call__(
        self,
        unet: Any,
        scheduler: Any,
        inputs: LoopInputs,
        latents: torch.Tensor,
        t: torch.Tensor,
        scale: float,
        position: tuple[int, int],
    ) -> torch.Tensor:
        import torch

        blended = torch.zeros_like(latents)  # (1, C, h, w)
        for tile, weight in zip(self.tiles, self.weights, strict=True):
            if inputs.check_cancel is not None:
                inputs.check_cancel()
            tile_inputs = replace(
                inputs, controls=[_crop_control(unit, tile, latents) for unit in inputs.controls]
            )
            prediction = self.base(unet, scheduler, tile_inputs, tile.crop(latents), t, scale, position)
            tile.crop(blended).add_(prediction * weight)
        return blended


def _crop_control(unit: ControlUnit, tile: Tile, latents: torch.Tensor) -> ControlUnit:
    """The unit with its control image cut to the tile (the image is a whole multiple of the latents)."""
    scale = int(unit.image.shape[-1]) // int(latents.shape[-1])
    return replace(unit, image=tile.crop(unit.image, scale))


def tiled_predictor(tiling: Tiling, inputs: LoopInputs) -> TiledPredictor:
    """The predictor for ``inputs``' latents cut by ``tiling``."""
    from impasto.generation.sd.loop import predict_step

    reference = inputs.latents if inputs.latents is not None else inputs.noise
    if reference is None:
        raise InvalidInputError("denoising needs noise (text to image) or latents (image to image)")
    height, width = int(reference.shape[-2]), int(reference.shape[-1])
    tiles = plan_tiles(height, width, tiling)
    weights = blend_weights(
        tiles, height, width, tiling.overlap, device=reference.device, dtype=reference.dtype
    )
    return TiledPredictor(tiles, weights, predict_step)


def check_tiled_request(seamless_axes: tuple[str, ...], inpainting: bool, adapters: int) -> None:
    """Refuse what tiles cannot do: a tile's UNet would wrap at its own edges (seamless), and the
    inpainting mask and T2I-Adapter features are made for the whole latents."""
    if seamless_axes:
        raise InvalidInputError("tiled denoising cannot make seamless images: remove the seamless node")
    if inpainting:
        raise InvalidInputError("tiled denoising does not inpaint: remove the denoise mask")
    if adapters:
        raise InvalidInputError("tiled denoising takes no T2I-Adapters: remove them or use ControlNets")
