"""FLUX.1 Kontext's trained sizes, torch-free: the size a reference image is encoded at, which is also the
size an edit is made at when the request gives none (the graph builders need it before anything loads).

Kontext was trained at about one megapixel in a few aspect ratios; a reference is resized to the trained
size closest to its aspect ratio, as diffusers' ``FluxKontextPipeline`` does, and in any case its sides are
rounded down to multiples of 16 (one packed transformer token per 16 x 16 pixels).
"""

from __future__ import annotations

from impasto.errors import InvalidInputError

KONTEXT_MULTIPLE = 16
"""Pixels per side of one packed token: the VAE's factor of 8 times the 2x2 patch."""

PREFERRED_KONTEXT_RESOLUTIONS: tuple[tuple[int, int], ...] = (  # (width, height), ~1 megapixel each
    (672, 1568), (688, 1504), (720, 1456), (752, 1392), (800, 1328), (832, 1248), (880, 1184),
    (944, 1104), (1024, 1024), (1104, 944), (1184, 880), (1248, 832), (1328, 800), (1392, 752),
    (1456, 720), (1504, 688), (1568, 672),
)  # fmt: skip
"""The sizes FLUX.1 Kontext was trained at (the list diffusers' ``FluxKontextPipeline`` resizes to)."""


def kontext_size(width: int, height: int, *, preferred: bool) -> tuple[int, int]:
    """The (width, height) a ``width`` x ``height`` reference is encoded at: the trained size closest to
    its aspect ratio when ``preferred`` (ties go to the narrower one), else its own; then each side
    rounded down to a multiple of 16."""
    if width < 1 or height < 1:
        raise InvalidInputError(f"the reference image is {width}x{height} pixels; it has no area")
    if preferred:
        aspect = width / height
        _, width, height = min((abs(aspect - w / h), w, h) for w, h in PREFERRED_KONTEXT_RESOLUTIONS)
    step = KONTEXT_MULTIPLE
    rounded = (width // step * step, height // step * step)
    if 0 in rounded:
        raise InvalidInputError(
            f"the reference image is {width}x{height} pixels; FLUX Kontext needs at least {step} pixels "
            "on each side (or switch on resizing to the preferred sizes)",
            {"width": width, "height": height, "multiple_of": step},
        )
    return rounded
