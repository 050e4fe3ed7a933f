"""The FLUX Kontext node: a reference image for FLUX.1 Kontext models to edit."""

from __future__ import annotations

from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, node
from impasto.graph.forecast import Extent, Forecast, ForecastInputs, Pass, PassKind
from impasto.nodes.flux.refs import FluxKontextConditioningField
from impasto.nodes.image import open_image
from impasto.nodes.latents import check_image_limit, step_hooks, vae_spec
from impasto.nodes.refs import VAEField
from impasto.nodes.types import ImageField
from impasto.sampling.kontext import kontext_size


class FluxKontextOutput(BaseOutput):
    """A reference image encoded for FLUX.1 Kontext."""

    kontext_conditioning: FluxKontextConditioningField = OutputField(
        description="The reference, for the FLUX denoise node's kontext_conditioning input."
    )


@node(
    "flux_kontext",
    title="Kontext Reference (FLUX)",
    category="conditioning",
    tags=("flux", "kontext", "reference", "image", "edit", "conditioning"),
)
class FluxKontextNode(BaseNode):
    """Prepares a reference image for a FLUX.1 Kontext model, which edits it as the prompt says
    ("make the car red", "turn it into a watercolour").

    Connect the output to the FLUX denoise node's kontext_conditioning input and start the denoise node
    from noise at the size wanted for the result. The image is encoded with the FLUX VAE, by default after
    resizing it to the trained size (about one megapixel) closest to its aspect ratio.
    """

    image: ImageField = InputField(description="The image to edit.", input=Input.CONNECTION)
    vae: VAEField = InputField(description="The FLUX VAE.", input=Input.CONNECTION)
    resize_to_preferred: bool = InputField(
        True,
        description=(
            "Resize the image to the Kontext training size closest to its aspect ratio, as diffusers "
            "does (off: keep its size, each side rounded down to a multiple of 16)."
        ),
    )

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        from impasto.errors import InvalidInputError

        source = inputs.extent("image")
        preferred = inputs.value("resize_to_preferred")
        if source is None or not isinstance(preferred, bool):
            return Forecast()
        try:
            width, height = kontext_size(source.width, source.height, preferred=preferred)
        except InvalidInputError:
            return Forecast()  # the node refuses the image when it runs
        extent = Extent(width, height, inputs.node_id, ("image", "resize_to_preferred"))
        return Forecast(None, (Pass(PassKind.ENCODE, extent, inputs.node_id, {"tiled": False}),))

    def invoke(self, ctx: NodeContext) -> FluxKontextOutput:
        from impasto.generation.flux.kontext import run_kontext_reference

        ctx.raise_if_canceled()
        spec = vae_spec(self.vae)
        image = open_image(ctx, self.image)
        width, height = kontext_size(image.width, image.height, preferred=self.resize_to_preferred)
        check_image_limit(ctx, spec.vae.key, width, height, "encode")
        reference = run_kontext_reference(
            ctx.models, spec, image, preferred=self.resize_to_preferred, hooks=step_hooks(ctx)
        )
        name = ctx.tensors.save(reference.to_dict())
        return FluxKontextOutput(kontext_conditioning=FluxKontextConditioningField(conditioning_name=name))
