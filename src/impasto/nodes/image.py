"""Image basics that need only Pillow: blank, load, resize, scale, crop, paste, blur, convert and info.

Images travel between nodes as :class:`~impasto.nodes.types.ImageField` references; each node loads its
inputs from ``ctx.images`` and saves what it makes there, answering an
:class:`~impasto.nodes.types.ImageOutput` (the reference and the size). Inputs in modes other than RGB,
RGBA, L and LA (palette, 1-bit, CMYK, ...) are converted to RGBA when they carry transparency and to RGB
otherwise before any processing. Every image a node makes is 1 to :data:`MAX_SIDE` pixels a side and at
most :data:`MAX_PIXELS` pixels in all; larger requests fail with an error naming the size.
"""

from __future__ import annotations

from typing import Literal

from PIL import Image, ImageFilter

from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, UIHints, node
from impasto.graph.forecast import Extent, Forecast, ForecastInputs
from impasto.nodes.types import ColorField, ImageField, ImageOutput

MAX_SIDE = 16384
"""The longest side, in pixels, of an image a node may make."""
MAX_PIXELS = 8192 * 8192
"""The largest pixel count (width x height) of an image a node may make: 256 MiB as RGBA, and below the
size at which Pillow warns that a file may be a decompression bomb (and, at twice that, refuses to open
it), so that every image a node makes can be opened by the next node."""

WORKING_MODES = frozenset({"RGB", "RGBA", "L", "LA"})

Resample = Literal["nearest", "box", "bilinear", "bicubic", "lanczos"]
_RESAMPLING: dict[str, Image.Resampling] = {
    "nearest": Image.Resampling.NEAREST,
    "box": Image.Resampling.BOX,
    "bilinear": Image.Resampling.BILINEAR,
    "bicubic": Image.Resampling.BICUBIC,
    "lanczos": Image.Resampling.LANCZOS,
}
_RESAMPLE_HINTS = UIHints(
    component="select",
    choice_labels={
        "nearest": "Nearest (pixel art)",
        "box": "Box",
        "bilinear": "Bilinear",
        "bicubic": "Bicubic",
        "lanczos": "Lanczos (sharpest)",
    },
)
_TAGS = ("image",)


def open_image(ctx: NodeContext, field: ImageField) -> Image.Image:
    """Load a stored image in a working mode (RGB, RGBA, L or LA); raises if it does not exist."""
    image = ctx.images.load(field.image_name)
    if image.mode in WORKING_MODES:
        return image
    transparent = "A" in image.getbands() or "transparency" in image.info
    return image.convert("RGBA" if transparent else "RGB")


def check_size(width: int, height: int) -> None:
    """Raise ``ValueError`` unless ``width`` x ``height`` is an image size nodes may make."""
    if not (1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE):
        raise ValueError(
            f"the image would be {width}x{height} pixels; each side must be from 1 to {MAX_SIDE} pixels"
        )
    if width * height > MAX_PIXELS:
        raise ValueError(
            f"the image would be {width}x{height} = {width * height} pixels; at most {MAX_PIXELS} are allowed"
        )


def store_image(ctx: NodeContext, image: Image.Image) -> ImageOutput:
    """Save an image a node made and describe it as the node's output."""
    check_size(image.width, image.height)
    name = ctx.images.save(image, node_id=ctx.node_id)
    return ImageOutput(image=ImageField(image_name=name), width=image.width, height=image.height)


def _image_input(description: str) -> ImageField:
    result: ImageField = InputField(description=description, input=Input.CONNECTION)
    return result


def scaled(inputs: ForecastInputs, source: str, factor_field: str) -> Extent | None:
    """The extent of input ``source`` times the typed-in factor ``factor_field``, if both are known."""
    extent, factor = inputs.extent(source), inputs.value(factor_field)
    if extent is None or not isinstance(factor, int | float) or factor <= 0:
        return None
    return extent.scaled(factor, inputs.node_id, factor_field)


def _side_input(default: int, description: str) -> int:
    result: int = InputField(
        default,
        ge=1,
        le=MAX_SIDE,
        description=description,
        ui=UIHints(component="number", step=8, slider_min=64, slider_max=4096),
    )
    return result


@node("blank_image", title="Blank Image", category="image", tags=(*_TAGS, "new", "blank"))
class BlankImageNode(BaseNode):
    """A new image filled with one color (its alpha is ignored in RGB mode)."""

    width: int = _side_input(512, "Width in pixels.")
    height: int = _side_input(512, "Height in pixels.")
    color: ColorField = InputField(
        ColorField(r=0, g=0, b=0, a=255), description="The fill color.", ui=UIHints(component="color")
    )
    mode: Literal["RGB", "RGBA"] = InputField("RGB", description="RGB, or RGBA to keep the color's alpha.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.size("width", "height"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        check_size(self.width, self.height)
        fill = self.color.rgba() if self.mode == "RGBA" else self.color.rgb()
        return store_image(ctx, Image.new(self.mode, (self.width, self.height), fill))


@node("load_image", title="Load Image", category="image", tags=(*_TAGS, "load", "gallery"))
class LoadImageNode(BaseNode):
    """Uses an image from the gallery by name; fails with an error if there is no such image."""

    image: ImageField = InputField(
        description="The stored image to use.", input=Input.DIRECT, ui=UIHints(component="image")
    )

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.stored_image("image"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        image = ctx.images.load(self.image.image_name)
        return ImageOutput(image=self.image, width=image.width, height=image.height)


@node("image_resize", title="Resize Image", category="image", tags=(*_TAGS, "resize", "size"))
class ImageResizeNode(BaseNode):
    """Resizes an image to an exact width and height (the aspect ratio is not kept)."""

    image: ImageField = _image_input("The image to resize.")
    width: int = _side_input(512, "The new width in pixels.")
    height: int = _side_input(512, "The new height in pixels.")
    resample: Resample = InputField("bicubic", description="How pixels are interpolated.", ui=_RESAMPLE_HINTS)

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.size("width", "height"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        check_size(self.width, self.height)
        image = open_image(ctx, self.image)
        resized = image.resize((self.width, self.height), _RESAMPLING[self.resample])
        return store_image(ctx, resized)


@node("image_scale", title="Scale Image", category="image", tags=(*_TAGS, "scale", "resize", "size"))
class ImageScaleNode(BaseNode):
    """Scales an image by a factor, keeping its aspect ratio; sides are rounded to whole pixels."""

    image: ImageField = _image_input("The image to scale.")
    scale_factor: float = InputField(
        2.0,
        gt=0,
        description="The factor by which to multiply width and height (0.5 halves, 2 doubles).",
        ui=UIHints(component="number", step=0.05),
    )
    resample: Resample = InputField("bicubic", description="How pixels are interpolated.", ui=_RESAMPLE_HINTS)

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(scaled(inputs, "image", "scale_factor"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        image = open_image(ctx, self.image)
        width = round(image.width * self.scale_factor)
        height = round(image.height * self.scale_factor)
        check_size(width, height)
        return store_image(ctx, image.resize((width, height), _RESAMPLING[self.resample]))


@node("image_crop", title="Crop Image", category="image", tags=(*_TAGS, "crop"))
class ImageCropNode(BaseNode):
    """Cuts a rectangle out of an image; the result is always width x height.

    Parts of the rectangle that lie outside the image are filled with zeros: transparent for images with
    an alpha channel (RGBA, LA), black for the others. The image's mode is kept.
    """

    image: ImageField = _image_input("The image to crop.")
    x: int = InputField(0, ge=-MAX_SIDE, le=MAX_SIDE, description="Left edge of the rectangle, in pixels.")
    y: int = InputField(0, ge=-MAX_SIDE, le=MAX_SIDE, description="Top edge of the rectangle, in pixels.")
    width: int = _side_input(512, "Width of the rectangle in pixels.")
    height: int = _side_input(512, "Height of the rectangle in pixels.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.size("width", "height"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        check_size(self.width, self.height)
        image = open_image(ctx, self.image)
        cropped = image.crop((self.x, self.y, self.x + self.width, self.y + self.height))
        return store_image(ctx, cropped)


@node("image_paste", title="Paste Image", category="image", tags=(*_TAGS, "paste", "composite"))
class ImagePasteNode(BaseNode):
    """Pastes an image onto a base image at (x, y); the result has the base image's size and mode.

    With a mask, the mask's brightness says how much of the pasted image shows (white fully, black not
    at all). Without one, the pasted image's own alpha channel is used if it has one. Parts that fall
    outside the base image are dropped.
    """

    base_image: ImageField = _image_input("The image to paste onto.")
    image: ImageField = _image_input("The image to paste.")
    mask: ImageField | None = InputField(
        None,
        description="Optional grayscale mask, the same size as the pasted image.",
        input=Input.CONNECTION,
    )
    x: int = InputField(0, ge=-MAX_SIDE, le=MAX_SIDE, description="Where the left edge goes, in pixels.")
    y: int = InputField(0, ge=-MAX_SIDE, le=MAX_SIDE, description="Where the top edge goes, in pixels.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.extent("base_image"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        base = open_image(ctx, self.base_image)
        image = open_image(ctx, self.image)
        mask = open_image(ctx, self.mask).convert("L") if self.mask is not None else None
        if mask is not None and mask.size != image.size:
            raise ValueError(
                f"the mask is {mask.width}x{mask.height} but the pasted image is"
                f" {image.width}x{image.height}; they must be the same size"
            )
        return store_image(ctx, _paste(base, image, mask, (self.x, self.y)))


def _paste(
    base: Image.Image, image: Image.Image, mask: Image.Image | None, at: tuple[int, int]
) -> Image.Image:
    result = base.copy()
    has_alpha = "A" in image.getbands()
    if mask is None and has_alpha and result.mode == "RGBA":
        layer = Image.new("RGBA", result.size, (0, 0, 0, 0))
        layer.paste(image.convert("RGBA"), at)
        return Image.alpha_composite(result, layer)
    if mask is None and has_alpha:
        mask = image.getchannel("A")
    result.paste(image.convert(result.mode), at, mask)
    return result


@node("image_blur", title="Blur Image", category="image", tags=(*_TAGS, "blur", "filter"))
class ImageBlurNode(BaseNode):
    """Blurs an image with a gaussian or box filter (transparent pixels do not darken their neighbors)."""

    image: ImageField = _image_input("The image to blur.")
    radius: float = InputField(
        8.0,
        ge=0,
        le=1024,
        description="Blur radius in pixels; 0 leaves the image unchanged.",
        ui=UIHints(component="slider", slider_min=0, slider_max=64, step=0.5),
    )
    blur_type: Literal["gaussian", "box"] = InputField(
        "gaussian", description="Gaussian (smooth) or box (uniform average) blur."
    )

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.extent("image"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        image = open_image(ctx, self.image)
        kernel: ImageFilter.Filter = (
            ImageFilter.GaussianBlur(self.radius)
            if self.blur_type == "gaussian"
            else ImageFilter.BoxBlur(self.radius)
        )
        # Blur alpha images premultiplied so that the color of transparent pixels does not bleed in.
        premultiplied = {"RGBA": "RGBa", "LA": "La"}.get(image.mode)
        if premultiplied is None:
            return store_image(ctx, image.filter(kernel))
        blurred = image.convert(premultiplied).filter(kernel).convert(image.mode)
        return store_image(ctx, blurred)


@node("image_convert", title="Convert Image Mode", category="image", tags=(*_TAGS, "mode", "grayscale"))
class ImageConvertNode(BaseNode):
    """Converts an image to RGB, RGBA, L (grayscale) or LA (grayscale with alpha).

    Dropping the alpha channel discards it: transparent pixels show their stored color.
    """

    image: ImageField = _image_input("The image to convert.")
    mode: Literal["RGB", "RGBA", "L", "LA"] = InputField("RGB", description="The mode to convert to.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.extent("image"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        return store_image(ctx, open_image(ctx, self.image).convert(self.mode))


class ImageInfoOutput(BaseOutput):
    """An image's size and mode."""

    width: int = OutputField(description="The image's width in pixels.")
    height: int = OutputField(description="The image's height in pixels.")
    mode: str = OutputField(description="The image's stored Pillow mode, e.g. RGB or RGBA.")


@node("image_info", title="Image Info", category="image", tags=(*_TAGS, "size", "info"))
class ImageInfoNode(BaseNode):
    """Reports an image's width, height and mode."""

    image: ImageField = _image_input("The image to describe.")

    def invoke(self, ctx: NodeContext) -> ImageInfoOutput:
        image = ctx.images.load(self.image.image_name)
        return ImageInfoOutput(width=image.width, height=image.height, mode=image.mode)
