"""Region mask nodes: an image turned into a region mask tensor, for prompts that condition one region.

A region mask is stored in the tensor store as a (1, H, W) bool tensor (True = in the region) and travels
as a :class:`~impasto.nodes.refs.TensorField`. Canvases draw regions either as opaque strokes on a
transparent layer (``alpha_mask_to_tensor``) or as white on black (``image_mask_to_tensor``).
"""

from __future__ import annotations

from typing import Any

from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, node
from impasto.nodes.image import open_image
from impasto.nodes.refs import TensorField
from impasto.nodes.types import ImageField

_TAGS = ("mask", "tensor", "regional")


class MaskOutput(BaseOutput):
    """A region mask and its size."""

    mask: TensorField = OutputField(description="The mask, (1, H, W), True inside the region.")
    width: int = OutputField(description="Width of the mask in pixels.")
    height: int = OutputField(description="Height of the mask in pixels.")


def _image_input() -> ImageField:
    field: ImageField = InputField(description="The mask image.", input=Input.CONNECTION)
    return field


def _invert() -> bool:
    value: bool = InputField(False, description="Swap what is inside and outside the region.")
    return value


def _stored(ctx: NodeContext, mask: Any) -> MaskOutput:
    """Store a (1, H, W) bool mask tensor."""
    name = ctx.tensors.save(mask)
    return MaskOutput(mask=TensorField(tensor_name=name), width=mask.shape[-1], height=mask.shape[-2])


@node("alpha_mask_to_tensor", title="Alpha Mask to Tensor", category="conditioning", tags=_TAGS)
class AlphaMaskToTensorNode(BaseNode):
    """Turns an image's transparency into a region mask: opaque pixels are in the region.

    Use it for regions painted on a transparent layer; an image without transparency is all region.
    """

    image: ImageField = _image_input()
    invert: bool = _invert()

    def invoke(self, ctx: NodeContext) -> MaskOutput:
        from impasto.generation.masks import alpha_mask

        return _stored(ctx, alpha_mask(open_image(ctx, self.image), invert=self.invert))


@node("image_mask_to_tensor", title="Image Mask to Tensor", category="conditioning", tags=_TAGS)
class ImageMaskToTensorNode(BaseNode):
    """Turns a black-and-white image into a region mask: pixels brighter than the cutoff are in the region.

    The image is read as grey levels (0-255) first, so any color works.
    """

    image: ImageField = _image_input()
    cutoff: int = InputField(128, ge=0, le=255, description="Grey levels above this are in the region.")
    invert: bool = _invert()

    def invoke(self, ctx: NodeContext) -> MaskOutput:
        from impasto.generation.masks import grey_mask

        return _stored(ctx, grey_mask(open_image(ctx, self.image), cutoff=self.cutoff, invert=self.invert))
