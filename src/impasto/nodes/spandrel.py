"""InvokeAI's image-to-image nodes over spandrel models (upscalers such as Real-ESRGAN, restorers), run
by the same code as ``upscale_image``.

``spandrel_image_to_image`` runs the model once at its own factor. ``spandrel_image_to_image_autoscale``
runs it again on its own output until the image reaches ``scale`` times the input (a x2 model twice for
x4), then resizes down to exactly that size; a model that does not enlarge runs once and keeps its size.
"""

from __future__ import annotations

from PIL import Image

from impasto.graph import BaseNode, Input, InputField, NodeContext, node
from impasto.models.identity import ModelRecord
from impasto.nodes.image import check_size, open_image, store_image
from impasto.nodes.models import model_hints
from impasto.nodes.refs import ModelRef
from impasto.nodes.types import ImageField, ImageOutput
from impasto.nodes.upscale import MAX_SCALE, run_upscaler, upscaler_record

MAX_PASSES = 5
"""The most times autoscale runs a model: a x2 model reaches the largest scale (16) in four."""
_TAGS = ("upscale", "image")


class _SpandrelBase(BaseNode):
    image: ImageField = InputField(description="The input image.", input=Input.CONNECTION)
    image_to_image_model: ModelRef = InputField(
        description="An installed image-to-image (upscaler) model.", ui=model_hints("upscaler")
    )
    tile_size: int = InputField(
        512, ge=0, le=4096, description="Side of the tiles the model sees, in pixels; 0: the whole image."
    )


@node("spandrel_image_to_image", title="Image-to-Image", category="upscale", version="1.3.0", tags=_TAGS)
class SpandrelImageToImageNode(_SpandrelBase):
    """Runs an image-to-image model (an upscaler or a restorer) once over an image, in tiles."""

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        record = upscaler_record(ctx, self.image_to_image_model)
        image = open_image(ctx, self.image)
        native = int(record.details.get("scale") or 1)
        check_size(image.width * native, image.height * native)
        return store_image(ctx, run_upscaler(ctx, record, image, self.tile_size, _overlap(self.tile_size)))


@node(
    "spandrel_image_to_image_autoscale",
    title="Image-to-Image (Autoscale)",
    category="upscale",
    version="1.3.0",
    tags=(*_TAGS, "autoscale"),
)
class SpandrelAutoscaleNode(_SpandrelBase):
    """Runs an upscaling model as many times as needed to reach ``scale`` times the input's size, then
    resizes to exactly that size (optionally down to multiples of 8)."""

    scale: float = InputField(
        4.0,
        gt=0,
        le=MAX_SCALE,
        description="The final size as a multiple of the input's (ignored if the model does not enlarge).",
    )
    fit_to_multiple_of_8: bool = InputField(False, description="Round the final size down to multiples of 8.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        record = upscaler_record(ctx, self.image_to_image_model)
        image = open_image(ctx, self.image)
        target = (int(image.width * self.scale), int(image.height * self.scale))
        check_size(*target)
        result = self._passes(ctx, record, image, target)
        if not (result.width > image.width and result.height > image.height):
            target = result.size  # a restorer, not an upscaler: the scale does not apply
        if self.fit_to_multiple_of_8:
            target = (max(8, target[0] // 8 * 8), max(8, target[1] // 8 * 8))
        if result.size != target:
            result = result.resize(target, Image.Resampling.LANCZOS)
        return store_image(ctx, result)

    def _passes(
        self, ctx: NodeContext, record: ModelRecord, image: Image.Image, target: tuple[int, int]
    ) -> Image.Image:
        native = int(record.details.get("scale") or 1)
        result = image
        for index in range(MAX_PASSES):
            check_size(result.width * native, result.height * native)
            before = result.size
            result = run_upscaler(
                ctx, record, result, self.tile_size, _overlap(self.tile_size), f"pass {index + 1}: "
            )
            enlarges = result.width > before[0] and result.height > before[1]
            if not enlarges or (result.width >= target[0] and result.height >= target[1]):
                break
        return result


def _overlap(tile_size: int) -> int:
    """The pixels neighbouring tiles share: a sixteenth of a tile, as with the upscale node's defaults."""
    return tile_size // 16 if tile_size else 0
