"""The recall parameters every generated image carries: what the ``generation_metadata`` node gets as its
fixed ``base`` (the seed and a dynamic prompt vary per item and come as batch data)."""

from __future__ import annotations

from typing import Any

from impasto.builders.checks import ControlUse
from impasto.builders.regions import ReferenceUse
from impasto.builders.resolve import Resolved
from impasto.images.metadata.models import ControlUnit, GenerationMetadata, LoraRef, ModelRef
from impasto.models.identity import ModelRecord


def metadata_base(r: Resolved) -> dict[str, Any]:
    """The image's metadata as JSON, for the metadata node's ``base`` input."""
    request = r.request
    metadata = GenerationMetadata(
        mode=r.mode,
        positive_prompt=r.prompts[0],
        negative_prompt=r.negative_prompt,
        model=_ref(r.model),
        vae=_ref(r.vae) if r.vae is not None else None,
        t5_encoder=_ref(r.t5_encoder) if r.t5_encoder is not None else None,
        clip_embed=_ref(r.clip_embed) if r.clip_embed is not None else None,
        loras=[LoraRef(**_ref(record).model_dump(), weight=weight) for record, weight in r.loras],
        seed=r.seeds[0],
        steps=r.steps,
        cfg_scale=r.cfg_scale,
        cfg_rescale=request.cfg_rescale_multiplier,
        guidance=r.guidance,
        scheduler=r.scheduler,
        width=r.output_size[0],
        height=r.output_size[1],
        strength=r.strength,
        clip_skip=request.clip_skip,
        seamless_x=request.seamless_x or None,
        seamless_y=request.seamless_y or None,
        init_image=request.init_image,
        reference_image=request.reference_image,
        control=[_control(use) for use in r.controls],
        extra=_extra(r),
        **_hires(r),
        **_refiner(r),
    )
    return metadata.model_dump(mode="json", exclude_none=True)


def _ref(record: ModelRecord) -> ModelRef:
    return ModelRef(name=record.name, key=record.key, hash=record.hash, base=str(record.base))


def _control(use: ControlUse) -> ControlUnit:
    unit = use.request
    return ControlUnit(
        kind=use.kind,
        model=_ref(use.record),
        weight=unit.weight,
        begin=unit.begin,
        end=unit.end,
        image_name=unit.image,
        processor=unit.preprocessor if unit.preprocessor != "none" else None,
        control_mode=getattr(unit, "control_mode", None),
    )


def _hires(r: Resolved) -> dict[str, Any]:
    hires = r.request.hires_fix
    if hires is None:
        return {}
    width, height = r.hires_size
    return {
        "hires_scale": hires.scale,
        "hires_width": width,
        "hires_height": height,
        "hires_steps": hires.steps or r.steps,
        "hires_strength": hires.strength,
        "hires_upscaler": r.hires_upscaler.name if r.hires_upscaler else "latent (bicubic)",
    }


def _refiner(r: Resolved) -> dict[str, Any]:
    refiner = r.request.refiner
    if refiner is None or r.refiner is None:
        return {}
    return {
        "refiner_model": _ref(r.refiner),
        "refiner_steps": refiner.steps or r.steps,
        "refiner_cfg_scale": refiner.cfg_scale if refiner.cfg_scale is not None else r.cfg_scale,
        "refiner_scheduler": refiner.scheduler or r.scheduler,
        "refiner_positive_aesthetic_score": refiner.positive_aesthetic_score,
        "refiner_negative_aesthetic_score": refiner.negative_aesthetic_score,
        "refiner_start": refiner.start,
    }


def _extra(r: Resolved) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if r.style_preset is not None:
        extra["style_preset"] = r.style_preset
    if r.prompts != (r.request.prompt,):
        extra["prompt_template"] = r.request.prompt  # styled or expanded: what the user typed
    if r.request.outpaint is not None:
        extra["outpaint"] = r.request.outpaint.model_dump()
    if r.request.mask is not None:
        extra["mask"] = r.request.mask
        extra["mask_blur"] = r.request.mask_blur
    if r.noise_level is not None:
        extra["noise_level"] = r.noise_level
    if r.request.denoise_limit is not None:
        extra["denoise_limit"] = r.request.denoise_limit
    if r.request.regions:
        extra["regions"] = [_region(r, index) for index in range(len(r.request.regions))]
    if r.request.reference_images:
        extra["reference_images"] = [_reference(use) for use in r.references if use.region is None]
    return extra


def _region(r: Resolved, index: int) -> dict[str, Any]:
    region = r.request.regions[index]
    recorded = region.model_dump(exclude={"reference_images"})
    refs = [_reference(use) for use in r.references if use.region == index]
    return {**recorded, "reference_images": refs} if refs else recorded


def _reference(use: ReferenceUse) -> dict[str, Any]:
    """A reference image as recall needs it: the image, the adapter (as a model reference), the settings."""
    unused = {"model"} if use.request.image_influence is not None else {"model", "image_influence"}
    return {**use.request.model_dump(exclude=unused), "model": _ref(use.record).model_dump()}
