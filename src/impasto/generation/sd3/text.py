"""SD 3 prompt encoding, as diffusers' ``StableDiffusion3Pipeline.encode_prompt`` does it.

CLIP-L and CLIP-G each read the prompt padded to 77 tokens; their penultimate hidden states (an earlier
one with CLIP skip) are concatenated per token, their pooled projected outputs side by side. T5 reads it
padded to ``max_sequence_length`` tokens (256) with its end-of-sequence token. The prompt is used as it
is: no weighting syntax (compel does not know SD 3's encoders).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.generation.runtime import ModelSource, Part, StepHooks, execution_device
from impasto.generation.sd3.conditioning import SD3Conditioning

if TYPE_CHECKING:
    import torch

    from impasto.generation.memory import MemoryGuard

logger = logging.getLogger(__name__)

T5_TOKENS = 256
"""T5's sequence length (diffusers' ``max_sequence_length`` default); 512 at most."""


@dataclass(frozen=True)
class Encoder:
    """A text encoder and its tokenizer; ``skipped_layers`` is CLIP skip (CLIP encoders only)."""

    tokenizer: Part
    encoder: Part
    skipped_layers: int = 0


@dataclass(frozen=True)
class SD3TextSpec:
    """The encoders of one SD 3 prompt; without ``t5`` its tokens are zeros, as in diffusers."""

    clip_l: Encoder
    clip_g: Encoder
    t5: Encoder | None = None
    t5_tokens: int = T5_TOKENS


def run_sd3_text_encoder(
    models: ModelSource, spec: SD3TextSpec, prompt: str, hooks: StepHooks
) -> SD3Conditioning:
    """Encode ``prompt``; the conditioning's tensors are on the CPU."""
    import torch

    from impasto.generation.memory import out_of_memory_guard

    with out_of_memory_guard("encoding a prompt") as guard:
        l_embeds, l_pooled = _clip(models, spec.clip_l, prompt, hooks, guard)
        g_embeds, g_pooled = _clip(models, spec.clip_g, prompt, hooks, guard)
        t5 = _t5(models, spec.t5, prompt, spec.t5_tokens, hooks, guard) if spec.t5 is not None else None
    return SD3Conditioning(
        clip_embeds=torch.cat([l_embeds, g_embeds.to(l_embeds.dtype)], dim=-1),  # (1, 77, 2048)
        pooled=torch.cat([l_pooled, g_pooled.to(l_pooled.dtype)], dim=-1),  # (1, 2048)
        t5_embeds=t5,
        t5_tokens=spec.t5_tokens,
    )


def _clip(
    models: ModelSource, parts: Encoder, prompt: str, hooks: StepHooks, guard: MemoryGuard
) -> tuple[torch.Tensor, torch.Tensor]:
    """A CLIP encoder's chosen hidden state (1, 77, width) and pooled projection (1, width)."""
    import torch

    tokenizer = models.load(parts.tokenizer.key, parts.tokenizer.submodel).model
    length = int(tokenizer.model_max_length)
    ids = _tokens(tokenizer, prompt, length)
    loaded = guard.track(models.load(parts.encoder.key, parts.encoder.submodel))
    device = execution_device(loaded, hooks.device)
    if hooks.check_cancel is not None:
        hooks.check_cancel()
    with loaded.lock() as encoder, torch.no_grad():
        output = encoder(ids.to(device), output_hidden_states=True)
        hidden = output.hidden_states[-(parts.skipped_layers + 2)]
        return hidden.detach().to("cpu"), output[0].detach().to("cpu")


def _t5(
    models: ModelSource, parts: Encoder, prompt: str, length: int, hooks: StepHooks, guard: MemoryGuard
) -> torch.Tensor:
    """T5's last hidden state (1, length, 4096)."""
    import torch

    tokenizer = models.load(parts.tokenizer.key, parts.tokenizer.submodel).model
    ids = _tokens(tokenizer, prompt, length, add_special_tokens=True)
    loaded = guard.track(models.load(parts.encoder.key, parts.encoder.submodel))
    device = execution_device(loaded, hooks.device)
    if hooks.check_cancel is not None:
        hooks.check_cancel()
    with loaded.lock() as encoder, torch.no_grad():
        return encoder(ids.to(device))[0].detach().to("cpu")  # type: ignore[no-any-return]


def _tokens(tokenizer: Any, prompt: str, length: int, **kwargs: Any) -> torch.Tensor:
    """Token ids (1, length), padded and cut to ``length``; a cut is logged with what was dropped."""
    ids: torch.Tensor = tokenizer(
        prompt, padding="max_length", max_length=length, truncation=True, return_tensors="pt", **kwargs
    ).input_ids
    full = tokenizer(prompt, padding="longest", return_tensors="pt", **kwargs).input_ids
    if full.shape[-1] > ids.shape[-1]:
        dropped = tokenizer.batch_decode(full[:, length - 1 : -1])
        logger.warning("the prompt was cut to %d tokens; dropped: %s", length, dropped)
    return ids
