"""The demo model's tokenizer: the real 49,408-token CLIP BPE vocabulary, 16-token context.

The vocabulary is rebuilt from the BPE merges file that ``open_clip_torch`` ships, the same way CLIP
builds it, and saved once as ``vocab.json`` + ``merges.txt`` next to this module. Training reads only
those files, so the GPU machine needs neither open_clip nor a network.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import torch
from transformers import CLIPTokenizer

from tools.demo_model.scenes import MAX_TOKENS, all_captions

log = logging.getLogger(__name__)

TOKENIZER_DIR = Path(__file__).parent / "tokenizer"
VOCAB_SIZE = 49408
BOS_ID = 49406
EOS_ID = 49407  # also the padding token, as in Stable Diffusion 1.x


def clip_vocab_and_merges() -> tuple[dict[str, int], list[tuple[str, str]]]:
    """CLIP's vocabulary and merges, as Impasto builds them for single-file checkpoints.

    Imported here, not at the top: training reads the saved files and must run where only torch,
    transformers and diffusers are installed (the GPU machine), without Impasto's own dependencies.
    """
    from impasto.models.loaders.clip_tokenizer import clip_vocabulary

    vocab, merges = clip_vocabulary()
    return dict(vocab), list(merges)


def write_tokenizer_files(directory: Path = TOKENIZER_DIR) -> None:
    """Write ``vocab.json`` and ``merges.txt`` (Hugging Face's format for CLIP) into ``directory``."""
    vocab, merges = clip_vocab_and_merges()
    directory.mkdir(parents=True, exist_ok=True)
    text = json.dumps(vocab, ensure_ascii=False, separators=(",", ":"))
    (directory / "vocab.json").write_text(text + "\n", encoding="utf-8")
    body = "\n".join(f"{a} {b}" for a, b in merges)
    (directory / "merges.txt").write_text(f"#version: 0.2\n{body}\n", encoding="utf-8")
    log.info("wrote CLIP tokenizer files (%d tokens) to %s", len(vocab), directory)


def load_tokenizer(directory: Path = TOKENIZER_DIR) -> CLIPTokenizer:
    """The demo model's tokenizer, read from the saved vocabulary files."""
    if not (directory / "vocab.json").is_file():
        raise FileNotFoundError(
            f"{directory}/vocab.json is missing; run `python -m tools.demo_model tokenizer`"
        )
    try:
        tok: CLIPTokenizer = CLIPTokenizer.from_pretrained(str(directory), model_max_length=MAX_TOKENS)
    except (OSError, TypeError, ValueError) as e:  # another transformers 5.x loader: build it directly
        log.warning("CLIPTokenizer.from_pretrained failed (%s); building it from the files", e)
        vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        lines = (directory / "merges.txt").read_text(encoding="utf-8").splitlines()[1:]
        merges: Any = [(a, b) for a, b in (line.split() for line in lines if line)]  # annotated list[str]
        tok = CLIPTokenizer(vocab=vocab, merges=merges, model_max_length=MAX_TOKENS)
    if len(tok) != VOCAB_SIZE or tok.bos_token_id != BOS_ID or tok.eos_token_id != EOS_ID:
        raise ValueError(f"unexpected tokenizer in {directory}: size {len(tok)}")
    return tok


def tokenize(tokenizer: CLIPTokenizer, texts: list[str]) -> torch.Tensor:
    """Token ids (N, 16), padded the way the diffusers pipeline pads; raises if a text is too long."""
    enc = tokenizer(texts, padding="max_length", max_length=MAX_TOKENS, truncation=False)
    ids: list[list[int]] = enc["input_ids"]
    too_long = [t for t, row in zip(texts, ids, strict=True) if len(row) > MAX_TOKENS]
    if too_long:
        raise ValueError(f"captions longer than {MAX_TOKENS} tokens: {too_long[:3]}")
    return torch.tensor(ids, dtype=torch.long)


def caption_token_table(tokenizer: CLIPTokenizer) -> torch.Tensor:
    """Token ids of every caption in ``all_captions()`` order, plus the empty prompt as the last row."""
    return tokenize(tokenizer, [*all_captions(), ""])


def used_token_ids(table: torch.Tensor) -> torch.Tensor:
    """Sorted ids that occur in any caption (bos, eos/pad included): the embedding rows worth keeping."""
    ids: torch.Tensor = torch.unique(torch.cat([table.reshape(-1), torch.tensor([BOS_ID, EOS_ID])]))
    return ids
