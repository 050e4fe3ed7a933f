"""Small but real tokenizers for the tiny pipelines.

The CLIP tokenizer uses the real CLIP byte-pair vocabulary (Impasto builds it from ``open_clip_torch``'s
package data) cut down to its first merges, so prompts split into genuine CLIP pieces while the embedding
table stays small. The T5 tokenizer is a tiny unigram vocabulary built in code.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from transformers import CLIPTokenizer, T5Tokenizer

from impasto.models.loaders.clip_tokenizer import byte_characters, clip_vocabulary

CLIP_VOCAB_SIZE = 1000
CLIP_BOS_ID = CLIP_VOCAB_SIZE - 2
CLIP_EOS_ID = CLIP_VOCAB_SIZE - 1
CLIP_MAX_LENGTH = 77
_BYTE_TOKENS = 256

T5_WORDS = ("a", "cat", "dog", "red", "blue", "on", "the", "photo", "of", "in", "with", "and")
T5_MAX_LENGTH = 32


@lru_cache(maxsize=1)
def clip_vocab_and_merges() -> tuple[dict[str, int], tuple[str, ...]]:
    """The first ``CLIP_VOCAB_SIZE`` tokens of CLIP's vocabulary, built the way CLIP builds it."""
    n_merges = CLIP_VOCAB_SIZE - 2 * _BYTE_TOKENS - 2
    _, all_merges = clip_vocabulary()
    merges = tuple(f"{left} {right}" for left, right in all_merges[:n_merges])
    chars = byte_characters()
    tokens = [*chars, *(c + "</w>" for c in chars), *(m.replace(" ", "") for m in merges)]
    tokens += ["<|startoftext|>", "<|endoftext|>"]
    return {t: i for i, t in enumerate(tokens)}, merges


def clip_tokenizer(*, pad_with_eos: bool = True) -> CLIPTokenizer:
    """A CLIP tokenizer; SD 1.x pads with ``<|endoftext|>``, SD 2.x / SDXL's second encoder with ``!``."""
    vocab, merges = clip_vocab_and_merges()
    pairs: Any = [tuple(m.split(" ")) for m in merges]  # the BPE backend wants (left, right) pairs
    return CLIPTokenizer(
        vocab=dict(vocab),
        merges=pairs,
        pad_token="<|endoftext|>" if pad_with_eos else "!",
        model_max_length=CLIP_MAX_LENGTH,
    )


def t5_tokenizer() -> T5Tokenizer:
    """A tiny unigram T5 tokenizer (pad 0, eos 1, unk 2, then a few words and the 100 sentinels)."""
    pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("▁", -2.0)]
    pieces += [(f"▁{word}", -3.0 - i / 100) for i, word in enumerate(T5_WORDS)]
    pieces += [(chr(c), -8.0) for c in range(ord("a"), ord("z") + 1)]
    return T5Tokenizer(vocab=pieces, model_max_length=T5_MAX_LENGTH)


def t5_vocab_size() -> int:
    """Rows the T5 embedding needs: the pieces plus the sentinel tokens."""
    return len(t5_tokenizer())
