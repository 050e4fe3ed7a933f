"""What a canvas request asks for, read from its init image's transparency and its canvas fields.

A canvas sends its bounding box already composited, so the init image itself says what to do, as in
InvokeAI's unified canvas: fully transparent is text to image (the box's size), partly transparent is
outpainting (the transparent part is infilled, then regenerated with a blended seam), opaque is image to
image, or inpainting with a mask. ``scale_before_processing`` generates a small box at the model's native
area and scales the result back to the box. Everything here is torch-free: transparency is an
:class:`~impasto.builders.sources.Alpha` summary the sources read from the stored image.
"""

from __future__ import annotations

import importlib.util
import math
from typing import Any

from impasto.builders.checks import find_model, invalid
from impasto.builders.request import GenerateRequest, InfillMethod, Mode
from impasto.builders.sources import GenerationSources
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import DefaultSettings, ModelType
from impasto.nodes.upscale import INPAINTING

DEFAULT_NOISE_LEVEL = 0.15
"""Noise added inside a given mask when the request leaves ``noise_level`` out (InvokeAI's canvas starts
its inpaint mask's noise at this level)."""

SEAM = 16
"""Width in pixels of the band around an outpainted area that is regenerated less and less strongly and
pasted back with a fade (InvokeAI's default coherence edge size)."""

INFILL_NODES: dict[InfillMethod, str] = {
    "color": "infill_rgba",
    "cv2": "infill_cv2",
    "tile": "infill_tile",
    "patchmatch": "infill_patchmatch",
    "lama": "infill_lama",
}
INFILL_OPTIONS: dict[InfillMethod, frozenset[str]] = {
    "color": frozenset({"color"}),
    "cv2": frozenset({"method", "radius"}),
    "tile": frozenset({"tile_size"}),
    "patchmatch": frozenset({"patch_size", "downscale"}),
    "lama": frozenset({"model"}),
}


def detect_mode(request: GenerateRequest, sources: GenerationSources) -> Mode:
    """The mode the init image's transparency and the mask ask for (padding outpaint as before)."""
    if request.init_image is None or request.outpaint is not None:
        return request.mode
    alpha = sources.image_alpha(request.init_image)
    if alpha == "empty":
        return "txt2img"
    if alpha == "partial":
        return "outpaint"
    return request.mode


def check_canvas(request: GenerateRequest, mode: Mode, sizes: dict[str, tuple[int, int]]) -> None:
    """Canvas fields that only make sense in some modes or together; a canvas's mask must cover its init
    image pixel for pixel (older requests without canvas fields may still send a mask of another size,
    which is resized)."""
    canvas = is_canvas(request, mode)
    if canvas and request.mask is not None and request.init_image is not None:
        mask, init = sizes[request.mask], sizes[request.init_image]
        if mask != init:
            raise invalid(
                "mask", f"is {mask[0]}x{mask[1]} but the init image is {init[0]}x{init[1]}; they must match"
            )
    masked = mode == "inpaint" or (mode == "outpaint" and request.outpaint is None)
    for field in ("noise_level", "denoise_limit"):
        if getattr(request, field) is not None and not masked:
            raise invalid(
                field,
                f"works on a masked area; this request is {mode} (give an opaque init_image with a mask, "
                "or a partly transparent one)",
            )
    if request.infill is not None and (mode != "outpaint" or request.outpaint is not None):
        raise invalid("infill", f"fills transparent pixels of the init image; this request is {mode}")
    manual = request.scale_before_processing == "manual"
    for field in ("scaled_width", "scaled_height"):
        if (getattr(request, field) is None) == manual:
            need = "needs" if manual else "is only read with"
            raise invalid(field, f"{need} scale_before_processing 'manual'")
    if request.scale_before_processing != "none" and request.hires_fix is not None:
        raise invalid("scale_before_processing", "cannot be combined with the hires fix; use one of them")


def is_canvas(request: GenerateRequest, mode: Mode) -> bool:
    """Whether the request uses the canvas's reading of the init image or any canvas field."""
    fields = (request.noise_level, request.denoise_limit, request.infill)
    transparent = request.init_image is not None and mode != request.mode
    return transparent or any(v is not None for v in fields) or request.scale_before_processing != "none"


def mask_noise_level(request: GenerateRequest, mode: Mode) -> float | None:
    """The amount of noise added inside the mask before encoding: the request's, or the default where it
    gives a mask and leaves it out; None (no noise node) for 0 and for requests without a user mask."""
    masked = mode == "inpaint" or (mode == "outpaint" and request.outpaint is None)
    if not masked:
        return None
    level = request.noise_level
    if level is None and request.mask is not None:
        level = DEFAULT_NOISE_LEVEL
    return level or None


def infill(request: GenerateRequest, sources: GenerationSources) -> tuple[str, dict[str, Any]]:
    """The infill node type and its constant inputs (the seed is added by the builder)."""
    wanted = request.infill
    method = wanted.method if wanted is not None and wanted.method else default_infill()
    options = dict(wanted.options) if wanted is not None else {}
    unknown = sorted(set(options) - INFILL_OPTIONS[method])
    if unknown:
        allowed = ", ".join(sorted(INFILL_OPTIONS[method]))
        raise invalid(
            f"infill.options.{unknown[0]}", f"is not an option of {method} (its options: {allowed})"
        )
    if method == "lama":
        options["model"] = {"key": _lama(options.get("model"), sources).key}
    return INFILL_NODES[method], options


def default_infill() -> InfillMethod:
    """PatchMatch where its package is installed (it continues textures best), else OpenCV's Telea."""
    return "patchmatch" if importlib.util.find_spec("patchmatch") is not None else "cv2"


def _lama(ref: object, sources: GenerationSources) -> ModelRecord:
    field = "infill.options.model"
    if ref is not None and not isinstance(ref, str):
        raise invalid(field, "must be an installed LaMa model's key or name")
    if ref is not None:
        record = find_model(sources, field, ref)
        if record.details.get("purpose") != INPAINTING:
            raise invalid(field, f"{record.name!r} is not a LaMa inpainting model")
        return record
    found = [r for r in sources.installed(ModelType.UPSCALER) if r.details.get("purpose") == INPAINTING]
    if not found:
        raise invalid(
            field, "no LaMa model is installed; install one (e.g. big-lama.pt) or choose another method"
        )
    return found[0]


def work_size(
    request: GenerateRequest, output: tuple[int, int], defaults: DefaultSettings, factor: int
) -> tuple[int, int]:
    """The size the image is generated at: the output's, or (scaling before processing) the manual size,
    or for auto the model's native area at the output's aspect ratio when the output is smaller, each on
    the size grid of ``factor``."""
    mode = request.scale_before_processing
    if mode == "none":
        return output
    if mode == "manual":
        assert request.scaled_width is not None
        assert request.scaled_height is not None
        for field, value in (
            ("scaled_width", request.scaled_width),
            ("scaled_height", request.scaled_height),
        ):
            if value % factor or value < 2 * factor:
                raise invalid(field, f"{value} must be a multiple of {factor} and at least {2 * factor}")
        return request.scaled_width, request.scaled_height
    width, height = output
    native = (defaults.width or 512) * (defaults.height or 512)
    scale = max(1.0, math.sqrt(native / (width * height)))
    return _on_grid(width * scale, factor), _on_grid(height * scale, factor)


def _on_grid(side: float, factor: int) -> int:
    return max(2, round(side / factor)) * factor
