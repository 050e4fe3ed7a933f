"""Operations on latents between nodes: resizing, blending, and the size a model draws best at."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

ResizeMode = Literal["nearest", "bilinear", "bicubic", "area", "nearest-exact"]
BlendMethod = Literal["slerp", "lerp"]
_PARALLEL = 0.9995  # above this cosine, slerp is numerically a lerp


def resize_latents(
    latents: torch.Tensor, size: tuple[int, int], mode: ResizeMode, antialias: bool = False
) -> torch.Tensor:
    """Latents (B, C, h, w) resized to ``size`` = (h', w'); antialias applies to bilinear/bicubic only."""
    import torch.nn.functional as F  # noqa: N812

    if size[0] < 1 or size[1] < 1:
        raise InvalidInputError(f"latents cannot be resized to {size[1]}x{size[0]}")
    smooth = mode in ("bilinear", "bicubic")
    return F.interpolate(
        latents.float(), size=size, mode=mode, antialias=antialias and smooth,
        align_corners=False if smooth else None,
    ).to(latents.dtype)  # fmt: skip


def blend_latents(a: torch.Tensor, b: torch.Tensor, alpha: float, method: BlendMethod) -> torch.Tensor:
    """``a`` → ``b`` by ``alpha`` (0 = a, 1 = b): linearly, or spherically (which keeps noise's norm)."""
    import torch

    if a.shape != b.shape:
        raise InvalidInputError(
            f"latents of different shapes cannot be blended: {tuple(a.shape)} and {tuple(b.shape)}"
        )
    if method == "lerp":
        return torch.lerp(a.float(), b.float(), alpha).to(a.dtype)
    x, y = a.double().flatten(), b.double().flatten()
    cosine = float(torch.dot(x, y) / (x.norm() * y.norm()))
    if abs(cosine) > _PARALLEL:
        return torch.lerp(a.float(), b.float(), alpha).to(a.dtype)
    angle = math.acos(cosine)
    weight_a = math.sin((1 - alpha) * angle) / math.sin(angle)
    weight_b = math.sin(alpha * angle) / math.sin(angle)
    return (weight_a * a.double() + weight_b * b.double()).to(a.dtype)


BASE_SIDES = {"sd-1": 512, "sd-2": 768, "sdxl": 1024, "sdxl-refiner": 1024, "sd-3": 1024, "flux": 1024}


def ideal_size(
    width: int, height: int, side: int, *, multiplier: float = 1.0, multiple_of: int = 8
) -> tuple[int, int]:
    """The size with the aspect of ``width`` x ``height`` whose area is that of a ``side`` square (times
    ``multiplier`` along each side): the area a model was trained at, which it draws best. Neither side
    falls below half of ``side``; both are rounded down to multiples of ``multiple_of``."""
    if width < 1 or height < 1:
        raise InvalidInputError(f"the aspect {width}x{height} needs positive sides")
    target = side * multiplier
    aspect = width / height
    if aspect >= 1:
        short = max(target / 2, math.sqrt(target * target / aspect))
        new_w, new_h = short * aspect, short
    else:
        short = max(target / 2, math.sqrt(target * target * aspect))
        new_w, new_h = short, short / aspect
    return (
        max(multiple_of, math.floor(new_w) // multiple_of * multiple_of),
        max(multiple_of, math.floor(new_h) // multiple_of * multiple_of),
    )
