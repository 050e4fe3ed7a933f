"""Stopping a long model pass within moments of a cancellation or a shutdown.

One denoise step or VAE pass at a large size is one call into the model that runs for seconds, on a CPU
for minutes. Checking for cancellation between steps is not enough, so while a run holds a model:

- every convolution and linear layer asks the run's cancellation check before it runs (a forward
  pre-hook; a check is a flag test, and a look at the stored queue item at most twice a second);
- attention over many tokens, the one operation whose time grows with the square of the image size, runs
  in slices of queries with a check between slices (not on CUDA, where a whole step takes moments). Each
  query row of attention depends only on its own query, so the slices compute exactly what one call
  computes, in bounded memory too.

The hooks and the slicing processors are put on the model for the run only and always taken off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

SLICE_WORK = 2**31
"""Multiply-adds of one attention slice: a small fraction of a second on a CPU core."""
MIN_SLICE = 256
"""Fewest queries per slice (smaller slices run the kernel inefficiently)."""


IN_PASS_PIXELS = 256 * 256
"""Image size (pixels) from which one pass can take long enough on a CPU to need checks inside it; below
it the checks between steps and passes answer within moments, and the hooks' small cost is saved."""


@contextmanager
def interruptible(module: Any, check: Callable[[], None] | None, pixels: int | None = None) -> Iterator[Any]:
    """``module`` with cancellation checks in its layers and sliced attention, for the block only.

    ``pixels`` is the size of the image the passes work on; small images (and a run without a check) get
    the module as it is.
    """
    if check is None or (pixels is not None and pixels < IN_PASS_PIXELS):
        yield module
        return
    import torch

    handles = [
        child.register_forward_pre_hook(lambda _module, _args: check())
        for child in module.modules()
        if isinstance(child, torch.nn.Conv2d | torch.nn.Linear)
    ]
    replaced = _slice_attention(module, check) if not _on_cuda(module) else {}
    try:
        yield module
    finally:
        for handle in handles:
            handle.remove()
        if replaced:
            module.set_attn_processor(replaced)


def _on_cuda(module: Any) -> bool:
    """A CUDA device runs a whole step in moments and attention fastest in one kernel, so it is not sliced."""
    parameter = next(iter(module.parameters()), None) if hasattr(module, "parameters") else None
    return parameter is not None and parameter.device.type == "cuda"


def _slice_attention(module: Any, check: Callable[[], None]) -> dict[str, Any]:
    """Put a slicing processor on every attention layer that runs diffusers' default SDPA processor;
    answers every layer's previous processor (to restore them), or {} when nothing was replaced."""
    current = getattr(module, "attn_processors", None)
    if not current:
        return {}
    from diffusers.models.attention_processor import AttnProcessor2_0

    if not any(type(p) is AttnProcessor2_0 for p in current.values()):
        return {}
    sliced = {
        name: SlicedAttnProcessor(check) if type(processor) is AttnProcessor2_0 else processor
        for name, processor in current.items()
    }
    module.set_attn_processor(sliced)
    return dict(current)


class SlicedAttnProcessor:
    """diffusers' ``AttnProcessor2_0``, with the attention itself computed in slices of queries and a
    cancellation check between them."""

    def __init__(self, check: Callable[[], None]) -> None:
        self.check = check

    def __call__(
        self,
        attn: Any,
        hidden_states: torch.Tensor,
        encoder_hidden_states: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
        temb: torch.Tensor | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> torch.Tensor:
        residual = hidden_states
        if attn.spatial_norm is not None:
            hidden_states = attn.spatial_norm(hidden_states, temb)
        shape = hidden_states.shape
        if hidden_states.ndim == 4:  # (B, C, H, W) -> (B, H*W, C)
            hidden_states = hidden_states.view(shape[0], shape[1], -1).transpose(1, 2)
        batch = hidden_states.shape[0]
        context = hidden_states if encoder_hidden_states is None else encoder_hidden_states
        if attention_mask is not None:
            attention_mask = attn.prepare_attention_mask(attention_mask, context.shape[1], batch)
            attention_mask = attention_mask.view(batch, attn.heads, -1, attention_mask.shape[-1])
        if attn.group_norm is not None:
            hidden_states = attn.group_norm(hidden_states.transpose(1, 2)).transpose(1, 2)
        if encoder_hidden_states is None:
            context = hidden_states
        elif attn.norm_cross:
            context = attn.norm_encoder_hidden_states(context)
        query, key, value = attn.to_q(hidden_states), attn.to_k(context), attn.to_v(context)
        head_dim = key.shape[-1] // attn.heads
        query, key, value = (
            t.view(batch, -1, attn.heads, head_dim).transpose(1, 2) for t in (query, key, value)
        )
        if attn.norm_q is not None:
            query = attn.norm_q(query)
        if attn.norm_k is not None:
            key = attn.norm_k(key)
        out = self._attention(query, key, value, attention_mask)  # (B, heads, N, head_dim)
        out = out.transpose(1, 2).reshape(batch, -1, attn.heads * head_dim).to(query.dtype)
        out = attn.to_out[1](attn.to_out[0](out))
        if len(shape) == 4:
            out = out.transpose(-1, -2).reshape(shape)
        if attn.residual_connection:
            out = out + residual
        return out / attn.rescale_output_factor  # type: ignore[no-any-return]

    def _attention(
        self, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor, mask: torch.Tensor | None
    ) -> torch.Tensor:
        import torch
        import torch.nn.functional as F  # noqa: N812 - torch's own alias

        batch, heads, queries, dim = query.shape
        size = max(MIN_SLICE, SLICE_WORK // max(1, batch * heads * key.shape[2] * dim))
        if size >= queries:
            return F.scaled_dot_product_attention(query, key, value, attn_mask=mask)
        parts = []
        for start in range(0, queries, size):
            self.check()
            part_mask = mask[:, :, start : start + size] if mask is not None and mask.shape[2] > 1 else mask
            parts.append(
                F.scaled_dot_product_attention(
                    query[:, :, start : start + size], key, value, attn_mask=part_mask
                )
            )
        return torch.cat(parts, dim=2)
