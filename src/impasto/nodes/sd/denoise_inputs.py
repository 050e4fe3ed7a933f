"""What the SD denoise nodes share: their start, schedule and guidance inputs, and how a node's references
become a :class:`~impasto.generation.sd.specs.DenoiseRequest`.

``denoise_latents`` and ``tiled_multi_diffusion_denoise_latents`` take the same prompts, start tensors,
UNet and schedule. The inputs are declared once here, in two groups, so that the tiled node can put its
tile settings between them; a node inherits the groups (schedule first, so that the start inputs come
first on the node) and redeclares only what it words or defaults differently, which keeps a field's
place. The helpers load what the references name for the generation side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import field_validator

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints
from impasto.nodes.latents import check_image_limit
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
    from impasto.generation.sd.loop import DenoiseSettings
    from impasto.generation.sd.specs import ControlSpec, IPAdapterSpec, UNetSpec

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


def steps_input(default: int) -> Any:
    return InputField(
        default, ge=1, le=MAX_STEPS, description="Number of denoising steps over the full schedule."
    )


def cfg_scale_input(default: float) -> Any:
    return InputField(
        default,
        description="How closely to follow the prompt (guidance scale); a list gives one value per step.",
        ui=UIHints(component="number", step=0.5, slider_min=1, slider_max=20),
    )


def denoising_start_input(default: float, description: str) -> Any:
    return InputField(default, ge=0, le=1, description=description)


class DenoiseStartInputs(BaseNode):
    """The prompts, the tensors denoising starts from, and the UNet."""

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

    @property
    def latent_factor(self) -> int:
        """Image pixels per latent pixel of the start tensors (8 when neither says)."""
        source = self.noise or self.latents
        return source.scale_factor if source is not None else 8

    def start_tensors(self, ctx: NodeContext) -> tuple[Any, Any]:
        """The stored noise and latents (tensors), or None where not connected."""
        noise = ctx.tensors.load(self.noise.latents_name) if self.noise else None
        latents = ctx.tensors.load(self.latents.latents_name) if self.latents else None
        return noise, latents

    def check_pass_size(self, ctx: NodeContext, start: Any, limit: tuple[int, int] | None, verb: str) -> None:
        """Refuse a UNet pass over ``max_image_pixels``: the start tensor's size, at most ``limit`` (h, w)
        latent pixels (a tile)."""
        if start is None:
            return
        height, width = int(start.shape[-2]), int(start.shape[-1])
        if limit is not None:
            height, width = min(height, limit[0]), min(width, limit[1])
        factor = self.latent_factor
        check_image_limit(ctx, self.unet.unet.key, width * factor, height * factor, verb)


class DenoiseScheduleInputs(BaseNode):
    """How many steps, how strongly guided, with which sampler, over which part of the schedule."""

    steps: int = steps_input(10)
    cfg_scale: float | list[float] = cfg_scale_input(7.5)
    cfg_rescale_multiplier: float = InputField(
        0.0,
        ge=0,
        lt=1,
        description="Rescale guidance to avoid overexposure (0.7 for zero-terminal-SNR models).",
    )
    scheduler: str = InputField("euler", description="The sampling method.", ui=scheduler_hints())
    denoising_start: float = denoising_start_input(
        0.0, "Where in the schedule to start (image to image: 1 - strength)."
    )
    denoising_end: float = InputField(
        1.0, ge=0, le=1, description="Where in the schedule to stop (1 = the end)."
    )

    @field_validator("scheduler")
    @classmethod
    def _known_scheduler(cls, value: str) -> str:
        return known_scheduler(value)

    def settings(self, seed: int) -> DenoiseSettings:
        from impasto.generation.sd.loop import DenoiseSettings

        return DenoiseSettings(
            steps=self.steps,
            cfg_scale=self.cfg_scale,
            cfg_rescale=self.cfg_rescale_multiplier,
            denoising_start=self.denoising_start,
            denoising_end=self.denoising_end,
            seed=seed,
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


def inpaint_inputs(ctx: NodeContext, field: DenoiseMaskField | None) -> InpaintInputs | None:
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


def adapter_spec(ctx: NodeContext, unit: T2IAdapterField) -> ControlSpec:
    from impasto.generation.sd.specs import ControlSpec

    return ControlSpec(
        model_key=unit.t2i_adapter_model.key,
        image=ctx.images.load(unit.image.image_name),
        weight=unit.weight,
        begin=unit.begin_step_percent,
        end=unit.end_step_percent,
        resize_mode=unit.resize_mode,
    )


def ip_adapter_spec(ctx: NodeContext, unit: IPAdapterField) -> IPAdapterSpec:
    from impasto.generation.sd.specs import IPAdapterSpec

    return IPAdapterSpec(
        model_key=unit.ip_adapter_model.key,
        image_encoder_key=unit.image_encoder_model.key,
        images=tuple(ctx.images.load(image.image_name) for image in as_units(unit.image)),
        weight=unit.weight,
        begin=unit.begin_step_percent,
        end=unit.end_step_percent,
        method=unit.method,
        mask=ctx.images.load(unit.mask.image_name) if unit.mask is not None else None,
    )
