"""Regional prompts for FLUX: several prompts in one text stream, each kept to its region by a mask on
the joint attention.

FLUX has no cross-attention to mask: text and image tokens attend to each other in one sequence, text
first. So the prompts' T5 tokens are laid end to end (Redux image tokens count as one more prompt) and a
boolean (L, L) mask over the whole sequence says who may attend to whom:

- a prompt's tokens attend to themselves, never to another prompt's;
- a regional prompt and the image tokens of its region attend to each other, and image tokens within a
  region attend to each other;
- prompts without a mask are global: they condition the background, the image tokens no region covers,
  and the background's image tokens attend to every image token and are seen by every one (so regions
  keep a common context and the image stays one picture);
- reference tokens appended after the image (FLUX Kontext) attend to everything and are seen by all.

The mask goes on every other double-stream and single-stream block (the even ones, counting from 0);
the rest attend freely, which blends the regions' seams. This is the scheme InvokeAI found to work for
FLUX after the restricted mask of "Training-free Regional Prompting for Diffusion Transformers"
(arXiv 2411.02395). CLIP's pooled vector modulates every block and cannot be regional: the first global
prompt's is used, else the first prompt's.

When no prompt has a mask there is no mask at all and a single prompt runs exactly as without this
module, so plain generations are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError
from impasto.generation.flux.packing import text_ids

if TYPE_CHECKING:
    import torch

    from impasto.generation.flux.conditioning import FluxConditioning


@dataclass(frozen=True)
class TextSegment:
    """Tokens in FLUX's text stream: a prompt's T5 embeddings or Redux image tokens, with the region
    they condition ((1, 1, H, W) in 0 to 1; None: the whole image)."""

    embeds: torch.Tensor  # (1, tokens, 4096)
    mask: torch.Tensor | None = None


@dataclass(frozen=True)
class JointText:
    """The text stream one transformer pass takes, and the attention mask that keeps prompts regional."""

    embeds: torch.Tensor
    pooled: torch.Tensor
    ids: torch.Tensor
    attention: torch.Tensor | None  # bool (L, L), L = text + image (+ reference) tokens; None: unmasked


@dataclass(frozen=True)
class Layout:
    """Where the image tokens are: a rows x cols grid of packed tokens, then ``extra`` reference tokens."""

    rows: int
    cols: int
    extra: int = 0

    @property
    def image_tokens(self) -> int:
        return self.rows * self.cols + self.extra


def segments_of(prompts: Sequence[FluxConditioning], redux: Sequence[TextSegment] = ()) -> list[TextSegment]:
    """The prompts (then the Redux tokens) as text segments."""
    return [TextSegment(c.t5_embeds, c.mask) for c in prompts] + list(redux)


def joint_text(
    prompts: Sequence[FluxConditioning],
    redux: Sequence[TextSegment],
    layout: Layout,
    device: torch.device,
    dtype: torch.dtype,
) -> JointText:
    """The prompts and Redux tokens laid end to end, with their attention mask when any is regional."""
    import torch

    if not prompts:
        raise InvalidInputError("the conditioning collection is empty: connect at least one FLUX prompt")
    segments = segments_of(prompts, redux)
    embeds = torch.cat([s.embeds.to(device=device, dtype=dtype) for s in segments], dim=1)
    pooled = _pooled(prompts).to(device=device, dtype=dtype)
    ids = text_ids(int(embeds.shape[1]), device, dtype)
    attention = attention_mask(segments, layout, device)
    return JointText(embeds, pooled, ids, attention)


def _pooled(prompts: Sequence[FluxConditioning]) -> torch.Tensor:
    for prompt in prompts:
        if prompt.mask is None:
            return prompt.clip_pooled
    return prompts[0].clip_pooled


def attention_mask(
    segments: Sequence[TextSegment], layout: Layout, device: torch.device
) -> torch.Tensor | None:
    """The (L, L) mask described in the module docstring, or None when no segment has a region."""
    import torch

    regions = [_grid_mask(s.mask, layout, device) if s.mask is not None else None for s in segments]
    if all(region is None for region in regions):
        return None
    background = torch.ones(layout.rows * layout.cols, dtype=torch.bool, device=device)
    for region in regions:
        if region is not None:
            background &= ~region
    text = sum(int(s.embeds.shape[1]) for s in segments)
    grid = layout.rows * layout.cols
    allowed = torch.zeros(
        text + layout.image_tokens, text + layout.image_tokens, dtype=torch.bool, device=device
    )
    image = allowed[text : text + grid, text : text + grid]  # a view: writes go to ``allowed``
    start = 0
    for segment, region in zip(segments, regions, strict=True):
        end = start + int(segment.embeds.shape[1])
        covered = region if region is not None else background
        allowed[start:end, start:end] = True
        allowed[start:end, text : text + grid] = covered[None, :]
        allowed[text : text + grid, start:end] = covered[:, None]
        if region is not None:
            image |= region[:, None] & region[None, :]
        start = end
    image |= background[:, None] | background[None, :]
    allowed[text + grid :, :] = True  # reference tokens see everything and are seen by all
    allowed[:, text + grid :] = True
    return allowed


def _grid_mask(mask: torch.Tensor, layout: Layout, device: torch.device) -> torch.Tensor:
    """A region mask as one boolean per packed image token: covered where at least half of the token's
    pixels are in the region (area average, so thin shapes are judged by how much they cover)."""
    import torch
    from torch.nn import functional

    if mask.dim() != 4 or mask.shape[0] != 1 or mask.shape[1] != 1:
        raise InvalidInputError(f"a FLUX region mask must be (1, 1, H, W); got {tuple(mask.shape)}")
    grid = (layout.rows, layout.cols)
    resized = functional.interpolate(mask.to(device=device, dtype=torch.float32), size=grid, mode="area")
    return (resized >= 0.5).reshape(-1)


class _Switch:
    """The mask the wrapped attention layers use for the next transformer pass (None: none)."""

    def __init__(self) -> None:
        self.mask: torch.Tensor | None = None

    def use(self, mask: torch.Tensor | None) -> None:
        self.mask = mask


class _MaskedProcessor:
    """Wraps a FLUX attention processor so that it attends under the switch's current mask."""

    def __init__(self, inner: Any, switch: _Switch) -> None:
        self.inner = inner
        self.switch = switch

    def __call__(
        self,
        attn: Any,
        hidden_states: torch.Tensor,
        encoder_hidden_states: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
        image_rotary_emb: torch.Tensor | None = None,
    ) -> Any:
        mask = self.switch.mask if self.switch.mask is not None else attention_mask
        return self.inner(attn, hidden_states, encoder_hidden_states, mask, image_rotary_emb)


@contextmanager
def regional_attention(transformer: Any) -> Iterator[_Switch]:
    """Wrap the attention of the even double- and single-stream blocks for the run; the switch sets the
    mask before each pass. The original processors are put back however the run ends."""
    switch = _Switch()
    wrapped: list[tuple[Any, Any]] = []
    try:
        for blocks in (transformer.transformer_blocks, transformer.single_transformer_blocks):
            for block in list(blocks)[::2]:
                wrapped.append((block.attn, block.attn.processor))
                block.attn.processor = _MaskedProcessor(block.attn.processor, switch)
        yield switch
    finally:
        for attn, processor in wrapped:
            attn.processor = processor
