"""IP-Adapter image projections: CLIP-vision features → tokens the UNet's extra attention attends to.

Three layouts of the original ``image_proj.*`` weights (keys kept as they are stored, so a file loads
with ``load_state_dict(strict=True)``):

- plain (``proj``, ``norm``): the pooled image embedding, linearly projected to N tokens and normalised;
- plus / plus-face (``latents``, ``proj_in``, ``layers``, ``proj_out``, ``norm_out``): a perceiver
  resampler whose learned queries attend to the encoder's penultimate hidden states;
- full-face (``proj.0``, ``proj.2``, ``proj.3``): an MLP over every penultimate hidden state.

FaceID adapters project InsightFace identity embeddings instead of CLIP features and are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import torch
from torch import nn

from impasto.errors import InvalidInputError

ProjectionKind = Literal["plain", "plus", "full"]
RESAMPLER_HEAD_WIDTH = 64  # every released plus adapter uses 64-wide heads; the file does not store it


@dataclass(frozen=True)
class ImageProjection:
    """A projection module and which encoder output it takes."""

    kind: ProjectionKind
    module: nn.Module
    input_width: int  # the encoder output width it takes (projection dim, or hidden size)

    @property
    def uses_hidden_states(self) -> bool:
        """Plus and full-face adapters read the penultimate hidden states, plain ones the image embeds."""
        return self.kind != "plain"


def projection_kind(state: dict[str, torch.Tensor]) -> ProjectionKind:
    """Which layout ``image_proj.*`` (without the prefix) holds; raises for FaceID and unknown ones."""
    if "latents" in state and "proj_in.weight" in state:
        return "plus"
    if "proj.3.weight" in state and "proj.0.weight" in state:
        return "full"
    if "proj.weight" in state and "norm.weight" in state:
        return "plain"
    keys = ", ".join(sorted(state)[:6])
    raise InvalidInputError(
        f"unsupported IP-Adapter image projection (keys {keys}); plain, plus, plus-face and full-face "
        "adapters are supported, FaceID adapters (InsightFace embeddings) are not"
    )


def build_projection(state: dict[str, torch.Tensor]) -> ImageProjection:
    """The projection for ``state``, sized from its tensors and loaded with them."""
    kind = projection_kind(state)
    module: nn.Module
    if kind == "plain":
        width = state["norm.weight"].shape[0]
        out_features, embed_width = state["proj.weight"].shape
        module = PlainProjection(embed_width, width, out_features // width)
    elif kind == "full":
        hidden, cross = state["proj.0.weight"].shape[0], state["proj.3.weight"].shape[0]
        module = nn.Sequential(
            nn.Linear(hidden, hidden), nn.GELU(), nn.Linear(hidden, cross), nn.LayerNorm(cross)
        )
        module = _Prefixed(module)
    else:
        module = Resampler.from_state(state)
    first = next(iter(state.values()))
    module.to(dtype=first.dtype)
    module.load_state_dict(state, strict=True)
    first_layer = {"plain": "proj.weight", "plus": "proj_in.weight", "full": "proj.0.weight"}[kind]
    return ImageProjection(kind, module.eval(), int(state[first_layer].shape[1]))


class _Prefixed(nn.Module):
    """Holds the full-face MLP under ``proj`` as the file names it."""

    def __init__(self, proj: nn.Sequential) -> None:
        super().__init__()
        self.proj = proj

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.proj(hidden)  # type: ignore[no-any-return]


class PlainProjection(nn.Module):
    """(B, E) image embeds → (B, tokens, width)."""

    def __init__(self, embed_width: int, width: int, tokens: int) -> None:
        super().__init__()
        self.tokens = tokens
        self.proj = nn.Linear(embed_width, tokens * width)
        self.norm = nn.LayerNorm(width)

    def forward(self, embeds: torch.Tensor) -> torch.Tensor:
        return self.norm(self.proj(embeds).reshape(embeds.shape[0], self.tokens, -1))  # type: ignore[no-any-return]


class PerceiverAttention(nn.Module):
    """Queries (the latents) attend to the image features concatenated with themselves."""

    def __init__(self, width: int, heads: int) -> None:
        super().__init__()
        inner = heads * RESAMPLER_HEAD_WIDTH
        self.heads = heads
        self.norm1 = nn.LayerNorm(width)
        self.norm2 = nn.LayerNorm(width)
        self.to_q = nn.Linear(width, inner, bias=False)
        self.to_kv = nn.Linear(width, inner * 2, bias=False)
        self.to_out = nn.Linear(inner, width, bias=False)

    def forward(self, features: torch.Tensor, latents: torch.Tensor) -> torch.Tensor:
        features, latents = self.norm1(features), self.norm2(latents)
        query = self._heads(self.to_q(latents))
        key, value = (self._heads(t) for t in self.to_kv(torch.cat([features, latents], dim=-2)).chunk(2, -1))
        scale = RESAMPLER_HEAD_WIDTH**-0.25  # split between query and key, for fp16 range
        weights = ((query * scale) @ (key * scale).transpose(-2, -1)).float().softmax(-1).to(query.dtype)
        out = (weights @ value).transpose(1, 2).reshape(latents.shape[0], latents.shape[1], -1)
        return self.to_out(out)  # type: ignore[no-any-return]

    def _heads(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape
        return x.view(batch, length, self.heads, -1).transpose(1, 2)  # (B, heads, L, 64)


def _feed_forward(width: int, inner: int) -> nn.Sequential:
    return nn.Sequential(
        nn.LayerNorm(width),
        nn.Linear(width, inner, bias=False),
        nn.GELU(),
        nn.Linear(inner, width, bias=False),
    )


class Resampler(nn.Module):
    """The plus adapters' perceiver: (B, L, hidden) encoder states → (B, queries, cross width)."""

    def __init__(
        self, hidden: int, width: int, out: int, queries: int, depth: int, heads: int, ff: int
    ) -> None:
        super().__init__()
        self.latents = nn.Parameter(torch.zeros(1, queries, width))
        self.proj_in = nn.Linear(hidden, width)
        self.proj_out = nn.Linear(width, out)
        self.norm_out = nn.LayerNorm(out)
        self.layers = nn.ModuleList(
            nn.ModuleList([PerceiverAttention(width, heads), _feed_forward(width, ff)]) for _ in range(depth)
        )

    @classmethod
    def from_state(cls, state: dict[str, torch.Tensor]) -> Resampler:
        """Sizes read from the tensors: queries and width from ``latents``, depth from ``layers.N``."""
        _, queries, width = state["latents"].shape
        depth = len({key.split(".")[1] for key in state if key.startswith("layers.")})
        heads = state["layers.0.0.to_q.weight"].shape[0] // RESAMPLER_HEAD_WIDTH
        hidden, out = state["proj_in.weight"].shape[1], state["proj_out.weight"].shape[0]
        return cls(hidden, width, out, queries, depth, heads, state["layers.0.1.1.weight"].shape[0])

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        latents = self.latents.repeat(features.shape[0], 1, 1)
        features = self.proj_in(features)
        for block in self.layers:
            assert isinstance(block, nn.ModuleList)
            latents = block[0](features, latents) + latents
            latents = block[1](latents) + latents
        return self.norm_out(self.proj_out(latents))  # type: ignore[no-any-return]
