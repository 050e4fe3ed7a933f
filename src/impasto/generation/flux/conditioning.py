"""FLUX prompt conditioning as the text encoder node stores it and the denoise node reads it.

FLUX reads a prompt twice: T5's per-token embeddings feed the transformer's text stream, and CLIP-L's
pooled embedding (with the timestep) modulates every block. A regional prompt also carries its mask.
Stored as a plain dict of tensors (loadable
with ``weights_only=True``), marked ``kind: flux`` so that SD conditioning is told apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.generation.runtime import of_kind

if TYPE_CHECKING:
    import torch

KIND = "flux"


@dataclass
class FluxConditioning:
    """One encoded FLUX prompt."""

    t5_embeds: torch.Tensor
    """(1, tokens, 4096): T5's last hidden state; tokens is the maximum sequence length (256 or 512)."""
    clip_pooled: torch.Tensor
    """(1, 768): CLIP-L's pooled output."""
    mask: torch.Tensor | None = None
    """(1, 1, H, W) in 0 to 1: the region this prompt conditions (regional prompts); None: the whole image."""
    auto_negative: bool = False
    """With a mask: also used as a negative prompt outside the region (with true CFG)."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": KIND, "t5_embeds": self.t5_embeds, "clip_pooled": self.clip_pooled}
        if self.mask is not None:
            data["mask"] = self.mask
            data["auto_negative"] = self.auto_negative
        return data

    @classmethod
    def from_dict(cls, data: Any) -> FluxConditioning:
        """The conditioning a FLUX text encoder node stored; ``ValueError`` for anything else."""
        data = of_kind(data, KIND, "FLUX conditioning")
        return cls(
            t5_embeds=data["t5_embeds"],
            clip_pooled=data["clip_pooled"],
            mask=data.get("mask"),
            auto_negative=bool(data.get("auto_negative", False)),
        )
