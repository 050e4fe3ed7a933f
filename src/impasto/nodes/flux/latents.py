"""FLUX VAE encode and decode: the shared image ↔ latents runs, under the names FLUX users know.

FLUX's VAE shifts as well as scales its latents (shift 0.1159, scale 0.3611); the shared VAE code applies
the shift whenever the VAE's config has one, so these nodes and ``i2l`` / ``l2i`` give the same latents.
"""

from __future__ import annotations

from impasto.graph import BaseNode, Input, InputField, NodeContext, node
from impasto.graph.forecast import Forecast, ForecastInputs, PassKind
from impasto.nodes.image import open_image
from impasto.nodes.latents import (
    LatentsOutput,
    check_image_limit,
    latents_output,
    step_hooks,
    vae_forecast,
    vae_spec,
)
from impasto.nodes.refs import LatentsField, VAEField
from impasto.nodes.types import ImageField, ImageOutput

_TAGS = ("latents", "vae", "flux")


@node(
    "flux_vae_encode", title="Image to Latents (FLUX)", category="latents", tags=(*_TAGS, "image", "encode")
)
class FluxVaeEncodeNode(BaseNode):
    """Encodes an image into FLUX latents (16 channels) with the FLUX VAE."""

    image: ImageField = InputField(description="The image to encode.", input=Input.CONNECTION)
    vae: VAEField = InputField(description="The FLUX VAE.", input=Input.CONNECTION)

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return vae_forecast(inputs, PassKind.ENCODE, inputs.extent("image"))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.vae import vae_scale_factor
        from impasto.generation.vae_runs import run_encode

        spec = vae_spec(self.vae)
        image = open_image(ctx, self.image)
        check_image_limit(ctx, spec.vae.key, image.width, image.height, "encode")
        latents = run_encode(ctx.models, spec, image, tiled=False, fp32=False, hooks=step_hooks(ctx))
        factor = vae_scale_factor(ctx.models.load(spec.vae.key, spec.vae.submodel).model)
        return latents_output(ctx, latents, factor)


@node(
    "flux_vae_decode", title="Latents to Image (FLUX)", category="latents", tags=(*_TAGS, "image", "decode")
)
class FluxVaeDecodeNode(BaseNode):
    """Decodes FLUX latents into an image with the FLUX VAE."""

    latents: LatentsField = InputField(description="The latents to decode.", input=Input.CONNECTION)
    vae: VAEField = InputField(description="The FLUX VAE.", input=Input.CONNECTION)

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
            ctx.models, vae_spec(self.vae), latents, tiled=False, fp32=False, hooks=step_hooks(ctx)
        )
        return store_image(ctx, image)
