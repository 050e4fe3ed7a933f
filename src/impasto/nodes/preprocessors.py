"""ControlNet preprocessors without downloaded weights: edges, content shuffle, color map, line art, tile.

Each turns an image into the control image a ControlNet or T2I-Adapter was trained on and saves it as a
control image. The edge and line detectors take a detect resolution (the image is scaled so that its
shorter side has that many pixels, sides rounded to multiples of 64, before detection) and an image
resolution (the result is scaled the same way); 0 keeps the input's size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints, node
from impasto.nodes.image import check_size, open_image
from impasto.nodes.random import SEED_MAX
from impasto.nodes.types import ImageField, ImageOutput

if TYPE_CHECKING:
    from impasto.generation.preprocessors import Array

_CATEGORY = "controlnet"
_TAGS = ("controlnet", "preprocessor", "control")


def _image_input() -> Any:
    return InputField(description="The image to process.", input=Input.CONNECTION)


def _resolution(description: str) -> Any:
    return InputField(
        512,
        ge=0,
        le=8192,
        description=description,
        ui=UIHints(component="number", step=64, slider_min=0, slider_max=2048),
    )


def _run(
    ctx: NodeContext,
    image: ImageField,
    detect: Callable[[Array], Array],
    detect_resolution: int = 0,
    image_resolution: int = 0,
) -> ImageOutput:
    """Load the image, run ``detect`` at the requested resolutions and store the result."""
    from PIL import Image

    from impasto.generation.preprocessors import run_preprocessor, to_rgb_array

    pixels = to_rgb_array(open_image(ctx, image))
    result = Image.fromarray(run_preprocessor(pixels, detect, detect_resolution, image_resolution))
    check_size(result.width, result.height)
    name = ctx.images.save(result, node_id=ctx.node_id, category="control")
    return ImageOutput(image=ImageField(image_name=name), width=result.width, height=result.height)


@node("canny_edge_detection", title="Canny Edges", category=_CATEGORY, tags=(*_TAGS, "canny", "edges"))
class CannyEdgeDetectionNode(BaseNode):
    """White edges on black found by the Canny detector (OpenCV), for canny ControlNets.

    Gradients above the high threshold are edges; those between the thresholds are edges only where they
    continue one. Lower thresholds find more, fainter edges.
    """

    image: ImageField = _image_input()
    low_threshold: int = InputField(100, ge=0, le=255, description="Lower hysteresis threshold (0-255).")
    high_threshold: int = InputField(200, ge=0, le=255, description="Upper hysteresis threshold (0-255).")
    detect_resolution: int = _resolution("Shorter side, in pixels, at which edges are found; 0: as it is.")
    image_resolution: int = _resolution("Shorter side, in pixels, of the result; 0: the input's size.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.preprocessors import canny

        def detect(pixels: Array) -> Array:
            return canny(pixels, self.low_threshold, self.high_threshold)

        return _run(ctx, self.image, detect, self.detect_resolution, self.image_resolution)


@node("content_shuffle", title="Content Shuffle", category=_CATEGORY, tags=(*_TAGS, "shuffle"))
class ContentShuffleNode(BaseNode):
    """The image's content warped by smooth random noise, for shuffle ControlNets: its colors and
    textures are kept, its layout is not. The same seed gives the same shuffle."""

    image: ImageField = _image_input()
    scale_factor: int = InputField(
        256, ge=1, le=4096, description="Size in pixels of the warp's features; smaller shuffles more finely."
    )
    seed: int = InputField(0, ge=0, le=SEED_MAX, description="Seed of the random warp.")
    detect_resolution: int = _resolution(
        "Shorter side, in pixels, at which the shuffle is made; 0: as it is."
    )
    image_resolution: int = _resolution("Shorter side, in pixels, of the result; 0: the input's size.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.preprocessors import content_shuffle

        def detect(pixels: Array) -> Array:
            return content_shuffle(pixels, self.scale_factor, self.seed)

        return _run(ctx, self.image, detect, self.detect_resolution, self.image_resolution)


@node("color_map", title="Color Map", category=_CATEGORY, tags=(*_TAGS, "color", "mosaic"))
class ColorMapNode(BaseNode):
    """A mosaic of flat color tiles, for color ControlNets and T2I-Adapters (the output keeps the size)."""

    image: ImageField = _image_input()
    tile_size: int = InputField(64, ge=1, le=4096, description="Side of each color tile, in pixels.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.preprocessors import color_map

        def detect(pixels: Array) -> Array:
            return color_map(pixels, self.tile_size)

        return _run(ctx, self.image, detect)


@node(
    "lineart_standard_edge_detection",
    title="Line Art (Standard)",
    category=_CATEGORY,
    tags=(*_TAGS, "lineart", "edges"),
)
class LineartStandardNode(BaseNode):
    """Line art without a network: dark strokes found by comparing each pixel with its blurred
    surroundings, as white lines on black, for line art ControlNets."""

    image: ImageField = _image_input()
    gaussian_sigma: float = InputField(
        6.0, gt=0, le=100, description="Blur radius of the surroundings; larger finds broader strokes."
    )
    intensity_threshold: int = InputField(
        8, ge=0, le=255, description="Darkening below which a pixel is not counted as part of a stroke."
    )
    detect_resolution: int = _resolution("Shorter side, in pixels, at which lines are found; 0: as it is.")
    image_resolution: int = _resolution("Shorter side, in pixels, of the result; 0: the input's size.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.preprocessors import lineart_standard

        def detect(pixels: Array) -> Array:
            return lineart_standard(pixels, self.gaussian_sigma, self.intensity_threshold)

        return _run(ctx, self.image, detect, self.detect_resolution, self.image_resolution)


@node("tile_image_processor", title="Tile Resample", category=_CATEGORY, tags=(*_TAGS, "tile", "resample"))
class TileResampleNode(BaseNode):
    """The image scaled down (area averaging), for the Tile ControlNet, which adds back detail."""

    image: ImageField = _image_input()
    down_sampling_rate: float = InputField(
        1.0, ge=1, le=8, description="How many times smaller the result is (1: the same size)."
    )

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.preprocessors import tile_resample

        def detect(pixels: Array) -> Array:
            return tile_resample(pixels, self.down_sampling_rate)

        return _run(ctx, self.image, detect)
