"""The style presets that ship with Impasto: read-only, listed before the user's own, never stored.

Keeping them in code means a new version can improve them without touching anyone's database; a user who
wants a variation copies one under a new name.
"""

from __future__ import annotations

from impasto.presets.models import StylePreset

_NEGATIVE = "lowres, blurry, jpeg artifacts, watermark, signature, text"

_BUILTIN: tuple[tuple[str, str, str], ...] = (
    (
        "Photographic",
        "{prompt}, photograph, natural light, sharp focus, detailed textures, 35mm lens",
        f"{{prompt}}, painting, drawing, illustration, cartoon, render, {_NEGATIVE}",
    ),
    (
        "Cinematic",
        "cinematic still of {prompt}, dramatic lighting, shallow depth of field, film grain, color graded",
        f"{{prompt}}, cartoon, illustration, flat lighting, {_NEGATIVE}",
    ),
    (
        "Anime",
        "anime artwork of {prompt}, clean line art, cel shading, vibrant colors, key visual",
        f"{{prompt}}, photograph, realistic, 3d render, {_NEGATIVE}",
    ),
    (
        "Illustration",
        "illustration of {prompt}, detailed linework, rich colors, storybook style",
        f"{{prompt}}, photograph, realistic, {_NEGATIVE}",
    ),
    (
        "Digital Art",
        "digital painting of {prompt}, concept art, highly detailed, artstation style",
        f"{{prompt}}, photograph, {_NEGATIVE}",
    ),
    (
        "Oil Painting",
        "oil painting of {prompt}, visible brush strokes, canvas texture, classical composition",
        f"{{prompt}}, photograph, digital art, {_NEGATIVE}",
    ),
    (
        "Line Art",
        "line art drawing of {prompt}, black ink on white paper, clean lines, minimal shading",
        f"{{prompt}}, color, photograph, painting, {_NEGATIVE}",
    ),
)

BUILTIN_PREFIX = "builtin-"


def builtin_presets() -> list[StylePreset]:
    """The built-in presets, in display order."""
    return [
        StylePreset(
            id=BUILTIN_PREFIX + name.lower().replace(" ", "-"),
            name=name,
            positive_prompt=positive,
            negative_prompt=negative,
            type="builtin",
        )
        for name, positive, negative in _BUILTIN
    ]
