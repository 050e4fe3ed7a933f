"""Prompt encoding with compel: weighting syntax, long prompts, CLIP skip, embeddings and text-encoder LoRAs.

compel parses the prompt syntax (``word+``, ``(words)1.3``, ``.blend()``, ``.and()``, escapes) and splits long
prompts into windows of the tokenizer's length, each encoded on its own (``truncate_long_prompts=False``).
compel calls the text encoder through :class:`EncoderRunner`, which runs it on the execution device and
applies CLIP skip by reading an earlier hidden state, so the cached encoder keeps all its layers.

SD 1.x / 2.x use the last hidden state (final layer norm applied); SDXL's encoders the penultimate one
without the norm, and the second encoder's pooled, projected output. With CLIP skip or embeddings in the
prompt, the pooled output is computed here from the kept hidden state at the first end-of-text token
(transformers finds it by the largest id for older configs, which an added embedding token would win).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch
    from torch import nn

    from impasto.generation.sd.cond_data import SDXLConditioning
    from impasto.generation.sd.textual_inversion import Embedding
    from impasto.models.loaders.adapters import LoraModel
    from impasto.models.loaders.service import LoadedModel
    from impasto.models.taxonomy import BaseModelType

logger = logging.getLogger(__name__)

HiddenState = Literal["last", "penultimate"]
"""Which encoder output becomes the conditioning: SD 1.x/2.x ``last`` (normalised), SDXL ``penultimate``."""
EncoderSlot = Literal["text_encoder", "text_encoder_2"]


class PromptSyntaxError(InvalidInputError):
    """A prompt could not be parsed; the message says where."""

    code = "invalid_prompt"


class ClipSkipError(InvalidInputError):
    """CLIP skip asks for more layers than the text encoder has."""

    code = "invalid_clip_skip"


@dataclass
class TextEncoder:
    """One text encoder of a model, with what to apply to it while it encodes."""

    tokenizer: LoadedModel
    encoder: LoadedModel
    base: BaseModelType
    slot: EncoderSlot = "text_encoder"
    loras: list[tuple[LoraModel, float]] = field(default_factory=list)
    embeddings: list[Embedding] = field(default_factory=list)
    skipped_layers: int = 0


@dataclass
class Encoded:
    """A prompt's per-token embeddings and, when asked for, the pooled embedding."""

    embeds: torch.Tensor  # (1, tokens, width)
    pooled: torch.Tensor | None = None  # (1, projection width)


def encode_prompt(text_encoder: TextEncoder, prompt: str, *, pooled: bool = False) -> Encoded:
    """Encode ``prompt`` (compel syntax) with one text encoder; ``pooled`` adds the pooled embedding."""
    import torch

    conjunction = parse_prompt(prompt)
    with prepared(text_encoder) as (compel, runner), torch.no_grad():
        embeds, _ = compel.build_conditioning_tensor_for_conjunction(conjunction)
        pooled_embeds = None
        if pooled:  # compel pools the prompt text as written, as InvokeAI does
            pooled_embeds = compel.conditioning_provider.get_pooled_embeddings([prompt], device=runner.device)
    return Encoded(embeds, pooled_embeds)


def encode_or_zeros(text_encoder: TextEncoder, prompt: str, *, pooled: bool = False) -> Encoded:
    """Like :func:`encode_prompt`, but an empty prompt gives zeros (SDXL's convention for "nothing")."""
    if prompt.strip():
        return encode_prompt(text_encoder, prompt, pooled=pooled)
    return empty_encoding(text_encoder, pooled=pooled)


def encode_sdxl(first: TextEncoder, second: TextEncoder, prompt: str, style: str = "") -> Encoded:
    """SDXL base conditioning: both encoders' embeddings side by side (768 + 1280 wide) and the second
    encoder's pooled output. The second encoder reads ``style`` when it is given, else the prompt."""
    import torch

    one = encode_or_zeros(first, prompt)
    two = encode_or_zeros(second, style if style.strip() else prompt, pooled=True)
    left, right = pad_tokens(one.embeds, two.embeds)
    return Encoded(torch.cat([left, right.to(left.device, left.dtype)], dim=-1), two.pooled)


def sdxl_conditioning(
    encoded: Encoded,
    original_size: tuple[int, int],
    crop_top_left: tuple[int, int],
    target_size: tuple[int, int],
    aesthetic_score: float | None = None,
) -> SDXLConditioning:
    """The stored SDXL conditioning of an encoding that has a pooled embedding; sizes are (height, width)."""
    from impasto.generation.sd.cond_data import SDXLConditioning

    if encoded.pooled is None:
        raise ValueError("SDXL conditioning needs the second text encoder's pooled embedding")
    return SDXLConditioning(
        embeds=encoded.embeds,
        pooled=encoded.pooled,
        original_size=original_size,
        crop_top_left=crop_top_left,
        target_size=target_size,
        aesthetic_score=aesthetic_score,
    )


def pad_tokens(first: torch.Tensor, second: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Two (1, tokens, width) tensors brought to the same token count by appending zero rows."""
    import torch

    length = max(first.shape[1], second.shape[1])

    def padded(tensor: torch.Tensor) -> torch.Tensor:
        missing = length - tensor.shape[1]
        if missing == 0:
            return tensor
        zeros = tensor.new_zeros((tensor.shape[0], missing, tensor.shape[2]))
        return torch.cat([tensor, zeros], dim=1)

    return padded(first), padded(second)


def empty_encoding(text_encoder: TextEncoder, *, pooled: bool = False) -> Encoded:
    """Zeros of one window in place of an empty prompt's encoding."""
    import torch

    model = text_encoder.encoder.model
    config = model.config
    length = window_length(text_encoder.tokenizer.model, model)
    dtype = _dtype_of(model)
    embeds = torch.zeros((1, length, int(config.hidden_size)), dtype=dtype)
    width = int(getattr(config, "projection_dim", None) or config.hidden_size)
    return Encoded(embeds, torch.zeros((1, width), dtype=dtype) if pooled else None)


def parse_prompt(prompt: str) -> Any:
    """compel's parse of the prompt; a syntax error becomes a :class:`PromptSyntaxError`.

    compel reads most malformed text (an unclosed parenthesis) as literal words; what it refuses, and
    ``.swap()`` (prompt-to-prompt editing, which the denoise loop does not do), are errors here.
    """
    from compel import Compel  # type: ignore[import-untyped]

    try:
        conjunction = Compel.parse_prompt_string(prompt)
    except Exception as exc:  # pyparsing's errors, and compel's ParsingException for misused operators
        raise PromptSyntaxError(f"the prompt could not be parsed: {exc}", {"prompt": prompt}) from exc
    if any(getattr(part, "wants_cross_attention_control", False) for part in conjunction.prompts):
        raise PromptSyntaxError(".swap() (prompt-to-prompt editing) is not supported", {"prompt": prompt})
    return conjunction


@contextmanager
def prepared(text_encoder: TextEncoder) -> Iterator[tuple[Any, EncoderRunner]]:
    """A compel instance over the locked encoder, with LoRAs and embeddings applied for the block."""
    from compel import Compel

    from impasto.generation.sd.lora import apply_loras
    from impasto.generation.sd.textual_inversion import embeddings_applied

    tokenizer = text_encoder.tokenizer.model
    with ExitStack() as stack:
        model = stack.enter_context(text_encoder.encoder.lock())
        if text_encoder.loras:
            stack.enter_context(
                apply_loras(model, text_encoder.loras, text_encoder.slot, base=text_encoder.base)
            )
        applied = stack.enter_context(
            embeddings_applied(tokenizer, model, text_encoder.embeddings, text_encoder.slot)
        )
        runner = EncoderRunner(
            model,
            execution_device(text_encoder.encoder, model),
            skipped_layers=text_encoder.skipped_layers,
            eos_token_id=applied.tokenizer.eos_token_id,
            recompute_pooled=bool(applied.token_ids),
        )
        compel = Compel(
            tokenizer=applied.tokenizer,
            text_encoder=runner,
            textual_inversion_manager=applied.expander,
            dtype_for_device_getter=lambda _device: runner.dtype,
            truncate_long_prompts=False,
            returned_embeddings_type=_returned_type(hidden_of(text_encoder)),
            device=runner.device,
            model_max_length=window_length(applied.tokenizer, model),
        )
        yield compel, runner


def hidden_of(text_encoder: TextEncoder) -> HiddenState:
    """SDXL's encoders (base and refiner) condition on the penultimate layer; SD 1.x / 2.x on the last."""
    from impasto.models.taxonomy import BaseModelType

    sdxl = text_encoder.base in (BaseModelType.SDXL, BaseModelType.SDXL_REFINER)
    return "penultimate" if sdxl else "last"


def _returned_type(hidden: HiddenState) -> Any:
    from compel import ReturnedEmbeddingsType

    if hidden == "penultimate":
        return ReturnedEmbeddingsType.PENULTIMATE_HIDDEN_STATES_NON_NORMALIZED
    return ReturnedEmbeddingsType.LAST_HIDDEN_STATES_NORMALIZED


def window_length(tokenizer: Any, model: Any) -> int:
    """Tokens per window: the tokenizer's length, capped by the encoder's positions (some tokenizers
    report a huge "no limit" length)."""
    positions = int(getattr(model.config, "max_position_embeddings", 0) or 0)
    length = int(getattr(tokenizer, "model_max_length", 0) or 0)
    if positions and (length <= 0 or length > positions):
        return positions
    if length <= 2:
        raise InvalidInputError(f"the tokenizer's length ({length}) leaves no room for a prompt")
    return length


def execution_device(loaded: LoadedModel, model: nn.Module) -> torch.device:
    """Where the locked model runs: the cache's execution device (a partially loaded model's parameters
    are not all there), else the device of its parameters."""
    device = getattr(loaded.cache, "execution_device", None)
    if device is not None:
        return device  # type: ignore[no-any-return]
    return next(model.parameters()).device


def _dtype_of(model: nn.Module) -> torch.dtype:
    return next(model.parameters()).dtype


class EncoderRunner:
    """The text encoder as compel calls it: on the execution device, with CLIP skip applied.

    compel reads ``last_hidden_state`` (SD 1.x/2.x), ``hidden_states[-2]`` (SDXL) or the pooled output;
    skipping ``k`` layers answers as if the encoder had ``k`` fewer, like removing them would.
    """

    def __init__(
        self,
        model: Any,
        device: torch.device,
        *,
        skipped_layers: int = 0,
        eos_token_id: int | None = None,
        recompute_pooled: bool = False,
    ) -> None:
        layers = int(model.config.num_hidden_layers)
        if skipped_layers >= layers:
            raise ClipSkipError(
                f"CLIP skip of {skipped_layers} layers: this text encoder has only {layers}; "
                f"skip at most {layers - 1}",
                {"skipped_layers": skipped_layers, "layers": layers},
            )
        self.model = model
        self.device = device
        self.dtype = _dtype_of(model)
        self.skipped_layers = skipped_layers
        self.eos_token_id = eos_token_id
        self.recompute = recompute_pooled or skipped_layers > 0

    def __call__(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        output_hidden_states: bool = False,
        return_dict: bool = True,
    ) -> Any:
        input_ids = input_ids.to(self.device)
        if attention_mask is not None:
            attention_mask = attention_mask.to(self.device)
        wants_states = output_hidden_states or self.recompute
        output = self.model(input_ids, attention_mask, output_hidden_states=wants_states, return_dict=True)
        if not self.recompute:
            return output
        return self._recomputed(output, input_ids)

    def _recomputed(self, output: Any, input_ids: torch.Tensor) -> Any:
        """The output of the encoder without its last ``skipped_layers`` layers, pooled at the end token."""
        import torch
        from transformers.modeling_outputs import BaseModelOutputWithPooling
        from transformers.models.clip.modeling_clip import CLIPTextModelOutput

        states = tuple(output.hidden_states[: len(output.hidden_states) - self.skipped_layers])
        core = getattr(self.model, "text_model", self.model)  # CLIPTextModelWithProjection wraps one
        last = core.final_layer_norm(states[-1])  # (B, tokens, width)
        rows = torch.arange(last.shape[0], device=last.device)
        pooled = last[rows, self._eos_positions(input_ids)]
        projection = getattr(self.model, "text_projection", None)
        if projection is not None:
            return CLIPTextModelOutput(
                text_embeds=projection(pooled), last_hidden_state=last, hidden_states=states
            )
        return BaseModelOutputWithPooling(last_hidden_state=last, pooler_output=pooled, hidden_states=states)

    def _eos_positions(self, input_ids: torch.Tensor) -> torch.Tensor:
        """Index of each row's first end-of-text token (the last token if there is none)."""
        if self.eos_token_id is None:
            return input_ids.new_full((input_ids.shape[0],), input_ids.shape[1] - 1)
        is_eos = (input_ids == self.eos_token_id).int()
        last = input_ids.new_full((input_ids.shape[0],), input_ids.shape[1] - 1)
        return is_eos.argmax(dim=-1).where(is_eos.any(dim=-1), last)
