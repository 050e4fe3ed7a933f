"""How large an image each model family may make, and the error for work beyond it.

The cost of a denoise step grows with the image (convolutions with its pixel count, self-attention with
its square), and so does a VAE pass; a model also draws worse the further it is from its training size.
``max_image_pixels`` bounds the image one denoise or VAE pass of a model may work on, per base. The
defaults are :data:`HEADROOM` times each base's native area, four times its native side: SD 1.x
2048x2048, SD 2.x 3072x3072, SDXL, SD 3 and FLUX 4096x4096. That lets a hires fix at its largest scale (4)
through and refuses sizes nobody's machine finishes, such as 8192x8192.

Kept free of torch: the configuration, the request builders and the nodes' checks all use it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from impasto.errors import InvalidInputError
from impasto.models.taxonomy import BaseModelType, default_settings

SETTING = "max_image_pixels"
HEADROOM = 16
"""Default limit as a multiple of a base's native area."""
MIN_LIMIT = 64 * 64
_SIZE = re.compile(r"^\s*(\d+)\s*[xX*\u00d7]\s*(\d+)\s*$")


def native_side(base: BaseModelType) -> int:
    """The side of the square images a base's models are trained at (512 where none is known)."""
    return default_settings(base).width or 512


def limited_bases() -> list[BaseModelType]:
    """The bases with a pixel limit: every base of a model that makes images."""
    return [base for base in BaseModelType if base is not BaseModelType.ANY]


def default_max_image_pixels() -> dict[BaseModelType, int]:
    """:data:`HEADROOM` times the native area of every base."""
    return {base: HEADROOM * native_side(base) ** 2 for base in limited_bases()}


def parse_pixels(value: Any) -> Any:
    """A pixel count given as a number or as a size (``"4096x4096"``, read as its product)."""
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        match = _SIZE.match(text)
        if match:
            return int(match.group(1)) * int(match.group(2))
        if text.isdigit():
            return int(text)
        raise ValueError(f"expected a pixel count such as 4194304 or a size such as 2048x2048, not {value!r}")
    return value


def with_defaults(given: dict[BaseModelType, int]) -> dict[BaseModelType, int]:
    """The given limits over the defaults, so that a file names only the bases it changes."""
    if BaseModelType.ANY in given:
        bases = ", ".join(limited_bases())
        raise ValueError(f"`any` is not a base with a pixel limit; name one of {bases}")
    return {**default_max_image_pixels(), **given}


PixelCount = Annotated[int, BeforeValidator(parse_pixels), Field(ge=MIN_LIMIT)]
MaxImagePixels = Annotated[dict[BaseModelType, PixelCount], AfterValidator(with_defaults)]
"""The type of the ``max_image_pixels`` setting: base → pixels, missing bases at their default."""


class TooLargeError(InvalidInputError):
    """Work larger than a configured limit or than this machine's memory; refused before it starts."""

    code = "too_large"


def pixel_limit(limits: Mapping[BaseModelType, int], base: BaseModelType) -> int | None:
    """The limit for models of ``base`` (None: none applies, as for base-independent models)."""
    if base is BaseModelType.ANY:
        return None
    return limits.get(base, default_max_image_pixels().get(base))


def side_of(pixels: int) -> int:
    """The side of the square with (at most) this many pixels."""
    return math.isqrt(pixels)


def limit_message(
    subject: str, width: int, height: int, base: BaseModelType, limit: int, origin: str = ""
) -> str:
    """Why ``width`` x ``height`` is refused, with the setting that allows it. ``subject`` says what would
    be made (``the image would be``, ``node 'denoise' would denoise``); ``origin``, where the size came
    from."""
    side = side_of(limit)
    where = f" ({origin})" if origin else ""
    return (
        f"{subject} {width}x{height} = {width * height:,} pixels{where}, more than {SETTING} allows for "
        f"{base} models ({limit:,} pixels, e.g. {side}x{side}); make it smaller, or raise it in "
        f"impasto.yaml (`{SETTING}: {{{base}: {width}x{height}}}`)"
    )


def check_pixels(
    limits: Mapping[BaseModelType, int],
    base: BaseModelType,
    width: int,
    height: int,
    subject: str,
    origin: str = "",
    **details: Any,
) -> None:
    """Raise :class:`TooLargeError` if a ``width`` x ``height`` pass is over the limit of ``base``."""
    limit = pixel_limit(limits, base)
    if limit is not None and width * height > limit:
        raise TooLargeError(
            limit_message(subject, width, height, base, limit, origin),
            {
                **details,
                "width": width,
                "height": height,
                "pixels": width * height,
                "limit": limit,
                "base": str(base),
                "setting": f"{SETTING}.{base}",
            },
        )


def gib(nbytes: int) -> str:
    return f"{nbytes / 1024**3:.1f} GiB"


def memory_error(
    subject: str, width: int, height: int, need: int, total: int, where: str, hint: str
) -> TooLargeError:
    """The refusal of a pass whose estimated working memory is more than the machine has in all."""
    return TooLargeError(
        f"{subject} {width}x{height} needs about {gib(need)} of working memory, more than the {gib(total)} "
        f"of {where} this machine has; {hint}",
        {"width": width, "height": height, "needed_bytes": need, "available_bytes": total, "memory": where},
    )
