"""Regional prompts for the SD family: several prompts, each conditioning only its own region of the image.

The prompts of one side of guidance (positive or negative) are concatenated along the token axis into one
conditioning, each keeping its token range and region mask. While the UNet runs, a wrapper around the
processor of every cross-attention layer adds an attention bias that hides from each latent pixel (a query)
the tokens of every region it lies outside; a prompt without a mask (the global prompt) conditions what no
region covers. Masks are resized to each attention map's size (the UNet halves the latents at each down
block, rounding up), so the regions hold at every resolution. A region's prompt marked ``auto_negative``
is also used as a negative prompt outside its region, pushing that content out of the rest of the image.

For SDXL the pooled embedding and size conditioning come from the first global prompt (else the first
prompt), as they describe the whole image. A pixel that no prompt conditions (regions only, none covering
it) sees every prompt rather than none. With one prompt per side and no mask nothing here runs, so the
plain path is unchanged.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError
from impasto.generation.sd.cond_batch import ConditioningMismatchError
from impasto.generation.sd.cond_data import Conditioning

if TYPE_CHECKING:
    import torch

HIDDEN = -10000.0
"""Attention bias of a hidden token: its softmax weight underflows to exactly 0 in float32."""
_INSIDE = 0.5
"""A pixel is in a region where the region's resized mask reaches this value."""

Prompts = Conditioning | Sequence[Conditioning]


@dataclass(frozen=True)
class TokenRange:
    """One prompt's tokens in a side's concatenated conditioning, and where it applies."""

    start: int
    end: int
    mask: torch.Tensor | None  # (1, 1, h, w) in [0, 1]; None: the global prompt


@dataclass
class RegionalPrompts:
    """The run's regions on both sides of guidance, and the attention bias they make at each resolution."""

    negative: tuple[TokenRange, ...]
    positive: tuple[TokenRange, ...]
    latent_size: tuple[int, int]  # (h, w) of the latents the UNet denoises
    _biases: dict[tuple[Any, ...], torch.Tensor] = field(default_factory=dict, repr=False)

    def bias(self, queries: int, rows: int, keys: int, like: torch.Tensor) -> torch.Tensor:
        """The (rows, queries, keys) attention bias for a cross-attention call; rows is 2 (negative,
        positive) or 1 (positive only). Computed once per resolution and batch, then reused."""
        cache_key = (queries, rows, keys, like.dtype, like.device)
        if cache_key not in self._biases:
            sides = {2: (self.negative, self.positive), 1: (self.positive,)}.get(rows)
            if sides is None:
                raise ValueError(f"regional prompts expect a batch of 1 or 2 rows, got {rows}")
            size = attention_size(self.latent_size, queries)
            allowed = [_allowed(ranges, size, keys) for ranges in sides]
            hidden = ~_stack(allowed)  # (rows, queries, keys)
            self._biases[cache_key] = (hidden.to(like.dtype) * HIDDEN).to(like.device)
        return self._biases[cache_key]

    @contextmanager
    def applied(self, unet: Any) -> Iterator[None]:
        """Wrap the processors of ``unet``'s cross-attention layers for the run; restored afterwards."""
        originals = [(module, module.processor) for module in _cross_attention_layers(unet)]
        try:
            for module, processor in originals:
                module.set_processor(RegionalAttention(processor, self))
            yield
        finally:
            for module, processor in originals:
                module.set_processor(processor)


def _cross_attention_layers(unet: Any) -> list[Any]:
    from diffusers.models.attention_processor import Attention

    return [m for m in unet.modules() if isinstance(m, Attention) and m.is_cross_attention]


class RegionalAttention:
    """A cross-attention processor that adds the regional bias to the mask and calls the one it wraps."""

    def __init__(self, inner: Any, regions: RegionalPrompts) -> None:
        self.inner = inner
        self.regions = regions

    def __call__(
        self,
        attn: Any,
        hidden_states: torch.Tensor,
        encoder_hidden_states: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if encoder_hidden_states is not None:
            queries = (
                math.prod(hidden_states.shape[2:]) if hidden_states.ndim == 4 else hidden_states.shape[1]
            )
            bias = self.regions.bias(
                int(queries), hidden_states.shape[0], encoder_hidden_states.shape[1], hidden_states
            )
            # The UNet's padding mask is (B, 1, keys); the sum is (B, queries, keys), which the wrapped
            # processor repeats per head like any other mask.
            attention_mask = bias if attention_mask is None else attention_mask + bias
        return self.inner(attn, hidden_states, encoder_hidden_states, attention_mask, *args, **kwargs)


def attention_size(latent_size: tuple[int, int], queries: int) -> tuple[int, int]:
    """The (h, w) of an attention map with ``queries`` pixels: the latents halved (rounding up, as a
    stride-2 convolution with padding 1 does) until that many pixels are left."""
    height, width = latent_size
    while height * width > queries:
        height, width = math.ceil(height / 2), math.ceil(width / 2)
    if height * width != queries:
        raise ValueError(f"no halving of {latent_size} latents has {queries} pixels")
    return height, width


def region_at(mask: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    """Which of the (h * w,) pixels of an attention map of ``size`` lie in the region of ``mask``."""
    from torch.nn.functional import interpolate

    resized = interpolate(mask.float(), size=size, mode="area")
    return resized.flatten() >= _INSIDE


def _stack(tensors: list[torch.Tensor]) -> torch.Tensor:
    import torch

    return torch.stack(tensors)


def _allowed(ranges: tuple[TokenRange, ...], size: tuple[int, int], keys: int) -> torch.Tensor:
    """(pixels, keys): which tokens each pixel attends to. Padding beyond the side's own tokens stays
    allowed here; the UNet's padding mask hides it."""
    import torch

    pixels = size[0] * size[1]
    allowed = torch.zeros(pixels, keys, dtype=torch.bool)
    covered = torch.zeros(pixels, dtype=torch.bool)
    for span in ranges:
        if span.mask is not None:
            inside = region_at(span.mask, size)
            allowed[:, span.start : span.end] |= inside[:, None]
            covered |= inside
    for span in ranges:
        if span.mask is None:
            allowed[:, span.start : span.end] |= ~covered[:, None]
    allowed[~allowed.any(dim=1)] = True  # nothing conditions these pixels: let them see every prompt
    end = max(span.end for span in ranges)
    allowed[:, end:] = True
    return allowed


def prepare_regions(
    positive: Prompts, negative: Prompts, latent_size: tuple[int, int]
) -> tuple[Conditioning, Conditioning, RegionalPrompts | None]:
    """One conditioning per side, and the regions for latents of ``latent_size`` (h, w); None on the
    plain path (one prompt a side, neither masked), where the conditionings are returned as they are."""
    positives, negatives = _listed(positive, "positive"), _listed(negative, "negative")
    if len(positives) == len(negatives) == 1 and positives[0].mask is None and negatives[0].mask is None:
        return positives[0], negatives[0], None
    negatives += [
        dataclasses.replace(cond, mask=1 - cond.mask.float(), auto_negative=False)
        for cond in positives
        if cond.auto_negative and cond.mask is not None
    ]
    positive_cond, positive_ranges = _concatenate(positives, "positive")
    negative_cond, negative_ranges = _concatenate(negatives, "negative")
    return positive_cond, negative_cond, RegionalPrompts(negative_ranges, positive_ranges, latent_size)


def _listed(prompts: Prompts, side: str) -> list[Conditioning]:
    listed = list(prompts) if isinstance(prompts, Sequence) else [prompts]
    if not listed:
        raise InvalidInputError(f"the {side} conditioning collection is empty: connect at least one prompt")
    return listed


def _concatenate(conds: list[Conditioning], side: str) -> tuple[Conditioning, tuple[TokenRange, ...]]:
    """The side's prompts as one conditioning along the token axis, with each prompt's token range."""
    import torch

    kinds, widths = {type(c) for c in conds}, {c.embeds.shape[-1] for c in conds}
    if len(kinds) > 1 or len(widths) > 1:
        raise ConditioningMismatchError(
            f"the {side} prompts were encoded for different models (kinds "
            f"{sorted(k.__name__ for k in kinds)}, widths {sorted(widths)}): encode them all for this model"
        )
    ranges, start = [], 0
    for cond in conds:
        _check_mask(cond.mask, side)
        ranges.append(TokenRange(start, start + cond.embeds.shape[1], cond.mask))
        start += cond.embeds.shape[1]
    lead = next((c for c in conds if c.mask is None), conds[0])
    embeds = torch.cat([c.embeds.to(lead.embeds.dtype) for c in conds], dim=1)  # (1, sum of tokens, width)
    return dataclasses.replace(lead, embeds=embeds, mask=None, auto_negative=False), tuple(ranges)


def _check_mask(mask: torch.Tensor | None, side: str) -> None:
    if mask is not None and (mask.dim() != 4 or mask.shape[:2] != (1, 1)):
        raise InvalidInputError(
            f"a {side} prompt's region mask has shape {tuple(mask.shape)}; region masks are (1, 1, h, w)"
        )
