"""The denoise node: the heart of text to image, image to image, inpainting and the refiner hand-off."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import field_validator

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints, node
from impasto.graph.forecast import Forecast, ForecastInputs, Pass, PassKind
from impasto.nodes.latents import LatentsOutput, check_image_limit, latents_output, step_hooks
from impasto.nodes.refs import (
    ConditioningField,
    ControlField,
    DenoiseMaskField,
    IPAdapterField,
    LatentsField,
    T2IAdapterField,
    UNetField,
)

if TYPE_CHECKING:
    from impasto.generation.runtime import InpaintInputs
    from impasto.generation.sd.specs import ControlSpec, DenoiseRequest, IPAdapterSpec, UNetSpec

MAX_STEPS = 1000


def scheduler_hints() -> UIHints:
    from impasto.sampling.schedulers import scheduler_choices

    return UIHints(component="select", choice_labels=scheduler_choices())


def known_scheduler(value: str) -> str:
    """``value`` if it names a scheduler (a validator's ``ValueError`` listing the names if not)."""
    from impasto.sampling.schedulers import UnknownSchedulerError, scheduler_spec

    try:
        scheduler_spec(value)
    except UnknownSchedulerError as exc:
        raise ValueError(exc.message) from None
    return value


def connection(description: str, *, optional: bool = False) -> Any:
    if optional:
        return InputField(None, description=description, input=Input.CONNECTION)
    return InputField(description=description, input=Input.CONNECTION)


@node("denoise_latents", title="Denoise Latents", category="latents", tags=("latents", "denoise", "generate"))
class DenoiseLatentsNode(BaseNode):
    """Turns noise into an image's latents, guided by the prompts (and ControlNets, T2I-Adapters and
    IP-Adapters' reference images).

    Text to image: connect noise. Image to image: connect the image's latents and noise, and set
    denoising_start to 1 - strength. Inpainting: add a denoise mask. Refiner hand-off: end the base run at
    denoising_end = x and continue its latents in the refiner from denoising_start = x, without noise.
    Regional prompts: connect several prompts, those with a mask each conditioning its own region.
    """

    positive_conditioning: ConditioningField | list[ConditioningField] = connection(
        "What the image should show (from a prompt node); several for regional prompts."
    )
    negative_conditioning: ConditioningField | list[ConditioningField] = connection(
        "What it should not show (from a prompt node); several for regional negative prompts."
    )
    noise: LatentsField | None = connection("Starting noise (from the noise node).", optional=True)
    latents: LatentsField | None = connection(
        "Latents to start from (image to image, refiner).", optional=True
    )
    unet: UNetField = connection("The UNet (from a model loader, LoRA loader or seamless node).")
    steps: int = InputField(
        10, ge=1, le=MAX_STEPS, description="Number of denoising steps over the full schedule."
    )
    cfg_scale: float | list[float] = InputField(
        7.5,
        description="How closely to follow the prompt (guidance scale); a list gives one value per step.",
        ui=UIHints(component="number", step=0.5, slider_min=1, slider_max=20),
    )
    cfg_rescale_multiplier: float = InputField(
        0.0,
        ge=0,
        lt=1,
        description="Rescale guidance to avoid overexposure (0.7 for zero-terminal-SNR models).",
    )
    scheduler: str = InputField("euler", description="The sampling method.", ui=scheduler_hints())
    denoising_start: float = InputField(
        0.0, ge=0, le=1, description="Where in the schedule to start (image to image: 1 - strength)."
    )
    denoising_end: float = InputField(
        1.0, ge=0, le=1, description="Where in the schedule to stop (1 = the end)."
    )
    denoise_mask: DenoiseMaskField | None = connection("Where to regenerate (inpainting).", optional=True)
    control: ControlField | list[ControlField] | None = connection("ControlNet unit(s).", optional=True)
    t2i_adapter: T2IAdapterField | list[T2IAdapterField] | None = connection(
        "T2I-Adapter unit(s).", optional=True
    )
    ip_adapter: IPAdapterField | list[IPAdapterField] | None = connection(
        "IP-Adapter unit(s): reference images.", optional=True
    )

    @field_validator("scheduler")
    @classmethod
    def _known_scheduler(cls, value: str) -> str:
        return known_scheduler(value)

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        extent = inputs.extent("noise") or inputs.extent("latents")
        if extent is None:
            return Forecast()
        return Forecast(extent, (Pass(PassKind.DENOISE, extent, inputs.node_id),))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.sd.denoise import run_denoise

        ctx.raise_if_canceled()
        request = self._request(ctx)
        source = self.noise or self.latents
        factor = source.scale_factor if source is not None else 8
        start = request.latents if request.latents is not None else request.noise
        if start is not None:
            width, height = int(start.shape[-1]) * factor, int(start.shape[-2]) * factor
            check_image_limit(ctx, self.unet.unet.key, width, height, "denoise")
        latents = run_denoise(ctx.models, request, step_hooks(ctx))
        return latents_output(ctx, latents, factor, seed=request.settings.seed)

    def _request(self, ctx: NodeContext) -> DenoiseRequest:
        from impasto.generation.sd.loop import DenoiseSettings
        from impasto.generation.sd.specs import DenoiseRequest

        settings = DenoiseSettings(
            steps=self.steps,
            cfg_scale=self.cfg_scale,
            cfg_rescale=self.cfg_rescale_multiplier,
            denoising_start=self.denoising_start,
            denoising_end=self.denoising_end,
            seed=start_seed(self.noise, self.latents),
        )
        return DenoiseRequest(
            unet=unet_spec(self.unet),
            positive=load_conditionings(ctx, self.positive_conditioning, "positive"),
            negative=load_conditionings(ctx, self.negative_conditioning, "negative"),
            scheduler=self.scheduler,
            settings=settings,
            noise=ctx.tensors.load(self.noise.latents_name) if self.noise else None,
            latents=ctx.tensors.load(self.latents.latents_name) if self.latents else None,
            inpaint=_inpaint(ctx, self.denoise_mask),
            controlnets=[control_spec(ctx, unit) for unit in as_units(self.control)],
            adapters=[_adapter(ctx, unit) for unit in as_units(self.t2i_adapter)],
            ip_adapters=[_ip_adapter(ctx, unit) for unit in as_units(self.ip_adapter)],
        )


def unet_spec(unet: UNetField) -> UNetSpec:
    """The generation side's description of a UNet reference."""
    from impasto.generation.runtime import LoraUse, Part
    from impasto.generation.sd.specs import UNetSpec

    return UNetSpec(
        unet=Part(unet.unet.key, unet.unet.submodel),
        scheduler=Part(unet.scheduler.key, unet.scheduler.submodel),
        loras=tuple(LoraUse(ref.lora.key, ref.weight) for ref in unet.loras),
        seamless_axes=tuple(unet.seamless_axes),
    )


def start_seed(*sources: LatentsField | None) -> int:
    """The seed of the first start tensor that knows it (0 if none does)."""
    for source in sources:
        if source is not None and source.seed is not None:
            return source.seed
    return 0


def as_units(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def load_conditionings(
    ctx: NodeContext, value: ConditioningField | list[ConditioningField], which: str
) -> Any:
    """One conditioning for one field, a list for a collection (regional prompts)."""
    if isinstance(value, ConditioningField):
        return load_conditioning(ctx, value, which)
    if not value:
        raise InvalidInputError(f"the {which} conditioning collection is empty: connect at least one prompt")
    return [load_conditioning(ctx, field, which) for field in value]


def load_conditioning(ctx: NodeContext, field: ConditioningField, which: str) -> Any:
    from impasto.generation.sd.cond_data import conditioning_from_dict

    stored = ctx.tensors.load(field.conditioning_name)
    try:
        return conditioning_from_dict(stored if isinstance(stored, dict) else {})
    except (ValueError, KeyError) as exc:
        raise InvalidInputError(f"the {which} conditioning input is not encoded prompt conditioning") from exc


def _inpaint(ctx: NodeContext, field: DenoiseMaskField | None) -> InpaintInputs | None:
    from impasto.generation.runtime import InpaintInputs

    if field is None:
        return None
    masked = ctx.tensors.load(field.masked_latents_name) if field.masked_latents_name else None
    return InpaintInputs(ctx.tensors.load(field.mask_name), masked, field.gradient)


def control_spec(ctx: NodeContext, unit: ControlField) -> ControlSpec:
    from impasto.generation.sd.specs import ControlSpec

    return ControlSpec(
        model_key=unit.control_model.key,
        image=ctx.images.load(unit.image.image_name),
        weight=unit.control_weight,
        begin=unit.begin_step_percent,
        end=unit.end_step_percent,
        control_mode=unit.control_mode,
        resize_mode=unit.resize_mode,
    )


def _adapter(ctx: NodeContext, unit: T2IAdapterField) -> ControlSpec:
    from impasto.generation.sd.specs import ControlSpec

    return ControlSpec(
        model_key=unit.t2i_adapter_model.key,
        image=ctx.images.load(unit.image.image_name),
        weight=unit.weight,
        begin=unit.begin_step_percent,
        end=unit.end_step_percent,
        resize_mode=unit.resize_mode,
    )


def _ip_adapter(ctx: NodeContext, unit: IPAdapterField) -> IPAdapterSpec:
    from impasto.generation.sd.specs import IPAdapterSpec

    return IPAdapterSpec(
        model_key=unit.ip_adapter_model.key,
        image_encoder_key=unit.image_encoder_model.key,
        image=ctx.images.load(unit.image.image_name),
        weight=unit.weight,
        begin=unit.begin_step_percent,
        end=unit.end_step_percent,
        method=unit.method,
        mask=ctx.images.load(unit.mask.image_name) if unit.mask is not None else None,
    )
