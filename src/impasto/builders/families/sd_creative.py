"""Creative upscaling: the upscaler's enlargement refined by a Stable Diffusion model in tiles.

A plain upscaler sharpens what is there; a creative upscale also lets a main model (SD 1.x, 2.x or SDXL)
redraw the enlarged image part way, so it invents plausible detail — skin, foliage, fabric — that the small
image only hinted at. The enlarged image is encoded (tiled), noised to a point of the schedule set by
``creativity``, and denoised by ``tiled_multi_diffusion_denoise_latents``, which blends overlapping tiles
every step so memory stays that of one tile and no seams form. A ControlNet tile model, if given, holds
each tile to the enlarged image with the weight ``structure``.

Creativity maps to where denoising starts: ``denoising_start = 0.8 - 0.5 * creativity``, so 0 keeps 80% of
the schedule's way done (a light touch-up), the default 0.35 starts at 0.625 and 1 redraws from 0.3.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from impasto.builders.checks import check_scheduler, find_model, invalid
from impasto.builders.draft import GraphDraft, Out, model_input
from impasto.builders.request import SEED_MAX
from impasto.builders.sources import GenerationSources
from impasto.images.metadata.models import ControlUnit, GenerationMetadata, ModelRef
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import BaseModelType, ModelType
from impasto.nodes.sd.tiled import MAX_TILE

FIELD = "creative"
TILE_SIZES = {BaseModelType.SD1: 768, BaseModelType.SD2: 768, BaseModelType.SDXL: 1024}
"""Default tile side per base: a little above the size each was trained at, so a tile holds context."""
DEFAULT_STRUCTURE = 0.6


def denoising_start(creativity: float) -> float:
    """Where in the schedule the refinement starts for a creativity in [0, 1] (see the module's text)."""
    return round(1 - 0.2 - creativity * 0.5, 6)


class CreativeUpscale(BaseModel):
    """How a main model refines the upscaler's result."""

    model_config = ConfigDict(extra="forbid")

    main_model: str = Field(min_length=1, description="Key or name of an SD 1.x, 2.x or SDXL main model.")
    prompt: str = Field("", description="What the image shows; guides the detail the model adds.")
    negative_prompt: str = Field("", description="What the added detail should not show.")
    creativity: float = Field(
        0.35, ge=0, le=1, description="How much the model may redraw (denoising_start = 0.8 - 0.5 x this)."
    )
    structure: float | None = Field(
        None, ge=0, le=2, description="Weight of tile_controlnet (default 0.6); only with tile_controlnet."
    )
    tile_controlnet: str | None = Field(
        None, min_length=1, description="Key or name of a ControlNet tile model that keeps the composition."
    )
    steps: int = Field(20, ge=1, le=200, description="Denoising steps over the full schedule.")
    cfg_scale: float = Field(7.0, ge=1, le=30, description="How closely to follow the prompt.")
    scheduler: str = Field("euler", description="The sampling method.")
    seed: int | None = Field(None, ge=0, le=SEED_MAX, description="Seed of the noise (none: random).")
    tile_size: int | None = Field(
        None,
        ge=256,
        le=MAX_TILE,
        multiple_of=8,
        description="Tile side in pixels (768 SD 1.x/2.x, 1024 SDXL).",
    )
    tile_overlap: int = Field(
        128, ge=0, le=1024, multiple_of=8, description="Pixels neighbouring tiles share."
    )


@dataclass(frozen=True)
class CreativeModels:
    """The checked models of a creative upscale."""

    main: ModelRecord
    control: ModelRecord | None
    factor: int  # pixels per latent pixel of the main model's VAE


def check_creative(creative: CreativeUpscale, sources: GenerationSources) -> CreativeModels:
    """Refuse what cannot run, naming the ``creative.*`` field."""
    main = find_model(sources, f"{FIELD}.main_model", creative.main_model)
    if main.type is not ModelType.MAIN or main.base not in TILE_SIZES:
        raise invalid(
            f"{FIELD}.main_model",
            f"creative upscaling needs an SD 1.x/2.x/SDXL model; {main.name!r} is a {main.base} "
            f"{main.type} model",
            model=main.key,
        )
    check_scheduler(f"{FIELD}.scheduler", creative.scheduler)
    tile = creative.tile_size or TILE_SIZES[main.base]
    if creative.tile_overlap >= tile:
        raise invalid(f"{FIELD}.tile_overlap", f"{creative.tile_overlap} must be below the tile size {tile}")
    control = None
    if creative.tile_controlnet is not None:
        control = find_model(sources, f"{FIELD}.tile_controlnet", creative.tile_controlnet)
        if control.type is not ModelType.CONTROLNET or control.base is not main.base:
            raise invalid(
                f"{FIELD}.tile_controlnet",
                f"{control.name!r} is a {control.base} {control.type} model, not a {main.base} ControlNet",
                model=control.key,
            )
    elif creative.structure is not None:
        raise invalid(f"{FIELD}.structure", "structure weighs tile_controlnet; name one or leave it out")
    return CreativeModels(main=main, control=control, factor=sources.latent_factor(main))


def add_creative(
    draft: GraphDraft, creative: CreativeUpscale, models: CreativeModels, image: Out, size: tuple[int, int]
) -> Out:
    """The refinement of the enlarged ``image`` at ``size`` (a multiple of the VAE's factor); answers the
    refined image's socket. Node ids: ``resize``, ``model``, ``positive``, ``negative``, ``encode``,
    ``noise``, ``control``, ``denoise``, ``decode``."""
    width, height = size
    fitted = Out(draft.add("resize", "image_resize", image=image, width=width, height=height), "image")
    sdxl = models.main.base is BaseModelType.SDXL
    loader = draft.add(
        "model", "sdxl_model_loader" if sdxl else "main_model_loader", model=model_input(models.main.key)
    )
    vae = Out(loader, "vae")
    encoders: dict[str, Any] = {"clip": Out(loader, "clip")}
    if sdxl:
        encoders |= {"clip2": Out(loader, "clip2"), "target_width": width, "target_height": height}
    prompt_node = "sdxl_compel_prompt" if sdxl else "compel"
    draft.add("positive", prompt_node, prompt=creative.prompt, **encoders)
    draft.add("negative", prompt_node, prompt=creative.negative_prompt, **encoders)
    encoded = draft.add("encode", "i2l", image=fitted, vae=vae, tiled=True)
    noise = draft.add("noise", "noise", seed=creative.seed, width=width, height=height, vae=vae)
    control = None
    if models.control is not None:
        weight = DEFAULT_STRUCTURE if creative.structure is None else creative.structure
        node = draft.add(
            "control",
            "controlnet",
            image=fitted,
            control_model=model_input(models.control.key),
            control_weight=weight,
        )
        control = Out(node, "control")
    tile = creative.tile_size or TILE_SIZES[models.main.base]
    denoised = draft.add(
        "denoise", "tiled_multi_diffusion_denoise_latents",
        positive_conditioning=Out("positive", "conditioning"),
        negative_conditioning=Out("negative", "conditioning"),
        unet=Out(loader, "unet"), noise=Out(noise, "latents"), latents=Out(encoded, "latents"),
        control=control,
        tile_width=tile, tile_height=tile, tile_overlap=creative.tile_overlap, steps=creative.steps,
        cfg_scale=creative.cfg_scale, scheduler=creative.scheduler,
        denoising_start=denoising_start(creative.creativity), denoising_end=1.0,
    )  # fmt: skip
    decoded = draft.add("decode", "l2i", latents=Out(denoised, "latents"), vae=vae, tiled=True)
    return Out(decoded, "image")


def with_seed(creative: CreativeUpscale) -> CreativeUpscale:
    """The request with its seed drawn when it gave none, so the graph and metadata name one seed."""
    if creative.seed is not None:
        return creative
    return creative.model_copy(update={"seed": secrets.randbelow(SEED_MAX + 1)})


def creative_metadata(
    creative: CreativeUpscale,
    models: CreativeModels,
    source: str,
    upscaler: ModelRecord,
    size: tuple[int, int],
) -> dict[str, Any]:
    """The recall parameters of a creative upscale, for the ``generation_metadata`` node."""
    control = []
    if models.control is not None:
        weight = DEFAULT_STRUCTURE if creative.structure is None else creative.structure
        control.append(ControlUnit(model=_ref(models.control), weight=weight, image_name=None))
    metadata = GenerationMetadata(
        mode="upscale",
        positive_prompt=creative.prompt,
        negative_prompt=creative.negative_prompt,
        model=_ref(models.main),
        seed=creative.seed,
        steps=creative.steps,
        cfg_scale=creative.cfg_scale,
        scheduler=creative.scheduler,
        width=size[0],
        height=size[1],
        strength=round(1 - denoising_start(creative.creativity), 6),
        init_image=source,
        control=control,
        extra={
            "upscaler": _ref(upscaler).model_dump(exclude_none=True),
            "creativity": creative.creativity,
            "tile_size": creative.tile_size or TILE_SIZES[models.main.base],
            "tile_overlap": creative.tile_overlap,
        },
    )
    return metadata.model_dump(mode="json", exclude_none=True)


def _ref(record: ModelRecord) -> ModelRef:
    return ModelRef(name=record.name, key=record.key, hash=record.hash, base=str(record.base))
