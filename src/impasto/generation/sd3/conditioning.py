"""An encoded SD 3 prompt as the text encoder node stores it and the denoise node reads it.

What is stored is each encoder's part, not the joint sequence: the transformer takes CLIP-L and CLIP-G's
penultimate hidden states side by side, zero-padded to T5's width, followed by T5's tokens; without T5
its tokens are zeros as wide as the transformer's ``joint_attention_dim``, which only the denoise side
knows. :meth:`SD3Conditioning.joint` builds the sequence there, as diffusers' ``encode_prompt`` does.
Stored as a plain dict of tensors and numbers (read back with ``weights_only=True``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

KIND = "sd3"


@dataclass
class SD3Conditioning:
    """One prompt encoded by SD 3's three text encoders."""

    clip_embeds: torch.Tensor
    """(1, 77, 768 + 1280): CLIP-L and CLIP-G penultimate hidden states, concatenated per token."""
    pooled: torch.Tensor
    """(1, 768 + 1280): both CLIP encoders' pooled, projected outputs, concatenated."""
    t5_embeds: torch.Tensor | None
    """(1, t5_tokens, 4096) T5's last hidden state; None when the prompt was encoded without T5."""
    t5_tokens: int = 256
    """T5's sequence length (``max_sequence_length``); zeros of this length stand in for a missing T5."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": KIND,
            "clip_embeds": self.clip_embeds,
            "pooled": self.pooled,
            "t5_tokens": self.t5_tokens,
        }
        if self.t5_embeds is not None:
            data["t5_embeds"] = self.t5_embeds
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SD3Conditioning:
        """The stored conditioning; ``ValueError`` for anything another node stored."""
        if data.get("kind") != KIND:
            raise ValueError(f"stored value is not SD 3 conditioning (kind={data.get('kind')!r})")
        return cls(data["clip_embeds"], data["pooled"], data.get("t5_embeds"), int(data["t5_tokens"]))

    def joint(self, joint_attention_dim: int) -> torch.Tensor:
        """The transformer's context (1, 77 + t5_tokens, width): width is T5's, or without T5 the
        transformer's ``joint_attention_dim``."""
        import torch
        import torch.nn.functional as F  # noqa: N812 - torch's own alias

        t5 = self.t5_embeds
        if t5 is None:
            shape = (self.clip_embeds.shape[0], self.t5_tokens, joint_attention_dim)
            t5 = torch.zeros(shape, device=self.clip_embeds.device, dtype=self.clip_embeds.dtype)
        clip = F.pad(self.clip_embeds, (0, t5.shape[-1] - self.clip_embeds.shape[-1]))
        return torch.cat([clip, t5], dim=-2)
