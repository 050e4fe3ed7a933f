"""Checking a generation request against the installation and filling in its defaults.

Every problem is an error that names the request field it is about (``loras[1].model: ...``), so the API
can answer 422 and the CLI can print one line. What comes out, :class:`Resolved`, holds nothing left to
decide: the builders only translate it into nodes.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from impasto.builders.canvas import check_canvas, detect_mode, infill, mask_noise_level, work_size
from impasto.builders.checks import (
    ControlUse,
    find_model,
    invalid,
    resolve_controls,
    resolve_hires_upscaler,
    resolve_loras,
    resolve_vae,
)
from impasto.builders.families import Recipe, recipe_for
from impasto.builders.regions import ReferenceUse, check_region_masks, region_images, resolve_references
from impasto.builders.request import MAX_SIDE, SEED_MAX, GenerateRequest, Mode
from impasto.builders.sources import GenerationSources
from impasto.errors import ImpastoError
from impasto.models.identity import ModelRecord
from impasto.models.limits import TooLargeError, check_pixels
from impasto.models.taxonomy import DefaultSettings, ModelType, default_settings
from impasto.presets import apply_style
from impasto.prompting.dynamic import expand_prompt

MAX_ITEMS = 10_000
_DYNAMIC = re.compile(r"[{}]|__[^_\s].*?__")


@dataclass(frozen=True)
class Resolved:
    """A request with every default filled in and every reference checked."""

    request: GenerateRequest
    mode: Mode
    model: ModelRecord
    recipe: Recipe  # of the main model's family: builds the nodes only that family has
    factor: int  # width and height are multiples of it (the VAE's factor, or more where latents are packed)
    width: int
    height: int
    steps: int
    cfg_scale: float
    scheduler: str
    strength: float | None
    seeds: tuple[int, ...]
    prompts: tuple[str, ...]
    negative_prompt: str
    vae: ModelRecord | None  # a separate VAE: the request's, or one a single-file model needs
    t5_encoder: ModelRecord | None  # a separate T5 encoder (single-file transformer families)
    clip_embed: ModelRecord | None  # a separate CLIP-L encoder (single-file transformer families)
    guidance: float | None  # distilled guidance (None: the family has none)
    loras: tuple[tuple[ModelRecord, float], ...]
    controls: tuple[ControlUse, ...]
    refiner: ModelRecord | None
    hires_upscaler: ModelRecord | None
    style_preset: str | None
    image_sizes: dict[str, tuple[int, int]]  # of the stored images named, by name
    output_size: tuple[int, int]  # the images made (the canvas's box); width x height is generated
    infill: tuple[str, dict[str, Any]] | None = None  # node type and inputs filling a canvas's holes
    references: tuple[ReferenceUse, ...] = ()  # IP-Adapter reference images (the whole image's, regions')
    noise_level: float | None = None  # noise added inside the mask before encoding (None: none)

    @property
    def hires_size(self) -> tuple[int, int]:
        """Size after the hires fix: each latent side scaled and rounded, as the scale node does."""
        scale = self.request.hires_fix.scale if self.request.hires_fix else 1.0
        return _scaled(self.width, scale, self.factor), _scaled(self.height, scale, self.factor)


def resolve(request: GenerateRequest, sources: GenerationSources) -> Resolved:
    """Check ``request`` and fill in its defaults; raises :class:`GenerateRequestError`."""
    model = _main_model(request, sources)
    recipe = recipe_for(model.base, model.name)
    vae_factor = sources.latent_factor(model)
    factor = recipe.size_multiple(vae_factor)
    defaults = _defaults(model)
    _check_combinations(request)
    recipe.check(request, model, sources)
    recipe.check_regions(request, model)
    if request.board is not None and not sources.has_board(request.board):
        raise invalid("board", f"there is no board with the id {request.board!r}", board_id=request.board)
    sizes = _image_sizes(request, sources)
    mode = detect_mode(request, sources)
    check_canvas(request, mode, sizes)
    grid = "the latent factor" if factor == vae_factor else "the size grid"
    scaled = request.scale_before_processing != "none"
    output = _size(
        request,
        sources,
        _source_size(request, recipe, sizes),
        defaults,
        (1 if scaled else factor, grid),
        model,
    )
    check_region_masks(request, sizes, output)
    width, height = work_size(request, output, defaults, factor)
    if scaled:
        _check_limit(sources, "scale_before_processing", "the image would be", width, height, model)
    styled_prompt, negative, preset = _styled(request, sources)
    steps = request.steps or defaults.steps or 30
    _check_windows(request, mode, steps)
    scheduler = recipe.check_scheduler("scheduler", request.scheduler or defaults.scheduler or "euler")
    prompts = _prompts(request, styled_prompt, sources)
    parts = recipe.resolve_parts(request, model, sources, resolve_vae(request, sources, model, vae_factor))
    resolved = Resolved(
        request=request,
        mode=mode,
        model=model,
        recipe=recipe,
        factor=factor,
        width=width,
        height=height,
        steps=steps,
        cfg_scale=request.cfg_scale if request.cfg_scale is not None else (defaults.cfg_scale or 7.5),
        scheduler=scheduler,
        strength=_strength(request, mode),
        seeds=_seeds(request),
        prompts=prompts,
        negative_prompt=negative,
        vae=parts.vae,
        t5_encoder=parts.t5_encoder,
        clip_embed=parts.clip_embed,
        guidance=recipe.guidance(request, model, defaults),
        loras=resolve_loras(request, sources, model),
        controls=resolve_controls(request, sources, model),
        refiner=recipe.resolve_refiner(request, sources),
        hires_upscaler=resolve_hires_upscaler(request, sources),
        style_preset=preset,
        image_sizes=sizes,
        output_size=output,
        infill=infill(request, sources) if mode == "outpaint" and request.outpaint is None else None,
        references=resolve_references(request, sources, model, recipe.reference_model),
        noise_level=mask_noise_level(request, mode),
    )
    recipe.check_resolved(resolved)
    return resolved


def _main_model(request: GenerateRequest, sources: GenerationSources) -> ModelRecord:
    if request.model is None:
        model = sources.default_model()
        if model is None:
            raise invalid("model", "no main model is installed; install one (impasto models install ...)")
    else:
        model = find_model(sources, "model", request.model)
    if model.type is not ModelType.MAIN:
        raise invalid("model", f"{model.name!r} is a {model.type} model, not a main model")
    return model


def _defaults(model: ModelRecord) -> DefaultSettings:
    """The model's own default settings, gaps filled from its base's."""
    base = default_settings(model.base, model.variant)
    own = model.default_settings.model_dump(exclude_none=True) if model.default_settings else {}
    return base.model_copy(update=own)


def _check_combinations(request: GenerateRequest) -> None:
    """Parameters that only make sense together with others."""
    needs_init = {"strength": request.strength, "mask": request.mask, "outpaint": request.outpaint}
    for field, value in needs_init.items():
        if value is not None and request.init_image is None:
            raise invalid(field, "needs an init_image to work on")
    if request.mask is not None and request.outpaint is not None:
        raise invalid("mask", "outpaint makes its own mask (the new borders); leave out mask")
    if request.outpaint is not None and request.infill is not None:
        raise invalid("infill", "outpaint pads with its own fill (outpaint.fill); leave out infill")
    if request.hires_fix is not None and request.init_image is not None:
        raise invalid("hires_fix", "is a text-to-image option; leave out init_image or hires_fix")
    if request.hires_fix is not None and request.refiner is not None:
        raise invalid("hires_fix", "cannot be combined with a refiner; use one of them")


def _check_windows(request: GenerateRequest, mode: Mode, steps: int) -> None:
    """Each denoise pass must get at least one of its steps (a pass runs about ``steps x its share``)."""
    strength = _strength(request, mode)
    start = 1 - strength if strength is not None else 0.0
    refiner = request.refiner
    end = refiner.start if refiner is not None else 1.0
    if end <= start:
        message = f"the base model starts at {start:.2f} (1 - strength); the refiner must start after that"
        raise invalid("refiner.start", message)
    passes = [("strength" if strength is not None else "refiner.start", steps, end - start)]
    if refiner is not None:
        passes.append(("refiner.steps", refiner.steps or steps, 1 - refiner.start))
    if request.hires_fix is not None:
        passes.append(("hires_fix.strength", request.hires_fix.steps or steps, request.hires_fix.strength))
    for field, count, share in passes:
        if count * share < 1:
            raise invalid(
                field,
                f"this pass runs {share:.2f} of the schedule; with {count} steps that is no whole step "
                f"(raise the steps or the share)",
            )


def _source_size(
    request: GenerateRequest, recipe: Recipe, sizes: dict[str, tuple[int, int]]
) -> tuple[int, int] | None:
    """The size a side the request leaves out follows: the init image's, else that of an edit of the
    reference image (None: the model's default)."""
    if request.init_image is not None:
        return sizes[request.init_image]
    if request.reference_image is not None:
        return recipe.edit_size(sizes[request.reference_image])
    return None


def _size(
    request: GenerateRequest,
    sources: GenerationSources,
    source: tuple[int, int] | None,
    defaults: DefaultSettings,
    grid: tuple[int, str],
    model: ModelRecord,
) -> tuple[int, int]:
    """The image size, checked against the model's size grid (``(multiple, what it is called)``);
    ``source``: the size of the image it follows (:func:`_source_size`)."""
    factor = grid[0]
    if source is not None and request.outpaint is not None:
        width, height = _canvas(request, source)
    elif source is not None:
        width, height = request.width or source[0], request.height or source[1]
    else:
        width = request.width or defaults.width or 512
        height = request.height or defaults.height or 512
    for field, value in (("width", width), ("height", height)):
        _check_side(field, value, grid, model, given=getattr(request, field) is not None)
    final = (width, height)
    if request.hires_fix is not None:
        final = (
            _scaled(width, request.hires_fix.scale, factor),
            _scaled(height, request.hires_fix.scale, factor),
        )
        if max(final) > MAX_SIDE:
            raise invalid(
                "hires_fix.scale", f"the final image would be {final[0]}x{final[1]}; the limit is {MAX_SIDE}"
            )
    _check_limit(sources, _size_field(request), "the image would be", width, height, model)
    if final != (width, height):
        _check_limit(sources, "hires_fix.scale", "the hires pass would make", *final, model)
    return width, height


def _size_field(request: GenerateRequest) -> str:
    """The request field that decided the size: the one given, else where it came from."""
    if request.outpaint is not None:
        return "outpaint"
    if request.width is None and request.height is None:
        if request.init_image is not None:
            return "init_image"
        if request.reference_image is not None:
            return "reference_image"
    return "width" if request.width is not None or request.height is None else "height"


def _check_limit(
    sources: GenerationSources, field: str, subject: str, width: int, height: int, model: ModelRecord
) -> None:
    """``max_image_pixels`` for the model's base, as an error about ``field``."""
    try:
        check_pixels(sources.max_image_pixels, model.base, width, height, subject, field=field)
    except TooLargeError as exc:
        raise TooLargeError(f"{field}: {exc.message}", exc.details) from None


def _image_sizes(request: GenerateRequest, sources: GenerationSources) -> dict[str, tuple[int, int]]:
    """Every image the request names must be stored; answers their sizes by name."""
    named = [(f"controlnets[{i}].image", unit.image) for i, unit in enumerate(request.controlnets)]
    named += [(f"t2i_adapters[{i}].image", unit.image) for i, unit in enumerate(request.t2i_adapters)]
    fields = ("mask", "init_image", "reference_image")
    named += [(field, getattr(request, field)) for field in fields if getattr(request, field) is not None]
    named += region_images(request)
    return {name: _image_size(sources, field, name) for field, name in named}


def _canvas(request: GenerateRequest, init: tuple[int, int]) -> tuple[int, int]:
    pad = request.outpaint
    assert pad is not None
    width, height = init[0] + pad.left + pad.right, init[1] + pad.top + pad.bottom
    if pad.left + pad.right + pad.top + pad.bottom == 0:
        raise invalid("outpaint", "give at least one side to extend (left, top, right or bottom)")
    for field, given, canvas in (("width", request.width, width), ("height", request.height, height)):
        if given is not None and given != canvas:
            raise invalid(
                field, f"an outpaint canvas is {width}x{height} (init image plus borders); leave {field} out"
            )
    return width, height


def _check_side(field: str, value: int, grid: tuple[int, str], model: ModelRecord, *, given: bool) -> None:
    factor, what = grid
    where = "" if given else " (from the init image, the reference image or the model's defaults)"
    if value > MAX_SIDE or value < 2 * factor:
        raise invalid(field, f"{value}{where} is outside {2 * factor}..{MAX_SIDE} pixels")
    if value % factor:
        lower, upper = value - value % factor, value - value % factor + factor
        raise invalid(
            field,
            f"{value}{where} is not a multiple of {factor}, {what} of {model.name!r} "
            f"(try {lower} or {upper})",
            factor=factor,
        )


def _scaled(side: int, scale: float, factor: int) -> int:
    return max(1, round(side // factor * scale)) * factor


def _image_size(sources: GenerationSources, field: str, name: str) -> tuple[int, int]:
    size = sources.image_size(name)
    if size is None:
        raise invalid(field, f"there is no stored image named {name!r}", image_name=name)
    return size


def _strength(request: GenerateRequest, mode: Mode) -> float | None:
    if mode == "txt2img":
        return None
    if request.strength is not None:
        return request.strength
    return 0.75 if mode == "img2img" else 1.0


def _seeds(request: GenerateRequest) -> tuple[int, ...]:
    first = request.seed if request.seed is not None else secrets.randbelow(SEED_MAX + 1)
    return tuple((first + offset) % (SEED_MAX + 1) for offset in range(request.count))


def _styled(request: GenerateRequest, sources: GenerationSources) -> tuple[str, str, str | None]:
    if request.style_preset is None:
        return request.prompt, request.negative_prompt, None
    preset = sources.style_preset(request.style_preset)
    if preset is None:
        raise invalid("style_preset", f"no style preset has the id or name {request.style_preset!r}")
    styled = apply_style(preset, request.prompt, request.negative_prompt)
    return styled.positive_prompt, styled.negative_prompt, preset.name


def _prompts(request: GenerateRequest, prompt: str, sources: GenerationSources) -> tuple[str, ...]:
    """The prompt, or every prompt its ``{a|b}`` variants and wildcards expand to (styled first)."""
    if not request.dynamic_prompts or not _DYNAMIC.search(prompt):
        return (prompt,)
    try:
        prompts = expand_prompt(
            prompt, max_prompts=request.max_prompts, combinatorial=True, wildcards_dir=sources.wildcards_dir
        )
    except ImpastoError as exc:
        raise invalid("prompt", exc.message) from exc
    if len(prompts) * request.count > MAX_ITEMS:
        raise invalid("count", f"{len(prompts)} prompts x {request.count} images exceed {MAX_ITEMS} images")
    return tuple(prompts)
