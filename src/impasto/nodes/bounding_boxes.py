"""Bounding boxes (InvokeAI's ``bounding_box``, ``get_image_mask_bounding_box``,
``crop_image_to_bounding_box`` and ``paste_image_into_bounding_box``): find the box around a mask, cut an
image to it, and paste a processed crop back in place (the way a detailer works on one region).

Boxes are in pixels with ``x_max``/``y_max`` excluded, as Pillow crops: the box (0, 0, 4, 4) is 4x4 pixels.
"""

from __future__ import annotations

from PIL import Image, ImageChops
from pydantic import BaseModel, ConfigDict, Field

from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, node
from impasto.nodes.image import MAX_SIDE, open_image, store_image
from impasto.nodes.types import ColorField, ImageField, ImageOutput


class BoundingBoxField(BaseModel):
    """A rectangle in an image: left, top (included) and right, bottom (excluded), in pixels."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    x_min: int = Field(ge=0, le=MAX_SIDE, description="Left edge.")
    y_min: int = Field(ge=0, le=MAX_SIDE, description="Top edge.")
    x_max: int = Field(ge=0, le=MAX_SIDE, description="Right edge (excluded).")
    y_max: int = Field(ge=0, le=MAX_SIDE, description="Bottom edge (excluded).")
    score: float | None = Field(None, description="How sure a detector was of it, if one made it.")

    def box(self) -> tuple[int, int, int, int]:
        """``(left, top, right, bottom)``, the form Pillow takes."""
        return (self.x_min, self.y_min, self.x_max, self.y_max)


class BoundingBoxOutput(BaseOutput):
    """One bounding box."""

    bounding_box: BoundingBoxField = OutputField(description="The box.")


def _image(description: str) -> ImageField:
    field: ImageField = InputField(description=description, input=Input.CONNECTION)
    return field


def _coordinate(description: str) -> int:
    field: int = InputField(0, ge=0, le=MAX_SIDE, description=description)
    return field


@node("bounding_box", title="Bounding Box", category="primitives", tags=("primitives", "bounding box"))
class BoundingBoxNode(BaseNode):
    """A bounding box typed in by its corners."""

    x_min: int = _coordinate("Left edge, in pixels.")
    y_min: int = _coordinate("Top edge, in pixels.")
    x_max: int = _coordinate("Right edge (excluded), in pixels.")
    y_max: int = _coordinate("Bottom edge (excluded), in pixels.")

    def invoke(self, ctx: NodeContext) -> BoundingBoxOutput:
        for low, high in (("x_min", "x_max"), ("y_min", "y_max")):
            if getattr(self, high) < getattr(self, low):
                raise ValueError(
                    f"'{high}' ({getattr(self, high)}) is less than '{low}' ({getattr(self, low)})"
                )
        box = BoundingBoxField(x_min=self.x_min, y_min=self.y_min, x_max=self.x_max, y_max=self.y_max)
        return BoundingBoxOutput(bounding_box=box)


@node("get_image_mask_bounding_box", title="Get Image Mask Bounding Box", category="mask", tags=("mask",))
class MaskBoundingBoxNode(BaseNode):
    """The smallest box holding every pixel of the mask's color, grown by ``margin`` (kept inside the
    image); an empty box (0, 0, 0, 0) when no pixel has that color."""

    mask: ImageField = _image("The mask to measure.")
    margin: int = InputField(0, ge=0, le=MAX_SIDE, description="Pixels added on every side of the box.")
    mask_color: ColorField = InputField(
        ColorField(r=255, g=255, b=255, a=255), description="The color of the masked pixels."
    )

    def invoke(self, ctx: NodeContext) -> BoundingBoxOutput:
        mask = open_image(ctx, self.mask).convert("RGBA")
        target = Image.new("RGBA", mask.size, self.mask_color.rgba())
        # Pixels of the mask color become 255, all others 0; getbbox then finds the box around them.
        matches = Image.eval(_difference(mask, target), lambda value: 255 if value == 0 else 0)
        found = matches.getbbox()
        if found is None:
            return BoundingBoxOutput(bounding_box=BoundingBoxField(x_min=0, y_min=0, x_max=0, y_max=0))
        left, top, right, bottom = found
        grown = BoundingBoxField(
            x_min=max(0, left - self.margin),
            y_min=max(0, top - self.margin),
            x_max=min(mask.width, right + self.margin),
            y_max=min(mask.height, bottom + self.margin),
        )
        return BoundingBoxOutput(bounding_box=grown)


def _difference(image: Image.Image, target: Image.Image) -> Image.Image:
    """One band: 0 where every channel of ``image`` equals ``target``'s, more elsewhere."""
    bands = ImageChops.difference(image, target).split()
    combined = bands[0]
    for band in bands[1:]:
        combined = ImageChops.lighter(combined, band)
    return combined


@node(
    "crop_image_to_bounding_box", title="Crop Image to Bounding Box", category="image", tags=("image", "crop")
)
class CropToBoundingBoxNode(BaseNode):
    """Crops an image to a box, or, with no box, to its non-transparent pixels."""

    image: ImageField = _image("The image to crop.")
    bounding_box: BoundingBoxField | None = InputField(
        None, description="The box; empty: the visible pixels."
    )

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        image = open_image(ctx, self.image)
        box = self.bounding_box.box() if self.bounding_box is not None else image.getbbox()
        if box is None or box[2] <= box[0] or box[3] <= box[1]:
            raise ValueError(f"the box {box} is empty: there is nothing to crop to")
        return store_image(ctx, image.crop(box))


@node(
    "paste_image_into_bounding_box",
    title="Paste Image into Bounding Box",
    category="image",
    tags=("image", "paste"),
)
class PasteIntoBoundingBoxNode(BaseNode):
    """Pastes an image, the box's size, into the box of another image (its transparency respected)."""

    source_image: ImageField = _image("The image to paste, the size of the box.")
    target_image: ImageField = _image("The image to paste into.")
    bounding_box: BoundingBoxField = InputField(description="Where the image goes.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        source = open_image(ctx, self.source_image).convert("RGBA")
        target = open_image(ctx, self.target_image).convert("RGBA")
        box = self.bounding_box.box()
        size = (box[2] - box[0], box[3] - box[1])
        if source.size != size:
            raise ValueError(
                f"'source_image' is {source.width}x{source.height} but the box is {size[0]}x{size[1]}"
            )
        if box[2] > target.width or box[3] > target.height:
            raise ValueError(f"the box {box} does not fit in the {target.width}x{target.height} target image")
        target.paste(source, box[:2], source)
        return store_image(ctx, target)
