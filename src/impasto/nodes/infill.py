"""Infill nodes for outpainting: fill an RGBA image's transparent pixels so that the denoiser starts from
something that continues the image (InvokeAI's ``infill_*`` nodes).

Each node takes an image with an alpha channel and answers an RGB image of the same size whose opaque
pixels are unchanged; the mask of what to regenerate comes from the original's alpha
(``mask_from_alpha``). The algorithms live in :mod:`impasto.generation.infill`.
"""

from __future__ import annotations

from typing import Literal

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints, node
from impasto.graph.forecast import Forecast, ForecastInputs
from impasto.models.identity import ModelRecord
from impasto.nodes.image import open_image, store_image
from impasto.nodes.models import model_hints
from impasto.nodes.random import SEED_MAX
from impasto.nodes.refs import ModelRef
from impasto.nodes.types import ColorField, ImageField, ImageOutput
from impasto.nodes.upscale import INPAINTING, spandrel_record

_TAGS = ("image", "infill", "outpaint")


def _image() -> ImageField:
    result: ImageField = InputField(
        description="The image to fill; its transparent pixels are filled, its opaque ones kept.",
        input=Input.CONNECTION,
    )
    return result


def _seed() -> int:
    result: int = InputField(0, ge=0, le=SEED_MAX, description="The seed of the random choices.")
    return result


class _InfillNode(BaseNode):
    """Shared by the infill nodes: the image input, and an output the size of the input."""

    image: ImageField = _image()

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.extent("image"))


@node("infill_rgba", title="Solid Color Infill", category="image", tags=(*_TAGS, "color"))
class InfillColorNode(_InfillNode):
    """Fills the transparent pixels with one colour; the only infill that works on an empty canvas."""

    color: ColorField = InputField(
        ColorField(r=127, g=127, b=127, a=255),
        description="The fill colour (its alpha is ignored).",
        ui=UIHints(component="color"),
    )

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.infill import infill_color

        return store_image(ctx, infill_color(open_image(ctx, self.image), self.color.rgb()))


@node("infill_cv2", title="CV2 Infill", category="image", tags=(*_TAGS, "opencv", "telea"))
class InfillCv2Node(_InfillNode):
    """Fills the transparent pixels by OpenCV inpainting, which carries the surrounding colours inwards:
    smooth, deterministic and fast, best for narrow borders."""

    method: Literal["telea", "navier_stokes"] = InputField(
        "telea",
        description="Telea's fast marching (smoother) or Navier-Stokes (follows edges further in).",
        ui=UIHints(component="select", choice_labels={"telea": "Telea", "navier_stokes": "Navier-Stokes"}),
    )
    radius: int = InputField(
        5, ge=1, le=64, description="The neighbourhood each filled pixel is computed from, in pixels."
    )

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.infill import infill_cv2

        filled = infill_cv2(open_image(ctx, self.image), method=self.method, radius=self.radius)
        return store_image(ctx, filled)


@node("infill_tile", title="Tile Infill", category="image", tags=(*_TAGS, "tile"))
class InfillTileNode(_InfillNode):
    """Fills the transparent pixels with square tiles copied from opaque parts of the image, chosen by
    the seed: the fill has the image's colours and texture for the denoiser to arrange."""

    tile_size: int = InputField(
        32,
        ge=1,
        le=1024,
        description="The side of the tiles, in pixels; the image needs a fully opaque square this size.",
        ui=UIHints(component="number", step=8, slider_min=8, slider_max=256),
    )
    seed: int = _seed()

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.infill import infill_tile

        filled = infill_tile(open_image(ctx, self.image), tile_size=self.tile_size, seed=self.seed)
        return store_image(ctx, filled)


@node("infill_patchmatch", title="PatchMatch Infill", category="image", tags=(*_TAGS, "patchmatch"))
class InfillPatchMatchNode(_InfillNode):
    """Fills the transparent pixels with the patches of the image most like their surroundings
    (PatchMatch), which continues textures convincingly."""

    patch_size: int = InputField(5, ge=1, le=32, description="The radius of the compared patches, in pixels.")
    downscale: float = InputField(
        1.0,
        ge=1,
        le=16,
        description="Search on an image this many times smaller (faster on large images; 1: full size).",
    )
    seed: int = _seed()

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.infill import infill_patchmatch

        image = open_image(ctx, self.image)
        filled = infill_patchmatch(
            image, patch_size=self.patch_size, seed=self.seed, downscale=self.downscale
        )
        return store_image(ctx, filled)


@node("infill_lama", title="LaMa Infill", category="image", tags=(*_TAGS, "lama", "model"))
class InfillLamaNode(_InfillNode):
    """Fills the transparent pixels with LaMa, an inpainting network that sees the whole image and so
    continues large structures across wide borders."""

    model: ModelRef = InputField(description="An installed LaMa model.", ui=model_hints("upscaler"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.infill_lama import infill_lama
        from impasto.generation.interrupt import interruptible
        from impasto.generation.runtime import execution_device

        record = lama_record(ctx, self.model)
        image = open_image(ctx, self.image)
        loaded = ctx.models.load(record.key)
        device = execution_device(loaded, ctx.config.device)
        with loaded.lock() as descriptor, interruptible(descriptor.model, ctx.raise_if_canceled):
            filled = infill_lama(image, descriptor, device=device)
        return store_image(ctx, filled)


def lama_record(ctx: NodeContext, ref: ModelRef) -> ModelRecord:
    """The installed LaMa model ``ref`` names; a clear error for an upscaler or any other model."""
    record = spandrel_record(ctx, ref, "a LaMa inpainting model", "big-lama")
    if record.details.get("purpose") != INPAINTING:
        raise InvalidInputError(
            f"{record.name!r} is an upscaler, not an inpainting model such as LaMa", {"key": record.key}
        )
    return record


@node("cv_inpaint", title="OpenCV Inpaint", category="image", tags=(*_TAGS, "opencv", "inpaint"))
class CvInpaintNode(BaseNode):
    """Fills the pixels where the mask is black by OpenCV's Telea inpainting (InvokeAI's OpenCV Inpaint);
    ``infill_cv2`` does the same for transparent pixels."""

    image: ImageField = InputField(description="The image to inpaint.", input=Input.CONNECTION)
    mask: ImageField = InputField(
        description="The mask, the image's size: black where pixels are filled.", input=Input.CONNECTION
    )

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        import cv2
        import numpy as np
        from PIL import Image, ImageOps

        image, mask = open_image(ctx, self.image).convert("RGB"), open_image(ctx, self.mask).convert("L")
        if mask.size != image.size:
            raise ValueError(
                f"the mask is {mask.width}x{mask.height} but the image is {image.width}x{image.height}"
            )
        holes = np.asarray(ImageOps.invert(mask), dtype=np.uint8)
        filled = cv2.inpaint(np.asarray(image, dtype=np.uint8), holes, 3, cv2.INPAINT_TELEA)
        return store_image(ctx, Image.fromarray(filled))
