"""Textual inversion: ``<name>`` in a prompt stands for learned embedding vectors.

The tokenizer and text encoder in the model cache are shared by every run, so an embedding may not be
added to them for good. Instead, for one encoding, a *copy* of the tokenizer learns a token per vector
(``<name>``, then ``<name>-!pad-1``... for multi-vector embeddings), and hooks on the text encoder's
embedding table swap those tokens' rows for the learned vectors. Leaving the block removes the hooks; the
cached tokenizer was never touched and the encoder's weights and shapes never change. (The hooks are on the
shared module while the block runs, as LoRA patches are: encodings with one encoder run one at a time.)

Which embedding a trigger names is decided by the model manager: an installed embedding whose name is the
trigger (any case), or one that lists the trigger among its trigger words. Embeddings of another base
are not used (the prompt keeps the text), as InvokeAI does, with a warning in the log.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from impasto.errors import InvalidInputError
from impasto.models.taxonomy import BaseModelType, ModelType

if TYPE_CHECKING:
    import torch
    from torch import nn

    from impasto.models.identity import ModelRecord

logger = logging.getLogger(__name__)

TRIGGER = re.compile(r"<([^<>\n]+)>")
"""``<name>``: a textual inversion trigger (names may hold spaces, dashes and dots)."""

_COMPATIBLE_BASES: dict[BaseModelType, tuple[BaseModelType, ...]] = {
    BaseModelType.SD1: (BaseModelType.SD1,),
    BaseModelType.SD2: (BaseModelType.SD2,),
    BaseModelType.SDXL: (BaseModelType.SDXL,),
    BaseModelType.SDXL_REFINER: (BaseModelType.SDXL, BaseModelType.SDXL_REFINER),
}


class EmbeddingMismatchError(InvalidInputError):
    """An embedding's vectors do not fit the text encoder they are used with."""

    code = "embedding_mismatch"


class EmbeddingSource(Protocol):
    """The model manager as far as finding and loading embeddings goes (the node context's ``models``)."""

    def search(
        self, *, type: str | None = None, base: str | None = None, name: str | None = None
    ) -> list[Any]:
        """Installed model records matching every given field."""
        ...

    def load(self, key: str, submodel: str | None = None) -> Any:
        """The loaded model (``.model`` is the object)."""
        ...


@dataclass(frozen=True)
class Embedding:
    """One trigger found in a prompt and the vectors it stands for, per text encoder."""

    trigger: str
    """The text between ``<`` and ``>`` as written in the prompt."""
    vectors: dict[str, torch.Tensor]
    """``text_encoder`` (and for SDXL ``text_encoder_2``) → (tokens, width)."""


def triggers_in(*prompts: str) -> list[str]:
    """The distinct ``<name>`` triggers of the prompts (in any case: the tokenizer lowercases), in order
    of first appearance."""
    found: dict[str, str] = {}
    for prompt in prompts:
        for match in TRIGGER.finditer(prompt):
            name = match.group(1).strip()
            found.setdefault(name.casefold(), name)
    return [name for name in found.values() if name]


def find_embeddings(models: EmbeddingSource, base: BaseModelType, *prompts: str) -> list[Embedding]:
    """The installed embeddings the prompts' triggers name that a ``base`` model can use."""
    triggers = triggers_in(*prompts)
    if not triggers:
        return []
    records: list[ModelRecord] = models.search(type=ModelType.EMBEDDING.value)
    found = []
    for trigger in triggers:
        record = _record_for(trigger, records, base)
        if record is not None:
            vectors = models.load(record.key).model.embeddings
            found.append(Embedding(trigger=trigger, vectors=dict(vectors)))
    return found


def _record_for(trigger: str, records: list[ModelRecord], base: BaseModelType) -> ModelRecord | None:
    """The embedding a trigger names: by model name first, then by trigger word; None if there is none."""
    wanted = trigger.casefold()
    by_name = [r for r in records if r.name.casefold() == wanted]
    by_word = [r for r in records if wanted in {w.strip().strip("<>").casefold() for w in r.trigger_words}]
    candidates = by_name + [r for r in by_word if r not in by_name]
    usable = [r for r in candidates if r.base in _COMPATIBLE_BASES.get(base, (base,))]
    if usable:
        return usable[0]
    if candidates:
        logger.warning(
            "embedding <%s> is for %s models and cannot be used with a %s model; the text is kept as it is",
            trigger,
            candidates[0].base,
            base,
        )
    return None


class TokenExpander:
    """Tells compel how many token ids an embedding's trigger token stands for."""

    def __init__(self, expansions: dict[int, list[int]]) -> None:
        self.expansions = expansions

    def expand_textual_inversion_token_ids_if_necessary(self, token_ids: list[int]) -> list[int]:
        expanded: list[int] = []
        for token_id in token_ids:
            expanded.extend(self.expansions.get(token_id, [token_id]))
        return expanded


@dataclass
class AppliedEmbeddings:
    """What encoding with embeddings uses: the tokenizer copy and the expander (None without embeddings)."""

    tokenizer: Any
    expander: TokenExpander | None
    token_ids: frozenset[int]
    """Ids of the added tokens; the encoder's input ids hold these where the vectors go."""


@contextmanager
def embeddings_applied(
    tokenizer: Any, encoder: nn.Module, embeddings: list[Embedding], slot: str
) -> Iterator[AppliedEmbeddings]:
    """Make ``embeddings`` usable in prompts for the block, without changing the cached models.

    ``slot`` names the vectors to use (``text_encoder`` or ``text_encoder_2``).
    """
    if not embeddings:
        yield AppliedEmbeddings(tokenizer, None, frozenset())
        return
    layer = input_embeddings(encoder)
    working = copy.deepcopy(tokenizer)
    rows: dict[int, torch.Tensor] = {}
    expansions: dict[int, list[int]] = {}
    for embedding in embeddings:
        vectors = _vectors_for(embedding, slot, int(layer.weight.shape[1]))
        ids = _add_tokens(working, embedding.trigger, int(vectors.shape[0]))
        expansions[ids[0]] = ids
        rows.update(zip(ids, vectors, strict=True))
    swap = _RowSwap(rows)
    handles = [layer.register_forward_pre_hook(swap.before), layer.register_forward_hook(swap.after)]
    try:
        yield AppliedEmbeddings(working, TokenExpander(expansions), frozenset(rows))
    finally:
        for handle in handles:
            handle.remove()


def input_embeddings(encoder: nn.Module) -> nn.Embedding:
    """The token embedding table of a CLIP text encoder (with or without projection)."""
    getter = getattr(encoder, "get_input_embeddings", None)
    layer = getter() if callable(getter) else None
    from torch import nn

    if not isinstance(layer, nn.Embedding):
        raise EmbeddingMismatchError(f"{type(encoder).__name__} has no token embedding table")
    return layer


def _vectors_for(embedding: Embedding, slot: str, width: int) -> torch.Tensor:
    vectors = embedding.vectors.get(slot)
    if vectors is None:
        names = ", ".join(embedding.vectors)
        raise EmbeddingMismatchError(
            f"embedding <{embedding.trigger}> has no vectors for {slot} (it has: {names})"
        )
    if vectors.dim() != 2 or int(vectors.shape[1]) != width:
        raise EmbeddingMismatchError(
            f"embedding <{embedding.trigger}> has vectors of shape {tuple(vectors.shape)}; "
            f"this text encoder needs width {width}"
        )
    return vectors


def _add_tokens(tokenizer: Any, trigger: str, count: int) -> list[int]:
    """Teach the tokenizer copy one token per vector; returns their ids (the trigger's first)."""
    tokens = [f"<{trigger}>", *(f"<{trigger}>-!pad-{index}" for index in range(1, count))]
    tokenizer.add_tokens(tokens)
    ids = [int(i) for i in tokenizer.convert_tokens_to_ids(tokens)]
    if len(set(ids)) != len(ids):
        raise EmbeddingMismatchError(f"embedding <{trigger}> clashes with a token the tokenizer has")
    return ids


class _RowSwap:
    """Hooks on the embedding table that swap the added tokens' rows for their vectors.

    The added ids may lie past the end of the table, so ``before`` looks them up as id 0 and keeps the
    real ids for ``after``, which writes the vectors over those rows of the output.
    """

    def __init__(self, rows: dict[int, torch.Tensor]) -> None:
        import torch

        ids = sorted(rows)
        self.known = torch.tensor(ids)
        self.vectors = torch.stack([rows[i] for i in ids])  # (added tokens, width)
        self.pending: list[torch.Tensor] = []

    def before(self, module: nn.Module, args: tuple[Any, ...]) -> tuple[Any, ...]:
        import torch

        input_ids = args[0]
        self.pending.append(input_ids)
        known = self.known.to(input_ids.device)
        return (torch.where(torch.isin(input_ids, known), 0, input_ids), *args[1:])

    def after(self, module: nn.Module, args: tuple[Any, ...], output: torch.Tensor) -> torch.Tensor:
        import torch

        input_ids = self.pending.pop()
        known = self.known.to(input_ids.device)
        where = torch.isin(input_ids, known)
        if not bool(where.any()):
            return output
        patched = output.clone()
        rows = torch.searchsorted(known, input_ids[where])
        patched[where] = self.vectors.to(output.device, output.dtype)[rows]
        return patched
