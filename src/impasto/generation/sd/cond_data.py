"""Encoded prompts as the prompt nodes store them and the denoise node reads them.

The two sides are written separately (text encoding with compel; the denoise loop), so the format between
them is fixed here. Conditioning is stored in the tensor store as a plain dict (tensors and numbers only, so
it can be read back with ``weights_only=True``) and turned into one of these classes on either side.
Positive and negative conditioning may have different token lengths (long prompts are encoded in windows);
the denoise loop pads the shorter one with zeros and masks the padding out of cross-attention.
A prompt for a region of the image carries its region mask (see :mod:`impasto.generation.sd.regional`);
the keys ``mask`` and ``auto_negative`` are stored only then, so plain conditioning is stored as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch


@dataclass
class BasicConditioning:
    """SD 1.x / 2.x: one text encoder's per-token embeddings."""

    embeds: torch.Tensor
    """(1, tokens, width): tokens is a multiple of the tokenizer's window (77 in SD, 16 in the demo model)."""

    mask: torch.Tensor | None = None
    """(1, 1, h, w) in [0, 1]: the region this prompt conditions; None conditions the whole image."""
    auto_negative: bool = False
    """With a mask: also use this prompt as a negative prompt outside its region."""

    def to_dict(self) -> dict[str, Any]:
        return _with_region({"kind": "basic", "embeds": self.embeds}, self.mask, self.auto_negative)


@dataclass
class SDXLConditioning:
    """SDXL base and refiner: per-token embeddings, the pooled embedding and size conditioning."""

    embeds: torch.Tensor
    """(1, tokens, 2048) for the base (768 + 1280), (1, tokens, 1280) for the refiner."""
    pooled: torch.Tensor
    """(1, 1280): the second encoder's pooled, projected output."""
    original_size: tuple[int, int]
    """(height, width) the training image is imagined to have had."""
    crop_top_left: tuple[int, int]
    """(top, left) of the imagined crop; (0, 0) for centred, uncropped images."""
    target_size: tuple[int, int]
    """(height, width) of the image being generated."""
    aesthetic_score: float | None = None
    """Refiner only: the aesthetic score it is conditioned on (6.0 positive, 2.5 negative by convention)."""
    mask: torch.Tensor | None = None
    """(1, 1, h, w) in [0, 1]: the region this prompt conditions; None conditions the whole image."""
    auto_negative: bool = False
    """With a mask: also use this prompt as a negative prompt outside its region."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": "sdxl",
            "embeds": self.embeds,
            "pooled": self.pooled,
            "original_size": list(self.original_size),
            "crop_top_left": list(self.crop_top_left),
            "target_size": list(self.target_size),
        }
        if self.aesthetic_score is not None:
            data["aesthetic_score"] = self.aesthetic_score
        return _with_region(data, self.mask, self.auto_negative)


Conditioning = BasicConditioning | SDXLConditioning


def conditioning_from_dict(data: dict[str, Any]) -> Conditioning:
    """The conditioning a prompt node stored; raises ``ValueError`` for anything else."""
    kind = data.get("kind")
    if kind == "basic":
        return BasicConditioning(
            embeds=data["embeds"], mask=data.get("mask"), auto_negative=bool(data.get("auto_negative"))
        )
    if kind == "sdxl":
        return SDXLConditioning(
            embeds=data["embeds"],
            pooled=data["pooled"],
            original_size=_pair(data["original_size"]),
            crop_top_left=_pair(data["crop_top_left"]),
            target_size=_pair(data["target_size"]),
            aesthetic_score=data.get("aesthetic_score"),
            mask=data.get("mask"),
            auto_negative=bool(data.get("auto_negative")),
        )
    raise ValueError(f"stored value is not conditioning (kind={kind!r})")


def _pair(value: Any) -> tuple[int, int]:
    first, second = value
    return int(first), int(second)


def _with_region(data: dict[str, Any], mask: torch.Tensor | None, auto_negative: bool) -> dict[str, Any]:
    if mask is not None:
        data["mask"] = mask
        data["auto_negative"] = auto_negative
    return data
