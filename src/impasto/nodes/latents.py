"""Latents nodes: noise from a seed, image ↔ latents, resizing and blending latents, denoise masks, the
outpainting canvas and the ideal size for a model.

Masks are grey images: white regenerates, black keeps. Latents travel as names in the tensor store with
their seed (if noise) and their VAE's scale factor, so later nodes can convert between latent and pixel
sizes. Torch is only imported (through :mod:`impasto.generation`) when a node runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, UIHints, node
from impasto.graph.forecast import Extent, Forecast, ForecastInputs, Pass, PassKind
from impasto.nodes.image import open_image, scaled
from impasto.nodes.refs import DenoiseMaskField, LatentsField, UNetField, VAEField
from impasto.nodes.types import ColorField, ImageField, ImageOutput

if TYPE_CHECKING:
    from impasto.generation.runtime import StepHooks, VAESpec

_TAGS = ("latents",)
SEED_MAX = 2**32 - 1
LatentsResize = Literal["nearest", "bilinear", "bicubic", "area", "nearest-exact"]


class LatentsOutput(BaseOutput):
    """Latents and the size of the image they decode to."""

    latents: LatentsField = OutputField(description="The latents.")
    width: int = OutputField(description="Width of the image they decode to, in pixels.")
    height: int = OutputField(description="Height of the image they decode to, in pixels.")


class DenoiseMaskOutput(BaseOutput):
    """A mask for the denoise node."""

    denoise_mask: DenoiseMaskField = OutputField(description="Where to regenerate.")


class GradientMaskOutput(BaseOutput):
    """A gradient mask for the denoise node and the area it may change."""

    denoise_mask: DenoiseMaskField = OutputField(description="Where and how strongly to regenerate.")
    expanded_mask_area: ImageField = OutputField(
        description="White wherever the gradient mask may change the image (for compositing the result)."
    )


class IdealSizeOutput(BaseOutput):
    """A width and height."""

    width: int = OutputField(description="Width in pixels.")
    height: int = OutputField(description="Height in pixels.")


class OutpaintCanvasOutput(BaseOutput):
    """The enlarged image and the mask of what to paint."""

    image: ImageField = OutputField(description="The image on the enlarged canvas, borders filled.")
    mask: ImageField = OutputField(description="White where the image is to be painted.")
    width: int = OutputField(description="Width of the canvas in pixels.")
    height: int = OutputField(description="Height of the canvas in pixels.")


def step_hooks(ctx: NodeContext) -> StepHooks:
    """Progress, cancellation, the configured device and VAE tiling, for the generation runs."""
    from impasto.generation.runtime import StepHooks

    return StepHooks(
        progress=ctx.progress,
        check_cancel=ctx.raise_if_canceled,
        device=ctx.config.device,
        vae_tile_above_pixels=ctx.config.vae_tile_above_pixels,
    )


def check_image_limit(ctx: NodeContext, model_key: str, width: int, height: int, verb: str) -> None:
    """Refuse a pass over ``max_image_pixels`` for the model's base, before it starts (sizes that came
    from edges are known only now)."""
    from impasto.models.limits import check_pixels

    base = ctx.models.record(model_key).base
    subject = f"node '{ctx.node_id}' would {verb}"
    check_pixels(ctx.config.max_image_pixels, base, width, height, subject, node_id=ctx.node_id)


def vae_forecast(inputs: ForecastInputs, kind: PassKind, extent: Extent | None) -> Forecast:
    """A VAE pass at ``extent`` (its output has that size too)."""
    if extent is None:
        return Forecast()
    tiled = bool(inputs.value("tiled"))
    return Forecast(extent, (Pass(kind, extent, inputs.node_id, {"tiled": tiled}),))


def vae_spec(field: VAEField) -> VAESpec:
    from impasto.generation.runtime import Part, VAESpec

    return VAESpec(Part(field.vae.key, field.vae.submodel), tuple(field.seamless_axes))


def latents_output(ctx: NodeContext, latents: object, factor: int, seed: int | None = None) -> LatentsOutput:
    """Store latents (1, C, h, w) and describe them."""
    shape = latents.shape  # type: ignore[attr-defined]
    name = ctx.tensors.save(latents)
    field = LatentsField(latents_name=name, seed=seed, scale_factor=factor)
    return LatentsOutput(latents=field, width=int(shape[-1]) * factor, height=int(shape[-2]) * factor)


def _connection(description: str) -> Any:
    return InputField(description=description, input=Input.CONNECTION)


def _optional(description: str) -> Any:
    return InputField(None, description=description, input=Input.CONNECTION)


def _side(default: int, description: str) -> Any:
    return InputField(
        default, ge=8, le=16384, description=description, ui=UIHints(component="number", step=8)
    )


def _tiled() -> Any:
    return InputField(
        False,
        description="Work in tiles: less memory (always so above the vae_tile_above_pixels setting, 4 "
        "megapixels, and for images that would not fit in the free memory at once).",
    )


def _fp32() -> Any:
    return InputField(False, description="Run the VAE in float32 (always so on the CPU).")


@node("noise", title="Noise", category="latents", tags=(*_TAGS, "noise", "seed"))
class NoiseNode(BaseNode):
    """Makes the starting noise for an image from a seed: the same seed gives the same noise, and the
    same image, on any machine (drawn on the CPU, as InvokeAI draws it)."""

    seed: int = InputField(0, ge=0, le=SEED_MAX, description="The seed (an unsigned 32-bit number).")
    width: int = _side(512, "Width of the image, in pixels (a multiple of the VAE's factor, usually 8).")
    height: int = _side(512, "Height of the image, in pixels (a multiple of the VAE's factor, usually 8).")
    vae: VAEField | None = _optional(
        "The model's VAE, for its latent channels and scale factor (default: Stable Diffusion's, 4 and 8)."
    )

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.size("width", "height"))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.vae_runs import run_noise

        spec = vae_spec(self.vae) if self.vae is not None else None
        noise, geometry = run_noise(
            ctx.models if spec is not None else None,
            spec, seed=self.seed, width=self.width, height=self.height,
            precision=ctx.config.precision, device=ctx.config.device,
        )  # fmt: skip
        return latents_output(ctx, noise, geometry.factor, seed=self.seed)


@node("i2l", title="Image to Latents", category="latents", tags=(*_TAGS, "image", "vae", "encode"))
class ImageToLatentsNode(BaseNode):
    """Encodes an image into latents with a VAE (for image to image, inpainting and hires passes)."""

    image: ImageField = _connection("The image to encode.")
    vae: VAEField = _connection("The VAE.")
    tiled: bool = _tiled()
    fp32: bool = _fp32()

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return vae_forecast(inputs, PassKind.ENCODE, inputs.extent("image"))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.vae import vae_scale_factor
        from impasto.generation.vae_runs import run_encode

        spec = vae_spec(self.vae)
        image = open_image(ctx, self.image)
        check_image_limit(ctx, spec.vae.key, image.width, image.height, "encode")
        latents = run_encode(ctx.models, spec, image, tiled=self.tiled, fp32=self.fp32, hooks=step_hooks(ctx))
        factor = vae_scale_factor(ctx.models.load(spec.vae.key, spec.vae.submodel).model)
        return latents_output(ctx, latents, factor)


@node("l2i", title="Latents to Image", category="latents", tags=(*_TAGS, "image", "vae", "decode"))
class LatentsToImageNode(BaseNode):
    """Decodes latents into an image with a VAE."""

    latents: LatentsField = _connection("The latents to decode.")
    vae: VAEField = _connection("The VAE.")
    tiled: bool = _tiled()
    fp32: bool = _fp32()

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return vae_forecast(inputs, PassKind.DECODE, inputs.extent("latents"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.vae_runs import run_decode
        from impasto.nodes.image import store_image

        latents = ctx.tensors.load(self.latents.latents_name)
        factor = self.latents.scale_factor
        width, height = int(latents.shape[-1]) * factor, int(latents.shape[-2]) * factor
        check_image_limit(ctx, self.vae.vae.key, width, height, "decode")
        image = run_decode(
            ctx.models, vae_spec(self.vae), latents, tiled=self.tiled, fp32=self.fp32, hooks=step_hooks(ctx)
        )
        return store_image(ctx, image)


def _resize_mode() -> Any:
    return InputField("bilinear", description="How latent pixels are interpolated.")


def _antialias() -> Any:
    return InputField(False, description="Antialias when shrinking (bilinear and bicubic only).")


@node("lresize", title="Resize Latents", category="latents", tags=(*_TAGS, "resize"))
class ResizeLatentsNode(BaseNode):
    """Resizes latents to the latents of a ``width`` x ``height`` image."""

    latents: LatentsField = _connection("The latents to resize.")
    width: int = _side(512, "Width of the image the result decodes to, in pixels.")
    height: int = _side(512, "Height of the image the result decodes to, in pixels.")
    mode: LatentsResize = _resize_mode()
    antialias: bool = _antialias()

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.size("width", "height"))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.latents_ops import resize_latents
        from impasto.generation.noise import check_latent_size

        factor = self.latents.scale_factor
        check_latent_size(self.width, self.height, factor)
        latents = ctx.tensors.load(self.latents.latents_name)
        size = (self.height // factor, self.width // factor)
        return latents_output(ctx, resize_latents(latents, size, self.mode, self.antialias), factor)


@node("lscale", title="Scale Latents", category="latents", tags=(*_TAGS, "scale", "resize"))
class ScaleLatentsNode(BaseNode):
    """Scales latents by a factor (2 doubles width and height; sides are rounded to whole latent pixels)."""

    latents: LatentsField = _connection("The latents to scale.")
    scale_factor: float = InputField(2.0, gt=0, le=16, description="The factor to scale width and height by.")
    mode: LatentsResize = _resize_mode()
    antialias: bool = _antialias()

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(scaled(inputs, "latents", "scale_factor"))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.latents_ops import resize_latents

        latents = ctx.tensors.load(self.latents.latents_name)
        size = (
            max(1, round(latents.shape[-2] * self.scale_factor)),
            max(1, round(latents.shape[-1] * self.scale_factor)),
        )
        resized = resize_latents(latents, size, self.mode, self.antialias)
        return latents_output(ctx, resized, self.latents.scale_factor)


@node("lblend", title="Blend Latents", category="latents", tags=(*_TAGS, "blend", "slerp", "mix"))
class BlendLatentsNode(BaseNode):
    """Blends two latents of the same size: spherically (slerp, keeps noise looking like noise) or
    linearly."""

    latents_a: LatentsField = _connection("The first latents (alpha 0).")
    latents_b: LatentsField = _connection("The second latents (alpha 1).")
    alpha: float = InputField(0.5, ge=-1, le=2, description="How far from a towards b (0 = a, 1 = b).")
    method: Literal["slerp", "lerp"] = InputField("slerp", description="Spherical or linear blending.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.extent("latents_a"))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.latents_ops import blend_latents

        a = ctx.tensors.load(self.latents_a.latents_name)
        b = ctx.tensors.load(self.latents_b.latents_name)
        return latents_output(ctx, blend_latents(a, b, self.alpha, self.method), self.latents_a.scale_factor)


def _store_mask(ctx: NodeContext, stored: Mapping[str, Any], gradient: bool) -> DenoiseMaskField:
    masked = stored.get("masked_latents")
    return DenoiseMaskField(
        mask_name=ctx.tensors.save(stored["mask"]),
        masked_latents_name=ctx.tensors.save(masked) if masked is not None else None,
        gradient=gradient,
    )


@node(
    "create_denoise_mask", title="Create Denoise Mask", category="latents", tags=(*_TAGS, "mask", "inpaint")
)
class CreateDenoiseMaskNode(BaseNode):
    """Makes the mask the denoise node inpaints with: white regenerates, black keeps, grey blends.

    Connect the source image and the VAE when inpainting with an inpainting model (it needs the latents
    of the image with the masked area blanked).
    """

    mask: ImageField = _connection("The mask image (white = regenerate).")
    image: ImageField | None = _optional("The source image (needed for inpainting models).")
    vae: VAEField | None = _optional("The VAE (needed for inpainting models).")
    edge_blur: float = InputField(0, ge=0, le=256, description="Soften the mask's edges by this many pixels.")
    invert: bool = InputField(False, description="Swap what is kept and what is regenerated.")
    tiled: bool = _tiled()
    fp32: bool = _fp32()

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        image = inputs.extent("image") if inputs.connected("vae") else None
        return vae_forecast(inputs, PassKind.ENCODE, image) if image is not None else Forecast()

    def invoke(self, ctx: NodeContext) -> DenoiseMaskOutput:
        from impasto.generation.masks import blur_mask, mask_image
        from impasto.generation.vae_runs import run_denoise_mask

        mask = blur_mask(mask_image(open_image(ctx, self.mask), invert=self.invert), self.edge_blur)
        image = open_image(ctx, self.image) if self.image is not None else None
        stored = run_denoise_mask(
            ctx.models, mask, image=image, vae=vae_spec(self.vae) if self.vae else None,
            tiled=self.tiled, fp32=self.fp32, hooks=step_hooks(ctx),
        )  # fmt: skip
        return DenoiseMaskOutput(denoise_mask=_store_mask(ctx, stored, gradient=False))


@node(
    "create_gradient_mask", title="Create Gradient Mask", category="latents", tags=(*_TAGS, "mask", "inpaint")
)
class CreateGradientMaskNode(BaseNode):
    """Makes a mask whose edges fade out over a band, where the image is regenerated progressively less
    strongly: the inpainted area blends into its surroundings without a visible seam."""

    mask: ImageField = _connection("The mask image (white = regenerate).")
    edge_radius: int = InputField(16, ge=0, le=1024, description="Width of the fading band, in pixels.")
    minimum_denoise: float = InputField(
        0.0, ge=0, le=1, description="The least strength anywhere in the band (0 lets it fade out fully)."
    )
    denoise_limit: float = InputField(
        1.0,
        ge=0,
        le=1,
        description="The most any pixel may be regenerated: each strength is multiplied by it (0 keeps all).",
    )
    image: ImageField | None = _optional("The source image (needed for inpainting models).")
    vae: VAEField | None = _optional("The VAE (needed for inpainting models).")
    tiled: bool = _tiled()
    fp32: bool = _fp32()

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        image = inputs.extent("image") if inputs.connected("vae") else None
        return vae_forecast(inputs, PassKind.ENCODE, image) if image is not None else Forecast()

    def invoke(self, ctx: NodeContext) -> GradientMaskOutput:
        from impasto.generation.masks import gradient_mask, mask_image, scale_mask
        from impasto.generation.vae_runs import run_denoise_mask

        gradient, touched = gradient_mask(
            mask_image(open_image(ctx, self.mask)), self.edge_radius, self.minimum_denoise
        )
        if self.denoise_limit < 1:
            gradient = scale_mask(gradient, self.denoise_limit)
        image = open_image(ctx, self.image) if self.image is not None else None
        stored = run_denoise_mask(
            ctx.models, gradient, image=image, vae=vae_spec(self.vae) if self.vae else None,
            tiled=self.tiled, fp32=self.fp32, hooks=step_hooks(ctx),
        )  # fmt: skip
        area = ImageField(image_name=ctx.images.save(touched, node_id=ctx.node_id, category="mask"))
        return GradientMaskOutput(
            denoise_mask=_store_mask(ctx, stored, gradient=True), expanded_mask_area=area
        )


@node(
    "outpaint_canvas", title="Outpaint Canvas", category="latents", tags=(*_TAGS, "outpaint", "mask", "pad")
)
class OutpaintCanvasNode(BaseNode):
    """Enlarges an image's canvas for outpainting: fills the new borders and makes the mask that paints
    them (and any transparent pixels of the image)."""

    image: ImageField = _connection("The image to extend.")
    left: int = InputField(0, ge=0, le=8192, description="Pixels to add on the left.")
    top: int = InputField(0, ge=0, le=8192, description="Pixels to add at the top.")
    right: int = InputField(0, ge=0, le=8192, description="Pixels to add on the right.")
    bottom: int = InputField(0, ge=0, le=8192, description="Pixels to add at the bottom.")
    fill: Literal["edge", "color"] = InputField(
        "edge", description="Stretch the edge pixels, or use a color."
    )
    color: ColorField = InputField(
        ColorField(r=127, g=127, b=127),
        description="The fill color (fill = color).",
        ui=UIHints(component="color"),
    )

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        image, sides = inputs.extent("image"), ("left", "top", "right", "bottom")
        pads = [inputs.value(side) for side in sides]
        if image is None or not all(isinstance(pad, int) for pad in pads):
            return Forecast()
        left, top, right, bottom = pads
        return Forecast(
            Extent(image.width + left + right, image.height + top + bottom, inputs.node_id, sides)
        )

    def invoke(self, ctx: NodeContext) -> OutpaintCanvasOutput:
        from impasto.generation.masks import outpaint_canvas
        from impasto.nodes.image import check_size

        source = open_image(ctx, self.image)
        check_size(source.width + self.left + self.right, source.height + self.top + self.bottom)
        canvas, mask = outpaint_canvas(
            source, left=self.left, top=self.top, right=self.right, bottom=self.bottom,
            fill=self.fill, color=self.color.rgb(),
        )  # fmt: skip
        return OutpaintCanvasOutput(
            image=ImageField(image_name=ctx.images.save(canvas, node_id=ctx.node_id)),
            mask=ImageField(image_name=ctx.images.save(mask, node_id=ctx.node_id, category="mask")),
            width=canvas.width,
            height=canvas.height,
        )


@node("ideal_size", title="Ideal Size", category="latents", tags=(*_TAGS, "size", "resolution"))
class IdealSizeNode(BaseNode):
    """The size a model draws best at for an aspect ratio: its training area (SD 1.x 512², SD 2.x 768²,
    SDXL 1024², or the model's default size), in multiples of 8."""

    width: int = InputField(1024, ge=1, le=16384, description="Width of the wanted aspect ratio (any unit).")
    height: int = InputField(576, ge=1, le=16384, description="Height of the wanted aspect ratio (any unit).")
    unet: UNetField = _connection("The UNet of the model (from a model loader).")
    multiplier: float = InputField(
        1.0, gt=0, le=8, description="Scale the result by this (e.g. for a hires pass)."
    )

    def invoke(self, ctx: NodeContext) -> IdealSizeOutput:
        from impasto.generation.latents_ops import BASE_SIDES, ideal_size

        record = ctx.models.record(self.unet.unet.key)
        defaults = record.default_settings
        side = (defaults.width if defaults is not None and defaults.width else None) or BASE_SIDES.get(
            str(record.base)
        )
        if side is None:
            raise InvalidInputError(f"no known training size for {record.base} models")
        width, height = ideal_size(self.width, self.height, side, multiplier=self.multiplier)
        return IdealSizeOutput(width=width, height=height)
