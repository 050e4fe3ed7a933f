"""Tiled diffusion (MultiDiffusion, Bar-Tal et al. 2023) for the SD UNet: large latents in overlapping tiles.

Each step, the UNet runs on every tile's crop of the latents, with what it is guided by cut to the same
tile: each ControlNet's control image, each T2I-Adapter's features (made from the tile's crop of its
image), a 9-channel inpainting model's mask and masked image, and SDXL's crop conditioning (the tile's
place in the picture). The tiles' guided predictions are blended into one full-size prediction by a
weighted average, and ONE scheduler step moves the whole latent; an inpainting mask's kept region is
re-noised and restored on the whole latents, as without tiles. Because the tiles agree on every step's
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

    from impasto.generation.inpaint import InpaintState
    from impasto.generation.sd.cond_batch import ConditioningBatch
    from impasto.generation.sd.control import AdapterUnit, ControlUnit
    from impasto.generation.sd.loop import LoopInputs, Predictor

REFINER_TIME_IDS = 5
"""The SDXL refiner's size conditioning: original size, crop top-left, aesthetic score (no target)."""


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


@dataclass(frozen=True)
class TileRun:
    """One tile's share of every step: its place, its blending weights (h, w) and the loop inputs cut to
    it (conditioning, control images, T2I-Adapter features, inpainting mask), made once per run."""

    tile: Tile
    weight: torch.Tensor
    inputs: LoopInputs


class TiledPredictor:
    """A step's prediction blended from every tile's (a :data:`~impasto.generation.sd.loop.Predictor`).

    Each tile runs with its own loop inputs, cut once by :func:`tiled_loop`; of the inputs the loop passes,
    only the cancellation check is used (between tiles).
    """

    def __init__(self, runs: list[TileRun], base: Predictor) -> None:
        self.runs = runs
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
        for run in self.runs:
            if inputs.check_cancel is not None:
                inputs.check_cancel()
            tile = run.tile
            prediction = self.base(unet, scheduler, run.inputs, tile.crop(latents), t, scale, position)
            tile.crop(blended).add_(prediction * run.weight)
        return blended


def tiled_loop(tiling: Tiling, inputs: LoopInputs) -> tuple[LoopInputs, TiledPredictor]:
    """The loop inputs and the predictor for ``inputs``' latents cut by ``tiling``.

    The T2I-Adapters leave the loop's own inputs (which would run them on the whole image) for the tiles',
    where each runs once per tile on its crop of the control image (see :func:`_tile_adapters`).
    """
    from impasto.generation.sd.loop import predict_step

    reference = inputs.latents if inputs.latents is not None else inputs.noise
    if reference is None:
        raise InvalidInputError("denoising needs noise (text to image) or latents (image to image)")
    height, width = int(reference.shape[-2]), int(reference.shape[-1])
    tiles = plan_tiles(height, width, tiling)
    weights = blend_weights(
        tiles, height, width, tiling.overlap, device=reference.device, dtype=reference.dtype
    )
    runs = [
        TileRun(tile, weight, _tile_inputs(inputs, tile, (height, width)))
        for tile, weight in zip(tiles, weights, strict=True)
    ]
    return replace(inputs, adapters=[]), TiledPredictor(runs, predict_step)


def _tile_inputs(inputs: LoopInputs, tile: Tile, size: tuple[int, int]) -> LoopInputs:
    """``inputs`` as one tile sees them."""
    return replace(
        inputs,
        conditioning=tile_conditioning(inputs.conditioning, tile, size),
        controls=[_crop_control(unit, tile, size) for unit in inputs.controls],
        adapters=_tile_adapters(inputs, tile, size),
        inpaint=_crop_inpaint(inputs.inpaint, tile),
    )


def _scale(image: torch.Tensor, size: tuple[int, int]) -> int:
    """How many image pixels a latent pixel spans (the control image is a whole multiple of the latents)."""
    return int(image.shape[-1]) // size[1]


def _crop_control(unit: ControlUnit, tile: Tile, size: tuple[int, int]) -> ControlUnit:
    """The unit with its control image cut to the tile; the ControlNet runs on that crop every step."""
    return replace(unit, image=tile.crop(unit.image, _scale(unit.image, size)))


def _tile_adapters(inputs: LoopInputs, tile: Tile, size: tuple[int, int]) -> list[AdapterUnit]:
    """The T2I-Adapters run on the tile's crop of their image, once per run (their features do not change
    from step to step).

    Cutting the whole image's feature maps instead would be exact only for tiles whose top and left are
    multiples of the adapter's total downscale (8 latent pixels for SD 1.x's four levels, each halving):
    the tile plan starts tiles every ``tile - overlap`` pixels and sets the last one flush with the edge,
    so the deeper maps would sit up to 7 latent pixels (56 image pixels) off the grid the UNet's down
    blocks lay on the tile. On its own crop the adapter makes maps on exactly that grid, as each
    ControlNet sees its crop. The cost is one adapter pass per tile per run (the tiles' area, about the
    image's plus the overlaps), small beside the UNet passes; the features of every tile stay on the
    device for the run, about what the whole image's would take.
    """
    units = []
    for unit in inputs.adapters:
        if inputs.check_cancel is not None:
            inputs.check_cancel()
        cut = replace(unit, image=tile.crop(unit.image, _scale(unit.image, size)), features=[])
        cut.prepare()
        units.append(cut)
    return units


def _crop_inpaint(state: InpaintState | None, tile: Tile) -> InpaintState | None:
    """The inpainting state cut to the tile, for the UNet's input (a 9-channel model's mask and masked
    image). The kept region is re-noised and restored on the whole latents by the loop, as untiled."""
    if state is None:
        return None
    crop = tile.crop
    return replace(
        state,
        mask=crop(state.mask),
        original=crop(state.original) if state.original is not None else None,
        noise=crop(state.noise) if state.noise is not None else None,
        masked_latents=crop(state.masked_latents) if state.masked_latents is not None else None,
    )


def tile_conditioning(cond: ConditioningBatch, tile: Tile, size: tuple[int, int]) -> ConditioningBatch:
    """SDXL's size conditioning as one tile sees it: the tile is a crop of the whole image.

    Each row's crop top-left moves by the tile's top-left and its target size becomes the tile's size,
    both in the pixels of the size the row describes (its target size, or for the refiner, which has
    none, its original size), which are the image's own pixels when the prompt was encoded for the
    image's size; the original size stays that of the whole picture. SDXL learnt the crop coordinates
    from crops of its training images, so each tile is told where in the picture it lies, and one tile
    covering the latents keeps the conditioning as it is. Other models' conditioning is returned as is.
    """
    from impasto.generation.sd.cond_batch import ConditioningBatch

    added = cond.added_cond
    if added is None or "time_ids" not in added:
        return cond
    ids = added["time_ids"].clone()  # (B, 6): original h, w, crop top, left, target h, w; refiner (B, 5)
    refiner = ids.shape[-1] == REFINER_TIME_IDS
    reference = (ids[:, 0:2] if refiner else ids[:, 4:6]).clone()  # the described size (B, 2): h, w
    height, width = size
    ids[:, 2] += (reference[:, 0] * (tile.top / height)).round()
    ids[:, 3] += (reference[:, 1] * (tile.left / width)).round()
    if not refiner:
        ids[:, 4] = (reference[:, 0] * (tile.height / height)).round()
        ids[:, 5] = (reference[:, 1] * (tile.width / width)).round()
    return ConditioningBatch(cond.embeds, cond.attention_mask, {**added, "time_ids": ids})


def check_tiled_request(seamless_axes: tuple[str, ...], sides: tuple[Any, Any]) -> None:
    """Refuse what tiles cannot do: a tile's UNet would wrap at its own edges (seamless), and region masks
    drawn over the whole image would be squeezed onto each tile's attention maps (regional prompts)."""
    if seamless_axes:
        raise InvalidInputError("tiled denoising cannot make seamless images: remove the seamless node")
    for side in sides:
        for conditioning in side if isinstance(side, list) else [side]:
            if getattr(conditioning, "mask", None) is not None:
                raise InvalidInputError(
                    "tiled denoising takes no regional prompts: connect prompts without a mask (the "
                    "regions would be placed on every tile instead of on the whole image)"
                )
