"""Tiled denoising (MultiDiffusion) for SD 1.x, 2.x and SDXL: refine a large image in blended tiles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from impasto.graph import BaseNode, InputField, NodeContext, UIHints, node
from impasto.graph.forecast import Extent, Forecast, ForecastInputs, Pass, PassKind
from impasto.nodes.latents import LatentsOutput, latents_output, step_hooks
from impasto.nodes.refs import (
    ConditioningField,
    ControlField,
    DenoiseMaskField,
    LatentsField,
    T2IAdapterField,
    UNetField,
)
from impasto.nodes.sd.denoise_inputs import (
    DenoiseScheduleInputs,
    DenoiseStartInputs,
    adapter_spec,
    as_units,
    cfg_scale_input,
    connection,
    control_spec,
    denoising_start_input,
    inpaint_inputs,
    load_conditioning,
    start_seed,
    steps_input,
    unet_spec,
)

if TYPE_CHECKING:
    from impasto.generation.sd.specs import DenoiseRequest
    from impasto.generation.sd.tiled import Tiling

MAX_TILE = 8192
_GRID = UIHints(component="number", step=8)


class TileInputs(BaseNode):
    """The tile size and overlap of tiled denoising."""

    tile_height: int = InputField(
        1024, ge=8, le=MAX_TILE, description="Tile height in pixels (a multiple of 8).", ui=_GRID
    )
    tile_width: int = InputField(
        1024, ge=8, le=MAX_TILE, description="Tile width in pixels (a multiple of 8).", ui=_GRID
    )
    tile_overlap: int = InputField(
        32,
        ge=0,
        le=MAX_TILE,
        ui=_GRID,
        description="Least overlap of neighbouring tiles in pixels (a multiple of 8, below the tile size).",
    )


@node(
    "tiled_multi_diffusion_denoise_latents",
    title="Tiled Multi-Diffusion Denoise Latents",
    category="latents",
    tags=("latents", "denoise", "tiled", "upscale", "multi-diffusion"),
)
class TiledMultiDiffusionDenoiseLatentsNode(DenoiseScheduleInputs, TileInputs, DenoiseStartInputs):
    """Denoises large latents in overlapping tiles whose predictions are blended at every step.

    Each step the UNet sees one tile at a time, so memory stays that of one tile, and because the tiles'
    predictions are averaged (weighted across the overlaps) before one scheduler step, no seams form.
    Made for refining an upscaled image: connect its latents and noise and set denoising_start to
    1 - strength. ControlNet and T2I-Adapter images and the denoise mask are cut into the same tiles, and
    SDXL is told where each tile lies in the picture.
    """

    positive_conditioning: ConditioningField = connection("What the image should show (from a prompt node).")
    negative_conditioning: ConditioningField = connection("What it should not show (from a prompt node).")
    latents: LatentsField | None = connection(
        "Latents of the image to refine (image to image).", optional=True
    )
    unet: UNetField = connection("The UNet (from a model loader or LoRA loader).")
    steps: int = steps_input(18)
    cfg_scale: float | list[float] = cfg_scale_input(6.5)
    denoising_start: float = denoising_start_input(
        0.65, "Where in the schedule to start (1 - strength; 0 with noise alone)."
    )
    control: ControlField | list[ControlField] | None = connection(
        "ControlNet unit(s); each tile gets its part of the control image.", optional=True
    )
    denoise_mask: DenoiseMaskField | None = connection(
        "Where to regenerate (inpainting); each tile gets its part of the mask.", optional=True
    )
    t2i_adapter: T2IAdapterField | list[T2IAdapterField] | None = connection(
        "T2I-Adapter unit(s); each runs on each tile's part of its image.", optional=True
    )

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        extent = inputs.extent("noise") or inputs.extent("latents")
        if extent is None:
            return Forecast()
        return Forecast(extent, (Pass(PassKind.DENOISE, _tile_extent(inputs, extent), inputs.node_id),))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.sd.denoise import run_denoise
        from impasto.generation.sd.tiled import tiling_from_pixels

        ctx.raise_if_canceled()
        factor = self.latent_factor
        tiling = tiling_from_pixels(self.tile_height, self.tile_width, self.tile_overlap, factor)
        request = self._request(ctx, tiling)
        start = request.latents if request.latents is not None else request.noise
        self.check_pass_size(ctx, start, (tiling.height, tiling.width), "denoise a tile of")
        latents = run_denoise(ctx.models, request, step_hooks(ctx))
        return latents_output(ctx, latents, factor, seed=request.settings.seed)

    def _request(self, ctx: NodeContext, tiling: Tiling) -> DenoiseRequest:
        from impasto.generation.sd.specs import DenoiseRequest

        noise, latents = self.start_tensors(ctx)
        return DenoiseRequest(
            unet=unet_spec(self.unet),
            positive=load_conditioning(ctx, self.positive_conditioning, "positive"),
            negative=load_conditioning(ctx, self.negative_conditioning, "negative"),
            scheduler=self.scheduler,
            settings=self.settings(start_seed(self.noise, self.latents)),
            noise=noise,
            latents=latents,
            inpaint=inpaint_inputs(ctx, self.denoise_mask),
            controlnets=[control_spec(ctx, unit) for unit in as_units(self.control)],
            adapters=[adapter_spec(ctx, unit) for unit in as_units(self.t2i_adapter)],
            tiling=tiling,
        )


def _tile_extent(inputs: ForecastInputs, image: Extent) -> Extent:
    """The size one UNet pass works on: a tile, or the image where it is smaller."""
    height, width = inputs.value("tile_height"), inputs.value("tile_width")
    if not isinstance(height, int) or not isinstance(width, int):
        return image
    fields = ("tile_width", "tile_height")
    return Extent(min(width, image.width), min(height, image.height), inputs.node_id, fields)
