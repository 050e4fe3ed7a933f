"""The FLUX denoise node: text to image, image to image and inpainting with FLUX.1 models."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import field_validator

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints, node
from impasto.graph.forecast import Forecast, ForecastInputs, Pass, PassKind
from impasto.nodes.flux.refs import FluxKontextConditioningField, FluxReduxConditioningField, TransformerField
from impasto.nodes.latents import LatentsOutput, check_image_limit, latents_output, step_hooks
from impasto.nodes.refs import ConditioningField, DenoiseMaskField, LatentsField
from impasto.sampling.flow import flow_scheduler, flow_scheduler_choices

if TYPE_CHECKING:
    from impasto.generation.flux.conditioning import FluxConditioning
    from impasto.generation.flux.kontext import FluxKontextConditioning
    from impasto.generation.flux.regional import TextSegment
    from impasto.generation.flux.specs import FluxDenoiseRequest

MAX_STEPS = 1000


def _connection(description: str, *, optional: bool = False) -> Any:
    if optional:
        return InputField(None, description=description, input=Input.CONNECTION)
    return InputField(description=description, input=Input.CONNECTION)


@node(
    "flux_denoise",
    title="Denoise (FLUX)",
    category="latents",
    tags=("latents", "denoise", "generate", "flux"),
)
class FluxDenoiseNode(BaseNode):
    """Turns noise into an image's latents with a FLUX.1 model, guided by the prompt.

    Text to image: connect noise (the noise node with the FLUX VAE connected, sizes multiples of 16).
    Image to image: connect the image's latents and noise, and set denoising_start to 1 - strength.
    Inpainting: add a denoise mask (Fill models need one made with the image and the VAE). dev models
    follow the distilled guidance; schnell ignores it. cfg_scale above 1 with a negative prompt adds true
    classifier-free guidance, at twice the cost per step. Editing with a FLUX.1 Kontext model: connect a
    reference image from the FLUX Kontext node (guidance 2.5 is typical). Reference images through FLUX
    Redux: connect flux_redux nodes; their image tokens join the prompt's. Regional prompts: collect
    several prompts, those with a mask each conditioning their region, the others what no region covers.
    """

    transformer: TransformerField = _connection("The transformer (from the FLUX model or LoRA loader).")
    positive_text_conditioning: ConditioningField | list[ConditioningField] = _connection(
        "The prompt (from the FLUX text encoder), or several: regional prompts, each with its mask."
    )
    negative_text_conditioning: ConditioningField | list[ConditioningField] | None = _connection(
        "The negative prompt(s), used when cfg_scale > 1.", optional=True
    )
    noise: LatentsField | None = _connection(
        "Starting noise (16 channels: the noise node with the FLUX VAE).", optional=True
    )
    latents: LatentsField | None = _connection(
        "Latents to start from (image to image, inpainting).", optional=True
    )
    denoise_mask: DenoiseMaskField | None = _connection("Where to regenerate (inpainting).", optional=True)
    kontext_conditioning: FluxKontextConditioningField | None = _connection(
        "A reference image to edit (from the FLUX Kontext node; for FLUX.1 Kontext models).", optional=True
    )
    redux_conditioning: FluxReduxConditioningField | list[FluxReduxConditioningField] | None = _connection(
        "Reference images read by FLUX Redux (from flux_redux nodes), each with its region, if any.",
        optional=True,
    )
    num_steps: int = InputField(
        28, ge=1, le=MAX_STEPS, description="Number of steps over the full schedule (schnell: 4, dev: 20-50)."
    )
    guidance: float = InputField(
        3.5, ge=0, le=100,
        description="Distilled guidance for dev models (3.5 typical; Fill ~30); schnell ignores it.",
        ui=UIHints(component="number", step=0.5, slider_min=1, slider_max=10),
    )  # fmt: skip
    cfg_scale: float = InputField(
        1.0, ge=1, le=20, description="True classifier-free guidance with the negative prompt (1 = off)."
    )
    denoising_start: float = InputField(
        0.0, ge=0, le=1, description="Where in the schedule to start (image to image: 1 - strength)."
    )
    denoising_end: float = InputField(
        1.0, ge=0, le=1, description="Where in the schedule to stop (1 = the end)."
    )
    scheduler: str = InputField(
        "euler", description="The sampling method (flow matching).",
        ui=UIHints(component="select", choice_labels=flow_scheduler_choices()),
    )  # fmt: skip

    @field_validator("scheduler")
    @classmethod
    def _known_scheduler(cls, value: str) -> str:
        from impasto.sampling.flow import UnknownFlowSchedulerError

        try:
            flow_scheduler(value)
        except UnknownFlowSchedulerError as exc:
            raise ValueError(exc.message) from None
        return value

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        extent = inputs.extent("noise") or inputs.extent("latents")
        if extent is None:
            return Forecast()
        return Forecast(extent, (Pass(PassKind.DENOISE, extent, inputs.node_id),))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.flux.run import run_flux_denoise

        ctx.raise_if_canceled()
        request = self._request(ctx)
        source = self.noise or self.latents
        factor = source.scale_factor if source is not None else 8
        start = request.latents if request.latents is not None else request.noise
        if start is not None:
            width, height = int(start.shape[-1]) * factor, int(start.shape[-2]) * factor
            check_image_limit(ctx, self.transformer.transformer.key, width, height, "denoise")
        latents = run_flux_denoise(ctx.models, request, step_hooks(ctx))
        return latents_output(ctx, latents, factor, seed=request.settings.seed)

    def _request(self, ctx: NodeContext) -> FluxDenoiseRequest:
        from impasto.generation.flux.loop import FluxSettings
        from impasto.generation.flux.specs import FluxDenoiseRequest, TransformerSpec
        from impasto.generation.runtime import InpaintInputs, LoraUse, Part

        field = self.transformer
        spec = TransformerSpec(
            transformer=Part(field.transformer.key, field.transformer.submodel),
            scheduler=Part(field.scheduler.key, field.scheduler.submodel),
            loras=tuple(LoraUse(ref.lora.key, ref.weight) for ref in field.loras),
        )
        settings = FluxSettings(
            steps=self.num_steps, guidance=self.guidance, cfg_scale=self.cfg_scale,
            denoising_start=self.denoising_start, denoising_end=self.denoising_end, seed=self._seed(),
        )  # fmt: skip
        mask = self.denoise_mask
        masked = ctx.tensors.load(mask.masked_latents_name) if mask and mask.masked_latents_name else None
        negative = self.negative_text_conditioning
        return FluxDenoiseRequest(
            transformer=spec,
            positive=_conditioning(ctx, self.positive_text_conditioning, "positive"),
            negative=_conditioning(ctx, negative, "negative") if negative is not None else None,
            settings=settings,
            scheduler=self.scheduler,
            noise=ctx.tensors.load(self.noise.latents_name) if self.noise else None,
            latents=ctx.tensors.load(self.latents.latents_name) if self.latents else None,
            inpaint=InpaintInputs(ctx.tensors.load(mask.mask_name), masked, mask.gradient) if mask else None,
            kontext=_kontext(ctx, self.kontext_conditioning).latents if self.kontext_conditioning else None,
            redux=_redux(ctx, self.redux_conditioning),
        )

    def _seed(self) -> int:
        for source in (self.noise, self.latents):
            if source is not None and source.seed is not None:
                return source.seed
        return 0


def _conditioning(
    ctx: NodeContext, field: ConditioningField | list[ConditioningField], which: str
) -> FluxConditioning | list[FluxConditioning]:
    """One prompt, or a list of them (regional prompts)."""
    if not isinstance(field, list):
        return _prompt(ctx, field, which)
    if not field:
        raise InvalidInputError(f"the {which} conditioning collection is empty: connect at least one prompt")
    return [_prompt(ctx, one, which) for one in field]


def _prompt(ctx: NodeContext, field: ConditioningField, which: str) -> FluxConditioning:
    from impasto.generation.flux.conditioning import FluxConditioning

    try:
        return FluxConditioning.from_dict(ctx.tensors.load(field.conditioning_name))
    except (ValueError, KeyError) as exc:
        raise InvalidInputError(
            f"the {which} conditioning input is not a FLUX prompt (connect a 'flux_text_encoder' node)"
        ) from exc


def _kontext(ctx: NodeContext, field: FluxKontextConditioningField) -> FluxKontextConditioning:
    from impasto.generation.flux.kontext import FluxKontextConditioning

    try:
        return FluxKontextConditioning.from_dict(ctx.tensors.load(field.conditioning_name))
    except (ValueError, KeyError) as exc:
        raise InvalidInputError(
            "the kontext_conditioning input is not a FLUX Kontext reference (connect a 'flux_kontext' node)"
        ) from exc


def _redux(
    ctx: NodeContext, field: FluxReduxConditioningField | list[FluxReduxConditioningField] | None
) -> tuple[TextSegment, ...]:
    """The Redux tokens of each connected reference image, with its region mask."""
    from impasto.generation.flux.redux import FluxReduxConditioning
    from impasto.generation.flux.regional import TextSegment
    from impasto.generation.masks import region_mask

    fields = field if isinstance(field, list) else [field] if field is not None else []
    segments = []
    for one in fields:
        try:
            tokens = FluxReduxConditioning.from_dict(ctx.tensors.load(one.conditioning_name)).tokens
        except (ValueError, KeyError) as exc:
            raise InvalidInputError(
                "the redux_conditioning input is not a FLUX Redux reference (connect a 'flux_redux' node)"
            ) from exc
        mask = region_mask(ctx.tensors.load(one.mask.tensor_name), "the Redux mask") if one.mask else None
        segments.append(TextSegment(tokens, mask))
    return tuple(segments)
