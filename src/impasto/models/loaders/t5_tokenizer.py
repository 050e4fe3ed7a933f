"""The T5 v1.1 tokenizer of FLUX.1's (and SD 3's) T5-XXL text encoder, built offline from a shipped copy.

T5 encoder files (``t5xxl_fp16.safetensors``, float8 and GGUF versions) and all-in-one FLUX files carry
no tokenizer, and the hub copy cannot be downloaded. Every T5 v1.1 model shares one SentencePiece unigram
vocabulary: 32,000 pieces plus 100 sentinels ``<extra_id_0>``..``<extra_id_99>`` (ids 32099..32000), with
``<pad>`` 0, ``</s>`` 1 and ``<unk>`` 2. Unlike CLIP's, no installed package ships it, so
:mod:`impasto.models.configs` holds it as a gzipped ``tokenizers`` JSON (``t5/tokenizer.json.gz``,
600 KB instead of 2.4 MB). The decompressed text is kept once per process; each call builds a fresh
tokenizer from it (about 0.05 s), so a caller that changes its tokenizer cannot affect another's. In
transformers 5, ``T5Tokenizer`` is the ``tokenizers``-backed class (``T5TokenizerFast`` is its alias).
"""

from __future__ import annotations

import gzip
import zlib
from functools import lru_cache
from typing import TYPE_CHECKING

from impasto.models.configs import CONFIGS_ROOT
from impasto.models.loaders.base import ModelLoadError

if TYPE_CHECKING:
    from transformers import T5Tokenizer

TOKENIZER_FILE = CONFIGS_ROOT / "t5" / "tokenizer.json.gz"
VOCAB_SIZE = 32100
EXTRA_IDS = 100
MAX_LENGTH = 512  # T5 v1.1's model_max_length, as in FLUX.1's tokenizer_2 settings


@lru_cache(maxsize=1)
def t5_tokenizer_json() -> str:
    """The shipped tokenizer's JSON text, decompressed once per process."""
    try:
        return gzip.decompress(TOKENIZER_FILE.read_bytes()).decode("utf-8")
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        raise ModelLoadError(
            f"the shipped T5 tokenizer {TOKENIZER_FILE} could not be read ({exc}); reinstall Impasto"
        ) from exc


def t5_tokenizer(max_length: int | None = None) -> T5Tokenizer:
    """T5 v1.1's tokenizer, padding and truncating to ``max_length`` tokens (default T5's 512)."""
    from tokenizers import Tokenizer
    from transformers import T5Tokenizer

    if max_length is not None and max_length < 1:
        raise ValueError(f"max_length must be a positive number of tokens, not {max_length}")
    try:
        backend = Tokenizer.from_str(t5_tokenizer_json())
    except Exception as exc:  # the Rust library raises a bare Exception for malformed JSON
        raise ModelLoadError(f"the shipped T5 tokenizer {TOKENIZER_FILE} is not valid: {exc}") from exc
    tokenizer = T5Tokenizer(
        tokenizer_object=backend,
        model_max_length=max_length or MAX_LENGTH,
        pad_token="<pad>",
        eos_token="</s>",
        unk_token="<unk>",
        extra_ids=EXTRA_IDS,
    )
    if len(tokenizer) != VOCAB_SIZE:
        raise ModelLoadError(f"{TOKENIZER_FILE} gave {len(tokenizer)} tokens instead of T5's {VOCAB_SIZE}")
    return tokenizer
