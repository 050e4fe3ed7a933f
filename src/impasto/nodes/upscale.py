"""Upscaling with an installed image-to-image model (ESRGAN, Real-ESRGAN, SwinIR, ... via spandrel).

The model runs at its own factor (x2, x4...) in overlapping tiles on the execution device; ``scale``
then resizes the result to the factor asked for (a x4 model can make x2 images this way, sharper than
a x2 resize of the original). Progress is reported per tile; cancellation is checked between tiles and
in the model's layers (one large tile can take long).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError, NotFoundError
from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints, node
from impasto.graph.forecast import Forecast, ForecastInputs, Pass, PassKind
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import ModelType
from impasto.nodes.image import check_size, open_image, store_image
from impasto.nodes.models import model_hints
from impasto.nodes.refs import ModelRef
from impasto.nodes.types import ImageField, ImageOutput

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

MAX_SCALE = 16


@node("upscale_image", title="Upscale Image (model)", category="image", tags=("image", "upscale", "esrgan"))
class UpscaleImageNode(BaseNode):
    """Enlarges an image with an upscaling model such as Real-ESRGAN, in tiles that fit in memory."""

    image: ImageField = InputField(description="The image to enlarge.", input=Input.CONNECTION)
    model: ModelRef = InputField(description="An installed upscaler model.", ui=model_hints("upscaler"))
    scale: float = InputField(
        0.0,
        ge=0,
        le=MAX_SCALE,
        description="Final size as a multiple of the input's; 0: the model's own factor.",
        ui=UIHints(component="number", step=0.5, slider_min=0, slider_max=8),
    )
    tile_size: int = InputField(
        512,
        ge=0,
        le=4096,
        description="Side of the tiles the model sees, in input pixels; 0: the whole image at once.",
        ui=UIHints(component="number", step=64, slider_min=0, slider_max=2048),
    )
    tile_overlap: int = InputField(
        32, ge=0, le=512, description="Pixels neighbouring tiles share, blended to hide seams."
    )

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        image, model, scale = inputs.extent("image"), inputs.value("model"), inputs.value("scale")
        if image is None:
            return Forecast()
        options = {"model": model, "scale": scale, "tile_size": inputs.value("tile_size")}
        result = (
            image.scaled(scale, inputs.node_id, "scale") if isinstance(scale, float | int) and scale else None
        )
        return Forecast(result, (Pass(PassKind.UPSCALE, image, inputs.node_id, options),))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from PIL import Image

        record = upscaler_record(ctx, self.model)
        image = open_image(ctx, self.image)
        native = int(record.details.get("scale") or 1)
        final = final_size(image.size, native, self.scale)
        check_size(image.width * native, image.height * native)
        result = run_upscaler(ctx, record, image, self.tile_size, self.tile_overlap)
        if result.size != final:
            result = result.resize(final, Image.Resampling.LANCZOS)
        return store_image(ctx, result)


def run_upscaler(
    ctx: NodeContext, record: ModelRecord, image: PILImage, tile_size: int, overlap: int, label: str = ""
) -> PILImage:
    """``image`` through the spandrel model ``record`` once (at its own factor), in tiles of ``tile_size``
    input pixels (0: whole), reporting progress per tile (prefixed by ``label``) and checking cancellation."""
    from impasto.generation.interrupt import interruptible
    from impasto.generation.runtime import execution_device
    from impasto.generation.upscale import upscale_image

    loaded = ctx.models.load(record.key)
    device = execution_device(loaded, ctx.config.device)

    def on_tile(done: int, total: int) -> None:
        ctx.progress(100 * done / total, f"{label}tile {done} of {total}")
        ctx.raise_if_canceled()

    with loaded.lock() as descriptor, interruptible(descriptor.model, ctx.raise_if_canceled):
        result: PILImage = upscale_image(
            descriptor,
            image,
            input_channels=int(descriptor.input_channels),
            scale=int(descriptor.scale),
            tile=tile_size,
            overlap=min(overlap, max(tile_size - 1, 0)),
            device=device,
            dtype=_dtype(descriptor),
            on_tile=on_tile,
        )
    return result


INPAINTING = "Inpainting"
"""The ``details["purpose"]`` of a spandrel model that fills masked areas (LaMa) instead of upscaling."""


def upscaler_record(ctx: NodeContext, ref: ModelRef) -> ModelRecord:
    """The installed upscaler ``ref`` names; a clear error for anything else."""
    record = spandrel_record(ctx, ref, "an upscaler", "Real-ESRGAN")
    if record.details.get("purpose") == INPAINTING:
        raise InvalidInputError(
            f"{record.name!r} is an inpainting model, not an upscaler; use it in the LaMa infill",
            {"key": record.key},
        )
    return record


def spandrel_record(ctx: NodeContext, ref: ModelRef, kind: str, example: str) -> ModelRecord:
    """The installed spandrel image model (type ``upscaler``) ``ref`` names; errors say it should be
    ``kind`` and suggest installing ``example``."""
    try:
        record: ModelRecord = ctx.models.record(ref.key)
    except NotFoundError:
        raise InvalidInputError(
            f"no installed model has the key {ref.key!r}; install {kind} such as {example}", {"key": ref.key}
        ) from None
    if record.type != ModelType.UPSCALER:
        raise InvalidInputError(f"{record.name!r} is a {record.type} model, not {kind}", {"key": record.key})
    return record


def final_size(size: tuple[int, int], native: int, scale: float) -> tuple[int, int]:
    """The output size: ``scale`` times the input (the model's factor when 0), at least 1 pixel a side."""
    factor = scale if scale > 0 else native
    width, height = (max(1, round(side * factor)) for side in size)
    check_size(width, height)
    return width, height


def _dtype(descriptor: Any) -> Any:
    return next(descriptor.model.parameters()).dtype
