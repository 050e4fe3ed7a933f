"""Cropping latents to a box given in image pixels (InvokeAI's ``crop_latents``), e.g. to one tile of a
tiled upscale.

The box's position and size must be multiples of the latents' scale factor (8 for SD's VAE), since a
latent pixel cannot be split, and the box must lie inside the latents.
"""

from __future__ import annotations

from impasto.graph import BaseNode, Input, InputField, NodeContext, node
from impasto.nodes.image import MAX_SIDE
from impasto.nodes.latents import LatentsOutput, latents_output
from impasto.nodes.refs import LatentsField


@node("crop_latents", title="Crop Latents", category="latents", version="1.0.2", tags=("latents", "crop"))
class CropLatentsNode(BaseNode):
    """Crops latents to a box given in image pixels (multiples of the scale factor, 8 for SD)."""

    latents: LatentsField = InputField(description="The latents to crop.", input=Input.CONNECTION)
    x: int = InputField(0, ge=0, le=MAX_SIDE, description="Left edge of the box, in image pixels.")
    y: int = InputField(0, ge=0, le=MAX_SIDE, description="Top edge of the box, in image pixels.")
    width: int = InputField(512, ge=1, le=MAX_SIDE, description="Width of the box, in image pixels.")
    height: int = InputField(512, ge=1, le=MAX_SIDE, description="Height of the box, in image pixels.")

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        factor = self.latents.scale_factor
        for name in ("x", "y", "width", "height"):
            value = getattr(self, name)
            if value % factor:
                raise ValueError(
                    f"'{name}' ({value}) must be a multiple of the latents' scale factor {factor}"
                )
        latents = ctx.tensors.load(self.latents.latents_name)  # (B, C, H/f, W/f)
        rows, columns = int(latents.shape[-2]), int(latents.shape[-1])
        left, top = self.x // factor, self.y // factor
        right, bottom = left + self.width // factor, top + self.height // factor
        if right > columns or bottom > rows:
            box = f"({self.x}, {self.y}) to ({self.x + self.width}, {self.y + self.height})"
            raise ValueError(
                f"the box {box} does not fit in the latents of a {columns * factor}x{rows * factor} image"
            )
        return latents_output(ctx, latents[..., top:bottom, left:right].clone(), factor)
