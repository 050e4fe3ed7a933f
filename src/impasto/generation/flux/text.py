"""Encoding a prompt for FLUX, as diffusers' ``FluxPipeline.encode_prompt`` does.

CLIP-L reads the prompt padded to its 77 tokens and contributes its pooled output; T5 reads it padded
(and cut) to the maximum sequence length, 256 tokens for schnell and 512 for dev, and contributes every
token's embedding. Text past either limit is dropped, with a warning in the log.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError
from impasto.generation.flux.conditioning import FluxConditioning
from impasto.generation.runtime import ModelSource, StepHooks, execution_device

if TYPE_CHECKING:
    import torch

    from impasto.generation.flux.specs import FluxTextSpec

logger = logging.getLogger(__name__)

T5_MAX_SEQ_LEN = 512
SCHNELL_MAX_SEQ_LEN = 256


def _ids(tokenizer: Any, prompt: str, length: int, what: str) -> torch.Tensor:
    """Token ids padded and cut to ``length``; warns when the prompt was cut."""
    ids: torch.Tensor = tokenizer(
        prompt, padding="max_length", max_length=length, truncation=True, return_tensors="pt"
    ).input_ids
    full = tokenizer(prompt, padding="longest", return_tensors="pt").input_ids
    if full.shape[-1] > ids.shape[-1]:
        logger.warning("the prompt is longer than %s's %d tokens; the rest is ignored", what, length)
    return ids


def clip_pooled(tokenizer: Any, encoder: Any, prompt: str, device: torch.device) -> torch.Tensor:
    """(1, 768): CLIP-L's pooled output for ``prompt``."""
    ids = _ids(tokenizer, prompt, int(tokenizer.model_max_length), "CLIP")
    output = encoder(ids.to(device), output_hidden_states=False)
    return output.pooler_output.to(dtype=encoder.dtype)  # type: ignore[no-any-return]


def t5_embeds(
    tokenizer: Any, encoder: Any, prompt: str, max_seq_len: int, device: torch.device
) -> torch.Tensor:
    """(1, max_seq_len, 4096): T5's embedding of every token of ``prompt``."""
    if not 1 <= max_seq_len <= T5_MAX_SEQ_LEN:
        raise InvalidInputError(f"t5_max_seq_len must be from 1 to {T5_MAX_SEQ_LEN} (got {max_seq_len})")
    ids = _ids(tokenizer, prompt, max_seq_len, "T5")
    return encoder(ids.to(device), output_hidden_states=False)[0].to(dtype=encoder.dtype)  # type: ignore[no-any-return]


def encode_flux_prompt(
    clip: tuple[Any, Any], t5: tuple[Any, Any], prompt: str, max_seq_len: int, device: torch.device
) -> FluxConditioning:
    """The conditioning of ``prompt`` from (tokenizer, encoder) pairs of CLIP-L and T5, on the CPU."""
    import torch

    with torch.no_grad():
        pooled = clip_pooled(*clip, prompt, device)
        embeds = t5_embeds(*t5, prompt, max_seq_len, device)
    return FluxConditioning(t5_embeds=embeds.to("cpu"), clip_pooled=pooled.to("cpu"))


def run_flux_text_encoder(
    models: ModelSource, spec: FluxTextSpec, prompt: str, hooks: StepHooks
) -> FluxConditioning:
    """Load both encoders (CLIP with its LoRAs for the run) and encode ``prompt``."""
    from impasto.generation.flux.lora import apply_flux_loras
    from impasto.generation.flux.run import load_flux_loras
    from impasto.generation.memory import out_of_memory_guard

    with out_of_memory_guard("encoding the prompt") as guard:
        loras = load_flux_loras(models, spec.clip_loras, guard)
        clip_tokenizer = models.load(spec.clip_tokenizer.key, spec.clip_tokenizer.submodel).model
        t5_tokenizer = models.load(spec.t5_tokenizer.key, spec.t5_tokenizer.submodel).model
        clip_loaded = guard.track(models.load(spec.clip_encoder.key, spec.clip_encoder.submodel))
        t5_loaded = guard.track(models.load(spec.t5_encoder.key, spec.t5_encoder.submodel))
        if hooks.check_cancel is not None:
            hooks.check_cancel()
        with ExitStack() as stack:
            clip = stack.enter_context(clip_loaded.lock())
            stack.enter_context(apply_flux_loras(clip, loras, "clip"))
            device = execution_device(clip_loaded, hooks.device)
            with torch_no_grad():
                pooled = clip_pooled(clip_tokenizer, clip, prompt, device).to("cpu")
        with t5_loaded.lock() as t5, torch_no_grad():
            embeds = t5_embeds(
                t5_tokenizer, t5, prompt, spec.max_seq_len, execution_device(t5_loaded, hooks.device)
            )
        return FluxConditioning(t5_embeds=embeds.to("cpu"), clip_pooled=pooled)


def torch_no_grad() -> Any:
    import torch

    return torch.no_grad()
