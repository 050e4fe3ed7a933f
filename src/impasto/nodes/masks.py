"""Mask nodes a canvas needs around generation: the mask of an image's transparent pixels, a mask grown
with a soft edge for pasting results back without a seam, and an image cut out by a mask.

Masks are grey images: white regenerates (or shows), black keeps (or hides), grey blends. The algorithms
live in :mod:`impasto.generation.masks`.
"""

from __future__ import annotations

from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints, node
from impasto.graph.forecast import Forecast, ForecastInputs
from impasto.nodes.image import open_image, store_image
from impasto.nodes.random import SEED_MAX
from impasto.nodes.types import ColorField, ImageField, ImageOutput

_TAGS = ("mask", "image", "canvas")


def _connection(description: str) -> ImageField:
    result: ImageField = InputField(description=description, input=Input.CONNECTION)
    return result


@node("mask_from_alpha", title="Mask from Alpha", category="mask", tags=(*_TAGS, "alpha", "outpaint"))
class MaskFromAlphaNode(BaseNode):
    """Makes the mask that regenerates an image's transparent pixels: transparent becomes white, opaque
    black, half-transparent grey (for outpainting a canvas)."""

    image: ImageField = _connection("The image whose alpha channel says what is missing.")
    invert: bool = InputField(False, description="White where the image is opaque instead.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.extent("image"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.masks import mask_from_alpha

        return store_image(ctx, mask_from_alpha(open_image(ctx, self.image), invert=self.invert))


@node("expand_mask_with_fade", title="Expand Mask with Fade", category="mask", tags=(*_TAGS, "fade", "seam"))
class ExpandMaskWithFadeNode(BaseNode):
    """Grows a mask's white area with an edge that fades to black over a band, for pasting a generated
    image back onto the original without a visible seam."""

    mask: ImageField = _connection("The mask (white = the regenerated area).")
    threshold: int = InputField(
        0, ge=0, le=255, description="Mask values above this count as white; the rest as black."
    )
    fade_size_px: int = InputField(
        32,
        ge=0,
        le=1024,
        description="How far, in pixels, the edge fades out beyond the white area; 0 keeps a hard edge.",
        ui=UIHints(component="slider", slider_min=0, slider_max=256, step=1),
    )

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.extent("mask"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.masks import expand_mask_with_fade

        mask = open_image(ctx, self.mask)
        return store_image(
            ctx, expand_mask_with_fade(mask, threshold=self.threshold, fade_size_px=self.fade_size_px)
        )


@node("apply_mask_to_image", title="Apply Mask to Image", category="mask", tags=(*_TAGS, "alpha", "cutout"))
class ApplyMaskToImageNode(BaseNode):
    """Cuts an image out by a mask: an RGBA image whose alpha is the mask (white shows, black is
    transparent) times the image's own alpha, ready to lay onto a canvas."""

    image: ImageField = _connection("The image to cut out.")
    mask: ImageField = _connection("The mask, the same size as the image (white = keep).")
    invert: bool = InputField(False, description="Keep where the mask is black instead.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.extent("image"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.masks import apply_mask_to_image, mask_image

        image, mask = open_image(ctx, self.image), mask_image(open_image(ctx, self.mask))
        return store_image(ctx, apply_mask_to_image(image, mask, invert=self.invert))


@node("mask_combine", title="Combine Masks", category="mask", tags=(*_TAGS, "union", "combine"))
class MaskCombineNode(BaseNode):
    """Joins two masks of the same size: white wherever either is white (the lighter value of each pixel),
    e.g. a canvas's transparent area and the mask the user painted."""

    mask1: ImageField = _connection("The first mask (white = regenerate).")
    mask2: ImageField = _connection("The second mask, the same size.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.extent("mask1"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.masks import combine_masks

        return store_image(ctx, combine_masks(open_image(ctx, self.mask1), open_image(ctx, self.mask2)))


@node("img_noise", title="Add Image Noise", category="image", tags=(*_TAGS, "noise", "inpaint"))
class ImageNoiseNode(BaseNode):
    """Adds seeded Gaussian noise to an image, only inside a mask if one is given: the area to regenerate
    then starts from texture instead of a flat fill, which helps low-strength inpainting invent detail."""

    image: ImageField = _connection("The image to add noise to.")
    mask: ImageField | None = InputField(
        None,
        description="Where to add it (white: fully, black: not at all); none: everywhere.",
        input=Input.CONNECTION,
    )
    amount: float = InputField(0.1, ge=0, le=1, description="Standard deviation of the noise (1 = 0..255).")
    seed: int = InputField(0, ge=0, le=SEED_MAX, description="The seed of the noise.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.extent("image"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.masks import add_image_noise

        mask = open_image(ctx, self.mask) if self.mask is not None else None
        noised = add_image_noise(open_image(ctx, self.image), mask, amount=self.amount, seed=self.seed)
        return store_image(ctx, noised)


@node("mask_from_id", title="Mask from Segmented Image", category="mask", tags=(*_TAGS, "id", "segmentation"))
class MaskFromIdNode(BaseNode):
    """A mask of the pixels close to one color of an ID map (a segmentation image with a flat color per
    object): white where the color's distance (over red, green, blue and alpha) is below ``threshold``."""

    image: ImageField = InputField(description="The ID map.", input=Input.CONNECTION)
    color: ColorField = InputField(
        description="The color of the object to mask.", ui=UIHints(component="color")
    )
    threshold: int = InputField(
        100, ge=0, le=511, description="How far a pixel's color may be and still count."
    )
    invert: bool = InputField(False, description="Mask everything but the object.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        import numpy as np
        from PIL import Image

        pixels = np.asarray(open_image(ctx, self.image).convert("RGBA"), dtype=np.float64)
        distance = np.linalg.norm(pixels - np.array(self.color.rgba(), dtype=np.float64), axis=-1)
        inside = (distance < self.threshold) != self.invert
        return store_image(ctx, Image.fromarray(inside.astype(np.uint8) * 255))


@node("mask_edge", title="Mask Edge", category="mask", tags=(*_TAGS, "edge", "seam"))
class MaskEdgeNode(BaseNode):
    """A mask of a band along a mask's edges (and its grey areas), to repaint a seam: the edges found
    with Canny, widened by ``edge_size`` and softened by ``edge_blur``; black on the band, white elsewhere."""

    image: ImageField = InputField(description="The mask whose edges to take.", input=Input.CONNECTION)
    edge_size: int = InputField(ge=0, le=512, description="Width of the band, in pixels.")
    edge_blur: int = InputField(ge=0, le=512, description="How far the band's edge is softened, in pixels.")
    low_threshold: int = InputField(ge=0, le=255, description="Canny's lower hysteresis threshold.")
    high_threshold: int = InputField(ge=0, le=255, description="Canny's upper hysteresis threshold.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        import cv2
        import numpy as np
        from PIL import Image, ImageFilter, ImageOps

        pixels = np.asarray(open_image(ctx, self.image).convert("L"), dtype=np.uint8)
        # Grey (partly masked) pixels belong to the band too: 255 at 50% grey, 0 at black and white.
        grey = (255 * (1.0 - np.floor(np.abs(0.5 - pixels / 255.0) * 2.0))).astype(np.uint8)
        edges = cv2.Canny(pixels, threshold1=self.low_threshold, threshold2=self.high_threshold)
        combined = np.maximum(grey, np.asarray(edges, dtype=np.uint8))
        band = cv2.dilate(combined, np.ones((3, 3), np.uint8), iterations=self.edge_size // 2)
        mask = Image.fromarray(band)
        if self.edge_blur > 0:
            mask = mask.filter(ImageFilter.BoxBlur(self.edge_blur))
        return store_image(ctx, ImageOps.invert(mask))
