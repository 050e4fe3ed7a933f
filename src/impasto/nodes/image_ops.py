"""Pixel arithmetic and channel operations, with InvokeAI's type ids and fields.

Multiply two images, pick or convert channels, turn the hue, stretch or normalize values (lerp, inverse
lerp), shift or scale one channel in another color space, sharpen with an unsharp mask, and paste the way
InvokeAI's ``img_paste`` and ``canvas_paste_back`` do (their masks are inverted compared with
``image_paste``: black shows the pasted image). They exist so that InvokeAI workflows run unchanged; the
``image_*`` nodes of :mod:`impasto.nodes.image` remain the ones to reach for in new workflows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np
from PIL import Image, ImageChops, ImageFilter, ImageOps

from impasto.graph import BaseNode, Input, InputField, NodeContext, node
from impasto.nodes.image import MAX_SIDE, open_image, store_image
from impasto.nodes.types import ImageField, ImageOutput

_TAGS = ("image",)

ImageMode = Literal["L", "RGB", "RGBA", "CMYK", "YCbCr", "LAB", "HSV", "I", "F"]
ColorChannel = Literal[
    "Red (RGBA)",
    "Green (RGBA)",
    "Blue (RGBA)",
    "Alpha (RGBA)",
    "Cyan (CMYK)",
    "Magenta (CMYK)",
    "Yellow (CMYK)",
    "Black (CMYK)",
    "Hue (HSV)",
    "Saturation (HSV)",
    "Value (HSV)",
    "Luminosity (LAB)",
    "A (LAB)",
    "B (LAB)",
    "Y (YCbCr)",
    "Cb (YCbCr)",
    "Cr (YCbCr)",
]


def _image(description: str) -> ImageField:
    field: ImageField = InputField(description=description, input=Input.CONNECTION)
    return field


_CHANNELS: dict[str, tuple[str, int]] = {
    "Red (RGBA)": ("RGBA", 0),
    "Green (RGBA)": ("RGBA", 1),
    "Blue (RGBA)": ("RGBA", 2),
    "Alpha (RGBA)": ("RGBA", 3),
    "Cyan (CMYK)": ("CMYK", 0),
    "Magenta (CMYK)": ("CMYK", 1),
    "Yellow (CMYK)": ("CMYK", 2),
    "Black (CMYK)": ("CMYK", 3),
    "Hue (HSV)": ("HSV", 0),
    "Saturation (HSV)": ("HSV", 1),
    "Value (HSV)": ("HSV", 2),
    "Luminosity (LAB)": ("LAB", 0),
    "A (LAB)": ("LAB", 1),
    "B (LAB)": ("LAB", 2),
    "Y (YCbCr)": ("YCbCr", 0),
    "Cb (YCbCr)": ("YCbCr", 1),
    "Cr (YCbCr)": ("YCbCr", 2),
}
"""Each channel's color space and band index there."""

Pixels = np.ndarray[tuple[int, ...], np.dtype[np.float64]]


@node("img_mul", title="Multiply Images", category="image", tags=(*_TAGS, "multiply"))
class ImageMultiplyNode(BaseNode):
    """Multiplies two images pixel by pixel (white keeps, black blacks out); both must be the same size."""

    image1: ImageField = _image("The first image to multiply.")
    image2: ImageField = _image("The second image to multiply.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        first, second = open_image(ctx, self.image1), open_image(ctx, self.image2)
        if first.size != second.size:
            raise ValueError(
                f"'image1' is {first.width}x{first.height} but 'image2' is {second.width}x{second.height};"
                " they must be the same size"
            )
        mode = "RGBA" if "A" in first.getbands() + second.getbands() else "RGB"
        return store_image(ctx, ImageChops.multiply(first.convert(mode), second.convert(mode)))


@node("img_chan", title="Extract Image Channel", category="image", tags=(*_TAGS, "channel"))
class ImageChannelNode(BaseNode):
    """One channel (red, green, blue or alpha) of an image, as a grayscale image."""

    image: ImageField = _image("The image to get the channel from.")
    channel: Literal["A", "R", "G", "B"] = InputField("A", description="The channel to get.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        return store_image(ctx, open_image(ctx, self.image).convert("RGBA").getchannel(self.channel))


@node("img_conv", title="Convert Image Mode (InvokeAI)", category="image", tags=(*_TAGS, "mode"))
class ImageConvertModesNode(BaseNode):
    """Converts an image to any of Pillow's modes InvokeAI offers, grayscale by default.

    Modes that PNG cannot hold come back as the nearest mode it can: CMYK and YCbCr as RGB (the image seen
    through that mode), LAB and HSV with their three bands stored as R, G and B, and I and F (32-bit
    grayscale) as 16-bit grayscale."""

    image: ImageField = _image("The image to convert.")
    mode: ImageMode = InputField("L", description="The mode to convert to.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        converted = open_image(ctx, self.image).convert(self.mode)
        if self.mode in ("LAB", "HSV"):
            converted = Image.merge("RGB", converted.split())
        elif self.mode in ("CMYK", "YCbCr"):
            converted = converted.convert("RGB")
        elif self.mode in ("I", "F"):
            pixels = np.clip(np.asarray(converted, dtype=np.float64), 0, 65535).astype(np.uint16)
            converted = Image.fromarray(pixels)
        return store_image(ctx, converted)


@node("img_lerp", title="Lerp Image", category="image", tags=(*_TAGS, "lerp", "levels"))
class ImageLerpNode(BaseNode):
    """Maps every value v of 0-255 linearly onto min-max: min + v / 255 x (max - min)."""

    image: ImageField = _image("The image to lerp.")
    min: int = InputField(0, ge=0, le=255, description="The output value of 0.")
    max: int = InputField(255, ge=0, le=255, description="The output value of 255.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        pixels = np.asarray(open_image(ctx, self.image), dtype=np.float32) / 255
        result = pixels * (self.max - self.min) + self.min
        return store_image(ctx, Image.fromarray(result.astype(np.uint8)))


@node("img_ilerp", title="Inverse Lerp Image", category="image", tags=(*_TAGS, "ilerp", "levels"))
class ImageInverseLerpNode(BaseNode):
    """Stretches the values min-max to 0-255: below min becomes 0, above max 255 (a levels adjustment)."""

    image: ImageField = _image("The image to stretch.")
    min: int = InputField(0, ge=0, le=255, description="The input value that becomes 0.")
    max: int = InputField(255, ge=0, le=255, description="The input value that becomes 255.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        if self.max <= self.min:
            raise ValueError(f"'max' ({self.max}) must be greater than 'min' ({self.min})")
        pixels = np.asarray(open_image(ctx, self.image), dtype=np.float32)
        result = np.clip((pixels - self.min) / (self.max - self.min), 0, 1) * 255
        return store_image(ctx, Image.fromarray(result.astype(np.uint8)))


@node(
    "img_channel_offset", title="Offset Image Channel", category="image", tags=(*_TAGS, "channel", "offset")
)
class ImageChannelOffsetNode(BaseNode):
    """Adds a value to one channel of an image in the color space the channel belongs to (hue wraps
    around; other channels stop at 0 and 255)."""

    image: ImageField = _image("The image to adjust.")
    channel: ColorChannel = InputField(description="Which channel to adjust.")
    offset: int = InputField(0, ge=-255, le=255, description="The amount to add to the channel.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        def shift(band: Pixels) -> Pixels:
            moved = band + self.offset
            return moved % 256 if self.channel == "Hue (HSV)" else np.clip(moved, 0, 255)

        return store_image(ctx, _with_channel(open_image(ctx, self.image), self.channel, shift))


@node(
    "img_channel_multiply",
    title="Multiply Image Channel",
    category="image",
    tags=(*_TAGS, "channel", "scale"),
)
class ImageChannelMultiplyNode(BaseNode):
    """Multiplies one channel of an image, in the color space the channel belongs to, optionally
    inverting it afterwards (values stop at 0 and 255)."""

    image: ImageField = _image("The image to adjust.")
    channel: ColorChannel = InputField(description="Which channel to adjust.")
    scale: float = InputField(1.0, ge=0.0, le=255.0, description="The factor to multiply the channel by.")
    invert_channel: bool = InputField(False, description="Invert the channel after scaling.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        def scale(band: Pixels) -> Pixels:
            scaled = np.clip(band * self.scale, 0, 255)
            return 255 - scaled if self.invert_channel else scaled

        return store_image(ctx, _with_channel(open_image(ctx, self.image), self.channel, scale))


def _with_channel(image: Image.Image, channel: str, change: Callable[[Pixels], Pixels]) -> Image.Image:
    """``image`` as RGBA with ``change`` applied to ``channel`` (its alpha kept unless it is the channel)."""
    rgba = image.convert("RGBA")
    space, index = _CHANNELS[channel]
    pixels = np.asarray(rgba.convert(space), dtype=np.float64).copy()
    pixels[:, :, index] = change(pixels[:, :, index])
    bands = [Image.fromarray(pixels[:, :, i].astype(np.uint8)) for i in range(pixels.shape[2])]
    result = Image.merge(space, bands).convert("RGBA")
    if channel != "Alpha (RGBA)":
        result.putalpha(rgba.getchannel("A"))
    return result


@node("img_hue_adjust", title="Adjust Image Hue", category="image", tags=(*_TAGS, "hue"))
class ImageHueAdjustNode(BaseNode):
    """Turns every color round the hue circle by ``hue`` degrees (120 makes red green); the result is RGBA
    with the image's alpha."""

    image: ImageField = _image("The image to adjust.")
    hue: int = InputField(
        0, ge=-3600, le=3600, description="Degrees to turn the hue by (0-360 wraps around)."
    )

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        steps = round(256 * (self.hue % 360) / 360)

        def turn(band: Pixels) -> Pixels:
            return (band + steps) % 256

        return store_image(ctx, _with_channel(open_image(ctx, self.image), "Hue (HSV)", turn))


@node("unsharp_mask", title="Unsharp Mask", category="image", tags=(*_TAGS, "unsharp_mask", "sharpen"))
class UnsharpMaskNode(BaseNode):
    """Sharpens an image: adds ``strength`` percent of its difference from a gaussian blur of ``radius``
    (the alpha channel is kept as it is)."""

    image: ImageField = _image("The image to sharpen.")
    radius: float = InputField(2.0, gt=0, le=1024, description="Radius of the blur, in pixels.")
    strength: float = InputField(50.0, ge=0, le=10_000, description="How much detail is added, in percent.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        image = open_image(ctx, self.image)
        alpha = image.getchannel("A") if "A" in image.getbands() else None
        rgb = image.convert("RGB")
        pixels = np.asarray(rgb, dtype=np.float64)
        blurred = np.asarray(rgb.filter(ImageFilter.GaussianBlur(self.radius)), dtype=np.float64)
        sharpened = np.clip(pixels + (pixels - blurred) * (self.strength / 100), 0, 255)
        result = Image.fromarray(np.rint(sharpened).astype(np.uint8)).convert(image.mode)
        if alpha is not None:
            result.putalpha(alpha)
        return store_image(ctx, result)


@node("img_paste", title="Paste Image (InvokeAI)", category="image", tags=(*_TAGS, "paste", "composite"))
class InvokePasteNode(BaseNode):
    """Pastes an image onto a base image at (x, y), as InvokeAI's Paste Image does: the result is RGBA and
    grows to hold both images unless ``crop`` is set, and a mask shows the pasted image where it is dark.

    (``image_paste`` keeps the base image's size and shows the pasted image where the mask is white.)"""

    base_image: ImageField = _image("The image to paste onto.")
    image: ImageField = _image("The image to paste.")
    mask: ImageField | None = InputField(
        None, description="Optional mask, the pasted image's size: black shows it.", input=Input.CONNECTION
    )
    x: int = InputField(0, ge=-MAX_SIDE, le=MAX_SIDE, description="Where the left edge goes, in pixels.")
    y: int = InputField(0, ge=-MAX_SIDE, le=MAX_SIDE, description="Where the top edge goes, in pixels.")
    crop: bool = InputField(False, description="Crop the result to the base image.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        base = open_image(ctx, self.base_image).convert("RGBA")
        image = open_image(ctx, self.image).convert("RGBA")
        mask = None
        if self.mask is not None:
            mask = ImageOps.invert(open_image(ctx, self.mask).convert("L"))
            if mask.size != image.size:
                raise ValueError(
                    f"the mask is {mask.size} but the pasted image is {image.size}; they must match"
                )
        left, top = min(0, self.x), min(0, self.y)
        right, bottom = max(base.width, image.width + self.x), max(base.height, image.height + self.y)
        result = Image.new("RGBA", (right - left, bottom - top), (0, 0, 0, 0))
        result.paste(base, (-left, -top))
        layer = Image.new("RGBA", result.size, (0, 0, 0, 0))
        layer.paste(image, (self.x - left, self.y - top), mask)
        result = Image.alpha_composite(result, layer)
        if self.crop:
            result = result.crop((-left, -top, -left + base.width, -top + base.height))
        return store_image(ctx, result)


@node("canvas_paste_back", title="Canvas Paste Back", category="image", tags=(*_TAGS, "combine", "canvas"))
class CanvasPasteBackNode(BaseNode):
    """Puts the target image over the source image where the mask is black, the mask shrunk and blurred
    by ``mask_blur`` pixels so the seam fades (how a canvas inpaint result goes back into the original)."""

    source_image: ImageField = _image("The image to paste onto (the original).")
    target_image: ImageField = _image("The image to paste (the generated one), the source's size.")
    mask: ImageField = _image("The mask: black where the target image shows.")
    mask_blur: int = InputField(
        0, ge=0, le=512, description="How far the mask's edge is softened, in pixels."
    )

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        source = open_image(ctx, self.source_image)
        target = open_image(ctx, self.target_image)
        mask = open_image(ctx, self.mask).convert("L")
        for name, other in (("target_image", target), ("mask", mask)):
            if other.size != source.size:
                raise ValueError(
                    f"'{name}' is {other.size} but 'source_image' is {source.size}; they must match"
                )
        if self.mask_blur > 0:
            # Grow the black area (where the target shows) before blurring, so the blur stays inside it.
            mask = mask.filter(ImageFilter.MinFilter(2 * self.mask_blur + 1))
            mask = mask.filter(ImageFilter.GaussianBlur(self.mask_blur))
        result = source.copy()
        result.paste(target.convert(source.mode), (0, 0), ImageOps.invert(mask))
        return store_image(ctx, result)
