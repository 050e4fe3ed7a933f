"""The FLUX Redux node: a reference image whose content and style FLUX follows, read as extra prompt
tokens (named as InvokeAI's ``flux_redux`` node, with its inputs)."""

from __future__ import annotations

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, UIHints, node
from impasto.models.identity import ModelRecord
from impasto.nodes.flux.refs import FluxReduxConditioningField
from impasto.nodes.image import open_image
from impasto.nodes.latents import step_hooks
from impasto.nodes.models import checked_record, model_input, optional_model_input
from impasto.nodes.refs import ModelRef, TensorField
from impasto.nodes.types import ImageField
from impasto.sampling.redux import MAX_DOWNSAMPLING_FACTOR, DownsamplingFunction

SIGLIP_SOURCE = "google/siglip-so400m-patch14-384"


class FluxReduxOutput(BaseOutput):
    """A reference image encoded by FLUX Redux."""

    redux_cond: FluxReduxConditioningField = OutputField(
        description="The reference's tokens, (1, n, 4096) with n = (27 // downsampling_factor)², and its "
        "region, for the FLUX denoise node."
    )


@node(
    "flux_redux",
    title="FLUX Redux",
    category="conditioning",
    tags=("flux", "redux", "reference", "image", "ip_adapter", "conditioning"),
)
class FluxReduxNode(BaseNode):
    """Turns a reference image into extra prompt tokens for FLUX.1 with the Redux model, so the image takes
    on the reference's subject and style (image variations, or a reference beside a prompt).

    The image is read by a SigLIP vision encoder and the Redux model; connect the output to the FLUX
    denoise node. A downsampling factor above 1 and a weight below 1 loosen the reference's hold.
    """

    image: ImageField = InputField(description="The reference image.", input=Input.CONNECTION)
    mask: TensorField | None = InputField(
        None,
        description="Region the reference conditions (a mask tensor, True inside); empty: the whole image.",
        input=Input.CONNECTION,
    )
    redux_model: ModelRef = model_input("The FLUX Redux model's key.", "flux_redux", ("flux",))
    siglip_model: ModelRef | None = optional_model_input(
        "The SigLIP image encoder's key; empty: the installed one that fits the Redux model.", "siglip"
    )
    downsampling_factor: int = InputField(
        1,
        ge=1,
        le=MAX_DOWNSAMPLING_FACTOR,
        description="Shrink the 27 x 27 token grid by this factor: fewer tokens, a weaker reference.",
    )
    downsampling_function: DownsamplingFunction = InputField(
        "area", description="How tokens are merged when the grid is shrunk."
    )
    weight: float = InputField(
        1.0,
        ge=0,
        le=1,
        description="How strongly the reference steers the image (the tokens are scaled by its square).",
        ui=UIHints(component="slider", step=0.05),
    )

    def invoke(self, ctx: NodeContext) -> FluxReduxOutput:
        from impasto.generation.flux.redux import ReduxSpec, run_flux_redux

        ctx.raise_if_canceled()
        redux = checked_record(ctx, self.redux_model.key, "flux_redux", ("flux",), "redux_model")
        siglip = self._siglip(ctx, redux)
        if self.mask is not None:
            _check_mask(ctx, self.mask)
        spec = ReduxSpec(
            redux_key=redux.key,
            siglip_key=siglip,
            downsampling_factor=self.downsampling_factor,
            downsampling_function=self.downsampling_function,
            weight=self.weight,
        )
        conditioning = run_flux_redux(ctx.models, spec, open_image(ctx, self.image), step_hooks(ctx))
        name = ctx.tensors.save(conditioning.to_dict())
        return FluxReduxOutput(redux_cond=FluxReduxConditioningField(conditioning_name=name, mask=self.mask))

    def _siglip(self, ctx: NodeContext, redux: ModelRecord) -> str:
        if self.siglip_model is not None:
            return checked_record(ctx, self.siglip_model.key, "siglip", (), "siglip_model").key
        return default_siglip(ctx, redux)


def default_siglip(ctx: NodeContext, redux: ModelRecord) -> str:
    """The installed SigLIP encoder whose token width the Redux model takes (the first by name)."""
    width = redux.details.get("image_width")
    encoders = sorted(ctx.models.search(type="siglip"), key=lambda r: str(r.name).lower())
    fitting = [r for r in encoders if width is None or r.details.get("hidden_size") == width]
    if fitting:
        return str(fitting[0].key)
    found = (
        f" (installed: {', '.join(repr(r.name) for r in encoders)}, none {width} wide)" if encoders else ""
    )
    raise InvalidInputError(
        f"FLUX Redux {redux.name!r} needs a SigLIP image encoder giving {width}-wide tokens: install "
        f"{SIGLIP_SOURCE}, or choose one in siglip_model{found}",
        {"field": "siglip_model"},
    )


def _check_mask(ctx: NodeContext, mask: TensorField) -> None:
    """Fail here, not in the denoise node, when what is connected is not a region mask."""
    from impasto.generation.masks import region_mask

    region_mask(ctx.tensors.load(mask.tensor_name), "the mask input")
