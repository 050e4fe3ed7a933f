"""Checks of the models and add-ons a generation request names: main model lookups, the VAE, LoRAs,
ControlNets and T2I-Adapters, the refiner and scheduler names. Errors name the request field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from impasto.builders.request import PREPROCESSOR_NODES, ControlNetRequest, GenerateRequest, T2IAdapterRequest
from impasto.builders.sources import GenerationSources
from impasto.errors import InvalidInputError
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import BaseModelType, ModelType, ModelVariant
from impasto.nodes.preprocessors_learned import MODEL_NEEDS
from impasto.nodes.upscale import INPAINTING
from impasto.sampling.schedulers import UnknownSchedulerError, scheduler_spec


class GenerateRequestError(InvalidInputError):
    """A generation request that cannot be run as it is; the message starts with the field's name."""

    code = "invalid_request"


def invalid(field: str, message: str, **details: Any) -> GenerateRequestError:
    """An error about one request field (``details.field`` names it for clients)."""
    return GenerateRequestError(f"{field}: {message}", {"field": field, **details})


@dataclass(frozen=True)
class ControlUse:
    """A ControlNet or T2I-Adapter unit and its installed model."""

    kind: str  # "controlnet" | "t2i_adapter"
    index: int
    request: ControlNetRequest | T2IAdapterRequest
    record: ModelRecord
    preprocessor_model: ModelRecord | None = None  # for the learned preprocessors


def find_model(sources: GenerationSources, field: str, ref: str) -> ModelRecord:
    """The installed model a request names by key or name."""
    found = sources.models(ref)
    if not found:
        raise invalid(field, f"no installed model has the key or name {ref!r}", model=ref)
    if len(found) > 1:
        keys = ", ".join(record.key for record in found)
        raise invalid(
            field, f"{len(found)} installed models are named {ref!r}; use a key ({keys})", model=ref
        )
    return found[0]


def check_scheduler(field: str, name: str) -> str:
    try:
        scheduler_spec(name)
    except UnknownSchedulerError as exc:
        raise UnknownSchedulerError(f"{field}: {exc.message}", {"field": field, **exc.details}) from None
    return name


def resolve_vae(
    request: GenerateRequest, sources: GenerationSources, model: ModelRecord, factor: int
) -> ModelRecord | None:
    if request.vae is None:
        return None
    vae = find_model(sources, "vae", request.vae)
    _check_kind("vae", vae, ModelType.VAE, model)
    if vae.base is not model.base:
        raise invalid("vae", f"{vae.name!r} is a {vae.base} VAE; {model.name!r} is a {model.base} model")
    vae_factor = sources.latent_factor(vae)
    if vae_factor != factor:
        raise invalid("vae", f"{vae.name!r} scales by {vae_factor}, the model's VAE by {factor}")
    return vae


def resolve_loras(
    request: GenerateRequest, sources: GenerationSources, model: ModelRecord
) -> tuple[tuple[ModelRecord, float], ...]:
    loras: list[tuple[ModelRecord, float]] = []
    for index, lora in enumerate(request.loras):
        field = f"loras[{index}].model"
        record = find_model(sources, field, lora.model)
        _check_kind(field, record, ModelType.LORA, model)
        if record.base not in (model.base, BaseModelType.ANY):
            raise invalid(
                field, f"LoRA {record.name!r} is for {record.base} models; {model.name!r} is {model.base}"
            )
        if any(existing.key == record.key for existing, _ in loras):
            raise invalid(field, f"LoRA {record.name!r} is listed twice; give it once with the total weight")
        loras.append((record, lora.weight))
    return tuple(loras)


def resolve_controls(
    request: GenerateRequest, sources: GenerationSources, model: ModelRecord
) -> tuple[ControlUse, ...]:
    units = [
        _control(sources, model, "controlnet", index, unit, ModelType.CONTROLNET)
        for index, unit in enumerate(request.controlnets)
    ]
    units += [
        _control(sources, model, "t2i_adapter", index, unit, ModelType.T2I_ADAPTER)
        for index, unit in enumerate(request.t2i_adapters)
    ]
    return tuple(units)


def _control(
    sources: GenerationSources,
    model: ModelRecord,
    kind: str,
    index: int,
    unit: ControlNetRequest | T2IAdapterRequest,
    model_type: ModelType,
) -> ControlUse:
    field = f"{kind}s[{index}]"
    record = find_model(sources, f"{field}.model", unit.model)
    _check_kind(f"{field}.model", record, model_type, model)
    if record.base is not model.base:
        message = f"{record.name!r} is for {record.base} models; {model.name!r} is {model.base}"
        raise invalid(f"{field}.model", message)
    if unit.begin > unit.end:
        raise invalid(f"{field}.begin", f"begin ({unit.begin}) is after end ({unit.end})")
    reserved = {"id", "type", "image", "model"} & set(unit.preprocessor_options)
    if reserved:
        raise invalid(f"{field}.preprocessor_options", f"{', '.join(sorted(reserved))} cannot be set here")
    if unit.preprocessor_options and unit.preprocessor == "none":
        raise invalid(f"{field}.preprocessor_options", "options need a preprocessor")
    return ControlUse(kind, index, unit, record, _preprocessor_model(sources, field, unit))


def _preprocessor_model(
    sources: GenerationSources, field: str, unit: ControlNetRequest | T2IAdapterRequest
) -> ModelRecord | None:
    """The model a learned preprocessor runs: the one named, else the first installed that fits."""
    field = f"{field}.preprocessor_model"
    need = MODEL_NEEDS.get(PREPROCESSOR_NODES.get(unit.preprocessor, ""))
    if need is None:
        if unit.preprocessor_model is not None:
            runs = (
                "no preprocessor is chosen"
                if unit.preprocessor == "none"
                else f"{unit.preprocessor} needs none"
            )
            raise invalid(field, f"a model was given but {runs}")
        return None
    if unit.preprocessor_model is None:
        fitting = [
            record
            for record in sources.installed(ModelType.PREPROCESSOR)
            if record.details.get("architecture") in need.architectures
        ]
        if not fitting:
            raise invalid(
                field, f"no installed model can run the {unit.preprocessor} preprocessor; {need.advice()}"
            )
        return fitting[0]
    record = find_model(sources, field, unit.preprocessor_model)
    if (
        record.type is not ModelType.PREPROCESSOR
        or record.details.get("architecture") not in need.architectures
    ):
        raise invalid(field, f"{record.name!r} is not {need.label}; {need.advice()}")
    return record


def resolve_hires_upscaler(request: GenerateRequest, sources: GenerationSources) -> ModelRecord | None:
    """The upscaler model of the hires fix, if one is named."""
    hires = request.hires_fix
    if hires is None or hires.upscaler is None:
        return None
    record = find_model(sources, "hires_fix.upscaler", hires.upscaler)
    check_upscaler("hires_fix.upscaler", record)
    return record


def check_upscaler(field: str, record: ModelRecord) -> None:
    """Refuse, naming ``field``, a model that does not enlarge images: another type, or a spandrel image
    model that fills masked areas (LaMa), which is installed as the same type but keeps the size."""
    if record.type is not ModelType.UPSCALER:
        raise invalid(field, f"{record.name!r} is a {record.type} model, not an upscaler", model=record.key)
    if record.details.get("purpose") == INPAINTING:
        raise invalid(
            field, f"{record.name!r} is an inpainting model, not an upscaler; use it in the LaMa infill",
            model=record.key,
        )  # fmt: skip


def _check_kind(field: str, record: ModelRecord, wanted: ModelType, model: ModelRecord) -> None:
    if record.type is not wanted:
        raise invalid(field, f"{record.name!r} is a {record.type} model, not a {wanted} model")


def is_inpaint_model(record: ModelRecord) -> bool:
    """Whether a main model takes the mask and masked image as extra input channels."""
    return record.variant is ModelVariant.INPAINT
