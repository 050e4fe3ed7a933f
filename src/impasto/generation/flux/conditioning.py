"""FLUX prompt conditioning as the text encoder node stores it and the denoise node reads it.

FLUX reads a prompt twice: T5's per-token embeddings feed the transformer's text stream, and CLIP-L's
pooled embedding (with the timestep) modulates every block. Stored as a plain dict of tensors (loadable
with ``weights_only=True``), marked ``kind: flux`` so that SD conditioning is told apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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

    def to_dict(self) -> dict[str, Any]:
        return {"kind": KIND, "t5_embeds": self.t5_embeds, "clip_pooled": self.clip_pooled}

    @classmethod
    def from_dict(cls, data: Any) -> FluxConditioning:
        """The conditioning a FLUX text encoder node stored; ``ValueError`` for anything else."""
        if not isinstance(data, dict) or data.get("kind") != KIND:
            kind = data.get("kind") if isinstance(data, dict) else type(data).__name__
            raise ValueError(f"stored value is not FLUX conditioning (kind={kind!r})")
        return cls(t5_embeds=data["t5_embeds"], clip_pooled=data["clip_pooled"])
